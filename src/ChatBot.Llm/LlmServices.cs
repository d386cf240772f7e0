using ChatBot.Conversation.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Polly;

namespace ChatBot.Llm;

/// <summary>Registers the optional language model step (section "Llm", docs/llm.md).</summary>
public static class LlmServices
{
    /// <summary>The named HTTP client Semantic Kernel's connector sends through; it carries the resilience pipeline.</summary>
    public const string HttpClientName = "llm";

    /// <summary>First retry after about this long, then exponentially longer, with jitter.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Binds and checks Llm options (a misconfigured provider stops the start with a message naming the key). Only
    /// when a provider is configured: the Semantic Kernel, its chat connector and <see cref="ILanguageModel"/>.
    /// </summary>
    public static IServiceCollection AddLanguageModel(this IServiceCollection services, IConfiguration configuration, string promptsFolder)
    {
        services.AddOptions<LlmOptions>().BindConfiguration("Llm").ValidateOnStart();
        services.AddSingleton<IValidateOptions<LlmOptions>, LlmOptionsValidation>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LlmOptions>>().Value);
        var configured = configuration.GetSection("Llm").Get<LlmOptions>() ?? new LlmOptions();
        if (!configured.Enabled)
        {
            return services;
        }

        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("llm", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value;
                // Outermost: the whole call, retries included, within Llm:TimeoutSeconds.
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = FirstRetryDelay,
                    });
                }
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = options.BreakerFailureRatio,
                    MinimumThroughput = options.BreakerMinimumThroughput,
                    SamplingDuration = TimeSpan.FromSeconds(options.BreakerSamplingSeconds),
                    BreakDuration = TimeSpan.FromSeconds(options.BreakerBreakSeconds),
                });
            });
        services.AddSingleton(_ => LlmPrompts.Load(promptsFolder));
        services.AddSingleton(sp => new LlmBudget(sp.GetRequiredService<LlmOptions>().DailyTokenBudget, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => BuildKernel(sp.GetRequiredService<LlmOptions>(), sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ILanguageModel, SemanticKernelLanguageModel>();
        return services;
    }

    /// <summary>The kernel with the configured provider's chat completion connector on the resilient HTTP client.</summary>
    public static Kernel BuildKernel(LlmOptions options, HttpClient http, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(loggers);
        switch (options.Provider)
        {
            case LlmProvider.OpenAI:
                // A self-hosted endpoint may need no key; the client library insists on one, so a placeholder is sent.
                builder.AddOpenAIChatCompletion(options.Model, new Uri(options.Endpoint), options.ApiKey.Length > 0 ? options.ApiKey : "none", httpClient: http);
                break;
            case LlmProvider.AzureOpenAI:
                builder.AddAzureOpenAIChatCompletion(options.Model, options.Endpoint, options.ApiKey, httpClient: http);
                break;
            default:
                throw new InvalidOperationException("Llm:Provider None has no kernel");
        }
        return builder.Build();
    }
}

/// <summary>Every problem of the Llm section, each naming its key, stops the start.</summary>
internal sealed class LlmOptionsValidation : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
