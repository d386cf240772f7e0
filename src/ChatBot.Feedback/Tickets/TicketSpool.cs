using System.Text.Json;

namespace ChatBot.Feedback.Tickets;

/// <summary>
/// Keeps tickets the database could not take in an append-only file, so a resident who was given a code never
/// loses the question; <see cref="ReplayAsync"/> moves them into the store once it is back (idempotent by id).
/// </summary>
public sealed class TicketSpool(string folder)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock gate = new();

    public string FilePath => Path.Combine(folder, "tickets.jsonl");

    public void Append(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        lock (gate)
        {
            Directory.CreateDirectory(folder);
            File.AppendAllText(FilePath, JsonSerializer.Serialize(ticket, Json) + "\n");
        }
    }

    /// <returns>How many tickets were moved into the store.</returns>
    public async Task<int> ReplayAsync(IFeedbackStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        List<Ticket> tickets;
        lock (gate)
        {
            if (!File.Exists(FilePath))
            {
                return 0;
            }
            tickets = File.ReadAllLines(FilePath).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Ticket>(l, Json)!).ToList();
        }
        foreach (var ticket in tickets)
        {
            await store.SaveTicketAsync(ticket, cancellationToken).ConfigureAwait(false);
        }
        lock (gate)
        {
            // Tickets spooled while replaying stay for the next round.
            var remaining = File.ReadAllLines(FilePath).Skip(tickets.Count).ToList();
            if (remaining.Count == 0)
            {
                File.Delete(FilePath);
            }
            else
            {
                File.WriteAllLines(FilePath, remaining);
            }
        }
        return tickets.Count;
    }
}
