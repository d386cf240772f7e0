using System.Diagnostics;
using System.Text.Json;
using ChatBot.Host;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Authoring;
using ChatBot.Knowledge.Catalogue;
using ChatBot.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// `catalogue` mode: the national catalogue tier's budgets, measured on a copy of knowledge/ with the catalogue in
/// it: cold start of the real host (knowledge, catalogue and classifier loaded, warm-up query) and its RSS; a curated
/// file changed and reloaded (the catalogue tier must be the same object afterwards); catalogue retrieval time; and
/// top-1 / top-3 on the catalogue probe questions (tests/catalogue/probe.jsonl).
/// Options: --reloads N (curated reloads timed, default 5) --keep.
/// </summary>
internal static class CatalogueBenchmark
{
    /// <summary>Budgets from issue 11.</summary>
    private const double ColdStartBudgetSeconds = 15, ReloadBudgetSeconds = 2, RssBudgetMegabytes = 400, RetrievalP50BudgetMilliseconds = 1;

    /// <summary>Searches before timing: tiered JIT needs a few thousand calls to promote the hot methods.</summary>
    private const int WarmUpSearches = 3000;

    /// <summary>Each question is timed this many times and its median kept, so other processes on a shared machine weigh less.</summary>
    private const int TimingsPerQuestion = 5;

    /// <summary>Hits asked for: the probe counts a record found in the top 3.</summary>
    private const int Top = 3;

