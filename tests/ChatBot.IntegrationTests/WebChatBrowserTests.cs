using Microsoft.Playwright;

namespace ChatBot.IntegrationTests;

/// <summary>The real Web Chat widget on the sample town page, in headless Chromium, against the real host.</summary>
public sealed class WebChatBrowserTests : IAsyncLifetime
{
    private TestHost host = null!;
    private BrowserSession browser = null!;

    public async Task InitializeAsync()
    {
        host = await TestHost.StartAsync();
        browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task A_resident_asks_without_diacritics_and_sees_the_answer_with_its_source_link()
    {
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 412, Height = 900 }, Locale = "vi-VN" });
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        // The host's content policy must let Web Chat run: any violation shows up in the console.
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        var offHost = new List<string>();
        page.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.Scheme is "http" or "https" or "ws" or "wss" && url.Host != host.BaseAddress.Host)
            {
                offHost.Add(request.Url);
            }
        };

        await page.GotoAsync(host.BaseAddress.ToString());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Hỏi Trợ lý") }).ClickAsync();
        var chat = page.Locator("#tldvc-chat");
        await chat.GetByText("Trợ lý Dịch vụ công", new() { Exact = false }).First.WaitForAsync(new() { Timeout = 20_000 });

        var input = chat.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync("lam giay khai sinh can giay to gi");
        await input.PressAsync("Enter");

        var source = chat.Locator("a[href*='dichvucong.gov.vn']").Last;
        await source.WaitForAsync(new() { Timeout = 20_000 });
        await chat.Locator("strong", new() { HasText = "Đăng ký khai sinh — Hồ sơ cần chuẩn bị" }).First.WaitForAsync();
        Assert.Contains("Nguồn", await chat.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ArtifactPath("webchat-answer.png") });

        // Markup typed by a resident is shown as text, never run.
        await input.FillAsync("<img src=x onerror=alert(1)> xin chao");
        await input.PressAsync("Enter");
        await chat.GetByText("<img src=x onerror=alert(1)> xin chao", new() { Exact = true }).First.WaitForAsync(new() { Timeout = 10_000 });
        await page.WaitForTimeoutAsync(500);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ArtifactPath("webchat-markup-as-text.png") });
        var text = await chat.InnerTextAsync();
        Assert.DoesNotContain("Đã không gửi được", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Send failed", text, StringComparison.Ordinal);
        Assert.Equal(0, dialogs);
        Assert.Empty(offHost);
        Assert.Empty(violations);
        var policy = (await page.GotoAsync(host.BaseAddress.ToString()))!.Headers["content-security-policy"];
        Assert.Contains("frame-ancestors", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_shows_its_follow_up_buttons_and_the_office_details_filled_in()
    {
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "vi-VN" });
        await page.GotoAsync(host.BaseAddress.ToString());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Hỏi Trợ lý") }).ClickAsync();
        var chat = page.Locator("#tldvc-chat");
        await chat.GetByText("Trợ lý Dịch vụ công", new() { Exact = false }).First.WaitForAsync(new() { Timeout = 20_000 });
        var input = chat.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync("đăng ký kết hôn nộp ở đâu");
        await input.PressAsync("Enter");

        await chat.Locator("strong", new() { HasText = "Đăng ký kết hôn" }).First.WaitForAsync(new() { Timeout = 20_000 });
        // The rating card arrives with the answer, so the answer's buttons stay visible: the next facets and the way to a person.
        var buttons = chat.Locator(".webchat__suggested-actions .webchat__suggested-action");
        await buttons.Filter(new() { HasText = "Gặp cán bộ" }).First.WaitForAsync(new() { Timeout = 10_000 });
        Assert.True(await buttons.CountAsync() >= 3, $"{await buttons.CountAsync()} suggested actions rendered");
        await chat.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Hữu ích") }).First.WaitForAsync(new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ArtifactPath("webchat-follow-up-buttons.png") });

        var text = await chat.InnerTextAsync();
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("office.", text, StringComparison.Ordinal);
        Assert.Contains("Bộ phận Một cửa phường Mẫu", text, StringComparison.Ordinal);

        // Escape closes the panel from wherever focus is inside it.
        await input.PressAsync("Escape");
        await chat.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 5_000 });
    }
}
