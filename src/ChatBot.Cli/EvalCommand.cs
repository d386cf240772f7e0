using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChatBot.Conversation;
using ChatBot.Conversation.Evaluation;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Cli;

/// <summary>
/// `chatbot eval FILE`: runs a labelled set through the turn engine (the one evaluator, <see cref="Evaluator"/>) and
/// through two plain baselines, and prints top-1, recall@3, facet accuracy, no-answer precision/recall, the share of
/// answers showing the expected figure, and answer time, overall and per style.
/// </summary>
internal static class EvalCommand
{
    /// <summary>Tiered JIT promotes hot methods only after enough calls: warm up on at least this many questions.</summary>
    private const int WarmUpQuestions = 3000;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
            ?? throw new CliUsageException("usage: chatbot eval FILE [--llm] [--errors [--trace]] [--features OUT.tsv] [--Section:Key value ...]");
        IReadOnlyList<EvaluationItem> items;
        try
        {
            items = Evaluator.Load(file);
        }
        catch (Exception ex) when (ex is FormatException or IOException)
        {
            throw new CliUsageException(ex.Message);
        }
        // Settings after the file override configuration, e.g. --Assistant:MinNameCoverage 0.4.
        var rest = args.SkipWhile(a => a != file).Skip(1).ToList();
        var featuresAt = rest.IndexOf("--features");
        var featuresFile = featuresAt >= 0 && featuresAt + 1 < rest.Count ? rest[featuresAt + 1] : null;
        var overrides = rest.Where((a, i) => a is not ("--errors" or "--trace" or "--features" or "--llm") && (featuresAt < 0 || i != featuresAt + 1)).ToArray();
        var throughModel = rest.Contains("--llm");
        using var host = CliApp.BuildHost(record: false, overrides);
        var knowledge = host.Services.GetRequiredService<KnowledgeBase>();
        var state = knowledge.Reload();
        var engine = host.Services.GetRequiredService<TurnEngine>();
        // --llm: the same set through the language model step (docs/llm.md); needs a configured endpoint, never run in CI.
        var model = throughModel
            ? host.Services.GetService<Conversation.Llm.ILanguageModel>() ?? throw new CliUsageException("eval --llm needs a language model: set Llm:Provider, Llm:Endpoint and Llm:Model (docs/llm.md)")
            : null;

        // Warm up every system first (the set repeated), so JIT compilation, including tiered JIT's later promotion
        // of hot methods, does not count as answer time.
        using var standard = new BaselineRetriever(state.Documents);
        var folded = new FoldedSyllableBaseline(state.Documents);
        for (var warm = 0; warm < Math.Max(WarmUpQuestions, items.Count); warm++)
        {
            var q = items[warm % items.Count].Q;
            engine.NextTurn(ConversationState.New, CliApp.Input("warm-up", q), state);
            standard.Search(q);
            folded.Search(q);
        }
        Thread.Sleep(500);

        var ours = model is null ? Evaluator.Evaluate(engine, state, items) : await Evaluator.EvaluateAsync(engine, state, items, model).ConfigureAwait(false);
        var plain = Evaluator.Score(items, item =>
        {
            var hits = standard.Search(item.Q);
            return (hits.Count > 0 && hits[0].Score >= BaselineRetriever.Threshold ? AnswerKinds.Answer : AnswerKinds.NoAnswer, hits.Select(h => h.Id).ToList());
        });
        var syllables = Evaluator.Score(items, item =>
        {
            var hits = folded.Search(item.Q);
            return (hits.Count > 0 && hits[0].Score >= FoldedSyllableBaseline.Threshold ? AnswerKinds.Answer : AnswerKinds.NoAnswer, hits.Select(h => h.Id).ToList());
        });

