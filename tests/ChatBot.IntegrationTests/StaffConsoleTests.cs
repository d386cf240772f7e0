using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBot.Feedback.Tickets;
using ChatBot.Host.Web;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests;

/// <summary>The staff console over real HTTP: sign-in, CSRF, the queue, replies reaching residents, tickets and ratings.</summary>
public sealed class StaffConsoleTests : IAsyncLifetime
{
    private const string Password = "mat-khau-can-bo-2026";
    private TestHost host = null!;

    public async Task InitializeAsync()
    {
        host = await TestHost.StartAsync();
        await StaffClient.AddAccountAsync(host, "lan", Password);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Every_staff_page_needs_a_sign_in_and_repeated_failures_lock_the_account()
    {
        using var anonymous = StaffClient.Anonymous(host);
        foreach (var path in new[] { "/staff", "/staff/knowledge", "/staff/audit", "/staff/accounts", "/staff/knowledge/new", $"/staff/items/ticket/{Guid.NewGuid()}" })
        {
            using var response = await anonymous.SendGetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/staff/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        await StaffClient.AddAccountAsync(host, "minh", Password, "staff");
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await anonymous.SignInAttemptAsync("minh", "sai-mat-khau-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var locked = await anonymous.SignInAttemptAsync("minh", Password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("tạm khóa", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var admin = await StaffClient.SignInAsync(host, "lan", Password);
        var audit = await admin.GetAsync("/staff/audit");
        Assert.Contains("locked-out", audit, StringComparison.Ordinal);

        // An admin sets a new password, which also lifts the lock.
        await admin.GetAsync("/staff/accounts");
        using var reset = await admin.PostAsync("/staff/accounts?handler=Reset", new() { ["account"] = "minh", ["newPassword"] = "mat-khau-moi-2026" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        using var minh = await StaffClient.SignInAsync(host, "minh", "mat-khau-moi-2026");

        // A staff (not admin) account cannot open the accounts page.
        using var denied = await minh.SendGetAsync("/staff/accounts");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await minh.SendGetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task Forms_without_the_csrf_token_are_refused_and_signing_out_ends_the_session()
    {
        using var staff = await StaffClient.SignInAsync(host, "lan", Password);
        await staff.GetAsync("/staff");
        using var forged = await staff.PostAsync("/staff?handler=Group", new() { ["label"] = "x", ["status"] = ReviewStatus.Handled }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        using var signOut = await staff.PostAsync("/staff/logout", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await staff.SendGetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task An_unanswered_question_is_grouped_in_the_queue_and_the_staff_reply_reaches_the_open_conversation()
    {
        var resident = new DirectLineClient(host.Client);
        await resident.StartAsync();
        await resident.WaitForReplyAsync(await resident.PostMessageAsync("giá vàng hôm nay bao nhiêu, số tôi 0912345678"));

        using var staff = await StaffClient.SignInAsync(host, "lan", Password);
        var queue = await WaitForAsync(staff, "/staff?Type=unanswered", "giá vàng hôm nay");
        Assert.DoesNotContain("0912345678", queue, StringComparison.Ordinal);
        await host.Services.GetRequiredService<FeedbackUpkeep>().RunOnceAsync(default);
        queue = await staff.GetAsync("/staff");
        Assert.Contains("câu hỏi giống", queue, StringComparison.Ordinal);

        var item = StaffClient.Link(queue, "/staff/items/unanswered/[0-9a-f-]+");
        var page = await staff.GetAsync(item);
        Assert.Contains("Trợ lý", page, StringComparison.Ordinal);
        Assert.Contains("chưa có câu trả lời chắc chắn", page, StringComparison.Ordinal);

        using var reply = await staff.PostAsync(item, new() { ["Reply"] = "Bộ phận Một cửa không tư vấn giá vàng, bà con xem tin tức nhé.", ["status"] = ReviewStatus.Handled });
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        Assert.Contains("thấy ngay", await staff.GetAsync(item), StringComparison.Ordinal);

        var activities = (await resident.GetActivitiesAsync())["activities"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Contains(activities, a => DirectLineClient.Text(a).Contains("không tư vấn giá vàng", StringComparison.Ordinal) && DirectLineClient.Text(a).Contains("Cán bộ", StringComparison.Ordinal));
        Assert.Contains("Đã xử lý", await staff.GetAsync(item), StringComparison.Ordinal);
        Assert.Contains("reply", await staff.GetAsync("/staff/audit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ticket_goes_from_the_resident_to_staff_and_back_with_its_code_and_a_satisfaction_score()
    {
        var resident = new DirectLineClient(host.Client);
        await resident.StartAsync();
        await resident.WaitForReplyAsync(await resident.PostMessageAsync("tôi muốn gặp cán bộ"));
        await resident.WaitForReplyAsync(await resident.PostMessageAsync("nhà tôi xây lấn hẻm thì xử lý sao"));
        var opened = DirectLineClient.Text(await resident.WaitForReplyAsync(await resident.PostMessageAsync("lan@example.vn")));
        var code = TicketCode.Find(opened);
        Assert.NotNull(code);

        using var staff = await StaffClient.SignInAsync(host, "lan", Password);
        var queue = await staff.GetAsync("/staff?Type=ticket");
        Assert.Contains(code, queue, StringComparison.Ordinal);
        var item = StaffClient.Link(queue, "/staff/items/ticket/[0-9a-f-]+");
        Assert.Contains("lan@example.vn", await staff.GetAsync(item), StringComparison.Ordinal);
        using var reply = await staff.PostAsync(item, new() { ["Reply"] = "Bà con đến Một cửa gặp cán bộ địa chính.", ["status"] = ReviewStatus.Handled });

        var asked = await resident.PostMessageAsync($"câu hỏi {code!.ToLowerInvariant()} thế nào");
        await resident.WaitForReplyAsync(asked);
        var activities = (await resident.GetActivitiesAsync())["activities"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Contains(activities, a => a["replyToId"]?.GetValue<string>() == asked && DirectLineClient.Text(a).Contains("cán bộ địa chính", StringComparison.Ordinal));
        var scoring = activities.Last(a => a["suggestedActions"] is not null);
        var five = scoring["suggestedActions"]!["actions"]!.AsArray().Last()!;
        Assert.Equal("postBack", five["type"]!.GetValue<string>());

        // Someone else who knows the code presses the same button in another conversation: refused, nothing stored.
        var stranger = new DirectLineClient(host.Client);
        await stranger.StartAsync();
        using var forged = await stranger.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{stranger.ConversationId}/activities", stranger.Token, new { type = "message", value = five["value"], from = new { id = "y" } });
        var refused = await stranger.WaitForReplyAsync((await forged.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        Assert.Contains("chưa được ghi nhận", DirectLineClient.Text(refused), StringComparison.Ordinal);
        Assert.DoesNotContain("5/5", await staff.GetAsync(item), StringComparison.Ordinal);

        using var press = await resident.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{resident.ConversationId}/activities", resident.Token, new { type = "message", value = five["value"], from = new { id = "x" } });
        press.EnsureSuccessStatusCode();
        Assert.Contains("5/5", await WaitForAsync(staff, item, "5/5"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_not_helpful_rating_with_its_comment_lands_in_the_queue()
    {
        var resident = new DirectLineClient(host.Client);
        await resident.StartAsync();
        var id = await resident.PostMessageAsync("làm giấy khai sinh cho con cần gì");
        await resident.WaitForReplyAsync(id);
        await Task.Delay(200);
        var card = (await resident.GetActivitiesAsync())["activities"]!.AsArray().OfType<JsonObject>()
            .Last(a => a["attachments"] is JsonArray { Count: > 0 });
        var attachment = card["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.hero", attachment["contentType"]!.GetValue<string>());
        var notHelpful = attachment["content"]!["buttons"]![1]!;
        Assert.Equal("postBack", notHelpful["type"]!.GetValue<string>());

        using var press = await resident.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{resident.ConversationId}/activities", resident.Token, new { type = "message", value = notHelpful["value"], from = new { id = "x" } });
        var pressId = (await press.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var askComment = await resident.WaitForReplyAsync(pressId);
        Assert.Contains(askComment["suggestedActions"]!["actions"]!.AsArray(), a => a!["title"]!.GetValue<string>() == "Bỏ qua");
        await resident.WaitForReplyAsync(await resident.PostMessageAsync("thiếu hướng dẫn cho con sinh ở nước ngoài"));

        using var staff = await StaffClient.SignInAsync(host, "lan", Password);
        var queue = await staff.GetAsync("/staff?Type=rating");
        Assert.Contains("thiếu hướng dẫn cho con sinh ở nước ngoài", queue, StringComparison.Ordinal);
        Assert.Contains("làm giấy khai sinh cho con cần gì", queue, StringComparison.Ordinal);
    }

    private static async Task<string> WaitForAsync(StaffClient staff, string path, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var html = await staff.GetAsync(path);
            if (html.Contains(text, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return html;
            }
            await Task.Delay(200);
        }
    }
}
