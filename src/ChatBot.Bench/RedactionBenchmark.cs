using System.Globalization;
using ChatBot.Feedback;

/// <summary>`bench redaction [--corpus FILE] [--errors]`: the redactor's recall and false-positive rate on the corpus.</summary>
internal static class RedactionBenchmark
{
    public static int Run(string[] args)
    {
        var at = Array.IndexOf(args, "--corpus");
        var path = at >= 0 && at + 1 < args.Length ? args[at + 1] : Path.Combine(ChatBot.ServiceDefaults.ContentRoot.Find(), "tests", "redaction", "corpus.jsonl");
        var report = RedactionCorpus.Score(RedactionCorpus.Load(path));
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(culture, $"personal data: {report.Caught}/{report.Personal} caught, recall {report.Recall:0.000}"));
        Console.WriteLine(string.Create(culture, $"ordinary questions: {report.Changed.Count}/{report.Ordinary} changed, false-positive rate {report.FalsePositiveRate:0.000}"));
        if (args.Contains("--errors"))
        {
            foreach (var miss in report.Missed)
            {
                Console.WriteLine($"MISSED  {miss.Text}  =>  {Redactor.Redact(miss.Text)}");
            }
            foreach (var (text, redacted) in report.Changed)
            {
                Console.WriteLine($"CHANGED {text}  =>  {redacted}");
            }
        }
        return 0;
    }
}
