using Microsoft.Playwright;

namespace ChatBot.IntegrationTests;

/// <summary>The reports page in headless Chromium: sign in, see the charts drawn, download the workbook.</summary>
public sealed class ReportBrowserTests : IAsyncLifetime
{
    private TestHost host = null!;
    private BrowserSession browser = null!;

    public async Task InitializeAsync()
    {
        host = await TestHost.StartAsync();
        await ReportSeed.WriteAsync(host);
        await StaffLogin.AddAccountAsync(host, "bao.cao");
        browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Staff_sign_in_see_the_SVG_charts_and_download_the_XLSX_with_the_right_totals()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
            Locale = "vi-VN",
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var policyViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                policyViolations.Add(message.Text);
            }
        };

        // Signed out, the reports page sends the officer to the login form and back after signing in.
        await page.GotoAsync(new Uri(host.BaseAddress, "/staff/reports").ToString());
        Assert.Contains("/staff/login", page.Url, StringComparison.Ordinal);
        await page.Locator("input[name=UserName]").FillAsync("bao.cao");
        await page.Locator("input[name=Password]").FillAsync(StaffLogin.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/reports", new() { Timeout = 15_000 });

        var chart = page.Locator("svg#chart-volume");
        await chart.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var box = await chart.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width > 300 && box.Height > 100, $"the chart is drawn at a readable size ({box.Width}×{box.Height})");
        Assert.Equal("img", await chart.GetAttributeAsync("role"));
        Assert.Contains("đã trả lời", await page.Locator("#chart-volume-title").TextContentAsync() ?? "", StringComparison.Ordinal);
        // The seeded day has answered and unanswered questions: at least two bar segments are drawn with a height.
        var bars = await chart.Locator("rect title").CountAsync();
        Assert.True(bars >= 2, $"bar segments: {bars}");
        Assert.True(await page.Locator("svg#chart-rates path").CountAsync() >= 1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ArtifactPath("staff-reports.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByText("Tải Excel (XLSX)").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        ReportSeed.AssertWorkbookTotals(await File.ReadAllBytesAsync(path));

        // The public page renders its chart without signing in and without breaking the content policy.
        var publicPage = await browser.Browser.NewPageAsync();
        publicPage.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                policyViolations.Add(message.Text);
            }
        };
        await publicPage.GotoAsync(new Uri(host.BaseAddress, "/phan-hoi").ToString());
        await publicPage.Locator("svg#chart-feedback").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await publicPage.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ArtifactPath("public-feedback.png"), FullPage = true });
        await publicPage.CloseAsync();

        Assert.Empty(policyViolations);
    }
}
