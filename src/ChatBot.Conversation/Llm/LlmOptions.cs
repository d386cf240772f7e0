namespace ChatBot.Conversation.Llm;

/// <summary>Which language model service writes grounded answers; <see cref="None"/> keeps the retrieval answer alone.</summary>
public enum LlmProvider
{
    None,

    /// <summary>Any OpenAI-compatible endpoint (OpenAI itself, or a model the office hosts), base URL with /v1.</summary>
    OpenAI,

    /// <summary>An Azure OpenAI resource and deployment.</summary>
    AzureOpenAI,
}

/// <summary>
/// The optional language model step (section "Llm", docs/llm.md). Off by default: with <see cref="LlmProvider.None"/>
/// every turn is the retrieval answer, exactly as without this section.
/// </summary>
public sealed class LlmOptions
{
    public LlmProvider Provider { get; set; } = LlmProvider.None;

    /// <summary>For OpenAI the base URL including /v1 (http://127.0.0.1:8080/v1); for Azure OpenAI the resource URL.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The model name (OpenAI) or the deployment name (Azure OpenAI).</summary>
    public string Model { get; set; } = "";

    /// <summary>From the environment (Llm__ApiKey) or a secret store; never logged, never shown.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// All of a turn's model calls (follow-up rewrite and answer, retries included) must finish within this; after it
    /// the resident gets the retrieval answer. Eight seconds is about what a resident waits for a typing indicator.
    /// </summary>
    public int TimeoutSeconds { get; set; } = 8;

    /// <summary>At most this many tokens per model answer; a grounded answer of a few short paragraphs needs far fewer.</summary>
    public int MaxOutputTokens { get; set; } = 700;

    /// <summary>Tokens (prompt and answer) the office allows a day, Vietnam time; 0 means no limit. Spent → retrieval only.</summary>
    public long DailyTokenBudget { get; set; }

    /// <summary>Cost of a thousand tokens in the office's currency, stored with each turn (0 when unknown).</summary>
    public decimal CostPerThousandTokens { get; set; }

    /// <summary>How many retrieved passages the model is given: the answer's own, then close runners-up.</summary>
    public int MaxPassages { get; set; } = 4;

    /// <summary>Retries of a failed call (5xx, 429, 408, network), with exponential back-off and jitter.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The circuit breaker opens when at least this share of calls in the sampling window failed ...</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>... and at least this many calls were made in it ...</summary>
    public int BreakerMinimumThroughput { get; set; } = 6;

    /// <summary>... within this many seconds ...</summary>
    public int BreakerSamplingSeconds { get; set; } = 60;

    /// <summary>... and then stays open (no call reaches the model) this long before one trial call.</summary>
    public double BreakerBreakSeconds { get; set; } = 30;

    public bool Enabled => Provider != LlmProvider.None;

    /// <summary>The problems that must stop the start, each naming its key; empty when the section is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (TimeoutSeconds is < 1 or > 120)
        {
            problems.Add("Llm:TimeoutSeconds must be between 1 and 120");
        }
        if (!Enabled)
        {
            return problems;
        }
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            problems.Add($"Llm:Endpoint must be an absolute http(s) URL when Llm:Provider is {Provider}");
        }
        else if (Provider == LlmProvider.OpenAI && !endpoint.AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal))
        {
            problems.Add("Llm:Endpoint must be the base URL including /v1 when Llm:Provider is OpenAI (e.g. http://127.0.0.1:8080/v1)");
        }
        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add($"Llm:Model must name the model or deployment when Llm:Provider is {Provider}");
        }
        if (Provider == LlmProvider.AzureOpenAI && string.IsNullOrWhiteSpace(ApiKey))
        {
            problems.Add("Llm:ApiKey must be set when Llm:Provider is AzureOpenAI (from the environment: Llm__ApiKey)");
        }
        if (MaxOutputTokens is < 16 or > 16000)
        {
            problems.Add("Llm:MaxOutputTokens must be between 16 and 16000");
        }
        if (DailyTokenBudget < 0 || CostPerThousandTokens < 0)
        {
            problems.Add("Llm:DailyTokenBudget and Llm:CostPerThousandTokens must not be negative");
        }
        if (MaxPassages is < 1 or > 10)
        {
            problems.Add("Llm:MaxPassages must be between 1 and 10");
        }
        if (MaxRetries is < 0 or > 5)
        {
            problems.Add("Llm:MaxRetries must be between 0 and 5");
        }
        if (BreakerFailureRatio is <= 0 or > 1 || BreakerMinimumThroughput < 2 || BreakerSamplingSeconds < 1 || BreakerBreakSeconds < 0.5)
        {
            problems.Add("Llm:BreakerFailureRatio must lie in (0, 1], Llm:BreakerMinimumThroughput be at least 2, Llm:BreakerSamplingSeconds at least 1 and Llm:BreakerBreakSeconds at least 0.5");
        }
        return problems;
    }

    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"Llm {{ Provider = {Provider}, Endpoint = {Endpoint}, Model = {Model}, ApiKey = {(ApiKey.Length > 0 ? "(set)" : "(empty)")} }}";
}
