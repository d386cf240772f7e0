using System.Diagnostics;
using System.Globalization;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Catalogue;
using ChatBot.Knowledge.Import;
using ChatBot.ServiceDefaults;

namespace ChatBot.Cli;

/// <summary>
/// `chatbot catalogue build FILE [--out PATH]`: national portal records → knowledge/catalogue/procedures.jsonl.
/// `chatbot catalogue search "câu hỏi" [--top N]`: the catalogue tier's hits and signals for one question.
/// </summary>
internal static class CatalogueCommand
{
    private const string Usage = "usage: chatbot catalogue build FILE [--out PATH] | chatbot catalogue search \"câu hỏi\" [--top N] (\"-\": one question a line from standard input)";

    /// <summary>Hits printed by `catalogue search` unless --top says otherwise.</summary>
    private const int DefaultTop = 5;

    public static int Run(string[] args, TextWriter stdout)
    {
        return args switch
        {
            ["build", var file, .. var rest] => Build(file, rest, stdout),
            ["search", var question, .. var rest] => Search(question, rest, stdout),
            _ => throw new CliUsageException(Usage),
        };
    }

    private static int Build(string file, string[] rest, TextWriter stdout)
    {
        if (!File.Exists(file))
        {
            throw new CliUsageException($"{file}: no such file");
        }
        var outAt = Array.IndexOf(rest, "--out");
        var output = outAt >= 0 && outAt + 1 < rest.Length
            ? Path.GetFullPath(rest[outAt + 1])
            : Path.Combine(ContentRoot.Find(), "knowledge", CatalogueFile.RecordsPath);
        var started = Stopwatch.GetTimestamp();
        var summary = CatalogueConversion.Build(file, output, stdout.WriteLine);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Read} records read, {summary.Written} written to {output} ({summary.Bytes / 1024.0 / 1024:0.0} MB), {summary.Unusable} unusable, in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
        return 0;
    }

    private static int Search(string question, string[] rest, TextWriter stdout)
    {
        var topAt = Array.IndexOf(rest, "--top");
        var top = topAt >= 0 && topAt + 1 < rest.Length && int.TryParse(rest[topAt + 1], CultureInfo.InvariantCulture, out var n) ? n : DefaultTop;
        using var knowledge = new KnowledgeBase(Path.Combine(ContentRoot.Find(), "knowledge"), new KnowledgeOptions { Watch = false });
        var catalogue = knowledge.Current.Catalogue;
        // "-" reads one question a line from standard input: one catalogue load for many questions.
        var questions = question == "-" ? ReadLines(Console.In) : [question];
        foreach (var asked in questions)
        {
            if (question == "-")
            {
                stdout.WriteLine($"? {asked}");
            }
            foreach (var hit in catalogue.Search(asked, top))
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{hit.Score,7:0.00}  name {hit.NameCoverage:0.00}  pairs {hit.BigramCoverage:0.00}  recall {hit.NameRecall:0.00}  matched {hit.MatchedWeight,5:0.0}  head {hit.HeadWeight,5:0.0}  {hit.Record.Id}  {hit.Record.Name}  [{string.Join(',', hit.Record.Levels)}]  group of {hit.Group.Records.Count}"));
            }
        }
        return 0;
    }

    private static List<string> ReadLines(TextReader reader)
    {
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length > 0)
            {
                lines.Add(line.Trim());
            }
        }
        return lines;
    }
}
