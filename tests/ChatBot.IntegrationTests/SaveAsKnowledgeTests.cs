using System.Net;
using System.Text.Json.Nodes;

namespace ChatBot.IntegrationTests;

/// <summary>"Lưu thành kiến thức" over real HTTP, on a copy of the knowledge folder with live reload on.</summary>
[Collection(SequentialCollection.Name)]
public sealed class SaveAsKnowledgeTests : IAsyncLifetime
{
    private const string Password = "mat-khau-can-bo-2026";
    private readonly KnowledgeCopy knowledge = new();
    private TestHost host = null!;

    public async Task InitializeAsync()
    {
        host = await TestHost.StartAsync(knowledge.Settings);
        await StaffClient.AddAccountAsync(host, "lan", Password);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        knowledge.Dispose();
    }

    [Fact]
    public async Task A_staff_answer_saved_as_a_new_faq_answers_the_next_resident_who_asks()
    {
        const string question = "Trụ sở có chỗ đậu ô tô không?";
        var before = await AskAsync("trụ sở có chỗ đậu ô tô không");
        Assert.NotEqual("answer", DirectLineClient.Meta(before)!["kind"]!.GetValue<string>());

        using var staff = await StaffClient.SignInAsync(host, "lan", Password);
        await staff.GetAsync("/staff/knowledge/new?question=" + Uri.EscapeDataString(question));
        using var check = await staff.PostAsync("/staff/knowledge/new?handler=Check", new()
        {
            ["Mode"] = "faq",
            ["Question"] = question,
            ["Phrasings"] = "đi ô tô đến nộp hồ sơ thì đậu ở đâu\ncó bãi đỗ ô tô ở trụ sở không",
            ["Answer"] = "Trụ sở có bãi đậu ô tô miễn phí cho người đến làm thủ tục, ở sân sau.",
        });
        var review = await check.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("Câu hỏi này sẽ được trả lời từ kiến thức mới.", review, StringComparison.Ordinal);
        // Any new document shifts word statistics, so a borderline question may flip; the page says which.
        Assert.Matches("Đã chạy [0-9]+ câu hỏi kiểm tra", review);
        Assert.False(File.Exists(Path.Combine(knowledge.Root, "faq", "tru-so-co-cho-dau-o-to-khong.yaml")), "checking writes nothing");

        using var apply = await staff.PostAsync("/staff/knowledge/new?handler=Apply", new()
        {
            ["Mode"] = "faq",
            ["Question"] = question,
            ["Phrasings"] = "đi ô tô đến nộp hồ sơ thì đậu ở đâu\ncó bãi đỗ ô tô ở trụ sở không",
            ["Answer"] = "Trụ sở có bãi đậu ô tô miễn phí cho người đến làm thủ tục, ở sân sau.",
            ["Confirm"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, apply.StatusCode);
        Assert.True(File.Exists(Path.Combine(knowledge.Root, "faq", "tru-so-co-cho-dau-o-to-khong.yaml")));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (host.Knowledge.Current.Find("tru-so-co-cho-dau-o-to-khong") is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        var after = await AskAsync("tru so co cho dau o to khong");
        Assert.Equal("answer", DirectLineClient.Meta(after)!["kind"]!.GetValue<string>());
        Assert.Contains("bãi đậu ô tô miễn phí", DirectLineClient.Text(after), StringComparison.Ordinal);
        Assert.Contains("knowledge-saved", await staff.GetAsync("/staff/audit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_phrasing_that_would_break_correct_answers_is_listed_and_needs_confirmation()
    {
        var path = Path.Combine(knowledge.Root, "procedures", "dang-ky-ket-hon.md");
        var original = await File.ReadAllTextAsync(path);
        using var staff = await StaffClient.SignInAsync(host, "lan", Password);
        await staff.GetAsync("/staff/knowledge/new");
        var fields = new Dictionary<string, string> { ["Mode"] = "phrasing", ["Document"] = "dang-ky-ket-hon", ["Question"] = "dang ky khai sinh bao lau thi co giay" };

        using var refused = await staff.PostAsync("/staff/knowledge/new?handler=Apply", new(fields));
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("câu đang trả lời đúng sẽ bị sai", page, StringComparison.Ordinal);
        Assert.Contains("dang-ky-khai-sinh", page, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllTextAsync(path));

        using var confirmed = await staff.PostAsync("/staff/knowledge/new?handler=Apply", new(fields) { ["Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("dang ky khai sinh bao lau thi co giay", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    private async Task<JsonObject> AskAsync(string text)
    {
        var resident = new DirectLineClient(host.Client);
        await resident.StartAsync();
        var id = await resident.PostMessageAsync(text);
        await resident.WaitForReplyAsync(id);
        await Task.Delay(100);
        return (await resident.GetActivitiesAsync())["activities"]!.AsArray().OfType<JsonObject>()
            .Last(a => a["replyToId"]?.GetValue<string>() == id && DirectLineClient.Meta(a) is not null);
    }
}
