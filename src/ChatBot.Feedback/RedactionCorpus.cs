using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ChatBot.Feedback;

/// <summary>One line of tests/redaction/corpus.jsonl: a message, the personal data in it (none for ordinary questions).</summary>
public sealed record RedactionCase(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("pii")] IReadOnlyList<string> Pii,
    [property: JsonPropertyName("kind")] string Kind);

/// <summary>How the redactor did on a corpus: recall on personal data, and ordinary questions it changed.</summary>
public sealed record RedactionReport(int Personal, int Caught, int Ordinary, IReadOnlyList<RedactionCase> Missed, IReadOnlyList<(string Text, string Redacted)> Changed)
{
    public double Recall => Personal == 0 ? 1 : (double)Caught / Personal;

    public double FalsePositiveRate => Ordinary == 0 ? 0 : (double)Changed.Count / Ordinary;
}

/// <summary>Scores <see cref="Redactor.Redact"/> on a labelled corpus; the benchmark command and the unit test share it.</summary>
public static partial class RedactionCorpus
{
    public static IReadOnlyList<RedactionCase> Load(string path) =>
        File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonSerializer.Deserialize<RedactionCase>(l)!).ToList();

    public static RedactionReport Score(IReadOnlyList<RedactionCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var missed = new List<RedactionCase>();
        var changed = new List<(string, string)>();
        int personal = 0, ordinary = 0;
        foreach (var item in cases)
        {
            var redacted = Redactor.Redact(item.Text);
            if (item.Pii.Count == 0)
            {
                ordinary++;
                if (redacted != item.Text)
                {
                    changed.Add((item.Text, redacted));
                }
                continue;
            }
            personal++;
            if (!item.Pii.All(pii => IsGone(pii, redacted)))
            {
                missed.Add(item);
            }
        }
        return new RedactionReport(personal, personal - missed.Count, ordinary, missed, changed);
    }

    /// <summary>Caught when neither the personal text nor any of its digit groups of three or more is left.</summary>
    private static bool IsGone(string pii, string redacted) =>
        !redacted.Contains(pii, StringComparison.OrdinalIgnoreCase)
        && DigitGroup().Matches(pii).All(g => !Regex.IsMatch(redacted, $@"(?<!\d){g.Value}(?!\d)"));

    [GeneratedRegex(@"\d{3,}")]
    private static partial Regex DigitGroup();
}
