namespace ChatBot.Conversation.Llm;

/// <summary>
/// One retrieved passage the model may answer from. <see cref="Id"/> is what the model cites ("P1");
/// <see cref="Withheld"/> holds sentences of the passage that read as instructions and were not sent.
/// </summary>
public sealed record GroundingPassage(string Id, string DocumentId, string? Facet, string Title, string Url, string Text, IReadOnlyList<string> Withheld);

/// <summary>What the model is asked for one answer: the redacted question, the redacted earlier questions and the passages.</summary>
public sealed record GroundingRequest(string Question, IReadOnlyList<string> History, IReadOnlyList<GroundingPassage> Passages);

/// <summary>A follow-up to rewrite into a standalone question, from the redacted message and earlier questions (oldest first).</summary>
public sealed record FollowUpRequest(string Message, IReadOnlyList<string> History);

public enum LlmStatus
{
    /// <summary>The model answered; <see cref="LlmCompletion.Text"/> holds it.</summary>
    Ok,

    /// <summary>Slow, down, rate-limited, garbage, or the breaker is open.</summary>
    Failed,

    /// <summary>Today's token budget is spent; no call was made.</summary>
    BudgetSpent,
}

/// <summary>The outcome of one model call and the tokens it used.</summary>
/// <param name="Failure">For staff and logs: why the call gave nothing usable (never the key, never the question).</param>
public sealed record LlmCompletion(LlmStatus Status, string? Text, int PromptTokens = 0, int CompletionTokens = 0, string? Failure = null)
{
    public int Tokens => PromptTokens + CompletionTokens;

    public static LlmCompletion Failed(string failure) => new(LlmStatus.Failed, null, Failure: failure);

    public static readonly LlmCompletion Spent = new(LlmStatus.BudgetSpent, null, Failure: "budget");
}

/// <summary>
/// The port to a language model (Semantic Kernel's OpenAI or Azure OpenAI connector in production, an
/// OpenAI-compatible test double in tests). Implementations never throw for a failing service: they return
/// <see cref="LlmStatus.Failed"/>, so the turn falls back to the retrieval answer.
/// </summary>
public interface ILanguageModel
{
    Task<LlmCompletion> AnswerAsync(GroundingRequest request, CancellationToken cancellationToken);

    Task<LlmCompletion> RewriteFollowUpAsync(FollowUpRequest request, CancellationToken cancellationToken);
}
