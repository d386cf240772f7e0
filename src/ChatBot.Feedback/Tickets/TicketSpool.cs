using System.Text.Json;

namespace ChatBot.Feedback.Tickets;

/// <summary>One piece of feedback the database could not take: exactly one of its parts is set, by <see cref="Kind"/>.</summary>
public sealed record SpoolEntry
{
    public const string TicketKind = "ticket";
    public const string RatingKind = "rating";
    public const string CommentKind = "comment";
    public const string ScoreKind = "score";

    public string? Kind { get; init; }
    public Ticket? Ticket { get; init; }
    public Rating? Rating { get; init; }
    public Guid? QuestionId { get; init; }
    public string? Comment { get; init; }
    public string? Code { get; init; }
    public int? Score { get; init; }
}

/// <summary>
/// Keeps feedback the database could not take (tickets, ratings, their comments, satisfaction scores) in an
/// append-only file, flushed to disk, so a resident who was given a code or thanked for a rating never loses it;
/// <see cref="ReplayAsync"/> moves the entries into the store, in order, once it is back (each write is
/// idempotent). A line that does not parse (cut off by a crash) is moved to a quarantine file and the rest continues.
/// </summary>
public sealed class TicketSpool(string folder)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock gate = new();
    private readonly SemaphoreSlim replaying = new(1, 1);
    private readonly SemaphoreSlim appended = new(0);

    public string FilePath => Path.Combine(folder, "tickets.jsonl");

    public string QuarantinePath => Path.Combine(folder, "quarantine", "tickets.quarantine");

    /// <summary>A damaged line was set aside: the reason.</summary>
    public event Action<string>? Quarantined;

    public bool HasEntries
    {
        get
        {
            lock (gate)
            {
                return File.Exists(FilePath) && new FileInfo(FilePath).Length > 0;
            }
        }
    }

    public void Append(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        Append(new SpoolEntry { Kind = SpoolEntry.TicketKind, Ticket = ticket });
    }

    public void Append(SpoolEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var bytes = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        lock (gate)
        {
            Directory.CreateDirectory(folder);
            using var file = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }
        appended.Release();
    }

    /// <summary>Waits until something is appended (or the timeout passes).</summary>
    public async Task WaitForEntriesAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await appended.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        while (appended.Wait(0))
        {
        }
    }

    /// <summary>A ticket that is only in the spool yet, by its code: the resident can ask about it at once.</summary>
    public Ticket? FindTicket(string code)
    {
        lock (gate)
        {
            if (!File.Exists(FilePath))
            {
                return null;
            }
            return File.ReadLines(FilePath).Select(TryRead).Select(e => e.Entry?.Ticket).LastOrDefault(t => t?.Code == code);
        }
    }

    /// <returns>How many entries were moved into the store.</returns>
    public async Task<int> ReplayAsync(IFeedbackStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await replaying.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string[] lines;
            lock (gate)
            {
                if (!File.Exists(FilePath))
                {
                    return 0;
                }
                lines = File.ReadAllLines(FilePath);
            }
            var moved = 0;
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }
                var (entry, reason) = TryRead(lines[i]);
                if (entry is null)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(QuarantinePath)!);
                    File.AppendAllText(QuarantinePath, lines[i] + "\n");
                    Quarantined?.Invoke($"{Path.GetFileName(FilePath)} line {i + 1}: {reason}");
                    continue;
                }
                await WriteAsync(store, entry, cancellationToken).ConfigureAwait(false);
                moved++;
            }
            lock (gate)
            {
                // Entries spooled while replaying stay for the next round.
                var remaining = File.ReadAllLines(FilePath).Skip(lines.Length).ToList();
                if (remaining.Count == 0)
                {
                    File.Delete(FilePath);
                }
                else
                {
                    File.WriteAllLines(FilePath, remaining);
                }
            }
            return moved;
        }
        finally
        {
            replaying.Release();
        }
    }

    private static async Task WriteAsync(IFeedbackStore store, SpoolEntry entry, CancellationToken cancellationToken)
    {
        switch (entry.Kind)
        {
            case SpoolEntry.TicketKind:
                await store.SaveTicketAsync(entry.Ticket!, cancellationToken).ConfigureAwait(false);
                break;
            case SpoolEntry.RatingKind:
                await store.SaveRatingAsync(entry.Rating!, cancellationToken).ConfigureAwait(false);
                break;
            case SpoolEntry.CommentKind:
                await store.CommentRatingAsync(entry.QuestionId!.Value, entry.Comment!, cancellationToken).ConfigureAwait(false);
                break;
            case SpoolEntry.ScoreKind:
                await store.RateTicketAsync(entry.Code!, entry.Score!.Value, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private static (SpoolEntry? Entry, string? Reason) TryRead(string line)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<SpoolEntry>(line, Json);
            if (entry?.Kind is null)
            {
                // Earlier versions wrote the ticket itself on the line.
                var ticket = JsonSerializer.Deserialize<Ticket>(line, Json);
                return ticket is null ? (null, "empty line") : (new SpoolEntry { Kind = SpoolEntry.TicketKind, Ticket = ticket }, null);
            }
            var complete = entry.Kind switch
            {
                SpoolEntry.TicketKind => entry.Ticket is not null,
                SpoolEntry.RatingKind => entry.Rating is not null,
                SpoolEntry.CommentKind => entry.QuestionId is not null && entry.Comment is not null,
                SpoolEntry.ScoreKind => entry.Code is not null && entry.Score is not null,
                _ => false,
            };
            return complete ? (entry, null) : (null, $"incomplete or unknown entry '{entry.Kind}'");
        }
        catch (JsonException ex)
        {
            return (null, ex.Message);
        }
    }
}
