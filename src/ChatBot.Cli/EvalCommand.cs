using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChatBot.Conversation;
using ChatBot.Feedback;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Cli;

/// <summary>One labelled question of an evaluation set (tests/eval/README.md).</summary>
internal sealed record EvalItem(string Q, IReadOnlyList<string>? History, string? Id, string? Facet, string Kind, string? Style);

/// <summary>What one system did with one question.</summary>
internal sealed record EvalOutcome(EvalItem Item, string Kind, IReadOnlyList<(string Id, string? Facet)> Sources, double Milliseconds);

/// <summary>
/// `chatbot eval FILE`: runs a labelled set through the assistant and through a plain BM25 baseline, and prints
/// top-1, recall@3, facet accuracy, no-answer precision/recall and answer time, overall and per style.
/// </summary>
internal static class EvalCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
            ?? throw new CliUsageException("usage: chatbot eval FILE [--errors [--trace]] [--features OUT.tsv] [--Section:Key value ...]");
        var items = Load(file);
        // Settings after the file override configuration, e.g. --Assistant:MinNameCoverage 0.4.
        var rest = args.SkipWhile(a => a != file).Skip(1).ToList();
        var featuresAt = rest.IndexOf("--features");
        var featuresFile = featuresAt >= 0 && featuresAt + 1 < rest.Count ? rest[featuresAt + 1] : null;
        var overrides = rest.Where((a, i) => a is not ("--errors" or "--trace" or "--features") && (featuresAt < 0 || i != featuresAt + 1)).ToArray();
        using var host = CliApp.BuildHost(record: false, overrides);
        var knowledge = host.Services.GetRequiredService<KnowledgeBase>();
        var state = knowledge.Reload();
        var conversations = host.Services.GetRequiredService<ConversationService>();

        // Warm up both systems first (at least 3,000 questions, the set repeated), so JIT compilation, including
        // tiered JIT's later promotion of hot methods, does not count as answer time.
        using var baseline = new BaselineRetriever(state.Documents);
        for (var warm = 0; warm < Math.Max(3000, items.Count); warm++)
        {
            conversations.Handle(CliApp.Input("warm-up", items[warm % items.Count].Q));
            baseline.Search(items[warm % items.Count].Q);
        }
        Thread.Sleep(500);

        var ours = new List<EvalOutcome>();
        var plain = new List<EvalOutcome>();
        var index = 0;
        foreach (var item in items)
        {
            var conversationId = $"eval-{index++}";
            foreach (var earlier in item.History ?? [])
            {
                conversations.Handle(CliApp.Input(conversationId, earlier));
            }
            var started = Stopwatch.GetTimestamp();
            var output = conversations.Handle(CliApp.Input(conversationId, item.Q));
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            ours.Add(new EvalOutcome(item, output.Kind, output.Sources.Select(s => (s.Id, s.Facet)).ToList(), elapsed));

            started = Stopwatch.GetTimestamp();
            var hits = baseline.Search(item.Q);
            elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var answered = hits.Count > 0 && hits[0].Score >= BaselineRetriever.Threshold;
            plain.Add(new EvalOutcome(item, answered ? AnswerKinds.Answer : AnswerKinds.NoAnswer, hits.Select(h => (h.Id, (string?)null)).ToList(), elapsed));
        }

        await stdout.WriteLineAsync($"{items.Count} questions from {file}; knowledge: {state.Documents.Count} documents").ConfigureAwait(false);
        await stdout.WriteLineAsync().ConfigureAwait(false);
        Report(stdout, "assistant (Vietnamese analysis, ranking, answer policy)", ours);
        Report(stdout, $"baseline (StandardAnalyzer BM25, top hit if score >= {BaselineRetriever.Threshold})", plain);
        await stdout.WriteLineAsync(RetrievalTimes(items, state)).ConfigureAwait(false);
        await stdout.WriteLineAsync().ConfigureAwait(false);
        if (featuresFile is not null)
        {
            // For analysing the answer policy and the final ranking: one line of signals per question, and one per
            // candidate document (tab-separated).
            await File.WriteAllLinesAsync(featuresFile, ours.Select(o => FeatureLine(o, state))).ConfigureAwait(false);
            await File.WriteAllLinesAsync(featuresFile + ".candidates", ours.SelectMany((o, i) => CandidateLines(o, state, i))).ConfigureAwait(false);
        }
        if (args.Contains("--errors"))
        {
            foreach (var o in ours.Where(o => !IsCorrect(o)))
            {
                await stdout.WriteLineAsync($"MISS [{o.Item.Style}] {o.Item.Q} | want {o.Item.Kind} {o.Item.Id}#{o.Item.Facet} | got {o.Kind} {string.Join(", ", o.Sources.Take(3).Select(s => $"{s.Id}#{s.Facet}"))}").ConfigureAwait(false);
                if (args.Contains("--trace"))
                {
                    var r = state.Retriever.Retrieve(o.Item.Q);
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"    top {r.Top?.Document.Id} s={r.Top?.Score:0.0} m={r.Margin:0.00} cov={r.Coverage:0.00} name={r.NameCoverage:0.00} topic=[{string.Join(' ', r.TopicTerms.Select(t => t.Folded))}] facet={r.Facet} oos={r.OutOfScopeScore:0.0} '{r.OutOfScopeExample}' intents={string.Join(' ', r.Intents.Select(i => $"{i.Id}:{i.Probability:0.00}"))}")).ConfigureAwait(false);
                }
            }
        }
        return 0;
    }

    /// <summary>
    /// Retrieval alone (analysis, BM25 over the index, classifier, final ranking), warm, one thread. Each question
    /// is timed in five passes; the per-question figure is its median, which removes most of the scheduler noise of
    /// a shared machine; the raw p99 over all calls is printed beside it.
    /// </summary>
    private static string RetrievalTimes(List<EvalItem> items, KnowledgeState state)
    {
        const int passes = 5;
        // Tiered JIT promotes hot methods only after enough calls and a quiet period; a small set would otherwise
        // be timed partly on first-tier code. Warm up for at least 3,000 calls, then give the compiler a moment.
        for (var warm = 0; warm < Math.Max(3000, items.Count); warm++)
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

    private static string FeatureLine(EvalOutcome o, KnowledgeState state)
    {
        var r = state.Retriever.Retrieve(o.Item.Q);
        var top = r.Top?.Document.Id ?? "-";
        var intent = r.Intents.FirstOrDefault(i => i.Id != Knowledge.Ranking.IntentClassifier.None);
        var topIntent = r.Intents.FirstOrDefault(i => i.Id == top)?.Probability ?? 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{o.Item.Style}\t{o.Item.Kind}\t{o.Item.Id ?? "-"}\t{o.Item.Facet ?? "-"}\t{o.Kind}\t{(o.Sources.Count > 0 ? o.Sources[0].Id : "-")}\t{(o.Sources.Count > 0 ? o.Sources[0].Facet ?? "-" : "-")}\t{top}\t{r.Top?.Score ?? 0:0.00}\t{(r.Candidates.Count > 1 ? r.Candidates[1].Score : 0):0.00}\t{r.Coverage:0.000}\t{r.NameCoverage:0.000}\t{r.BigramCoverage:0.000}\t{r.UnknownTopicTerms}\t{r.TopicTerms.Count}\t{r.Facet ?? "-"}\t{r.OutOfScopeScore:0.00}\t{intent?.Id ?? "-"}\t{intent?.Probability ?? 0:0.000}\t{r.NoneProbability:0.000}\t{topIntent:0.000}\t{(o.Item.History?.Count ?? 0)}\t{o.Item.Q}\t{string.Join(' ', r.Unexplained.Select(u => $"{u.Term.Folded}:{u.Idf:0.0}"))}\t{r.OutOfScopeExample}");
    }

    private static IEnumerable<string> CandidateLines(EvalOutcome o, KnowledgeState state, int row)
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

    private static List<EvalItem> Load(string file)
    {
        var items = new List<EvalItem>();
        var line = 0;
        foreach (var text in File.ReadLines(file))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            try
            {
                items.Add(JsonSerializer.Deserialize<EvalItem>(text, CliApp.Json) ?? throw new CliUsageException($"{file}:{line}: empty"));
            }
            catch (JsonException ex)
            {
                throw new CliUsageException($"{file}:{line}: {ex.Message}");
            }
        }
        return items;
    }

    private static bool Declined(string kind) => kind is AnswerKinds.NoAnswer or AnswerKinds.Handoff;

    /// <summary>The question was handled as labelled: right document (and facet), right small talk, or declined.</summary>
    public static bool IsCorrect(EvalOutcome o) => o.Item.Kind switch
    {
        AnswerKinds.NoAnswer => Declined(o.Kind),
        AnswerKinds.Smalltalk => o.Kind == AnswerKinds.Smalltalk,
        _ => Top1(o) && FacetRight(o),
    };

    private static bool Top1(EvalOutcome o) => o.Kind is AnswerKinds.Answer or AnswerKinds.Clarify && o.Sources.Count > 0 && o.Sources[0].Id == o.Item.Id;

    private static bool Recall3(EvalOutcome o) => o.Kind is AnswerKinds.Answer or AnswerKinds.Clarify && o.Sources.Take(3).Any(s => s.Id == o.Item.Id);

    private static bool FacetRight(EvalOutcome o) => o.Item.Facet is null || (o.Sources.Count > 0 && o.Sources[0].Facet == o.Item.Facet);

    private static void Report(TextWriter stdout, string title, List<EvalOutcome> outcomes)
    {
        stdout.WriteLine(title);
        stdout.WriteLine($"  {"style",-14} {"n",5} {"top-1",7} {"recall@3",9} {"facet",7} {"no-ans P",9} {"no-ans R",9} {"p50 ms",8} {"p99 ms",8}");
        foreach (var group in outcomes.GroupBy(o => o.Item.Style ?? "-").OrderBy(g => g.Key, StringComparer.Ordinal).Prepend(outcomes.GroupBy(_ => "ALL").First()))
        {
            stdout.WriteLine(Row(group.Key, group.ToList()));
        }
        stdout.WriteLine();
    }

    private static string Row(string name, List<EvalOutcome> outcomes)
    {
        var answerable = outcomes.Where(o => o.Item.Kind == AnswerKinds.Answer && o.Item.Id is not null).ToList();
        var withFacet = answerable.Where(o => o.Item.Facet is not null && Top1(o)).ToList();
        var predictedDecline = outcomes.Where(o => Declined(o.Kind)).ToList();
        var shouldDecline = outcomes.Where(o => o.Item.Kind == AnswerKinds.NoAnswer).ToList();
        var times = outcomes.Select(o => o.Milliseconds).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"  {name,-14} {outcomes.Count,5} {Pct(answerable.Count(Top1), answerable.Count),7} {Pct(answerable.Count(Recall3), answerable.Count),9} {Pct(withFacet.Count(FacetRight), withFacet.Count),7} {Pct(predictedDecline.Count(o => o.Item.Kind == AnswerKinds.NoAnswer), predictedDecline.Count),9} {Pct(shouldDecline.Count(o => Declined(o.Kind)), shouldDecline.Count),9} {Percentile(times, 0.5),8:0.00} {Percentile(times, 0.99),8:0.00}");
    }

    private static string Pct(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture);

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
