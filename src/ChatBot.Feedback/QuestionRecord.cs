namespace ChatBot.Feedback;

/// <summary>The kinds of reply, as the CLI contract and reports name them.</summary>
public static class AnswerKinds
{
    public const string Answer = "answer";
    public const string Clarify = "clarify";
    public const string Smalltalk = "smalltalk";
    public const string NoAnswer = "no-answer";
    public const string Handoff = "handoff";
}

public sealed record CandidateScore(string Id, string? Facet, double Score);

/// <summary>
/// One resident question as the office sees it later: redacted text, how the bot replied, and what it
/// considered. Every question is kept, answered or not, so reports can count both.
/// </summary>
public sealed record QuestionRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required DateTimeOffset At { get; init; }
    public required string ConversationId { get; init; }
    public required string Channel { get; init; }

    /// <summary>The question after redaction; never the raw text.</summary>
    public required string Text { get; init; }

    public required string Kind { get; init; }
    public string? DocumentId { get; init; }
    public string? Facet { get; init; }
    public IReadOnlyList<CandidateScore> Candidates { get; init; } = [];

    /// <summary>Why the bot did not answer (out of scope, low confidence, too long, ...), for staff.</summary>
    public string? Reason { get; init; }

    /// <summary>What the bot replied, for the staff transcript (kept only as long as configured).</summary>
    public string? Reply { get; init; }

    /// <summary>What the language model step did in this turn (null when it was not asked), with its tokens and cost.</summary>
    public LlmUse? Llm { get; init; }

    public bool Answered => Kind is AnswerKinds.Answer or AnswerKinds.Smalltalk;
}

/// <summary>The language model's part in one turn.</summary>
/// <param name="Outcome">"shown" when the resident saw the model's answer; else why the retrieval answer was shown
/// ("rejected:number-not-in-passage", "failed:timeout", "budget", …).</param>
/// <param name="Tokens">Prompt and answer tokens of every call in the turn (rewrite and answer).</param>
/// <param name="Cost">Tokens priced at Llm:CostPerThousandTokens (0 when no price is configured).</param>
public sealed record LlmUse(string Outcome, int Tokens, decimal Cost)
{
    public const string Shown = "shown";

    public bool WasShown => Outcome == Shown;
}

/// <summary>Where question records are kept (a database in production).</summary>
public interface IQuestionStore
{
    /// <param name="mayRepeat">The batch may hold records stored before (a spool replay): skip those.</param>
    Task SaveAsync(IReadOnlyList<QuestionRecord> records, bool mayRepeat, CancellationToken cancellationToken);

    Task<IReadOnlyList<QuestionRecord>> ListAsync(QuestionQuery query, CancellationToken cancellationToken);

    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}

public sealed record QuestionQuery
{
    public bool? Answered { get; init; }
    public string? ConversationId { get; init; }
    public int Limit { get; init; } = 100;
}
