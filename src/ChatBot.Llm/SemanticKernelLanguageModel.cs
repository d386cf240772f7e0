using System.Text;
using ChatBot.Conversation.Llm;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace ChatBot.Llm;

/// <summary>
/// <see cref="ILanguageModel"/> through Semantic Kernel: the prompt templates of prompts/llm/ rendered by the kernel
/// and sent to its chat completion service (OpenAI-compatible or Azure OpenAI connector). The kernel's HTTP client
/// carries the resilience pipeline (timeout, retries with jitter, circuit breaker); whatever still fails comes back
/// as <see cref="LlmStatus.Failed"/>, never as an exception, so the turn shows the retrieval answer.
/// </summary>
public sealed partial class SemanticKernelLanguageModel(Kernel kernel, LlmPrompts prompts, LlmOptions options, LlmBudget budget, ILogger<SemanticKernelLanguageModel> logger) : ILanguageModel
{
    private readonly KernelFunction answer = KernelFunctionFactory.CreateFromPrompt(prompts.Answer, new KernelPromptTemplateFactory());
    private readonly KernelFunction rewrite = KernelFunctionFactory.CreateFromPrompt(prompts.Rewrite, new KernelPromptTemplateFactory());
    private readonly KernelFunction rules = KernelFunctionFactory.CreateFromPrompt(prompts.Rules, new KernelPromptTemplateFactory());
    private string? renderedRules;

    public Task<LlmCompletion> AnswerAsync(GroundingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(answer, options.MaxOutputTokens, cancellationToken,
            ("history", History(request.History)),
            ("passages", Passages(request.Passages)),
            ("question", request.Question));
    }

    public Task<LlmCompletion> RewriteFollowUpAsync(FollowUpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(rewrite, RewriteTokens, cancellationToken, ("history", History(request.History)), ("message", request.Message));
    }

    /// <summary>A standalone question is one short line.</summary>
    public const int RewriteTokens = 120;

    private async Task<LlmCompletion> InvokeAsync(KernelFunction function, int maxTokens, CancellationToken cancellationToken, params (string Name, string Value)[] values)
    {
        if (budget.IsSpent)
        {
            return LlmCompletion.Spent;
        }
        try
        {
            renderedRules ??= await new KernelPromptTemplateFactory().Create(prompts.Rules).RenderAsync(kernel, new KernelArguments(), cancellationToken).ConfigureAwait(false);
            var arguments = new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = maxTokens, Temperature = 0 }) { ["rules"] = renderedRules };
            foreach (var (name, value) in values)
            {
                arguments[name] = value;
            }
            var result = await kernel.InvokeAsync(function, arguments, cancellationToken).ConfigureAwait(false);
            var message = result.GetValue<ChatMessageContent>();
            var (prompt, completion) = Usage(message?.Metadata ?? result.Metadata);
            budget.Add(prompt + completion);
            var text = message?.Content ?? result.ToString();
            return string.IsNullOrWhiteSpace(text)
                ? new LlmCompletion(LlmStatus.Failed, null, prompt, completion, "empty")
                : new LlmCompletion(LlmStatus.Ok, text, prompt, completion);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The HTTP pipeline's own timeout (Polly) gave up.
            LogFailed(logger, function.Name, "timeout");
            return LlmCompletion.Failed("timeout");
        }
        catch (OperationCanceledException)
        {
            LogFailed(logger, function.Name, "timeout");
            return LlmCompletion.Failed("timeout");
        }
#pragma warning disable CA1031 // A failing model (5xx, 429, garbage, open breaker) must never fail the turn.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var reason = Reason(ex);
            LogFailed(logger, function.Name, reason);
            return LlmCompletion.Failed(reason);
        }
    }

    /// <summary>A short, key-free reason for the record: the HTTP status, an open breaker, a timeout or the error type.</summary>
    private static string Reason(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Polly.CircuitBreaker.BrokenCircuitException:
                    return "breaker-open";
                case Polly.Timeout.TimeoutRejectedException or TimeoutException:
                    return "timeout";
                case HttpOperationException { StatusCode: { } status }:
                    return "http-" + (int)status;
                case System.ClientModel.ClientResultException { Status: > 0 } client:
                    return "http-" + client.Status;
            }
        }
        return ex.GetType().Name;
    }

    private static (int Prompt, int Completion) Usage(IReadOnlyDictionary<string, object?>? metadata) =>
        metadata is not null && metadata.TryGetValue("Usage", out var usage) && usage is OpenAI.Chat.ChatTokenUsage tokens
            ? (tokens.InputTokenCount, tokens.OutputTokenCount)
            : (0, 0);

    private static string History(IReadOnlyList<string> history) =>
        history.Count == 0 ? "(none)" : string.Join("\n", history.Select(q => "- " + q));

    /// <summary>Each passage with its id first, then its title, link and text; the model cites the id.</summary>
    private static string Passages(IReadOnlyList<GroundingPassage> passages)
    {
        var builder = new StringBuilder();
        foreach (var p in passages)
        {
            builder.Append('[').Append(p.Id).Append("] ").Append(p.Title).Append('\n')
                .Append("Link: ").Append(p.Url).Append('\n')
                .Append(p.Text.Trim()).Append("\n\n");
        }
        return builder.ToString().TrimEnd();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model call {Function} gave nothing usable ({Reason}); the retrieval answer is shown")]
    private static partial void LogFailed(ILogger logger, string function, string reason);
}
