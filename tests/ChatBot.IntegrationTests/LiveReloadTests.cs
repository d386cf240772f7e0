using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChatBot.IntegrationTests;

/// <summary>Staff edit knowledge/ while the host runs: changes are live within 2 seconds, broken files keep their last good version.</summary>
[Collection(SequentialCollection.Name)]
public sealed class LiveReloadTests : IAsyncLifetime
{
    private readonly string knowledge = Path.Combine(Path.GetTempPath(), "chatbot-live-" + Guid.NewGuid().ToString("N"));
    private TestHost host = null!;

    public async Task InitializeAsync()
    {
        var source = Path.Combine(ChatBot.ServiceDefaults.ContentRoot.Find(), "knowledge");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(knowledge, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Knowledge:Path"] = knowledge, ["Knowledge:Watch"] = "true" });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        Directory.Delete(knowledge, recursive: true);
    }

    [Fact]
    public async Task A_new_faq_is_answered_within_two_seconds_and_a_broken_edit_keeps_the_last_good_version()
    {
        File.WriteAllText(Path.Combine(knowledge, "faq", "thu-vien-xa.yaml"), """
            id: thu-vien-xa
            question: Thư viện xã mở cửa giờ nào?
            questions: [giờ mở cửa thư viện xã, thư viện xã làm việc mấy giờ, mượn sách ở thư viện xã, thư viện có mở chủ nhật không, đọc sách ở thư viện xã, thư viện xã ở đâu]
            answer: Thư viện xã mở cửa các ngày trong tuần (câu trả lời thử nghiệm).
            checked: 2026-11-23
            """);
        var watch = Stopwatch.StartNew();
        while (host.Knowledge.Current.Find("thu-vien-xa") is null && watch.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(50);
        }
        Assert.NotNull(host.Knowledge.Current.Find("thu-vien-xa"));

        var client = new DirectLineClient(host.Client);
        await client.StartAsync();
        var reply = await client.WaitForReplyAsync(await client.PostMessageAsync("thu vien xa mo cua gio nao"));
        Assert.Equal("thu-vien-xa", DirectLineClient.Meta(reply)!["sources"]![0]!["id"]!.GetValue<string>());

        File.WriteAllText(Path.Combine(knowledge, "faq", "thu-vien-xa.yaml"), "id: thu-vien-xa\nquestion: [hỏng\n");
        watch.Restart();
        JsonObject? ready = null;
        while (watch.Elapsed < TimeSpan.FromSeconds(2))
        {
            ready = await host.Client.GetFromJsonAsync<JsonObject>("/readyz");
            if (ready!["knowledge"]!["errors"]!.AsArray().Count > 0)
            {
                break;
            }
            await Task.Delay(50);
        }
        Assert.Contains("faq/thu-vien-xa.yaml", ready!["knowledge"]!["errors"]!.AsArray()[0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(host.Knowledge.Current.Find("thu-vien-xa"));
    }
}
