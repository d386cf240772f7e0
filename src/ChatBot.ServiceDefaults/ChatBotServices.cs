using ChatBot.Conversation;
using ChatBot.Conversation.Prompts;
using ChatBot.Feedback;
using ChatBot.Feedback.Staff;
using ChatBot.Feedback.Tickets;
using ChatBot.Knowledge;
using ChatBot.Llm;
using ChatBot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.ServiceDefaults;

/// <summary>Registers the bot's core services from configuration; the host and the CLI share it.</summary>
public static class ChatBotServices
{
    public const string ConnectionStringName = "ChatBot";

    /// <summary>Seconds SQLite waits for a write lock held elsewhere unless the connection string sets "Default Timeout".</summary>
    public const int BusyTimeoutSeconds = 1;

    public static IServiceCollection AddChatBotCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(TimeProvider.System);
        // Every option is checked when the host starts: a wrong value stops it with a message naming the key.
        services.AddOptions<KnowledgeOptions>().BindConfiguration("Knowledge")
            .Validate(o => o.Path.Length > 0, "Knowledge:Path must name the knowledge folder")
            .Validate(o => o.StaleAfterMonths > 0, "Knowledge:StaleAfterMonths must be at least 1")
            .Validate(o => o.MaxClassifierDocuments >= 0, "Knowledge:MaxClassifierDocuments must not be negative")
            .ValidateOnStart();
        services.AddOptions<AssistantOptions>().BindConfiguration("Assistant")
            .Validate(o => o.MaxMessageChars > 0 && o.MaxStoredChars > 0 && o.MaxAnswerChars > 0 && o.MaxStoredReplyChars > 0, "Assistant:MaxMessageChars, MaxStoredChars, MaxAnswerChars and MaxStoredReplyChars must be positive")
            .Validate(o => o.ClarifyMargin >= 1, "Assistant:ClarifyMargin must be at least 1 (a ratio of scores)")
            .Validate(o => new[] { o.MinNameCoverage, o.MinCoverage, o.MinCoverageInScope, o.MinIntentProbability, o.MinIntentProbabilityWithoutTopic, o.MaxNoneProbability, o.MaxNoneProbabilityWhenWordsMatch, o.UnbackedIntentProbability, o.UnbackedBigramCoverage, o.UnbackedNoneProbability }.All(v => v is >= 0 and <= 1), "Assistant: coverage and probability thresholds must lie between 0 and 1")
            .ValidateOnStart();
        services.AddOptions<OfficeProfile>().BindConfiguration("Office")
            .Validate(o => o.Name.Length > 0, "Office:Name must be set (the one-stop shop's name is shown in every greeting)")
            .Validate(o => o.Hotline.Length > 0, "Office:Hotline must be set (every 'I don't know' gives it)")
            .Validate(o => Uri.TryCreate(o.Portal, UriKind.Absolute, out var portal) && portal.Scheme is "https" or "http", "Office:Portal must be an absolute http(s) address")
            .ValidateOnStart();
        services.AddOptions<QuestionLogOptions>().BindConfiguration("QuestionLog")
            .Validate(o => o.SpoolPath.Length > 0 && o.BatchSize > 0 && o.MaxAttempts > 0, "QuestionLog:SpoolPath must be set; BatchSize and MaxAttempts must be positive")
            .Validate(o => o.JournalSegmentRecords > 0 && o.MaxPendingRecords > 0 && o.RetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay, "QuestionLog:JournalSegmentRecords and MaxPendingRecords must be positive; RetryDelay positive and at most MaxRetryDelay")
            .ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            return new KnowledgeBase(ContentRoot.Resolve(contentRoot, options.Path), options, sp.GetRequiredService<TimeProvider>());
        });
        var prompts = ContentRoot.Resolve(contentRoot, configuration["Prompts:Path"] ?? "prompts");
        services.AddSingleton(_ => PromptLibrary.Load(prompts));
        // The optional language model (Llm:Provider, docs/llm.md): a step of the same turn engine, off by default.
        services.AddLanguageModel(configuration, prompts);
        // The turn: records, answer policy and wording, the feedback dialog, one engine, and the service that
        // loads, calls, carries out and saves for every channel.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AssistantOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<OfficeProfile>>().Value);
        services.AddSingleton<QuestionRecords>();
        services.AddSingleton<AnswerPolicy>();
        services.AddSingleton<AnswerWriter>();
        services.AddSingleton<Assistant>();
        services.AddSingleton<FeedbackDialog>();
        services.AddSingleton<TurnEngine>();
        services.AddSingleton(sp =>
        {
            var effects = new TurnEffects(sp.GetRequiredService<IFeedbackStore>(), sp.GetRequiredService<TicketSpool>());
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<TurnEffects>();
            effects.StoreFailed += ex => logger.LogError(ex, "Storing or reading a ticket or rating failed; the resident was told to try again");
            return effects;
        });
        services.AddSingleton<IConversationStateStore>(sp => new InMemoryConversationStateStore(sp.GetRequiredService<TimeProvider>(), TimeSpan.FromHours(2)));

        var connectionString = ResolveConnectionString(configuration.GetConnectionString(ConnectionStringName) ?? "Data Source=data/chatbot.db", contentRoot);
        services.AddDbContextFactory<ChatBotDbContext>(builder => StorageSetup.Configure(builder, connectionString));
        services.AddSingleton<IQuestionStore, SqlQuestionStore>();
        services.AddSingleton<IFeedbackStore, SqlFeedbackStore>();
        services.AddSingleton(sp =>
        {
            var spool = new TicketSpool(ContentRoot.Resolve(contentRoot, sp.GetRequiredService<IOptions<QuestionLogOptions>>().Value.SpoolPath));
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<TicketSpool>();
            spool.Quarantined += reason => logger.LogError("A damaged feedback spool entry was moved to {File}: {Reason}", spool.QuarantinePath, reason);
            return spool;
        });
        services.AddSingleton<IStaffStore, SqlStaffStore>();
        services.AddOptions<StaffSignInOptions>().BindConfiguration("Staff:SignIn")
            .Validate(o => o.MaxFailedSignIns > 0 && o.LockoutDuration > TimeSpan.Zero && o.FailureWindow > TimeSpan.Zero && o.PerAddressPerMinute > 0 && o.PerAccountPerMinute > 0, "Staff:SignIn needs positive limits and durations.")
            .ValidateOnStart();
        services.AddSingleton(sp => new StaffSignIn(sp.GetRequiredService<IStaffStore>(), sp.GetRequiredService<IOptions<StaffSignInOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<QuestionLogOptions>>().Value;
            var log = new QuestionLog(sp.GetRequiredService<IQuestionStore>(), options with { SpoolPath = ContentRoot.Resolve(contentRoot, options.SpoolPath) }, sp.GetRequiredService<TimeProvider>());
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<QuestionLog>();
            log.StoreFailed += ex => logger.LogWarning(ex, "Storing question records failed; they stay in the journal and are written as soon as the database takes writes");
            log.JournalFailed += ex => logger.LogCritical(ex, "The question journal cannot be written (is the disk full?); records wait in memory until the disk or the database takes them");
            log.Quarantined += (file, reason) => logger.LogError("A damaged journal entry was moved to {File}: {Reason}", file, reason);
            log.Lost += record => logger.LogCritical("A question record was lost: the journal failed and {Max} records already wait in memory (conversation {ConversationId})", options.MaxPendingRecords, record.ConversationId);
            return log;
        });
        services.AddSingleton<ConversationService>();
        services.AddSingleton(new DatabaseConnection(connectionString));
        return services;
    }

    /// <summary>Start-up steps: migrate the database, load the knowledge, then keep writing question records.</summary>
    public static IServiceCollection AddChatBotBackgroundWork(this IServiceCollection services)
    {
        services.AddHostedService<StartupWork>();
        services.AddHostedService<QuestionLogWriter>();
        services.AddHostedService<FeedbackSpoolWriter>();
        // No background failure stops the host (the default would): each loop logs and retries on its own, and
        // residents keep getting answers whatever a background job threw.
        services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        return services;
    }

    /// <summary>SQLite paths in the connection string resolve against the content root, not the working folder.</summary>
    private static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            // SQLite waits this long for another writer's lock (30 s by default): a resident's turn must not hang
            // behind a held lock; what cannot be written goes to the journal or the spool and is retried.
            builder.DefaultTimeout = BusyTimeoutSeconds;
        }
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && !source.StartsWith("file:", StringComparison.Ordinal))
        {
            builder.DataSource = ContentRoot.Resolve(contentRoot, source);
        }
        return builder.ToString();
    }
}

