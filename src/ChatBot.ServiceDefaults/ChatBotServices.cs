using ChatBot.Conversation;
using ChatBot.Conversation.Prompts;
using ChatBot.Feedback;
using ChatBot.Feedback.Staff;
using ChatBot.Feedback.Tickets;
using ChatBot.Knowledge;
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

    public static IServiceCollection AddChatBotCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<KnowledgeOptions>().BindConfiguration("Knowledge");
        services.AddOptions<AssistantOptions>().BindConfiguration("Assistant");
        services.AddOptions<OfficeProfile>().BindConfiguration("Office");
        services.AddOptions<QuestionLogOptions>().BindConfiguration("QuestionLog");

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            return new KnowledgeBase(ContentRoot.Resolve(contentRoot, options.Path), options, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(_ => PromptLibrary.Load(ContentRoot.Resolve(contentRoot, configuration["Prompts:Path"] ?? "prompts")));
        services.AddSingleton(sp => new Assistant(
            sp.GetRequiredService<PromptLibrary>(),
            sp.GetRequiredService<IOptions<OfficeProfile>>().Value,
            sp.GetRequiredService<IOptions<AssistantOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var dialog = new FeedbackDialog(
                sp.GetRequiredService<PromptLibrary>(),
                sp.GetRequiredService<IOptions<OfficeProfile>>().Value,
                sp.GetRequiredService<IOptions<AssistantOptions>>().Value,
                sp.GetRequiredService<IFeedbackStore>(),
                sp.GetRequiredService<TicketSpool>(),
                sp.GetRequiredService<TimeProvider>());
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<FeedbackDialog>();
            dialog.StoreFailed += ex => logger.LogError(ex, "Storing a ticket or rating failed; the resident was told to try again");
            return dialog;
        });
        services.AddSingleton<IConversationStateStore>(sp => new InMemoryConversationStateStore(sp.GetRequiredService<TimeProvider>(), TimeSpan.FromHours(2)));

        var connectionString = ResolveConnectionString(configuration.GetConnectionString(ConnectionStringName) ?? "Data Source=data/chatbot.db", contentRoot);
        services.AddDbContextFactory<ChatBotDbContext>(builder => StorageSetup.Configure(builder, connectionString));
        services.AddSingleton<IQuestionStore, SqlQuestionStore>();
        services.AddSingleton<IFeedbackStore, SqlFeedbackStore>();
        services.AddSingleton(sp => new TicketSpool(ContentRoot.Resolve(contentRoot, sp.GetRequiredService<IOptions<QuestionLogOptions>>().Value.SpoolPath)));
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
            log.StoreFailed += ex => logger.LogWarning(ex, "Storing question records failed; they are kept in the spool file until the database is back");
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
        return services;
    }

    /// <summary>SQLite paths in the connection string resolve against the content root, not the working folder.</summary>
    private static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
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
    ILogger<StartupWork> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await StorageSetup.MigrateAsync(contexts, database.ConnectionString, cancellationToken).ConfigureAwait(false);
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

internal sealed class QuestionLogWriter(QuestionLog log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => log.RunAsync(stoppingToken);
}
