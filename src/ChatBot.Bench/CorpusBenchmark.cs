using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Indexing;
using ChatBot.Knowledge.Loading;
using ChatBot.Knowledge.Ranking;
using ChatBot.Knowledge.Text;
using ChatBot.ServiceDefaults;

/// <summary>
/// `corpus` mode: writes a synthetic knowledge folder of N procedure guides and FAQ entries whose wording is
/// generated from the real knowledge's own words (a syllable bigram chain per kind of text, fixed seed), builds
/// it the way the host does (load, index, classifier), then times retrieval on a mix of generated phrasings,
/// the same without diacritics, and real dev-set questions. Also times the real knowledge/ folder.
/// </summary>
internal static class CorpusBenchmark
{
    public static int Run(string[] args)
    {
        var count = Option(args, "--documents", 5000);
        var queries = Option(args, "--queries", 2000);
        var seed = Option(args, "--seed", 20261124);
        var keep = args.Contains("--keep");
        var root = ContentRoot.Find();
        var real = Path.Combine(root, "knowledge");
        Console.WriteLine($"{Environment.ProcessorCount} cores · .NET {Environment.Version} · seed {seed}");

        // The real folder first, in a fresh process state: what the host pays at start and on every edit.
        using (var knowledge = new KnowledgeBase(real, new KnowledgeOptions { Watch = false }))
        {
            var cpu = CpuTime();
            var cold = knowledge.Reload();
            var coldCpu = CpuTime() - cpu;
            cpu = CpuTime();
            var warm = knowledge.Reload();
            var warmCpu = CpuTime() - cpu;
            Console.WriteLine(Invariant($"knowledge/ ({cold.Documents.Count} documents, {cold.Retriever.Index.UnitCount} units): build {cold.BuildTime.TotalMilliseconds:0} ms cold, {warm.BuildTime.TotalMilliseconds:0} ms warm (CPU {coldCpu.TotalMilliseconds:0} / {warmCpu.TotalMilliseconds:0} ms)"));
        }
        Stages(real);

        var folder = Path.Combine(Path.GetTempPath(), "chatbot-corpus-" + Guid.NewGuid().ToString("N"));
        try
        {
            var generator = new CorpusGenerator(new KnowledgeLoader().LoadFolder(real).Documents, seed);
            var written = Stopwatch.StartNew();
            var phrasings = generator.Write(folder, count, real);
            Console.WriteLine(Invariant($"corpus: {count} documents written to {folder} in {written.Elapsed.TotalSeconds:0.0} s"));

            Stages(folder);
            using var knowledge = new KnowledgeBase(folder, new KnowledgeOptions { Watch = false });
            var buildCpu = CpuTime();
            var state = knowledge.Reload();
            buildCpu = CpuTime() - buildCpu;
            Console.WriteLine(Invariant($"build (KnowledgeBase.Reload: load + index + classifier + warm-up query): {state.BuildTime.TotalSeconds:0.00} s (CPU {buildCpu.TotalSeconds:0.00} s)"));

            var questions = generator.Queries(phrasings, Path.Combine(root, "knowledge", "eval", "dev.jsonl"), queries);
            var retriever = state.Retriever;
            foreach (var question in questions)
            {
                retriever.Retrieve(question);
            }
            var times = new List<double>(questions.Count);
            var hits = 0;
            var retrievalCpu = CpuTime();
            foreach (var (question, index2) in questions.Select((q, i) => (q, i)))
            {
                var started = Stopwatch.GetTimestamp();
                var result = retriever.Retrieve(question);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (phrasings.TryGetValue(question, out var id) && result.Top?.Document.Id == id)
                {
                    hits++;
                }
            }
            retrievalCpu = CpuTime() - retrievalCpu;
            times.Sort();
            var generatedCount = questions.Count(phrasings.ContainsKey);
            Console.WriteLine(Invariant($"retrieval ({questions.Count} questions, one thread, warm): p50 {Percentile(times, 0.50):0.000} ms · p99 {Percentile(times, 0.99):0.000} ms · max {times[^1]:0.0} ms · CPU {retrievalCpu.TotalMilliseconds / questions.Count:0.000} ms per question; generated phrasings found at top-1: {hits}/{generatedCount}"));
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(Invariant($"process RSS {process.WorkingSet64 / 1024.0 / 1024:0} MB · managed heap {GC.GetTotalMemory(false) / 1024.0 / 1024:0} MB"));
            Console.WriteLine(Invariant($"targets: build < 20 s {(state.BuildTime.TotalSeconds < 20 ? "met" : "MISSED")} · p50 < 2 ms {(Percentile(times, 0.50) < 2 ? "met" : "MISSED")}"));
            return 0;
        }
        finally
        {
            if (!keep && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>The stages KnowledgeBase.Reload runs, timed one by one.</summary>
    internal static void Stages(string folder)
    {
        var stage = Stopwatch.StartNew();
        var snapshot = new KnowledgeLoader().LoadFolder(folder);
        var load = stage.Elapsed;
        stage.Restart();
        using var index = KnowledgeIndex.Build(snapshot.Documents);
        var indexTime = stage.Elapsed;
        var learnable = snapshot.Documents.Count(IntentClassifier.Learns);
        var limit = new KnowledgeOptions().MaxClassifierDocuments;
        var classifier = $"off ({learnable} curated documents > limit {limit})";
        if (learnable <= limit)
        {
            stage.Restart();
            IntentClassifier.Train(snapshot.Documents, snapshot.OutOfScope);
            classifier = Invariant($"{stage.Elapsed.TotalSeconds:0.00} s ({learnable} classes)");
        }
        var errors = snapshot.Problems.Count(p => p.Severity == ProblemSeverity.Error);
        Console.WriteLine(Invariant($"  stages: load {load.TotalSeconds:0.00} s ({snapshot.Documents.Count} documents, {errors} errors) · index {indexTime.TotalSeconds:0.00} s ({index.UnitCount} units) · classifier {classifier}"));
    }

    /// <summary>
    /// CPU time this process has used. On a shared machine wall-clock times stretch with other people's load;
    /// CPU time shows what the work itself costs.
    /// </summary>
    internal static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    internal static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    internal static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Vietnamese-looking text from the real knowledge's own syllables: one bigram chain for titles, one for
/// residents' phrasings and one for section and answer text, so generated documents share the real
/// vocabulary and its word frequencies (and hence realistic postings lengths) without copying whole sentences.
/// </summary>
internal sealed class CorpusGenerator
{
    private readonly Random random;
    private readonly Chain titles = new();
    private readonly Chain phrasings = new();
    private readonly Chain bodies = new();

    public CorpusGenerator(IReadOnlyList<KnowledgeDocument> real, int seed)
    {
        random = new Random(seed);
        foreach (var document in real)
        {
            titles.Learn(document.Title);
            foreach (var question in document.Questions)
            {
                phrasings.Learn(question);
            }
            foreach (var text in document.Sections.Select(s => s.Text).Append(document.Answer).Append(document.Summary))
            {
                foreach (var sentence in text.Split(['.', '\n', ';', ':'], StringSplitOptions.RemoveEmptyEntries))
                {
                    bodies.Learn(sentence);
                }
            }
        }
    }

    /// <summary>Writes the folder (60 % guides, 40 % FAQ) and returns each document's first phrasing.</summary>
    public Dictionary<string, string> Write(string folder, int count, string realKnowledge)
    {
        Directory.CreateDirectory(Path.Combine(folder, "procedures"));
        Directory.CreateDirectory(Path.Combine(folder, "faq"));
        Directory.CreateDirectory(Path.Combine(folder, "lexicon"));
        foreach (var file in new[] { KnowledgeLoader.LexiconFile, KnowledgeLoader.OutOfScopeFile })
        {
            File.Copy(Path.Combine(realKnowledge, file), Path.Combine(folder, file));
        }
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        var utf8 = new UTF8Encoding(false);
        for (var i = 0; i < count; i++)
        {
            var isGuide = random.NextDouble() < 0.6;
            var id = (isGuide ? "thu-tuc-" : "hoi-dap-") + i.ToString("D5", CultureInfo.InvariantCulture);
            var questions = Enumerable.Range(0, 6 + random.Next(4)).Select(_ => phrasings.Generate(random, 4, 12)).Distinct().ToList();
            first.TryAdd(questions[0], id);
            var text = isGuide ? Guide(id, questions) : Faq(id, questions);
            File.WriteAllText(Path.Combine(folder, isGuide ? "procedures" : "faq", id + (isGuide ? ".md" : ".yaml")), text, utf8);
        }
        return first;
    }

    private string Guide(string id, List<string> questions)
    {
        var text = new StringBuilder();
        text.Append("---\n")
            .Append("id: ").Append(id).Append('\n')
            .Append("title: \"").Append(Capitalise(titles.Generate(random, 3, 9))).Append("\"\n")
            .Append("summary: \"").Append(Capitalise(bodies.Generate(random, 12, 30))).Append(".\"\n")
            .Append("agency: \"Ủy ban nhân dân cấp xã\"\n")
            .Append("levels: [xa]\n")
            .Append("online: ").Append(random.Next(3) switch { 0 => "toan-trinh", 1 => "mot-phan", _ => "khong" }).Append('\n')
            .Append("links:\n  - title: \"Cổng Dịch vụ công quốc gia\"\n    url: https://dichvucong.gov.vn\n")
            .Append("legal_basis:\n  - \"").Append(Capitalise(bodies.Generate(random, 5, 10))).Append("\"\n")
            .Append("checked: 2026-11-").Append((1 + random.Next(23)).ToString("D2", CultureInfo.InvariantCulture)).Append('\n')
            .Append("questions:\n");
        foreach (var question in questions)
        {
            text.Append("  - \"").Append(question).Append("\"\n");
        }
        text.Append("---\n");
        foreach (var facet in Facets.All)
        {
            text.Append("\n## ").Append(Facets.Label(facet.Id)).Append(" {#").Append(facet.Id).Append("}\n");
            for (var line = 0; line < 2 + random.Next(4); line++)
            {
                text.Append("- ").Append(Capitalise(bodies.Generate(random, 8, 24))).Append(".\n");
            }
        }
        return text.ToString();
    }

    private string Faq(string id, List<string> questions)
    {
        var text = new StringBuilder();
        text.Append("id: ").Append(id).Append('\n')
            .Append("title: \"").Append(Capitalise(titles.Generate(random, 3, 9))).Append("\"\n")
            .Append("question: \"").Append(Capitalise(questions[0])).Append("?\"\n")
            .Append("questions:\n");
        foreach (var question in questions.Skip(1))
        {
            text.Append("  - \"").Append(question).Append("\"\n");
        }
        text.Append("answer: |-\n");
        for (var line = 0; line < 2 + random.Next(4); line++)
        {
            text.Append("  ").Append(line + 1).Append(". ").Append(Capitalise(bodies.Generate(random, 8, 24))).Append(".\n");
        }
        text.Append("checked: 2026-11-").Append((1 + random.Next(23)).ToString("D2", CultureInfo.InvariantCulture)).Append('\n');
        return text.ToString();
    }

    /// <summary>Questions in a fixed mix: half generated phrasings, a quarter of them folded, a quarter real.</summary>
    public List<string> Queries(Dictionary<string, string> first, string devSet, int count)
    {
        var generated = first.Keys.ToList();
        var real = File.ReadLines(devSet)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("q").GetString() ?? "")
            .Where(q => q.Length > 0)
            .ToList();
        var queries = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            queries.Add((i % 4) switch
            {
                0 or 1 => generated[random.Next(generated.Count)],
                2 => string.Join(' ', VietnameseText.FoldedSyllables(generated[random.Next(generated.Count)])),
                _ => real[random.Next(real.Count)],
            });
        }
        return queries;
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>A syllable bigram chain with sentence start and end.</summary>
    private sealed class Chain
    {
        private const string Edge = "";
        private readonly Dictionary<string, List<string>> next = new(StringComparer.Ordinal);

        public void Learn(string text)
        {
            var syllables = VietnameseText.Syllables(text.ToLowerInvariant());
            if (syllables.Count == 0)
            {
                return;
            }
            var previous = Edge;
            foreach (var syllable in syllables.Append(Edge))
            {
                if (!next.TryGetValue(previous, out var list))
                {
                    next[previous] = list = [];
                }
                list.Add(syllable);
                previous = syllable;
            }
        }

        public string Generate(Random random, int minWords, int maxWords)
        {
            var words = new List<string>();
            var previous = Edge;
            while (words.Count < maxWords)
            {
                var options = next[previous];
                var word = options[random.Next(options.Count)];
                if (word == Edge)
                {
                    if (words.Count >= minWords)
                    {
                        break;
                    }
                    word = next[Edge][random.Next(next[Edge].Count)];
                }
                words.Add(word);
                previous = word;
            }
            return string.Join(' ', words);
        }
    }
}
