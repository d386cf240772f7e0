using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChatBot.Conversation.Llm;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge;

namespace ChatBot.Conversation.Evaluation;

/// <summary>One labelled question of an evaluation set (tests/eval/README.md).</summary>
/// <param name="AltIds">Other sources that are equally right (the same catalogue procedure at another level).</param>
/// <param name="Expect">Figures a right answer must contain (the official fee or time limit asked for).</param>
public sealed record EvaluationItem(string Q, IReadOnlyList<string>? History, string? Id, string? Facet, string Kind, string? Style, IReadOnlyList<string>? AltIds = null, IReadOnlyList<string>? Expect = null)
{
    public bool IsRightSource(string? id) => id is not null && (id == Id || (AltIds?.Contains(id) ?? false));
}

/// <summary>What one system did with one labelled question, and how that is scored.</summary>
/// <param name="Llm">What the language model did for the question (eval --llm); null on the retrieval path.</param>
public sealed record EvaluationOutcome(EvaluationItem Item, string Kind, IReadOnlyList<SourceRef> Sources, string Text, double Milliseconds, LlmUse? Llm = null)
{
    /// <summary>How many sources count for recall.</summary>
    public const int RecallDepth = 3;

    public bool Shown => Kind is AnswerKinds.Answer or AnswerKinds.Clarify;

    public bool Declined => Kind is AnswerKinds.NoAnswer or AnswerKinds.Handoff;

    public bool Answerable => Item.Kind == AnswerKinds.Answer && Item.Id is not null;

    public bool Top1 => Shown && Sources.Count > 0 && Item.IsRightSource(Sources[0].Id);

    public bool Recall3 => Shown && Sources.Take(RecallDepth).Any(s => Item.IsRightSource(s.Id));

    public bool FacetRight => Item.Facet is null || (Sources.Count > 0 && Sources[0].Facet == Item.Facet);

    /// <summary>The answer shows one of the expected figures (dots, spaces and case aside); null when none is expected.</summary>
    public bool? FigureShown => Item.Expect is not { Count: > 0 } expect ? null
        : Top1 && expect.Any(e => Comparable(Text).Contains(Comparable(e), StringComparison.Ordinal));

    /// <summary>Handled as labelled: the right document (and facet), small talk as small talk, or declined.</summary>
    public bool Correct => Item.Kind switch
    {
        AnswerKinds.NoAnswer => Declined,
        AnswerKinds.Smalltalk => Kind == AnswerKinds.Smalltalk,
        _ => Top1 && FacetRight,
    };

    private static string Comparable(string text) => new(text.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && c is not '.' and not ',').ToArray());
}

/// <summary>Figures of a group of outcomes; ratios are null where nothing was counted.</summary>
public sealed record EvaluationFigures(int Count, double? Top1, double? Recall3, double? Facet, double? DeclinePrecision, double? DeclineRecall, double? Figures, double P50Milliseconds, double P99Milliseconds)
{
    public static EvaluationFigures Of(IReadOnlyList<EvaluationOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var answerable = outcomes.Where(o => o.Answerable).ToList();
        var withFacet = answerable.Where(o => o.Item.Facet is not null && o.Top1).ToList();
        var predictedDecline = outcomes.Where(o => o.Declined).ToList();
        var shouldDecline = outcomes.Where(o => o.Item.Kind == AnswerKinds.NoAnswer).ToList();
        var figures = outcomes.Where(o => o.FigureShown is not null).ToList();
        var times = outcomes.Select(o => o.Milliseconds).Order().ToList();
        return new EvaluationFigures(
            outcomes.Count,
            Ratio(answerable.Count(o => o.Top1), answerable.Count),
            Ratio(answerable.Count(o => o.Recall3), answerable.Count),
            Ratio(withFacet.Count(o => o.FacetRight), withFacet.Count),
            Ratio(predictedDecline.Count(o => o.Item.Kind == AnswerKinds.NoAnswer), predictedDecline.Count),
            Ratio(shouldDecline.Count(o => o.Declined), shouldDecline.Count),
            Ratio(figures.Count(o => o.FigureShown == true), figures.Count),
            Percentile(times, 0.5),
            Percentile(times, 0.99));
    }

    private static double? Ratio(int part, int whole) => whole == 0 ? null : (double)part / whole;

    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>The outcomes of one system on one set, with figures overall and per style.</summary>
public sealed record EvaluationReport(IReadOnlyList<EvaluationOutcome> Outcomes)
{
    public const string All = "ALL";

    public EvaluationFigures Overall => EvaluationFigures.Of(Outcomes);

