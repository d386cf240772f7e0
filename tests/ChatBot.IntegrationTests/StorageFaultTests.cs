using System.Net;
using ChatBot.Feedback.Tickets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests;

/// <summary>Real SQLite faults under the real host: a write lock held by another process, a broken database file.</summary>
public sealed class StorageFaultTests
{
    [Fact]
    public async Task A_held_write_lock_does_not_stop_a_ticket_and_the_ticket_reaches_the_database_once_it_is_released()
    {
        await using var host = await TestHost.StartAsync();
        var client = new DirectLineClient(host.Client);
        await client.StartAsync();
        await using var locker = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        await locker.OpenAsync();
        await using (var begin = locker.CreateCommand())
        {
            // Another process's writer holding the lock (as `sqlite3 chatbot.db 'BEGIN IMMEDIATE'` would).
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        string? code = null;
        foreach (var text in new[] { "gặp cán bộ", "hỏi về đất nông nghiệp", "0912345678" })
        {
            var reply = await client.WaitForReplyAsync(await client.PostMessageAsync(text), TimeSpan.FromSeconds(30));
            code = TicketCode.Find(DirectLineClient.Text(reply));
        }
        Assert.NotNull(code);

        await using (var rollback = locker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        var store = host.Services.GetRequiredService<IFeedbackStore>();
        Ticket? stored = null;
        for (var i = 0; i < 300 && stored is null; i++)
        {
            stored = await store.FindTicketAsync(code!, default);
            await Task.Delay(100);
        }
        Assert.Equal("0912345678", stored?.Contact);
    }

    [Fact]
    public async Task Staff_pages_answer_a_vietnamese_503_page_while_the_database_is_broken()
    {
        await using var host = await TestHost.StartAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(host.DataFolder, "chatbot.db*"))
        {
            File.Delete(file);
        }
        await File.WriteAllTextAsync(host.DatabasePath, "this is not a database file, as after a damaged disk");

        using var response = await host.Client.GetAsync("/phan-hoi");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Tạm thời không truy cập được", page, StringComparison.Ordinal);
    }
}