        await stdout.WriteLineAsync($"{items.Count} questions from {file}; knowledge: {state.Documents.Count} documents").ConfigureAwait(false);
        await stdout.WriteLineAsync().ConfigureAwait(false);
        Report(stdout, model is null ? "assistant (Vietnamese analysis, ranking, answer policy)" : "assistant through the language model (eval --llm)", ours);
        if (model is not null)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"language model: asked for {ours.ModelAsked} answers; shown {Pct(ours.ModelShown)} %, rejected by the checks {Pct(ours.ModelRejected)} % ({string.Join(", ", ours.ModelFallbacks().Select(f => $"{f.Outcome} {f.Count}"))}); tokens {ours.Outcomes.Sum(o => o.Llm?.Tokens ?? 0)}")).ConfigureAwait(false);
            await stdout.WriteLineAsync().ConfigureAwait(false);
        }
        Report(stdout, $"baseline (StandardAnalyzer BM25, top hit if score >= {BaselineRetriever.Threshold})", plain);
        Report(stdout, string.Create(CultureInfo.InvariantCulture, $"baseline (folded-syllable BM25 with bigrams, top hit if score >= {FoldedSyllableBaseline.Threshold})"), syllables);
        await stdout.WriteLineAsync(RetrievalTimes(items, state)).ConfigureAwait(false);
        await stdout.WriteLineAsync().ConfigureAwait(false);
        if (featuresFile is not null)
        {
            // For analysing the answer policy and the final ranking: one line of signals per question, and one per
            // candidate document (tab-separated).
            await File.WriteAllLinesAsync(featuresFile, ours.Outcomes.Select(o => FeatureLine(o, state))).ConfigureAwait(false);
            await File.WriteAllLinesAsync(featuresFile + ".candidates", ours.Outcomes.SelectMany((o, i) => CandidateLines(o, state, i))).ConfigureAwait(false);
        }
        if (args.Contains("--errors"))
        {
            foreach (var o in ours.Misses)
            {
                await stdout.WriteLineAsync($"MISS [{o.Item.Style}] {o.Item.Q} | want {o.Item.Kind} {o.Item.Id}#{o.Item.Facet} | got {o.Kind} {string.Join(", ", o.Sources.Take(EvaluationOutcome.RecallDepth).Select(s => $"{s.Id}#{s.Facet}"))}").ConfigureAwait(false);
                if (args.Contains("--trace"))
                {
                    var r = state.Retriever.Retrieve(o.Item.Q);
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"    top {r.Top?.Document.Id} s={r.Top?.Score:0.0} m={r.Margin:0.00} cov={r.Coverage:0.00} name={r.NameCoverage:0.00} topic=[{string.Join(' ', r.TopicTerms.Select(t => t.Folded))}] facet={r.Facet} oos={r.OutOfScopeScore:0.0} '{r.OutOfScopeExample}' intents={string.Join(' ', r.Intents.Select(i => $"{i.Id}:{i.Probability:0.00}"))}")).ConfigureAwait(false);
                }
            }
            foreach (var o in ours.Outcomes.Where(o => o.FigureShown == false && o.Top1))
            {
                await stdout.WriteLineAsync($"FIGURE [{o.Item.Style}] {o.Item.Q} | want {string.Join(" or ", o.Item.Expect!)} in the answer").ConfigureAwait(false);
            }
        }
        return 0;
    }

    /// <summary>
    /// Retrieval alone (analysis, BM25 over the index, classifier, final ranking), warm, one thread. Each question
    /// is timed in five passes; the per-question figure is its median, which removes most of the scheduler noise of
    /// a shared machine; the raw p99 over all calls is printed beside it.
    /// </summary>
    private static string RetrievalTimes(IReadOnlyList<EvaluationItem> items, KnowledgeState state)
    {
        const int passes = 5;
        // Tiered JIT promotes hot methods only after enough calls and a quiet period; a small set would otherwise
        // be timed partly on first-tier code. Warm up for at least 3,000 calls, then give the compiler a moment.
        for (var warm = 0; warm < Math.Max(WarmUpQuestions, items.Count); warm++)
        {
            state.Retriever.Retrieve(items[warm % items.Count].Q);
        }
        Thread.Sleep(500);
        var perQuestion = new double[items.Count][];
        for (var i = 0; i < items.Count; i++)
        {
            perQuestion[i] = new double[passes];
        }
        for (var pass = 0; pass < passes; pass++)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                state.Retriever.Retrieve(items[i].Q);
                perQuestion[i][pass] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }
        var medians = perQuestion.Select(t => t.Order().ElementAt(passes / 2)).Order().ToList();
        var all = perQuestion.SelectMany(t => t).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"retrieval only (Retriever.Retrieve, warm, one thread; median of {passes} passes per question): p50 {Percentile(medians, 0.5):0.000} ms, p99 {Percentile(medians, 0.99):0.000} ms, max {medians[^1]:0.000} ms (raw over all {all.Count} calls: p50 {Percentile(all, 0.5):0.000} ms, p99 {Percentile(all, 0.99):0.000} ms)");
    }

    private static string FeatureLine(EvaluationOutcome o, KnowledgeState state)
    {
        var r = state.Retriever.Retrieve(o.Item.Q);
        var top = r.Top?.Document.Id ?? "-";
        var intent = r.Intents.FirstOrDefault(i => i.Id != Knowledge.Ranking.IntentClassifier.None);
        var topIntent = r.Intents.FirstOrDefault(i => i.Id == top)?.Probability ?? 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{o.Item.Style}\t{o.Item.Kind}\t{o.Item.Id ?? "-"}\t{o.Item.Facet ?? "-"}\t{o.Kind}\t{(o.Sources.Count > 0 ? o.Sources[0].Id : "-")}\t{(o.Sources.Count > 0 ? o.Sources[0].Facet ?? "-" : "-")}\t{top}\t{r.Top?.Score ?? 0:0.00}\t{(r.Candidates.Count > 1 ? r.Candidates[1].Score : 0):0.00}\t{r.Coverage:0.000}\t{r.NameCoverage:0.000}\t{r.BigramCoverage:0.000}\t{r.UnknownTopicTerms}\t{r.TopicTerms.Count}\t{r.Facet ?? "-"}\t{r.OutOfScopeScore:0.00}\t{intent?.Id ?? "-"}\t{intent?.Probability ?? 0:0.000}\t{r.NoneProbability:0.000}\t{topIntent:0.000}\t{(o.Item.History?.Count ?? 0)}\t{o.Item.Q}\t{string.Join(' ', r.Unexplained.Select(u => $"{u.Term.Folded}:{u.Idf:0.0}"))}\t{r.OutOfScopeExample}");
    }

    private static IEnumerable<string> CandidateLines(EvaluationOutcome o, KnowledgeState state, int row)
    {
        var r = state.Retriever.Retrieve(o.Item.Q, 6);
        var intents = state.Retriever.Classify(r.Query, 12);
        var retriever = state.Retriever;
        foreach (var c in r.Candidates)
        {
            var p = intents.FirstOrDefault(i => i.Id == c.Document.Id)?.Probability ?? 0;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{row}\t{o.Item.Style}\t{o.Item.Kind}\t{o.Item.Id ?? "-"}\t{(o.Item.History?.Count ?? 0)}\t{c.Document.Id}\t{c.Score / r.Top!.Score:0.0000}\t{p:0.0000}\t{retriever.NameCoverage(r.TopicTerms, r.Query, c.Document.Id):0.000}\t{retriever.BigramCoverage(r.TopicTerms, c.Document.Id):0.000}\t{retriever.Coverage(r.Query.ContentTerms, r.Query, retriever.Vocabulary.Of(c.Document.Id)):0.000}\t{(c.Document.Kind == Knowledge.Documents.DocumentKind.Faq ? 1 : 0)}");
        }
    }

    private static void Report(TextWriter stdout, string title, EvaluationReport report)
    {
        stdout.WriteLine(title);
        stdout.WriteLine($"  {"style",-14} {"n",5} {"top-1",7} {"recall@3",9} {"facet",7} {"no-ans P",9} {"no-ans R",9} {"figure",7} {"p50 ms",8} {"p99 ms",8}");
        foreach (var (style, f) in report.ByStyle())
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {style,-14} {f.Count,5} {Pct(f.Top1),7} {Pct(f.Recall3),9} {Pct(f.Facet),7} {Pct(f.DeclinePrecision),9} {Pct(f.DeclineRecall),9} {Pct(f.Figures),7} {f.P50Milliseconds,8:0.00} {f.P99Milliseconds,8:0.00}"));
        }
        stdout.WriteLine();
    }

    private static string Pct(double? ratio) => ratio is { } r ? (100 * r).ToString("0.0", CultureInfo.InvariantCulture) : "-";

    public static double Percentile(IReadOnlyList<double> sorted, double p) => EvaluationFigures.Percentile(sorted, p);
}
