namespace ChatBot.Feedback.Staff;

/// <summary>Staff accounts, the audit log, the review queue and what staff do with its items.</summary>
public interface IStaffStore
{
    Task<StaffAccount?> FindAccountAsync(string userName, CancellationToken cancellationToken);

    /// <summary>Adds an account; false when the user name is taken.</summary>
    Task<bool> AddAccountAsync(StaffAccount account, CancellationToken cancellationToken);

    Task UpdateAccountAsync(StaffAccount account, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves one password check in a single atomic update, before the hash is verified: the account's counter
    /// goes up by one unless it already reached <paramref name="maxChecks"/> in the failure window or the account
    /// is locked or disabled. Returns the check's number (1…max), or null when no check may be made. Failures
    /// before <paramref name="windowStart"/> and an expired lock are forgotten.
    /// </summary>
    Task<int?> ReserveSignInCheckAsync(string userName, int maxChecks, DateTimeOffset now, DateTimeOffset windowStart, CancellationToken cancellationToken);

    /// <summary>A reserved check found the right password: its reservation is given back (failures stay counted).</summary>
    Task ReleaseSignInCheckAsync(string userName, CancellationToken cancellationToken);

    /// <summary>Locks the account until the given time (the last allowed check failed).</summary>
    Task LockAccountAsync(string userName, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Gives the account a new security stamp, ending all its sessions; false when there is no such account.</summary>
    Task<bool> RenewSecurityStampAsync(string userName, CancellationToken cancellationToken);

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

    /// <summary>Deletes one kind of kept text older than the cut-off (see <see cref="RetentionTarget"/>); returns how many rows changed.</summary>
    Task<int> PurgeAsync(RetentionTarget target, DateTimeOffset before, CancellationToken cancellationToken);
}

public static class Retention
{
    /// <summary>Stands in for a question text deleted at the end of its retention (staff pages show it).</summary>
    public const string DeletedText = "[đã xóa khi hết thời hạn lưu]";
}

/// <summary>What retention deletes, store by store; the rows themselves stay so reports keep their counts.</summary>
public enum RetentionTarget
{
    /// <summary>A ticket's phone number or e-mail, counted from when the ticket was closed.</summary>
    TicketContacts,

    /// <summary>The bot's reply kept beside each question for the staff transcript, counted from the question.</summary>
    BotReplies,

    /// <summary>The resident's (redacted) question text, in questions and in tickets no longer open.</summary>
    QuestionTexts,

    /// <summary>Staff replies to tickets and unanswered questions, counted from when they were written.</summary>
    StaffReplies,

    /// <summary>The details column of the audit log (who, what and when are kept).</summary>
    AuditDetails,

    /// <summary>Residents' comments on "not helpful" ratings.</summary>
    RatingComments,
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
