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
        var started = Stopwatch.GetTimestamp();
        var (read, written, skipped, broken) = NationalRecordsFile.Import(file, folder, levels, DateOnly.FromDateTime(DateTime.UtcNow), stdout.WriteLine);
        stdout.WriteLine($"{read} records read, {written} guides written to {folder}, {skipped} at other levels, {broken} unusable, in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        return 0;
    }
}