    public static int Run(string[] args)
    {
        var reloads = CorpusBenchmark.Option(args, "--reloads", 5);
        var keep = args.Contains("--keep");
        var root = ContentRoot.Find();
        var folder = Path.Combine(Path.GetTempPath(), "chatbot-catalogue-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(Path.GetTempPath(), "chatbot-catalogue-data-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine($"{Environment.ProcessorCount} cores · .NET {Environment.Version}");
        try
        {
            KnowledgeFolder.Copy(Path.Combine(root, "knowledge"), folder);
            Directory.CreateDirectory(data);

            // 1. Cold start: the real host built and started on the folder (migrations, knowledge, catalogue, classifier).
            var wall = Stopwatch.StartNew();
            var cpu = CorpusBenchmark.CpuTime();
            var app = ChatBotApp.Create(
                ["--urls", "http://127.0.0.1:0", "--Knowledge:Path", folder, "--Knowledge:Watch", "false",
                 "--ConnectionStrings:ChatBot", $"Data Source={Path.Combine(data, "bench.db")}",
                 "--QuestionLog:SpoolPath", Path.Combine(data, "spool"), "--Logging:LogLevel:Default", "Warning"]);
            app.StartAsync().GetAwaiter().GetResult();
            var coldStart = wall.Elapsed;
            var coldCpu = CorpusBenchmark.CpuTime() - cpu;
            try
            {
                var knowledge = app.Services.GetRequiredService<KnowledgeBase>();
                var first = knowledge.Current;
                var catalogue = first.Catalogue;
                GC.Collect();
                using (var process = Process.GetCurrentProcess())
                {
                    var rss = process.WorkingSet64 / 1024.0 / 1024;
                    Console.WriteLine(CorpusBenchmark.Invariant($"cold start (host built and started: database, knowledge, catalogue, classifier): {coldStart.TotalSeconds:0.00} s (CPU {coldCpu.TotalSeconds:0.00} s); knowledge build {first.BuildTime.TotalSeconds:0.00} s · {first.Documents.Count} curated documents · {catalogue.Count} catalogue records in {catalogue.Groups.Count} groups ({catalogue.Groups.Count(g => !g.IsSingle)} with several records)"));
                    Console.WriteLine(CorpusBenchmark.Invariant($"host RSS after start {rss:0} MB · managed heap {GC.GetTotalMemory(false) / 1024.0 / 1024:0} MB"));
                    Console.WriteLine(CorpusBenchmark.Invariant($"targets: cold start < {ColdStartBudgetSeconds} s {Met(coldStart.TotalSeconds < ColdStartBudgetSeconds)} · RSS < {RssBudgetMegabytes} MB {Met(rss < RssBudgetMegabytes)}"));
                }

                // The catalogue's own share of a cold load: read and check the file, build the tier (JIT already warm).
                var stage = Stopwatch.StartNew();
                var stageCpu = CorpusBenchmark.CpuTime();
                var problems = new List<ChatBot.Knowledge.Loading.KnowledgeProblem>();
                var records = CatalogueFile.Read(Path.Combine(folder, CatalogueFile.RecordsPath), CatalogueFile.RecordsPath, problems);
                var readTime = stage.Elapsed;
                _ = new CatalogueTier(records, first.Retriever.Analyzer.Lexicon, ChatBot.Knowledge.Documents.Lexicon.Empty);
                Console.WriteLine(CorpusBenchmark.Invariant($"catalogue alone (warm): read and check {readTime.TotalSeconds:0.00} s · build tier {(stage.Elapsed - readTime).TotalSeconds:0.00} s · CPU {(CorpusBenchmark.CpuTime() - stageCpu).TotalSeconds:0.00} s"));

                // 2. A curated file changes: the reload the host's watcher runs, timed; the catalogue tier must be reused.
                var faq = Directory.EnumerateFiles(Path.Combine(folder, "faq")).Order(StringComparer.Ordinal).First();
                var reloadTimes = new List<double>();
                var reused = true;
                for (var i = 0; i < reloads; i++)
                {
                    File.SetLastWriteTimeUtc(faq, DateTime.UtcNow);
                    var started = Stopwatch.GetTimestamp();
                    var state = knowledge.Reload();
                    reloadTimes.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                    reused &= ReferenceEquals(state.Catalogue, catalogue);
                }
                reloadTimes.Sort();
                Console.WriteLine(CorpusBenchmark.Invariant($"curated reload with the catalogue loaded ({reloads} times, a FAQ file touched): median {CorpusBenchmark.Percentile(reloadTimes, 0.5):0.00} s, min {reloadTimes[0]:0.00} s, max {reloadTimes[^1]:0.00} s · catalogue tier reused: {(reused ? "yes" : "NO")} · target < {ReloadBudgetSeconds} s {Met(CorpusBenchmark.Percentile(reloadTimes, 0.5) < ReloadBudgetSeconds)}"));

                // 3. Probe questions: top-1 and top-3 per style.
                var probes = File.ReadLines(Path.Combine(root, "tests", "catalogue", "probe.jsonl"))
                    .Where(l => !string.IsNullOrWhiteSpace(l))
                    .Select(l => JsonSerializer.Deserialize<Probe>(l, ProbeJson)!)
                    .ToList();
                var tier = knowledge.Current.Catalogue;
                var outcomes = probes.Select(p => (Probe: p, Hits: tier.Search(p.Q, Top))).ToList();
                foreach (var style in outcomes.GroupBy(o => o.Probe.Style).Prepend(outcomes.GroupBy(_ => "all").Single()))
                {
                    var n = style.Count();
                    var top1 = style.Count(o => o.Hits.Count > 0 && o.Probe.Codes.Contains(o.Hits[0].Record.Code));
                    var top3 = style.Count(o => o.Hits.Any(h => o.Probe.Codes.Contains(h.Record.Code)));
                    Console.WriteLine(CorpusBenchmark.Invariant($"probe {style.Key,-14} {n,3} questions: top-1 {(double)top1 / n:P1} ({top1}) · top-3 {(double)top3 / n:P1} ({top3})"));
                }
                foreach (var (probe, hits) in outcomes.Where(o => !o.Hits.Any(h => o.Probe.Codes.Contains(h.Record.Code))))
                {
                    Console.WriteLine($"  miss: \"{probe.Q}\" → {string.Join(" | ", hits.Select(h => $"{h.Record.Code} {h.Record.Name}"))}");
                }

                // 4. Retrieval time: probe and dev-set questions, warm, one thread, median of several timings each.
                var questions = probes.Select(p => p.Q)
                    .Concat(File.ReadLines(Path.Combine(root, "tests", "eval", "dev.jsonl"))
                        .Where(l => !string.IsNullOrWhiteSpace(l))
                        .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("q").GetString() ?? ""))
                    .Where(q => q.Length > 0)
                    .ToList();
                for (var i = 0; i < WarmUpSearches; i++)
                {
                    tier.Search(questions[i % questions.Count], Top);
                }
                var times = new List<double>(questions.Count);
                var raw = new List<double>(questions.Count * TimingsPerQuestion);
                var samples = new double[TimingsPerQuestion];
                foreach (var question in questions)
                {
                    for (var i = 0; i < TimingsPerQuestion; i++)
                    {
                        var started = Stopwatch.GetTimestamp();
                        tier.Search(question, Top);
                        samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        raw.Add(samples[i]);
                    }
                    Array.Sort(samples);
                    times.Add(samples[TimingsPerQuestion / 2]);
                }
                times.Sort();
                raw.Sort();
                var p50 = CorpusBenchmark.Percentile(times, 0.50);
                Console.WriteLine(CorpusBenchmark.Invariant($"catalogue retrieval (CatalogueTier.Search, {questions.Count} probe and dev.jsonl questions, one thread, warm, median of {TimingsPerQuestion} each): p50 {p50:0.000} ms · p99 {CorpusBenchmark.Percentile(times, 0.99):0.000} ms (raw p99 {CorpusBenchmark.Percentile(raw, 0.99):0.000} ms) · target p50 < {RetrievalP50BudgetMilliseconds} ms {Met(p50 < RetrievalP50BudgetMilliseconds)}"));
                return 0;
            }
            finally
            {
                app.StopAsync().GetAwaiter().GetResult();
                app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!keep)
            {
                foreach (var temporary in new[] { folder, data }.Where(Directory.Exists))
                {
                    Directory.Delete(temporary, recursive: true);
                }
            }
            else
            {
                Console.WriteLine($"kept {folder} and {data}");
            }
        }
    }

    private static string Met(bool met) => met ? "met" : "MISSED";

    private static readonly JsonSerializerOptions ProbeJson = new(JsonSerializerDefaults.Web);

    /// <summary>A probe question and the record codes that count as finding it (any of them).</summary>
    private sealed record Probe(string Q, IReadOnlyList<string> Codes, string Style);
}
