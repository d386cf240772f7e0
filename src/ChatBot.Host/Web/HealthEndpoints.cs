using ChatBot.Feedback;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Loading;

namespace ChatBot.Host.Web;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // Liveness: the process answers. Also the bare endpoint the benchmark compares turns against.
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", ReadyAsync);
        return app;
    }

    private static async Task<IResult> ReadyAsync(KnowledgeBase knowledge, IQuestionStore store, QuestionLog log, CancellationToken cancellationToken)
    {
        var state = knowledge.Current;
        bool database;
        try
        {
            database = await store.IsReachableAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Readiness reports any database failure as not ready.
        catch (Exception)
#pragma warning restore CA1031
        {
            database = false;
        }
        // Reachable is not enough: a full disk answers reads but refuses writes.
        var ready = database && log.StoreWritable && state.Documents.Count > 0;
        var body = new
        {
            status = ready ? "ready" : "not-ready",
            knowledge = new
            {
                documents = state.Documents.Count,
                loadedAt = state.LoadedAt,
                buildMilliseconds = Math.Round(state.BuildTime.TotalMilliseconds),
                errors = state.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.ToString()),
                warnings = state.Problems.Count(p => p.Severity == ProblemSeverity.Warning),
            },
            database = database ? "reachable" : "unreachable",
            writes = new { database = log.StoreWritable ? "ok" : "failing", journal = log.JournalWritable ? "ok" : "failing" },
            questionLog = new { pending = log.Pending, journalFiles = log.JournalBacklog, quarantined = log.QuarantinedCount, lost = log.LostCount },
        };
        return Results.Json(body, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