public sealed record DatabaseConnection(string ConnectionString);

/// <summary>Migrates the database and loads the knowledge before the host accepts traffic.</summary>
internal sealed class StartupWork(
    IDbContextFactory<ChatBotDbContext> contexts,
    DatabaseConnection database,
    KnowledgeBase knowledge,
    ILogger<StartupWork> logger,
    TimeProvider clock,
    LlmBudget? budget = null) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await StorageSetup.MigrateAsync(contexts, database.ConnectionString, cancellationToken).ConfigureAwait(false);
        if (budget is not null)
        {
            // Today's tokens so far (Vietnam time), so a restart does not give the language model a fresh daily budget.
            var today = new DateTimeOffset(Knowledge.Text.VietnamTime.Today(clock.GetUtcNow()).ToDateTime(TimeOnly.MinValue), Knowledge.Text.VietnamTime.Offset).ToUnixTimeMilliseconds();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            budget.Add(await db.Questions.Where(q => q.AtUnixMs >= today).SumAsync(q => (long)q.LlmTokens, cancellationToken).ConfigureAwait(false));
        }
        knowledge.ReloadFailed += ex => logger.LogError(ex, "Reloading knowledge failed; the previous version stays in use");
        knowledge.Reloaded += state =>
        {
            foreach (var problem in state.Problems.Where(p => p.Severity == Knowledge.Loading.ProblemSeverity.Error))
            {
                logger.LogError("Knowledge problem: {Problem}", problem.ToString());
            }
            logger.LogInformation("Knowledge loaded: {Documents} documents in {Milliseconds:0} ms", state.Documents.Count, state.BuildTime.TotalMilliseconds);
        };
        knowledge.Reload();
        knowledge.StartWatching();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Moves spooled feedback (tickets, ratings, comments, scores) into the database as soon as it takes writes:
/// tried when something is spooled, then again after a growing pause while the database refuses.
/// </summary>
internal sealed class FeedbackSpoolWriter(TicketSpool spool, IFeedbackStore store, IOptions<QuestionLogOptions> options, ILogger<FeedbackSpoolWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = options.Value.RetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!spool.HasEntries)
                {
                    await spool.WaitForEntriesAsync(Timeout.InfiniteTimeSpan, stoppingToken).ConfigureAwait(false);
                }
                if (await spool.ReplayAsync(store, stoppingToken).ConfigureAwait(false) is > 0 and var moved)
                {
                    logger.LogInformation("Moved {Entries} spooled feedback entries into the database", moved);
                }
                delay = options.Value.RetryDelay;
                continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The database is still down (or the file unreadable): wait and try again; never stop.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogWarning(ex, "Spooled feedback could not be written yet; trying again in {Delay}", delay);
            }
            try
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxRetryDelay.Ticks));
        }
    }
}

internal sealed class QuestionLogWriter(QuestionLog log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => log.RunAsync(stoppingToken);
}
