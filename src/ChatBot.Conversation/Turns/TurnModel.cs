using ChatBot.Feedback;

namespace ChatBot.Conversation.Turns;

/// <summary>What a resident sent, free of any channel's wire format.</summary>
public sealed record TurnInput
{
    public required string ConversationId { get; init; }
    public required string Channel { get; init; }
    public string? Text { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>The conversation has just started; the bot greets instead of answering.</summary>
    public bool IsConversationStart { get; init; }

    /// <summary>A button press that carries data rather than text (a rating, a satisfaction score).</summary>
    public TurnAction? Action { get; init; }
}

/// <summary>A structured button press: <see cref="Name"/> says what it is, <see cref="Target"/> what it is about.</summary>
public sealed record TurnAction(string Name, string Target, string Value)
{
    public const string Rate = "rate";
    public const string Satisfaction = "satisfaction";
}

/// <summary>A knowledge source an answer was built from; <see cref="Facet"/> names the section.</summary>
public sealed record SourceRef(string Id, string? Facet, string Title, string Url, double Score);

/// <summary>One bot message: Markdown text and the buttons offered under it.</summary>
public sealed record BotMessage(string Text, IReadOnlyList<string> SuggestedActions);

/// <summary>The bot's reply to one turn, and the record the office keeps of it.</summary>
public sealed record TurnOutput
{
    public required string Kind { get; init; }
    public required IReadOnlyList<BotMessage> Messages { get; init; }
    public IReadOnlyList<SourceRef> Sources { get; init; } = [];

    /// <summary>The question as the office keeps it (redacted); null for greetings and empty input.</summary>
    public QuestionRecord? Record { get; init; }

    public bool Answered => Kind is AnswerKinds.Answer or AnswerKinds.Smalltalk;

    /// <summary>The stored question the resident may rate helpful or not (set for answers only).</summary>
    public Guid? RateableQuestionId { get; init; }

    /// <summary>A handled ticket whose 1–5 satisfaction score the resident is asked for.</summary>
    public string? SatisfactionTicketCode { get; init; }

    public string Text => string.Join("\n\n", Messages.Select(m => m.Text));
}

/// <summary>What the bot remembers of a conversation between turns.</summary>
public sealed record ConversationState
{
    public static readonly ConversationState New = new();

    /// <summary>The document the conversation is about, for follow-ups like "còn lệ phí?".</summary>
    public string? TopicId { get; init; }

    public string? LastFacet { get; init; }

    /// <summary>Document ids offered in the last clarifying question.</summary>
    public IReadOnlyList<string> ClarifyOptions { get; init; } = [];

    public int Turns { get; init; }

    /// <summary>The resident's latest stored questions, newest first, so ratings and escalations can refer to them.</summary>
    public IReadOnlyList<AskedQuestion> Recent { get; init; } = [];

    /// <summary>Where the "talk to a person" steps stand; null when not escalating.</summary>
    public EscalationDraft? Escalation { get; init; }

    /// <summary>The answer rated "not helpful" whose optional comment the next message may be.</summary>
    public Guid? AwaitingCommentFor { get; init; }

    /// <summary>The ticket whose 1–5 satisfaction score the resident was just asked for; a typed number answers it.</summary>
    public string? AwaitingScoreFor { get; init; }

    /// <summary>When ticket codes that match no ticket were typed, oldest first (only those inside the throttling window).</summary>
    public IReadOnlyList<DateTimeOffset> MissedTicketLookups { get; init; } = [];

    /// <summary>The resident was told that numbers and addresses are removed and need not be sent.</summary>
    public bool PersonalDataNoted { get; init; }

    public const int RecentLimit = 10;

    public ConversationState Remember(QuestionRecord record) => this with
    {
        Recent = [new AskedQuestion(record.Id, record.Text, record.Kind, record.DocumentId, record.Facet), .. Recent.Take(RecentLimit - 1)],
    };
}

public sealed record AskedQuestion(Guid Id, string Text, string Kind, string? DocumentId, string? Facet);

public enum EscalationStep
{
    AwaitingQuestion,
    AwaitingContact,
}

/// <param name="Question">The redacted question to pass on, once known.</param>
/// <param name="ContactAsked">How many times the contact was asked for (the second unclear reply goes without one).</param>
public sealed record EscalationDraft(EscalationStep Step, string? Question, Guid? QuestionId, string? DocumentId, int ContactAsked = 0);

/// <summary>
/// What one turn decided: the reply, the conversation's new state, and the writes it asks for. Computing it reads
/// nothing and writes nothing; <see cref="ConversationService"/> carries out the effects and sends the reply.
/// </summary>
/// <param name="Output">The reply; its <see cref="TurnOutput.Record"/> is the finished question record (redacted, with the reply).</param>
/// <param name="State">The state to keep for the next turn.</param>
/// <param name="Effects">Writes to carry out (a ticket, a rating, …), in order.</param>
/// <param name="IfEffectsFail">The reply to send instead when an effect cannot be carried out at all.</param>
public sealed record TurnResult(TurnOutput Output, ConversationState State, IReadOnlyList<TurnEffect> Effects, TurnOutput? IfEffectsFail = null)
{
    /// <summary>The message is also a question for the assistant (asked in the middle of a dialog step).</summary>
    public bool PassOn { get; init; }

    /// <summary>
    /// When a language model is configured and the turn is an answer: what the model may word it from. The output
    /// is the retrieval answer until <see cref="TurnEngine.WithGroundedAnswer"/> puts a checked model answer in.
    /// </summary>
    public Llm.GroundingRequest? Grounding { get; init; }
}

/// <summary>A write a turn asks for; carried out after the turn by one service (<see cref="TurnEffects"/>).</summary>
public abstract record TurnEffect;

/// <summary>Open a ticket for staff (falls back to the ticket spool when the database fails).</summary>
public sealed record OpenTicket(Feedback.Tickets.Ticket Ticket) : TurnEffect;

/// <summary>Store a helpful / not helpful rating of an answer.</summary>
public sealed record SaveRating(Feedback.Tickets.Rating Rating) : TurnEffect;

/// <summary>Attach the resident's comment to their "not helpful" rating.</summary>
public sealed record CommentRating(Guid QuestionId, string Comment) : TurnEffect;

/// <summary>Store the resident's 1–5 satisfaction score for a handled ticket.</summary>
public sealed record ScoreTicket(string Code, int Score) : TurnEffect;

/// <summary>What a turn must read before it can be computed (a ticket the resident named, their own tickets).</summary>
/// <param name="TicketCode">Look up this ticket.</param>
/// <param name="ConversationTickets">Look up the tickets this conversation opened.</param>
public sealed record TurnNeeds(string? TicketCode, bool ConversationTickets)
{
    public static readonly TurnNeeds Nothing = new(null, false);

    public bool Any => TicketCode is not null || ConversationTickets;
}

/// <summary>What was read for a turn, given to the pure turn function.</summary>
/// <param name="Ticket">The ticket named by <see cref="TurnNeeds.TicketCode"/>, or null when there is none.</param>
/// <param name="ConversationTickets">The conversation's tickets, newest first.</param>
/// <param name="Failed">The store could not be read; the resident is told to try again.</param>
public sealed record TurnLookups(Feedback.Tickets.Ticket? Ticket, IReadOnlyList<Feedback.Tickets.Ticket> ConversationTickets, bool Failed = false)
{
    public static readonly TurnLookups None = new(null, []);

    /// <summary>The follow-up rewritten by the language model as a standalone question (redacted), or null.</summary>
    public string? Standalone { get; init; }
}
