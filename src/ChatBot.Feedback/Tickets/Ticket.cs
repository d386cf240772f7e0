namespace ChatBot.Feedback.Tickets;

/// <summary>Where a ticket, a rated answer or an unanswered question stands in the office's queue.</summary>
public static class ReviewStatus
{
    public const string Open = "open";
    public const string Handled = "handled";
    public const string OutOfScope = "out-of-scope";

    public static bool IsKnown(string? status) => status is Open or Handled or OutOfScope;
}

/// <summary>
/// A question a resident asked to pass to a person. The question text is redacted like every stored question;
/// the contact is the one field that keeps a phone number or e-mail, and only until the retention date.
/// </summary>
public sealed record Ticket
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Code { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string ConversationId { get; init; }
    public required string Channel { get; init; }

    /// <summary>The redacted question.</summary>
    public required string Question { get; init; }

    /// <summary>The stored question record this ticket was opened from, when there is one.</summary>
    public Guid? QuestionId { get; init; }

    public string? DocumentId { get; init; }

    /// <summary>Phone or e-mail the resident left for a reply, with consent; null when none or deleted.</summary>
    public string? Contact { get; init; }

    public DateTimeOffset? ContactDeletedAt { get; init; }

    public string Status { get; init; } = ReviewStatus.Open;
    public string? Reply { get; init; }
    public DateTimeOffset? HandledAt { get; init; }
    public string? HandledBy { get; init; }

    /// <summary>The resident's 1–5 satisfaction with how the ticket was handled.</summary>
    public int? Satisfaction { get; init; }
}

/// <summary>A resident's "helpful / not helpful" on one answer, with an optional redacted comment.</summary>
public sealed record Rating
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required DateTimeOffset At { get; init; }
    public required string ConversationId { get; init; }
    public required string Channel { get; init; }
    public required Guid QuestionId { get; init; }
    public required bool Helpful { get; init; }
    public string? Comment { get; init; }
    public string? DocumentId { get; init; }
    public string? Facet { get; init; }
    public string Status { get; init; } = ReviewStatus.Open;
}
