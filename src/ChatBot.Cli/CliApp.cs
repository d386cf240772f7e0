using System.Text.Encodings.Web;
using System.Text.Json;
using ChatBot.Conversation;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Loading;
using ChatBot.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Cli;

/// <summary>The command line: ask questions, validate knowledge, evaluate and benchmark.</summary>
public static class CliApp
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const string Usage = """
        Trợ lý Dịch vụ công — command line

          chatbot ask "câu hỏi"               print the answer
          chatbot ask --json "câu hỏi"        print one JSON object
          chatbot ask --batch FILE            JSON Lines in ({"q","history"}), JSON Lines out
          chatbot index --check [--path DIR]  validate the knowledge folder; exit 1 on errors
          chatbot import national FILE [--levels xa,tinh] [--out DIR]
                                              national portal records (JSON Lines) → imported guides
          chatbot catalogue build FILE [--out PATH]
                                              national portal records → knowledge/catalogue/procedures.jsonl
          chatbot catalogue search "câu hỏi" [--top N]
                                              the catalogue tier's best records and their signals
          chatbot staff add USER [--role admin|staff] [--name "Họ tên"]
                                              add a staff console account; the password is read from
                                              standard input (one line) or typed at the prompt
          chatbot eval FILE [--llm] [--errors] accuracy, no-answer precision/recall, answer and retrieval times on a labelled set,
                                              beside a plain StandardAnalyzer BM25 baseline

        Options for ask: --record  store the questions in the configured database (off by default).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            return args[0] switch
            {
                "ask" => await AskAsync(args[1..], stdout, stderr).ConfigureAwait(false),
                "index" => IndexCommand(args[1..], stdout, stderr),
                "eval" => await EvalCommand.RunAsync(args[1..], stdout).ConfigureAwait(false),
                "import" => ImportCommand.Run(args[1..], stdout),
                "catalogue" => CatalogueCommand.Run(args[1..], stdout),
                "staff" => await StaffCommand.RunAsync(args[1..], Console.In, stdout).ConfigureAwait(false),
                _ => Fail(stderr, $"unknown command '{args[0]}'\n\n{Usage}"),
            };
        }
        catch (CliUsageException ex)
        {
            return Fail(stderr, ex.Message);
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine(message);
        return 2;
    }

    internal static IHost BuildHost(bool record, string[]? overrides = null)
    {
        var root = ContentRoot.Find();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, Args = overrides ?? [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddChatBotCore(builder.Configuration, root);
        if (!record)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<IQuestionStore, DiscardQuestionStore>());
            builder.Services.Replace(ServiceDescriptor.Singleton<Feedback.Tickets.IFeedbackStore, Feedback.Tickets.InMemoryFeedbackStore>());
        }
        return builder.Build();
    }

    private static async Task<int> AskAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var json = args.Contains("--json");
        var record = args.Contains("--record");
        var batchAt = Array.IndexOf(args, "--batch");
        var rest = args.Where((a, i) => a is not ("--json" or "--record" or "--batch") && (batchAt < 0 || i != batchAt + 1)).ToList();
        using var host = BuildHost(record);
        if (record)
        {
            var contexts = host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Storage.ChatBotDbContext>>();
            await Storage.StorageSetup.MigrateAsync(contexts, host.Services.GetRequiredService<DatabaseConnection>().ConnectionString, CancellationToken.None).ConfigureAwait(false);
        }
        var knowledge = host.Services.GetRequiredService<KnowledgeBase>();
        var state = knowledge.Reload();
        if (state.HasErrors)
        {
            await stderr.WriteLineAsync($"warning: the knowledge folder has {state.Problems.Count(p => p.Severity == ProblemSeverity.Error)} errors; run `chatbot index --check`").ConfigureAwait(false);
        }
        var conversations = host.Services.GetRequiredService<ConversationService>();
        if (batchAt >= 0)
        {
            if (batchAt + 1 >= args.Length)
            {
                throw new CliUsageException("ask --batch needs a file (JSON Lines; '-' for standard input)");
            }
            await BatchAsync(conversations, args[batchAt + 1], stdout).ConfigureAwait(false);
        }
        else
        {
            if (rest.Count == 0)
            {
                throw new CliUsageException("ask needs a question, e.g. chatbot ask \"làm giấy khai sinh cần gì\"");
            }
            var output = conversations.Handle(Input("cli-" + Guid.NewGuid().ToString("N"), string.Join(' ', rest)));
            await stdout.WriteLineAsync(json ? JsonSerializer.Serialize(AnswerLine.From(string.Join(' ', rest), output), Json) : Render(output)).ConfigureAwait(false);
        }
        await host.Services.GetRequiredService<QuestionLog>().FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    internal static TurnInput Input(string conversationId, string text) => new()
    {
        ConversationId = conversationId,
        Channel = "cli",
        Text = text,
        At = DateTimeOffset.UtcNow,
    };

    private static async Task BatchAsync(ConversationService conversations, string path, TextWriter stdout)
    {
        using var reader = path == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(path);
        var lineNumber = 0;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            BatchQuestion? question;
            try
            {
                question = JsonSerializer.Deserialize<BatchQuestion>(line, Json);
            }
            catch (JsonException ex)
            {
                throw new CliUsageException($"{path}:{lineNumber}: not a JSON object: {ex.Message}");
            }
            if (question?.Q is null)
            {
                throw new CliUsageException($"{path}:{lineNumber}: missing \"q\"");
            }
            var conversationId = $"batch-{lineNumber}-{Guid.NewGuid():N}";
            foreach (var earlier in question.History ?? [])
            {
                conversations.Handle(Input(conversationId, earlier));
            }
            var output = conversations.Handle(Input(conversationId, question.Q));
            await stdout.WriteLineAsync(JsonSerializer.Serialize(AnswerLine.From(question.Q, output), Json)).ConfigureAwait(false);
        }
    }

    private static string Render(TurnOutput output)
    {
        var lines = new List<string> { output.Text };
        foreach (var action in output.Messages.SelectMany(m => m.SuggestedActions))
        {
            lines.Add($"  [{action}]");
        }
        lines.Add($"({output.Kind}{(output.Sources.Count > 0 ? ": " + string.Join(", ", output.Sources.Select(s => s.Facet is null ? s.Id : $"{s.Id}#{s.Facet}")) : "")})");
        return string.Join('\n', lines);
    }

    private static int IndexCommand(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!args.Contains("--check"))
        {
            throw new CliUsageException("usage: chatbot index --check [--path DIR]");
        }
        var pathAt = Array.IndexOf(args, "--path");
        var root = ContentRoot.Find();
        var folder = pathAt >= 0 && pathAt + 1 < args.Length ? Path.GetFullPath(args[pathAt + 1]) : Path.Combine(root, "knowledge");
        // The same load path as the host's live reload (a new loader: no last good versions to fall back on).
        var snapshot = new KnowledgeLoader().LoadFolder(folder, DateOnly.FromDateTime(DateTime.UtcNow));
        foreach (var problem in snapshot.Problems.OrderBy(p => p.Severity).ThenBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line))
        {
            (problem.Severity == ProblemSeverity.Error ? stderr : stdout).WriteLine(problem.ToString());
        }
        var procedures = snapshot.Documents.Count(d => d.Kind == Knowledge.Documents.DocumentKind.Procedure);
        var faqs = snapshot.Documents.Count(d => d.Kind == Knowledge.Documents.DocumentKind.Faq);
        var passages = snapshot.Documents.Where(d => d.Kind == Knowledge.Documents.DocumentKind.Passage).ToList();
        var phrasings = snapshot.Documents.Sum(d => d.Questions.Count);
        var errors = snapshot.Problems.Count(p => p.Severity == ProblemSeverity.Error);
        var warnings = snapshot.Problems.Count(p => p.Severity == ProblemSeverity.Warning);
        var stale = snapshot.Problems.Count(p => p.Message.StartsWith("stale", StringComparison.Ordinal));
        stdout.WriteLine($"{folder}: {procedures} procedure guides, {faqs} FAQ entries, {passages.Count} passages from {passages.Select(p => p.SourcePath).Distinct().Count()} office documents, {phrasings} phrasings, {snapshot.Lexicon.Groups.Count} lexicon groups, {snapshot.CatalogueIds.Count} catalogue ids, {snapshot.Catalogue.Count} national catalogue records in {snapshot.Catalogue.Groups.Count} groups; {errors} errors, {warnings} warnings ({stale} stale)");
        return errors > 0 ? 1 : 0;
    }
}

internal sealed class CliUsageException(string message) : Exception(message);

internal sealed record BatchQuestion(string? Q, IReadOnlyList<string>? History);

/// <summary>One line of `ask --json` / `ask --batch` output. The shape is a fixed contract.</summary>
internal sealed record AnswerLine(string Q, bool Answered, string Kind, IReadOnlyList<AnswerSource> Sources, string Text)
{
    public static AnswerLine From(string question, TurnOutput output) => new(
        question,
        output.Answered,
        output.Kind,
        output.Sources.Select(s => new AnswerSource(s.Id, s.Facet, s.Title, s.Url, s.Score)).ToList(),
        output.Text);
}

internal sealed record AnswerSource(string Id, string? Facet, string Title, string Url, double Score);

/// <summary>Drops records: `ask` without --record must not fill the office's database with test questions.</summary>
internal sealed class DiscardQuestionStore : IQuestionStore
{
    public Task SaveAsync(IReadOnlyList<QuestionRecord> records, bool mayRepeat, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<QuestionRecord>> ListAsync(QuestionQuery query, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<QuestionRecord>>([]);

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
