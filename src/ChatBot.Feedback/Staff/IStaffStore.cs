namespace ChatBot.Feedback.Staff;

/// <summary>Staff accounts, the audit log, the review queue and what staff do with its items.</summary>
public interface IStaffStore
{
    Task<StaffAccount?> FindAccountAsync(string userName, CancellationToken cancellationToken);

    /// <summary>Adds an account; false when the user name is taken.</summary>
    Task<bool> AddAccountAsync(StaffAccount account, CancellationToken cancellationToken);

    Task UpdateAccountAsync(StaffAccount account, CancellationToken cancellationToken);

    Task<IReadOnlyList<StaffAccount>> ListAccountsAsync(CancellationToken cancellationToken);

    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int skip, int take, CancellationToken cancellationToken);

    Task<QueuePage> QueueAsync(QueueQuery query, CancellationToken cancellationToken);

    Task<QueueItem?> FindItemAsync(string type, Guid id, CancellationToken cancellationToken);

    /// <summary>Unanswered questions not yet reviewed, newest first, for grouping into topics.</summary>
    Task<IReadOnlyList<OpenQuestion>> OpenUnansweredAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The conversation as the office keeps it: redacted questions, the bot's replies and staff replies.</summary>
    Task<IReadOnlyList<TranscriptLine>> TranscriptAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Sets an item's status and the staff reply (tickets keep the reply for the resident's code lookup).</summary>
    Task<bool> ReviewAsync(string type, Guid id, string status, string? reply, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Marks many unanswered questions at once (a whole topic group).</summary>
    Task<int> ReviewQuestionsAsync(IReadOnlyList<Guid> ids, string status, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deletes contacts of tickets closed before the cut-off and bot replies kept past the transcript limit.</summary>
    Task<(int Contacts, int Replies)> PurgeAsync(DateTimeOffset contactsClosedBefore, DateTimeOffset repliesBefore, CancellationToken cancellationToken);
}

public static class QueueItemTypes
{
    public const string Ticket = "ticket";
    public const string Unanswered = "unanswered";
    public const string Rating = "rating";

    public static bool IsKnown(string? type) => type is Ticket or Unanswered or Rating;
}

public sealed record QueueQuery
{
    /// <summary>One of <see cref="QueueItemTypes"/>, or null for all.</summary>
    public string? Type { get; init; }

    public string? Status { get; init; } = Tickets.ReviewStatus.Open;
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? DocumentId { get; init; }
    public string? Channel { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

/// <summary>One row of the staff queue: an escalated ticket, an unanswered question or a "not helpful" rating.</summary>
public sealed record QueueItem
{
    public required string Type { get; init; }
    public required Guid Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string ConversationId { get; init; }
    public required string Channel { get; init; }

    /// <summary>The redacted question (for a rating: the question that was rated).</summary>
    public required string Text { get; init; }

    public required string Status { get; init; }
    public string? DocumentId { get; init; }
    public string? TicketCode { get; init; }
    public string? Comment { get; init; }
    public string? Reply { get; init; }
    public string? HandledBy { get; init; }
    public DateTimeOffset? HandledAt { get; init; }
    public bool HasContact { get; init; }

    /// <summary>For a rating: the question it rates, so staff can read what the bot answered.</summary>
    public Guid? QuestionId { get; init; }
}

public sealed record QueuePage(IReadOnlyList<QueueItem> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record OpenQuestion(Guid Id, DateTimeOffset At, string Text);

public static class TranscriptRoles
{
    public const string Resident = "resident";
    public const string Bot = "bot";
    public const string Staff = "staff";
}

public sealed record TranscriptLine(DateTimeOffset At, string Role, string Text);
