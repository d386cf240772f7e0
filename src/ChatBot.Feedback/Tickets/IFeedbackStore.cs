namespace ChatBot.Feedback.Tickets;

/// <summary>Tickets, ratings and the office's review of unanswered questions (a database in production).</summary>
public interface IFeedbackStore
{
    Task SaveTicketAsync(Ticket ticket, CancellationToken cancellationToken);

    Task<Ticket?> FindTicketAsync(string code, CancellationToken cancellationToken);

    Task<Ticket?> GetTicketAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Ticket>> TicketsOfConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Records the resident's 1–5 score once; false when the ticket is unknown, not handled or already scored.</summary>
    Task<bool> RateTicketAsync(string code, int score, CancellationToken cancellationToken);

    Task SaveRatingAsync(Rating rating, CancellationToken cancellationToken);

    /// <summary>Adds the comment to the conversation's latest rating of that question.</summary>
    Task<bool> CommentRatingAsync(Guid questionId, string comment, CancellationToken cancellationToken);
}
