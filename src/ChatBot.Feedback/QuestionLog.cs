using System.Collections.Concurrent;
using System.Text.Json;

namespace ChatBot.Feedback;

public sealed record QuestionLogOptions
{
    /// <summary>Folder for the journal (<c>journal/</c>) and for damaged entries set aside (<c>quarantine/</c>).</summary>
    public string SpoolPath { get; init; } = "data/spool";

    public int BatchSize { get; init; } = 200;

    /// <summary>Attempts of one database write in <see cref="QuestionLog.FlushAsync"/> (the CLI's final write).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>First wait after a failed database write; doubled on each failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between database attempts during an outage: records reach it at most this long after it is back.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the writer lets records gather before a database write: one transaction for many records. The
    /// journal already holds them, so this delays only when staff see a question, never its safety.
    /// </summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A journal file rolls over after this many records; a file is deleted once all its records are stored.</summary>
    public int JournalSegmentRecords { get; init; } = 1000;

    /// <summary>
    /// Most records held in memory for the database writer. Beyond it, journaled records are read back from their
    /// file when the database returns; records the journal could not take (full disk) are the only ones that can
    /// be lost, and each loss is logged as critical.
    /// </summary>
    public int MaxPendingRecords { get; init; } = 20_000;
}

/// <summary>
/// Keeps every question record: <see cref="AppendAsync"/> writes it to the write-ahead <see cref="QuestionJournal"/>
/// (flushed to disk, grouped with concurrent appends) before the turn's reply is acknowledged, then the background
/// writer moves records to the store in batches. During a database outage records stay in the journal and reach
/// the store as soon as it accepts writes again; after a crash they are replayed at the next start, idempotently
/// by record id. A full disk never fails a turn: the record waits in bounded memory for the database.
/// </summary>
public sealed class QuestionLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IQuestionStore store;
    private readonly QuestionLogOptions options;
    private readonly TimeProvider clock;
    private readonly QuestionJournal journal;
    private readonly ConcurrentQueue<(QuestionRecord Record, JournalSegment? Segment)> queue = new();
    private readonly SemaphoreSlim arrived = new(0);
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly List<JournalSegment> toReplay = [];
    private int pending;
    private long lost;

    /// <param name="openJournalFile">The journal's write seam; tests pass one that fails like a full disk.</param>
    public QuestionLog(IQuestionStore store, QuestionLogOptions options, TimeProvider? clock = null, Func<string, Stream>? openJournalFile = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store;
        this.options = options;
        this.clock = clock ?? TimeProvider.System;
        journal = new QuestionJournal(JournalFolder, options.JournalSegmentRecords, openJournalFile);
        toReplay.AddRange(journal.Leftovers);
        // The spool file of earlier versions is replayed like a journal left by a crash.
        var legacy = Path.Combine(options.SpoolPath, "questions.jsonl");
        if (File.Exists(legacy))
        {
            toReplay.Add(new JournalSegment(legacy) { Closed = true, NeedsReplay = true });
        }
    }

    public event Action<Exception>? StoreFailed;

    /// <summary>A journal append failed (full or read-only disk): the record waits in memory; operators must act.</summary>
    public event Action<Exception>? JournalFailed;

    /// <summary>A damaged journal line was set aside: the quarantine file and the reason.</summary>
    public event Action<string, string>? Quarantined;

    /// <summary>Records held in memory beyond the bound that no journal kept: logged as critical by the host.</summary>
    public event Action<QuestionRecord>? Lost;

    public string JournalFolder => Path.Combine(options.SpoolPath, "journal");

    public string QuarantineFolder => Path.Combine(options.SpoolPath, "quarantine");

    /// <summary>Records accepted but not yet in the store (in memory, or only in journal files to replay).</summary>
    public int Pending => Volatile.Read(ref pending) + JournalBacklog;

    /// <summary>Journal files still holding records not known to be stored.</summary>
    public int JournalBacklog
    {
        get
        {
            lock (toReplay)
            {
                return toReplay.Count + journal.Segments.Count(s => s.NeedsReplay || s.Stored < s.Appended);
            }
        }
    }

    /// <summary>Whether the last database write succeeded (true until one fails).</summary>
    public bool StoreWritable { get; private set; } = true;

    /// <summary>Whether the last journal append succeeded.</summary>
    public bool JournalWritable => !journal.Failing;

    /// <summary>Records that neither the journal nor memory could keep (should stay 0).</summary>
    public long LostCount => Interlocked.Read(ref lost);

    /// <summary>Lines set aside as damaged since start.</summary>
    public int QuarantinedCount { get; private set; }

    /// <summary>
    /// Keeps a record: returns once it is on the disk in the journal (or, when the disk refuses, held in memory).
    /// Never throws for a storage failure.
    /// </summary>
    public async Task AppendAsync(QuestionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        JournalSegment? segment = null;
        try
        {
            segment = await journal.AppendAsync(JsonSerializer.Serialize(record, Json)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A full disk must not fail the resident's turn: the record waits in memory.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            JournalFailed?.Invoke(ex);
        }
        if (Volatile.Read(ref pending) >= options.MaxPendingRecords)
        {
            if (segment is not null)
            {
                // Kept on disk: read back from the file once the database takes writes.
                segment.NeedsReplay = true;
            }
            else
            {
                Interlocked.Increment(ref lost);
                Lost?.Invoke(record);
            }
            return;
        }
        Interlocked.Increment(ref pending);
        queue.Enqueue((record, segment));
        arrived.Release();
    }

    /// <summary>
    /// Writes queued records until cancelled; the host runs this in the background. A failure never ends it: the
    /// next attempt follows after a growing pause (at most <see cref="QuestionLogOptions.MaxRetryDelay"/>).
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var delay = options.RetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            bool ok;
            try
            {
                ok = (await ReplayDueAsync(stoppingToken).ConfigureAwait(false)).Complete;
                if (ok && queue.IsEmpty)
                {
                    await arrived.WaitAsync(JournalBacklog > 0 ? delay : Timeout.InfiniteTimeSpan, stoppingToken).ConfigureAwait(false);
                    while (arrived.Wait(0))
                    {
                    }
                }
                if (Volatile.Read(ref pending) < options.BatchSize && options.Linger > TimeSpan.Zero)
                {
                    await Task.Delay(options.Linger, clock, stoppingToken).ConfigureAwait(false);
                }
                ok = await WriteQueuedAsync(attempts: 1, CancellationToken.None).ConfigureAwait(false) && ok;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The writer must outlive any failure (an unreadable file, a full disk); it retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                JournalFailed?.Invoke(ex);
                ok = false;
            }
            if (ok)
            {
                delay = options.RetryDelay;
                continue;
            }
            try
            {
                await Task.Delay(delay, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
        }
        try
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Stopping must not fail; what is not stored stays in the journal for the next start.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            JournalFailed?.Invoke(ex);
        }
    }

    /// <summary>Writes everything held now to the store (the CLI calls this before it exits; the host when stopping).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await ReplayAsync(cancellationToken).ConfigureAwait(false);
        await WriteQueuedAsync(options.MaxAttempts, cancellationToken).ConfigureAwait(false);
        journal.CloseIfStored();
        DeleteStoredSegments();
    }

    /// <summary>Records the journal has not got back in memory are read from their files and stored (idempotent by id).</summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken) =>
        (await ReplayDueAsync(cancellationToken).ConfigureAwait(false)).Replayed;

    private async Task<(int Replayed, bool Complete)> ReplayDueAsync(CancellationToken cancellationToken)
    {
        foreach (var segment in journal.Segments.Where(s => s.NeedsReplay && !s.Closed))
        {
            // Its records are not all in memory: close it so it can be read back whole.
            journal.CloseForReplay();
        }
        List<JournalSegment> due;
        lock (toReplay)
        {
            due = toReplay.ToList();
        }
        due.AddRange(journal.Segments.Where(s => s.NeedsReplay && s.Closed));
        var replayed = 0;
        foreach (var segment in due)
        {
            var records = ReadSegment(segment.Path);
            for (var i = 0; i < records.Count; i += options.BatchSize)
            {
                var batch = records.Skip(i).Take(options.BatchSize).ToList();
                if (!await TrySaveAsync(batch, mayRepeat: true, attempts: 1, cancellationToken).ConfigureAwait(false))
                {
                    return (replayed, false);
                }
            }
            replayed += records.Count;
            File.Delete(segment.Path);
            lock (toReplay)
            {
                toReplay.Remove(segment);
            }
            if (journal.Segments.Contains(segment))
            {
                journal.Delete(segment);
            }
        }
        return (replayed, true);
    }

    private async Task<bool> WriteQueuedAsync(int attempts, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var batch = new List<(QuestionRecord Record, JournalSegment? Segment)>(options.BatchSize);
                while (batch.Count < options.BatchSize && queue.TryPeek(out var item))
                {
                    batch.Add(item);
                    queue.TryDequeue(out _);
                }
                if (batch.Count == 0)
                {
                    DeleteStoredSegments();
                    return true;
                }
                if (!await TrySaveAsync(batch.Select(b => b.Record).ToList(), mayRepeat: true, attempts, cancellationToken).ConfigureAwait(false))
                {
                    // Put the batch back in front, in order: nothing leaves memory before the store has it.
                    var rest = new List<(QuestionRecord, JournalSegment?)>();
                    while (queue.TryDequeue(out var item))
                    {
                        rest.Add(item);
                    }
                    foreach (var item in batch.Concat(rest))
                    {
                        queue.Enqueue(item);
                    }
                    return false;
                }
                Interlocked.Add(ref pending, -batch.Count);
                foreach (var group in batch.Where(b => b.Segment is not null).GroupBy(b => b.Segment!))
                {
                    group.Key.AddStored(group.Count());
                }
            }
        }
        finally
        {
            writeLock.Release();
        }
    }

    private void DeleteStoredSegments()
    {
        foreach (var segment in journal.Segments.Where(s => s.Done))
        {
            try
            {
                journal.Delete(segment);
            }
            catch (IOException ex)
            {
                JournalFailed?.Invoke(ex);
            }
        }
    }

    private async Task<bool> TrySaveAsync(IReadOnlyList<QuestionRecord> batch, bool mayRepeat, int attempts, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                await store.SaveAsync(batch, mayRepeat, cancellationToken).ConfigureAwait(false);
                StoreWritable = true;
                return true;
            }
