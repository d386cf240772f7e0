using System.Collections.Concurrent;

namespace ChatBot.Feedback.Tickets;

/// <summary>Tickets and ratings held in this process: for the CLI when nothing should be stored, and for tests.</summary>
public sealed class InMemoryFeedbackStore : IFeedbackStore
{
    private readonly ConcurrentDictionary<string, Ticket> tickets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, Rating> ratings = new();

    public IReadOnlyCollection<Ticket> Tickets => tickets.Values.ToList();

    public IReadOnlyCollection<Rating> Ratings => ratings.Values.ToList();

    public Task SaveTicketAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        tickets.TryAdd(ticket.Code, ticket);
        return Task.CompletedTask;
    }

    public Task<Ticket?> FindTicketAsync(string code, CancellationToken cancellationToken) => Task.FromResult(tickets.GetValueOrDefault(code));

    public Task<Ticket?> GetTicketAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult(tickets.Values.FirstOrDefault(t => t.Id == id));

    public Task<IReadOnlyList<Ticket>> TicketsOfConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Ticket>>(tickets.Values.Where(t => t.ConversationId == conversationId).OrderByDescending(t => t.CreatedAt).ToList());

    public Task<bool> RateTicketAsync(string code, int score, CancellationToken cancellationToken)
    {
        if (score is < 1 or > 5 || !tickets.TryGetValue(code, out var ticket) || ticket.Status == ReviewStatus.Open || ticket.Satisfaction is not null)
        {
            return Task.FromResult(false);
        }
        return Task.FromResult(tickets.TryUpdate(code, ticket with { Satisfaction = score }, ticket));
    }

    public Task SaveRatingAsync(Rating rating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rating);
        foreach (var earlier in ratings.Values.Where(r => r.QuestionId == rating.QuestionId && r.ConversationId == rating.ConversationId))
        {
            ratings.TryRemove(earlier.Id, out _);
        }
        ratings[rating.Id] = rating;
        return Task.CompletedTask;
    }

    public Task<bool> CommentRatingAsync(Guid questionId, string comment, CancellationToken cancellationToken)
    {
        var rating = ratings.Values.FirstOrDefault(r => r.QuestionId == questionId);
        if (rating is null)
        {
            return Task.FromResult(false);
        }
        ratings[rating.Id] = rating with { Comment = comment };
        return Task.FromResult(true);
    }

    /// <summary>Lets tests play the staff side.</summary>
    public void Update(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        tickets[ticket.Code] = ticket;
    }
}
