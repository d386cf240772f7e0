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
}