    /// <summary>"ALL" first, then each style in order.</summary>
    public IReadOnlyList<(string Style, EvaluationFigures Figures)> ByStyle() =>
        Outcomes.GroupBy(o => o.Item.Style ?? "-").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, EvaluationFigures.Of(g.ToList())))
            .Prepend((All, Overall))
            .ToList();

    public IEnumerable<EvaluationOutcome> Misses => Outcomes.Where(o => !o.Correct);

    /// <summary>Questions the language model was asked to answer (eval --llm).</summary>
    public int ModelAsked => Outcomes.Count(o => o.Llm is { Outcome: not "rewrite-only" });

    /// <summary>Of those, the share whose answer the checks rejected (the retrieval answer was shown instead).</summary>
    public double? ModelRejected => ModelAsked == 0 ? null : (double)Outcomes.Count(o => o.Llm?.Outcome.StartsWith("rejected:", StringComparison.Ordinal) == true) / ModelAsked;

    /// <summary>Of those, the share whose model answer was shown.</summary>
    public double? ModelShown => ModelAsked == 0 ? null : (double)Outcomes.Count(o => o.Llm?.WasShown == true) / ModelAsked;

    /// <summary>How often each outcome other than "shown" occurred (which check rejected, which failure).</summary>
    public IReadOnlyList<(string Outcome, int Count)> ModelFallbacks() =>
        Outcomes.Where(o => o.Llm is { WasShown: false }).GroupBy(o => o.Llm!.Outcome, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ToList();
}

/// <summary>
/// The one evaluator: runs a labelled set through the turn engine (history first, in a fresh conversation, as a
/// resident would ask it) and scores it. The CLI prints its report, the tests assert floors on it, and the staff
/// knowledge-change review compares two reports.
/// </summary>
public static class Evaluator
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<EvaluationItem> Load(string path)
    {
        var items = new List<EvaluationItem>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            try
            {
                var item = JsonSerializer.Deserialize<EvaluationItem>(text, Json) ?? throw new FormatException($"{path}:{line}: empty");
                if (item.Q is null || item.Kind is null)
                {
                    throw new FormatException($"{path}:{line}: \"q\" and \"kind\" are required");
                }
                items.Add(item);
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{path}:{line}: {ex.Message}", ex);
            }
        }
        return items;
    }

    public static EvaluationReport Evaluate(TurnEngine engine, KnowledgeState knowledge, IReadOnlyList<EvaluationItem> items)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(items);
        return new EvaluationReport(items.Select((item, i) => Ask(engine, knowledge, item, i)).ToList());
    }

    /// <summary>
    /// The same evaluation through the language model step (<see cref="TurnEngine.NextTurnAsync"/>): what `eval --llm`
    /// runs when an endpoint is configured. Each outcome carries what the model did.
    /// </summary>
    public static async Task<EvaluationReport> EvaluateAsync(TurnEngine engine, KnowledgeState knowledge, IReadOnlyList<EvaluationItem> items, ILanguageModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(items);
        var outcomes = new List<EvaluationOutcome>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var conversation = string.Create(CultureInfo.InvariantCulture, $"eval-{i}");
            var state = ConversationState.New;
            foreach (var earlier in item.History ?? [])
            {
                state = (await engine.NextTurnAsync(state, Input(conversation, earlier), knowledge, TurnLookups.None, model, cancellationToken).ConfigureAwait(false)).State;
            }
            var started = Stopwatch.GetTimestamp();
            var output = (await engine.NextTurnAsync(state, Input(conversation, item.Q), knowledge, TurnLookups.None, model, cancellationToken).ConfigureAwait(false)).Output;
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            outcomes.Add(new EvaluationOutcome(item, output.Kind, output.Sources, output.Text, elapsed, output.Record?.Llm));
        }
        return new EvaluationReport(outcomes);
    }

    /// <summary>Scores another system (a baseline) the same way: it names a kind and ranked source ids per question.</summary>
    public static EvaluationReport Score(IReadOnlyList<EvaluationItem> items, Func<EvaluationItem, (string Kind, IReadOnlyList<string> Ids)> system)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(system);
        return new EvaluationReport(items.Select(item =>
        {
            var started = Stopwatch.GetTimestamp();
            var (kind, ids) = system(item);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return new EvaluationOutcome(item, kind, ids.Select(id => new SourceRef(id, null, "", "", 0)).ToList(), "", elapsed);
        }).ToList());
    }

    private static EvaluationOutcome Ask(TurnEngine engine, KnowledgeState knowledge, EvaluationItem item, int index)
    {
        var conversation = string.Create(CultureInfo.InvariantCulture, $"eval-{index}");
        var state = ConversationState.New;
        foreach (var earlier in item.History ?? [])
        {
            state = engine.NextTurn(state, Input(conversation, earlier), knowledge).State;
        }
        var started = Stopwatch.GetTimestamp();
        var output = engine.NextTurn(state, Input(conversation, item.Q), knowledge).Output;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return new EvaluationOutcome(item, output.Kind, output.Sources, output.Text, elapsed);
    }

    private static TurnInput Input(string conversation, string text) => new() { ConversationId = conversation, Channel = "evaluation", Text = text, At = DateTimeOffset.UnixEpoch };
}
