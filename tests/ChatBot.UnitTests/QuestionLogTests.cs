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

    private QuestionLogOptions Options => new() { SpoolPath = spool, MaxAttempts = 1, RetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5), Linger = TimeSpan.Zero };

    private string[] JournalLines() => Directory.GetFiles(Path.Combine(spool, "journal")).SelectMany(File.ReadAllLines).ToArray();

    private string[] JournalTexts() => JournalLines().Select(l => System.Text.Json.JsonSerializer.Deserialize<QuestionRecord>(l, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!.Text).ToArray();

    [Fact]
    public async Task An_appended_record_is_in_the_journal_on_disk_before_append_returns()
    {
        var log = new QuestionLog(new FlakyStore(), Options);
        await log.AppendAsync(Record("câu hỏi một"));
        Assert.Equal("câu hỏi một", Assert.Single(JournalTexts()));
    }

    [Fact]
    public async Task Concurrent_appends_share_flushes_and_all_reach_the_store_once()
    {
        var store = new FlakyStore();
        var log = new QuestionLog(store, Options with { JournalSegmentRecords = 7 });
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => log.AppendAsync(Record($"q{i}"))));
        Assert.Equal(50, JournalLines().Length);
        await log.FlushAsync(CancellationToken.None);
        Assert.Equal(50, store.Saved.Select(r => r.Text).Distinct().Count());
        Assert.Equal(50, store.Saved.Count);
        Assert.Equal(0, log.Pending);
        // Every record is stored: no journal file is left to replay.
        Assert.Empty(JournalLines());
    }

    [Fact]
    public async Task A_journal_left_by_a_crash_is_replayed_at_the_next_start_exactly_once()
    {
        var first = new FlakyStore { Failing = true };
        var crashed = new QuestionLog(first, Options);
        await crashed.AppendAsync(Record("một"));
        await crashed.AppendAsync(Record("hai"));
        // No flush, no stop: the process "dies" here with both records only in the journal.

        var store = new FlakyStore();
        var restarted = new QuestionLog(store, Options);
        Assert.Equal(1, restarted.JournalBacklog);
        Assert.Equal(2, await restarted.ReplayAsync(CancellationToken.None));
        Assert.Equal(0, await restarted.ReplayAsync(CancellationToken.None));
        Assert.Equal(["một", "hai"], store.Saved.Select(r => r.Text));
        Assert.Empty(JournalLines());
    }

    [Fact]
    public async Task Records_reach_the_store_as_soon_as_it_takes_writes_again_without_a_restart()
    {
        var store = new FlakyStore { Failing = true };
        var log = new QuestionLog(store, Options);
        using var stop = new CancellationTokenSource();
        var writer = log.RunAsync(stop.Token);
        await log.AppendAsync(Record("trong lúc hỏng"));
        await store.Attempted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(log.StoreWritable);
        Assert.Empty(store.Saved);

        store.Failing = false;
        await store.SavedOne.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("trong lúc hỏng", Assert.Single(store.Saved).Text);
        await stop.CancelAsync();
        await writer;
        Assert.True(log.StoreWritable);
        Assert.Empty(JournalLines());
    }

    [Fact]
    public async Task A_cut_off_line_is_quarantined_with_its_reason_and_the_rest_is_replayed()
    {
        var journal = Path.Combine(spool, "journal");
        Directory.CreateDirectory(journal);
        var good = System.Text.Json.JsonSerializer.Serialize(Record("nguyên vẹn"), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        var other = System.Text.Json.JsonSerializer.Serialize(Record("còn lại"), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        File.WriteAllText(Path.Combine(journal, "questions-000000000001.journal"), good + "\n" + other[..(other.Length / 2)] + "\n" + other + "\n");
        var store = new FlakyStore();
        var log = new QuestionLog(store, Options);
        var reasons = new List<string>();
        log.Quarantined += (_, reason) => reasons.Add(reason);

        Assert.Equal(2, await log.ReplayAsync(CancellationToken.None));

        Assert.Equal(["nguyên vẹn", "còn lại"], store.Saved.Select(r => r.Text));
        var quarantined = Assert.Single(Directory.GetFiles(Path.Combine(spool, "quarantine")));
        Assert.Equal(other[..(other.Length / 2)], Assert.Single(File.ReadAllLines(quarantined)));
        Assert.Contains("line 2", Assert.Single(reasons), StringComparison.Ordinal);
        Assert.Equal(1, log.QuarantinedCount);
    }

    [Fact]
    public async Task A_full_disk_fails_no_append_and_the_records_wait_in_memory_for_the_store()
    {
        // Injected IOException at the journal's write seam (no tmpfs can be mounted here).
        var disk = new DiskState { Full = true };
        var store = new FlakyStore { Failing = true };
        var log = new QuestionLog(store, Options, openJournalFile: path => new FullDiskStream(path, disk));
        var failures = 0;
        log.JournalFailed += _ => failures++;

        await log.AppendAsync(Record("đĩa đầy"));

        Assert.False(log.JournalWritable);
        Assert.Equal(1, failures);
        Assert.Equal(1, log.Pending);
        await log.FlushAsync(CancellationToken.None);
        Assert.Empty(store.Saved);

        store.Failing = false;
        await log.FlushAsync(CancellationToken.None);
        Assert.Equal("đĩa đầy", Assert.Single(store.Saved).Text);

        disk.Full = false;
        await log.AppendAsync(Record("đĩa trống lại"));
        Assert.True(log.JournalWritable);
        Assert.Contains("đĩa trống lại", JournalTexts());
    }

    [Fact]
    public async Task Beyond_the_memory_bound_journaled_records_are_read_back_from_their_file()
    {
        var store = new FlakyStore { Failing = true };
        var log = new QuestionLog(store, Options with { MaxPendingRecords = 2 });
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(Record($"q{i}"));
        }
        Assert.Equal(0, log.LostCount);

        store.Failing = false;
        await log.FlushAsync(CancellationToken.None);
        Assert.Equal(["q0", "q1", "q2", "q3", "q4"], store.Saved.Select(r => r.Text).Order(StringComparer.Ordinal));
        Assert.Empty(JournalLines());
    }

    public void Dispose()
    {
        if (Directory.Exists(spool))
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    private sealed class DiskState
    {
        public bool Full { get; set; }
    }

    /// <summary>A journal file on a disk that can be made full: writes throw the IOException a full disk gives.</summary>
    private sealed class FullDiskStream(string path, DiskState disk) : Stream
    {
        private readonly FileStream inner = new(path, FileMode.Append, FileAccess.Write);

        public override bool CanRead => false;
        public override bool CanSeek => true;
        public override bool CanWrite => true;
        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush() => inner.Flush(flushToDisk: true);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => inner.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (disk.Full)
            {
                throw new IOException("No space left on device");
            }
            inner.Write(buffer, offset, count);
        }

        protected override void Dispose(bool disposing)
        {
            inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>A store that fails on demand, standing in for a database outage.</summary>
    private sealed class FlakyStore : IQuestionStore
    {
        private readonly Lock gate = new();

        public bool Failing { get; set; }
        public List<QuestionRecord> Saved { get; } = [];
        public TaskCompletionSource Attempted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource SavedOne { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task SaveAsync(IReadOnlyList<QuestionRecord> records, bool mayRepeat, CancellationToken cancellationToken)
        {
            Attempted.TrySetResult();
            if (Failing)
            {
                throw new IOException("database is down");
            }
            lock (gate)
            {
                Saved.AddRange(records.Where(r => Saved.All(s => s.Id != r.Id)));
            }
            SavedOne.TrySetResult();
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<QuestionRecord>> ListAsync(QuestionQuery query, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<QuestionRecord>>(Saved);

        public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(!Failing);
    }
}
