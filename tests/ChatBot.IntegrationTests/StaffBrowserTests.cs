using System.Text.RegularExpressions;
using ChatBot.Host.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatBot.IntegrationTests;

/// <summary>
/// The feedback loop in headless Chromium: residents in the real Web Chat widget, staff in the real console.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class StaffBrowserTests : IAsyncLifetime
{
    private const string Password = "mat-khau-can-bo-2026";
    private readonly KnowledgeCopy knowledge = new();
    private TestHost host = null!;
    private BrowserSession browser = null!;

    public async Task InitializeAsync()
    {
        host = await TestHost.StartAsync(knowledge.Settings);
        await StaffClient.AddAccountAsync(host, "lan", Password);
        browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
        knowledge.Dispose();
    }

    [Fact]
    public async Task Staff_see_grouped_questions_answer_a_ticket_and_the_reply_appears_in_the_residents_web_chat()
    {
        var resident = await OpenChatAsync();
        var chat = resident.Locator("#tldvc-chat");
        var input = chat.Locator("[data-id='webchat-sendbox-input']");
        foreach (var question in new[] { "mua vé tàu Tết ở đâu", "mua ve tau tet o dau vay" })
        {
            await SendAsync(input, question);
            await chat.GetByText("chưa có câu trả lời chắc chắn", new() { Exact = false }).Last.WaitForAsync(new() { Timeout = 20_000 });
        }
        await SendAsync(input, "gặp cán bộ");
        await Suggested(chat, "Gửi câu hỏi này").ClickAsync();
        await Suggested(chat, "Không để lại liên hệ").ClickAsync();
        await chat.Locator("strong", new() { HasText = "Mã câu hỏi của bà con" }).First.WaitForAsync(new() { Timeout = 20_000 });
        var code = Regex.Match(await chat.InnerTextAsync(), "HT-[2-9A-Z]{8}").Value;
        Assert.NotEmpty(code);

        await WaitForQuestionsStoredAsync(3);
        await host.Services.GetRequiredService<FeedbackUpkeep>().RunOnceAsync(default);
        var staff = await SignInAsync();
        await staff.GetByText("câu hỏi giống", new() { Exact = false }).First.WaitForAsync();
        Assert.Contains("2", await staff.Locator(".card.topic .count").First.InnerTextAsync(), StringComparison.Ordinal);
        await staff.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ArtifactPath("staff-queue.png"), FullPage = true });

        await staff.Locator("tr", new() { HasText = code }).GetByRole(AriaRole.Link, new() { Name = "Xem" }).ClickAsync();
        await staff.Locator("textarea[name='Reply']").FillAsync("Vé tàu Tết bà con mua tại nhà ga hoặc trên trang của Đường sắt Việt Nam.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Gửi và đánh dấu đã xử lý" }).ClickAsync();
        await staff.Locator("p.notice", new() { HasText = "thấy ngay" }).WaitForAsync();

        await chat.Locator("strong", new() { HasText = "Cán bộ Bộ phận Một cửa trả lời" }).First.WaitForAsync(new() { Timeout = 20_000 });
        Assert.Contains("Vé tàu Tết bà con mua tại nhà ga", await chat.InnerTextAsync(), StringComparison.Ordinal);
        await Suggested(chat, "5 sao – rất hài lòng").ClickAsync();
        await chat.Locator("p", new() { HasText = "Cảm ơn bà con đã chấm điểm" }).First.WaitForAsync(new() { Timeout = 20_000 });
        await resident.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ArtifactPath("webchat-staff-reply.png") });
    }

    [Fact]
    public async Task Markup_in_a_residents_question_shows_as_text_in_the_console_and_never_runs()
    {
        var resident = await OpenChatAsync();
        var input = resident.Locator("#tldvc-chat [data-id='webchat-sendbox-input']");
        const string payload = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\"> giá vàng hôm nay";
        await SendAsync(input, payload);
        await resident.Locator("#tldvc-chat").GetByText("chưa có câu trả lời chắc chắn", new() { Exact = false }).Last.WaitForAsync(new() { Timeout = 20_000 });
        await WaitForQuestionsStoredAsync(1);
        await host.Services.GetRequiredService<FeedbackUpkeep>().RunOnceAsync(default);

        var staff = await SignInAsync();
        var dialogs = 0;
        staff.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await staff.GetByText("<script>window.__xss=1</script>", new() { Exact = false }).First.WaitForAsync();
        await staff.Locator("tr", new() { HasText = "giá vàng" }).GetByRole(AriaRole.Link, new() { Name = "Xem" }).ClickAsync();
        await staff.Locator(".question").GetByText("onerror", new() { Exact = false }).WaitForAsync();
        await staff.WaitForTimeoutAsync(300);

        Assert.Equal("undefined", await staff.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Equal(0, await staff.Locator("main img").CountAsync());
        Assert.Equal(0, dialogs);
        await staff.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ArtifactPath("staff-xss-as-text.png"), FullPage = true });
    }

    [Fact]
    public async Task An_answer_saved_as_knowledge_in_the_console_is_what_the_next_resident_gets()
    {
        var first = await OpenChatAsync();
        var input = first.Locator("#tldvc-chat [data-id='webchat-sendbox-input']");
        await SendAsync(input, "trụ sở có chỗ đậu ô tô không");
        await first.Locator("#tldvc-chat").GetByText("chưa có câu trả lời chắc chắn", new() { Exact = false }).Last.WaitForAsync(new() { Timeout = 20_000 });
        await WaitForQuestionsStoredAsync(1);

        var staff = await SignInAsync();
        await staff.GotoAsync(new Uri(host.BaseAddress, "/staff?Type=unanswered").ToString());
        await staff.Locator("tr", new() { HasText = "đậu ô tô" }).GetByRole(AriaRole.Link, new() { Name = "Xem" }).ClickAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Lưu thành kiến thức…" }).ClickAsync();
        await staff.Locator("input[name='Question']").FillAsync("Trụ sở có chỗ đậu ô tô không?");
        await staff.Locator("textarea[name='Answer']").FillAsync("Trụ sở có bãi đậu ô tô miễn phí cho người đến làm thủ tục, ở sân sau.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra trước" }).ClickAsync();
        await staff.GetByText("Câu hỏi này sẽ được trả lời từ kiến thức mới.").WaitForAsync(new() { Timeout = 60_000 });
        await staff.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ArtifactPath("staff-save-knowledge-review.png"), FullPage = true });
        var confirm = staff.Locator("input[name='Confirm']");
        if (await confirm.CountAsync() > 0)
        {
            await confirm.CheckAsync();
        }
        await staff.GetByRole(AriaRole.Button, new() { Name = "Lưu và áp dụng" }).ClickAsync();
        await staff.GetByText("Đã lưu", new() { Exact = false }).WaitForAsync(new() { Timeout = 60_000 });

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (host.Knowledge.Current.Find("tru-so-co-cho-dau-o-to-khong") is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        var next = await OpenChatAsync();
        await SendAsync(next.Locator("#tldvc-chat [data-id='webchat-sendbox-input']"), "tru so co cho dau o to khong");
        await next.Locator("#tldvc-chat p", new() { HasText = "Trụ sở có bãi đậu ô tô miễn phí" }).First.WaitForAsync(new() { Timeout = 20_000 });
        await next.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ArtifactPath("webchat-answer-from-staff-knowledge.png") });
    }

    private async Task<IPage> OpenChatAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 412, Height = 900 }, Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.BaseAddress.ToString());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Hỏi Trợ lý") }).ClickAsync();
        await page.Locator("#tldvc-chat").GetByText("Trợ lý Dịch vụ công", new() { Exact = false }).First.WaitForAsync(new() { Timeout = 20_000 });
        return page;
    }

    /// <summary>A button of the suggested-actions bar (Web Chat also keeps a hidden copy for screen readers).</summary>
    private static ILocator Suggested(ILocator chat, string name) =>
        chat.GetByRole(AriaRole.Toolbar).GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static async Task SendAsync(ILocator input, string text)
    {
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    private async Task<IPage> SignInAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, "/staff").ToString());
        await page.Locator("input[name='UserName']").FillAsync("lan");
        await page.Locator("input[name='Password']").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Hàng chờ" }).WaitForAsync();
        return page;
    }

    /// <summary>Questions reach the database a moment after the turn (the log writes in batches).</summary>
    private async Task WaitForQuestionsStoredAsync(int unanswered)
    {
        var store = host.Services.GetRequiredService<ChatBot.Feedback.Staff.IStaffStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await store.OpenUnansweredAsync(100, default)).Count < unanswered && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }
}
