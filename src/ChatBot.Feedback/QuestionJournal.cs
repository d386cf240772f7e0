using System.Globalization;
using System.Text;

namespace ChatBot.Feedback;

/// <summary>One journal file: how many of its lines are durable and how many of those reached the database.</summary>
public sealed class JournalSegment(string path)
{
    private int appended;
    private int stored;

    public string Path { get; } = path;

    public int Appended => Volatile.Read(ref appended);

    public int Stored => Volatile.Read(ref stored);

    /// <summary>No more lines will be appended (a newer segment took over, or the file came from an earlier run).</summary>
    public bool Closed { get; internal set; }

    /// <summary>Some of its records are not held in memory: they must be read back from the file.</summary>
    public bool NeedsReplay { get; internal set; }

    internal void AddAppended(int count) => Interlocked.Add(ref appended, count);

    internal void AddStored(int count) => Interlocked.Add(ref stored, count);

    /// <summary>Every line is in the database: the file can go.</summary>
    public bool Done => Closed && !NeedsReplay && Stored >= Appended;
}

/// <summary>
/// The write-ahead journal of question records: a line is appended and flushed to the disk (fsync) before the
/// resident's post is acknowledged. Appends that arrive while a flush is under way wait for the next one and are
/// flushed together (group commit), so one fsync serves many posts. Files roll over after
/// <see cref="QuestionLogOptions.JournalSegmentRecords"/> lines; a file is deleted once all its records are stored.
/// </summary>
public sealed class QuestionJournal
{
    private const string Prefix = "questions-";
    private const string Extension = ".journal";
    private readonly string folder;
    private readonly int segmentRecords;
    private readonly Func<string, Stream> open;
    private readonly Lock gate = new();
    // Held while the file is written, rolled over or closed: one owner of the stream at a time.
    private readonly Lock fileLock = new();
    private List<(string Line, TaskCompletionSource<JournalSegment> Done)> waiting = [];
    private bool flushing;
    private long nextNumber;
    private JournalSegment? active;
    private Stream? stream;

    /// <param name="open">Opens a segment file for appending; tests pass one that fails like a full disk.</param>
    public QuestionJournal(string folder, int segmentRecords, Func<string, Stream>? open = null)
    {
        this.folder = folder;
        this.segmentRecords = segmentRecords;
        this.open = open ?? (path => new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.None));
        Directory.CreateDirectory(folder);
        Leftovers = Directory.GetFiles(folder, Prefix + "*" + Extension).Order(StringComparer.Ordinal)
            .Select(path => new JournalSegment(path) { Closed = true, NeedsReplay = true }).ToList();
        nextNumber = Leftovers.Select(s => Number(s.Path)).DefaultIfEmpty(0).Max() + 1;
    }

    /// <summary>Segments left by an earlier run (a crash, or a database that was down at the stop): to replay.</summary>
    public IReadOnlyList<JournalSegment> Leftovers { get; }

    /// <summary>The last append failed (a full or read-only disk); cleared by the next append that succeeds.</summary>
    public bool Failing { get; private set; }

    private readonly List<JournalSegment> segments = [];

    /// <summary>Segments this run wrote that still hold records not yet known to be stored.</summary>
    public IReadOnlyList<JournalSegment> Segments
    {
        get
        {
            lock (gate)
            {
                return segments.ToList();
            }
        }
    }

    /// <summary>Appends one line; completes with its segment once the line is on the disk, or fails with the I/O error.</summary>
    public Task<JournalSegment> AppendAsync(string line)
    {
        var done = new TaskCompletionSource<JournalSegment>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            waiting.Add((line, done));
            if (flushing)
            {
                return done.Task;
            }
            flushing = true;
        }
        _ = Task.Run(FlushLoop);
        return done.Task;
    }

    private void FlushLoop()
    {
        while (true)
        {
            List<(string Line, TaskCompletionSource<JournalSegment> Done)> batch;
            lock (gate)
            {
                if (waiting.Count == 0)
                {
                    flushing = false;
                    return;
                }
                batch = waiting;
                waiting = [];
            }
            try
            {
                lock (fileLock)
                {
                    WriteBatch(batch);
                }
            }
#pragma warning disable CA1031 // Any failure of the disk is handed to the waiting posts, which keep their records in memory.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Failing = true;
                foreach (var (_, waiter) in batch)
                {
                    waiter.SetException(ex);
                }
            }
        }
    }

    private void WriteBatch(List<(string Line, TaskCompletionSource<JournalSegment> Done)> batch)
    {
        var segment = EnsureSegment();
        var bytes = Encoding.UTF8.GetBytes(string.Concat(batch.Select(b => b.Line + "\n")));
        var before = stream!.Position;
        try
        {
            stream.Write(bytes);
            if (stream is FileStream file)
            {
                file.Flush(flushToDisk: true);
            }
            else
            {
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // A partial line may be on the disk: start a new file next time, so no later line follows it.
            // Reading the old file back quarantines the cut-off line.
            TryTruncate(before);
            CloseActive();
            throw;
        }
        segment.AddAppended(batch.Count);
        Failing = false;
        foreach (var (_, waiter) in batch)
        {
            waiter.SetResult(segment);
        }
    }

    private JournalSegment EnsureSegment()
    {
        if (active is not null && active.Appended >= segmentRecords)
        {
            CloseActive();
        }
        if (active is null)
        {
            var path = System.IO.Path.Combine(folder, Prefix + nextNumber.ToString("D12", CultureInfo.InvariantCulture) + Extension);
            nextNumber++;
            Directory.CreateDirectory(folder);
            stream = open(path);
            var segment = new JournalSegment(path);
            lock (gate)
            {
                segments.Add(segment);
            }
            active = segment;
        }
        return active;
    }

    private void TryTruncate(long length)
    {
        try
        {
            stream?.SetLength(length);
        }
        catch (IOException)
        {
        }
        catch (NotSupportedException)
        {
        }
    }

    private void CloseActive()
    {
        try
        {
            stream?.Dispose();
        }
        catch (IOException)
        {
        }
        stream = null;
        if (active is not null)
        {
            active.Closed = true;
        }
        active = null;
    }

    /// <summary>Closes the file being written if all its records are stored, so it can be deleted (idle or stopping).</summary>
    public void CloseIfStored()
    {
        lock (fileLock)
        {
            if (active is not null && active.Stored >= active.Appended)
            {
                CloseActive();
            }
        }
    }

    /// <summary>Closes the file being written so its records can be replayed from it.</summary>
    public void CloseForReplay()
    {
        lock (fileLock)
        {
            CloseActive();
        }
    }

    /// <summary>Deletes a segment whose records are all stored.</summary>
    public void Delete(JournalSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        File.Delete(segment.Path);
        lock (gate)
        {
            segments.Remove(segment);
        }
    }

    private static long Number(string path)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        return long.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }
}
