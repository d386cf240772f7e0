using ChatBot.Feedback;
using ChatBot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ChatBot.IntegrationTests;

/// <summary>The SQLite question store on a real database file.</summary>
public sealed class QuestionStoreTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "chatbot-store-" + Guid.NewGuid().ToString("N"));
    private PooledDbContextFactory<ChatBotDbContext> contexts = null!;
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = $"Data Source={Path.Combine(folder, "q.db")}";
        var options = new DbContextOptionsBuilder<ChatBotDbContext>();
        StorageSetup.Configure(options, connectionString);
        contexts = new PooledDbContextFactory<ChatBotDbContext>(options.Options);
        await StorageSetup.MigrateAsync(contexts, connectionString, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Records_round_trip_and_a_replayed_batch_is_not_stored_twice()
    {
        var store = new SqlQuestionStore(contexts);
        QuestionRecord[] records =
        [
            new() { At = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_000), ConversationId = "c1", Channel = "directline", Text = "thời tiết", Kind = AnswerKinds.NoAnswer, Candidates = [new("dang-ky-khai-sinh", "le-phi", 1.5)], Reason = "low-confidence" },
            new() { At = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_001_000), ConversationId = "c1", Channel = "directline", Text = "khai sinh", Kind = AnswerKinds.Answer, DocumentId = "dang-ky-khai-sinh", Facet = "ho-so" },
        ];
        await store.SaveAsync(records, mayRepeat: false, CancellationToken.None);
        await store.SaveAsync(records, mayRepeat: true, CancellationToken.None);

        var all = await store.ListAsync(new QuestionQuery(), CancellationToken.None);
        Assert.Equal(2, all.Count);
        Assert.Equal(records[1].Id, all[0].Id);
        Assert.Equal("ho-so", all[0].Facet);
        var unanswered = Assert.Single(await store.ListAsync(new QuestionQuery { Answered = false }, CancellationToken.None));
        Assert.Equal(records[0].Id, unanswered.Id);
        Assert.Equal(records[0].At, unanswered.At);
        Assert.Equal("dang-ky-khai-sinh", Assert.Single(unanswered.Candidates).Id);
        Assert.True(await store.IsReachableAsync(CancellationToken.None));
    }
}
