using ChatBot.Feedback;

namespace ChatBot.UnitTests;

public sealed class QuestionLogTests : IDisposable
{
    private readonly string spool = Path.Combine(Path.GetTempPath(), "chatbot-spool-" + Guid.NewGuid().ToString("N"));

    private static QuestionRecord Record(string text) => new()
    {
        At = DateTimeOffset.UnixEpoch,
        ConversationId = "c1",
        Channel = "test",
        Text = text,
        Kind = AnswerKinds.NoAnswer,
    };

    [Fact]
    public async Task When_the_store_fails_records_go_to_the_spool_and_are_replayed_once_it_recovers()
    {
        var store = new FlakyStore { Failing = true };
        var log = new QuestionLog(store, new QuestionLogOptions { SpoolPath = spool, MaxAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(1) });
        log.Enqueue(Record("câu hỏi một"));
        log.Enqueue(Record("câu hỏi hai"));
        await log.FlushAsync(CancellationToken.None);

        Assert.Empty(store.Saved);
        Assert.Equal(2, log.SpooledCount);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(spool, "questions.jsonl")).Length);

        store.Failing = false;
        Assert.Equal(2, await log.ReplaySpoolAsync(CancellationToken.None));
        Assert.Equal(["câu hỏi một", "câu hỏi hai"], store.Saved.Select(r => r.Text));
        Assert.Empty(File.ReadAllLines(Path.Combine(spool, "questions.jsonl")));
    }

    [Fact]
    public async Task Records_are_written_in_batches_when_the_store_works()
    {
        var store = new FlakyStore();
        var log = new QuestionLog(store, new QuestionLogOptions { SpoolPath = spool, BatchSize = 2 });
        for (var i = 0; i < 5; i++)
        {
            log.Enqueue(Record($"q{i}"));
        }
        await log.FlushAsync(CancellationToken.None);
        Assert.Equal(5, store.Saved.Count);
        Assert.Equal(3, store.Batches);
        Assert.Equal(0, log.Pending);
        Assert.False(File.Exists(Path.Combine(spool, "questions.jsonl")));
    }

    public void Dispose()
    {
        if (Directory.Exists(spool))
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    /// <summary>A store that fails on demand, standing in for a database outage.</summary>
    private sealed class FlakyStore : IQuestionStore
    {
        public bool Failing { get; set; }
        public List<QuestionRecord> Saved { get; } = [];
        public int Batches { get; private set; }

        public Task SaveAsync(IReadOnlyList<QuestionRecord> records, bool mayRepeat, CancellationToken cancellationToken)
        {
            if (Failing)
            {
                throw new IOException("database is down");
            }
            Batches++;
            Saved.AddRange(records.Where(r => !mayRepeat || Saved.All(s => s.Id != r.Id)));
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<QuestionRecord>> ListAsync(QuestionQuery query, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<QuestionRecord>>(Saved);

        public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(!Failing);
    }
}
