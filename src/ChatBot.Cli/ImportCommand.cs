using System.Diagnostics;
using ChatBot.Knowledge.Import;
using ChatBot.ServiceDefaults;

namespace ChatBot.Cli;

/// <summary>`chatbot import national FILE [--levels xa,tinh] [--out DIR]`: writes one imported guide per record.</summary>
internal static class ImportCommand
{
    public static int Run(string[] args, TextWriter stdout)
    {
        if (args.Length < 2 || args[0] != "national")
        {
            throw new CliUsageException("usage: chatbot import national FILE [--levels xa,tinh] [--out DIR]");
        }
        var file = args[1];
        var levelsAt = Array.IndexOf(args, "--levels");
        var levels = levelsAt >= 0 && levelsAt + 1 < args.Length ? args[levelsAt + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        var outAt = Array.IndexOf(args, "--out");
        var folder = outAt >= 0 && outAt + 1 < args.Length ? Path.GetFullPath(args[outAt + 1]) : Path.Combine(ContentRoot.Find(), "knowledge", "procedures", "imported");
        if (!File.Exists(file))
        {
            throw new CliUsageException($"{file}: no such file");
        }
        Directory.CreateDirectory(folder);
        var started = Stopwatch.GetTimestamp();
        int read = 0, written = 0, skipped = 0, broken = 0;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var line in File.ReadLines(file))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            read++;
            NationalRecord record;
            try
            {
                record = NationalRecordsImporter.Parse(line);
            }
            catch (System.Text.Json.JsonException ex)
            {
                broken++;
                stdout.WriteLine($"{file}:{read}: skipped, not a record: {ex.Message}");
                continue;
            }
            if (!NationalRecordsImporter.AtLevels(record, levels))
            {
                skipped++;
                continue;
            }
            var guide = NationalRecordsImporter.ToGuide(record, today);
            if (guide is null)
            {
                broken++;
                stdout.WriteLine($"{file}:{read}: skipped, record {record.MaThuTuc} has no code, name or portal link");
                continue;
            }
            File.WriteAllText(Path.Combine(folder, NationalRecordsImporter.IdOf(record) + ".md"), guide);
            written++;
        }
        stdout.WriteLine($"{read} records read, {written} guides written to {folder}, {skipped} at other levels, {broken} unusable, in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        return 0;
    }
}
