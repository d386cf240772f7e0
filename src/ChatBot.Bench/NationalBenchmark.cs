using System.Diagnostics;
using System.Text.Json;
using ChatBot.Conversation;
using ChatBot.Conversation.Turns;
using ChatBot.Host;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Authoring;
using ChatBot.Knowledge.Import;
using ChatBot.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// `national` mode: copies the real knowledge folder, imports a file of national portal records into it
/// (procedures/imported), builds it the way the host does, asks long-tail questions no curated guide covers
/// through the real conversation pipeline, and times retrieval on the dev set with the imported records loaded,
/// checking whether they take curated answers away.
/// Options: FILE --levels xa,tinh (all when absent) --queries N (dev-set questions timed; all when fewer) --keep.
/// </summary>
internal static class NationalBenchmark
{
    /// <summary>Procedures residents ask about that no curated guide covers but the national records do.</summary>
    private static readonly string[] LongTail =
    [
        "làm hộ chiếu phổ thông ở trong nước", "đăng ký khai sinh có yếu tố nước ngoài", "thủ tục đăng ký giám hộ",
        "cấp giấy phép khai thác nước dưới đất", "chuyển mục đích sử dụng đất", "cấp lại giấy chứng nhận đăng ký hộ kinh doanh",
        "đăng ký nhận cha mẹ con có yếu tố nước ngoài", "thủ tục tách thửa đất", "công nhận hộ nghèo hộ cận nghèo",
        "đăng ký việc nuôi con nuôi trong nước",
    ];

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: national FILE [--levels xa,tinh] [--queries 2000] [--keep]  (FILE: national records, JSON Lines)");
            return 2;
        }
        var file = Path.GetFullPath(args[0]);
        var levelsAt = Array.IndexOf(args, "--levels");
        string[] levels = levelsAt >= 0 && levelsAt + 1 < args.Length
            ? args[levelsAt + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        var queries = CorpusBenchmark.Option(args, "--queries", 2000);
        var keep = args.Contains("--keep");
        var root = ContentRoot.Find();
        var real = Path.Combine(root, "knowledge");
        var folder = Path.Combine(Path.GetTempPath(), "chatbot-national-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(Path.GetTempPath(), "chatbot-national-data-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine($"{Environment.ProcessorCount} cores · .NET {Environment.Version} · {file} · levels {(levels.Length > 0 ? string.Join(',', levels) : "all")}");
        try
        {
            // 1. The real folder plus the imported records, as `chatbot import national` would leave it.
            KnowledgeFolder.Copy(real, folder);
            var imported = Path.Combine(folder, "procedures", "imported");
            var problems = 0;
            var cpu = CorpusBenchmark.CpuTime();
            var wall = Stopwatch.StartNew();
            var summary = NationalRecordsFile.Import(file, imported, levels, DateOnly.FromDateTime(DateTime.UtcNow), problem =>
            {
                if (++problems <= 5)
                {
                    Console.WriteLine("  " + problem);
                }
            });
            var importCpu = CorpusBenchmark.CpuTime() - cpu;
            Console.WriteLine(CorpusBenchmark.Invariant($"import: {summary.Read} records read, {summary.Written} guides written, {summary.AtOtherLevels} at other levels, {summary.Unusable} unusable in {wall.Elapsed.TotalSeconds:0.00} s (CPU {importCpu.TotalSeconds:0.00} s) to {imported}"));

            // 2. and 3. The build stages one by one, then the whole build as the host runs it.
            CorpusBenchmark.Stages(folder);
            using var knowledge = new KnowledgeBase(folder, new KnowledgeOptions { Watch = false });
            cpu = CorpusBenchmark.CpuTime();
            var state = knowledge.Reload();
            var buildCpu = CorpusBenchmark.CpuTime() - cpu;
            Console.WriteLine(CorpusBenchmark.Invariant($"build (KnowledgeBase.Reload: load + index + classifier + warm-up query): {state.BuildTime.TotalSeconds:0.00} s (CPU {buildCpu.TotalSeconds:0.00} s), {state.Documents.Count} documents, {state.Documents.Count(d => d.Imported)} imported, {state.Retriever.Index.UnitCount} units"));

            // 4. Long-tail questions through the real conversation pipeline.
            AskLongTail(folder, data);

            // 5. Retrieval time with the imported records loaded, and whether curated answers stay on top.
            var dev = File.ReadLines(Path.Combine(root, "knowledge", "eval", "dev.jsonl"))
                .Where(line => !string.IsNullOrWhiteSpace(line))
                .Select(line => JsonDocument.Parse(line).RootElement.Clone())
                .ToList();
            var questions = dev.Select(line => line.GetProperty("q").GetString() ?? "").Where(q => q.Length > 0).Take(queries).ToList();
            var retriever = state.Retriever;
            for (var round = 0; round < 3; round++)
            {
                foreach (var question in questions)
                {
                    retriever.Retrieve(question);
                }
            }
            var times = new List<double>(questions.Count);
            var retrievalCpu = CorpusBenchmark.CpuTime();
            foreach (var question in questions)
            {
                var started = Stopwatch.GetTimestamp();
                retriever.Retrieve(question);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            retrievalCpu = CorpusBenchmark.CpuTime() - retrievalCpu;
            times.Sort();
            Console.WriteLine(CorpusBenchmark.Invariant($"retrieval with imported records ({questions.Count} dev.jsonl questions, one thread, warm): p50 {CorpusBenchmark.Percentile(times, 0.50):0.000} ms · p99 {CorpusBenchmark.Percentile(times, 0.99):0.000} ms · max {times[^1]:0.0} ms · CPU {retrievalCpu.TotalMilliseconds / questions.Count:0.000} ms per question"));

            var labelled = dev
                .Where(line => line.TryGetProperty("kind", out var kind) && kind.GetString() == "answer" && !line.TryGetProperty("history", out _)
                    && line.TryGetProperty("id", out _))
                .Select(line => (Question: line.GetProperty("q").GetString() ?? "", Id: line.GetProperty("id").GetString() ?? ""))
                .ToList();
            var tops = labelled.Select(l => retriever.Retrieve(l.Question).Top?.Document).ToList();
            var withImports = tops.Where((top, i) => top?.Id == labelled[i].Id).Count();
            var takenByImported = tops.Count(top => top is { Imported: true });
            int plain;
            using (var curated = new KnowledgeBase(real, new KnowledgeOptions { Watch = false }))
            {
                var plainRetriever = curated.Reload().Retriever;
                plain = labelled.Count(l => plainRetriever.Retrieve(l.Question).Top?.Document.Id == l.Id);
            }
            Console.WriteLine(CorpusBenchmark.Invariant($"curated top-1 kept ({labelled.Count} dev.jsonl answer questions without history): {(double)withImports / labelled.Count:P1} with imported records ({withImports}) vs {(double)plain / labelled.Count:P1} on knowledge/ alone ({plain}); of the {labelled.Count - withImports} missed with imported records, {takenByImported} have an imported record on top"));

            // 6. Memory with the imported knowledge held.
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(CorpusBenchmark.Invariant($"process RSS {process.WorkingSet64 / 1024.0 / 1024:0} MB · managed heap {GC.GetTotalMemory(false) / 1024.0 / 1024:0} MB"));
            return 0;
        }
        finally
        {
            if (!keep)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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

    /// <summary>Asks each long-tail question in a new conversation of a host built on the folder (not started).</summary>
    private static void AskLongTail(string folder, string data)
    {
        Directory.CreateDirectory(data);
        var app = ChatBotApp.Create(
            ["--Knowledge:Path", folder, "--Knowledge:Watch", "false", "--ConnectionStrings:ChatBot", $"Data Source={Path.Combine(data, "bench.db")}",
             "--QuestionLog:SpoolPath", Path.Combine(data, "spool"), "--Logging:LogLevel:Default", "Warning"]);
        try
        {
            var knowledge = app.Services.GetRequiredService<KnowledgeBase>();
            var state = knowledge.Reload();
            var conversations = app.Services.GetRequiredService<ConversationService>();
            var found = 0;
            foreach (var question in LongTail)
            {
                var output = conversations.Handle(new TurnInput
                {
                    ConversationId = "bench-national-" + Guid.NewGuid().ToString("N"),
                    Channel = "bench",
                    Text = question,
                    At = DateTimeOffset.UtcNow,
                });
                var top = output.Sources.DistinctBy(s => s.Id).Take(3).ToList();
                if (top.Any(s => state.Find(s.Id) is { Imported: true }))
                {
                    found++;
                }
                Console.WriteLine($"  \"{question}\" → {output.Kind}: {(top.Count == 0 ? "no sources" : string.Join(" | ", top.Select(s => $"{s.Id} {s.Title}")))}");
            }
            Console.WriteLine(CorpusBenchmark.Invariant($"long-tail: {found}/{LongTail.Length} found an imported record in the top 3"));
        }
        finally
        {
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