#pragma warning disable CA1031 // Any storage failure keeps the records (journal and memory) for the next attempt.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                StoreWritable = false;
                StoreFailed?.Invoke(ex);
                if (attempt < attempts)
                {
                    await Task.Delay(options.RetryDelay * attempt, clock, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        return false;
    }

    /// <summary>Reads a journal file; a line that does not parse (cut off by a crash mid-append) goes to quarantine.</summary>
    private List<QuestionRecord> ReadSegment(string path)
    {
        var records = new List<QuestionRecord>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }
            string? reason;
            try
            {
                var record = JsonSerializer.Deserialize<QuestionRecord>(line, Json);
                reason = record is null ? "empty record" : record.Id == Guid.Empty ? "record without an id" : null;
                if (record is not null && reason is null)
                {
                    records.Add(record);
                    continue;
                }
            }
            catch (JsonException ex)
            {
                reason = ex.Message;
            }
            Quarantine(path, number, line, reason!);
        }
        return records;
    }

    private void Quarantine(string path, int lineNumber, string line, string reason)
    {
        Directory.CreateDirectory(QuarantineFolder);
        var target = Path.Combine(QuarantineFolder, Path.GetFileNameWithoutExtension(path) + ".quarantine");
        File.AppendAllText(target, line + "\n");
        QuarantinedCount++;
        Quarantined?.Invoke(target, $"{Path.GetFileName(path)} line {lineNumber}: {reason}");
    }
}
