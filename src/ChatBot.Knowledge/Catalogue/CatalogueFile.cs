using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Knowledge.Loading;

namespace ChatBot.Knowledge.Catalogue;

/// <summary>
/// The catalogue's file format: JSON Lines, one <see cref="CatalogueRecord"/> per line in snake_case, sorted by
/// code, absent fields left out, so a regenerated file diffs line by line (docs/catalogue.md).
/// </summary>
public static class CatalogueFile
{
    /// <summary>The records file, relative to the knowledge folder.</summary>
    public const string RecordsPath = "catalogue/procedures.jsonl";

    /// <summary>Words residents use for catalogue wording, used by the catalogue tier only (same format as the lexicon).</summary>
    public const string SynonymsPath = "catalogue/synonyms.yaml";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        // Vietnamese stays readable in diffs instead of \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string ToLine(CatalogueRecord record) => JsonSerializer.Serialize(record, Json);

    /// <summary>Writes the records sorted by code, one per line, UTF-8 without BOM, "\n" line ends.</summary>
    public static void Write(string path, IEnumerable<CatalogueRecord> records)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        foreach (var record in records.OrderBy(r => r.Code, StringComparer.Ordinal))
        {
            writer.WriteLine(ToLine(record));
        }
    }

    /// <summary>
    /// Reads and validates a records file. A line that is not a record, or a record without code, name or portal
    /// link, or a repeated code, is reported with its line number (as <paramref name="relativePath"/>:line) and
    /// left out; the rest is kept.
    /// </summary>
    public static IReadOnlyList<CatalogueRecord> Read(string fullPath, string relativePath, List<KnowledgeProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        string[] lines;
        try
        {
            lines = File.ReadAllText(fullPath, StrictUtf8).Split('\n');
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new(relativePath, 0, ProblemSeverity.Error, "the file is not valid UTF-8 text"));
            return [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new(relativePath, 0, ProblemSeverity.Error, $"cannot read the file: {ex.Message}"));
            return [];
        }
        var records = new List<CatalogueRecord>(lines.Length);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].TrimEnd('\r');
            var line = i + 1;
            if (text.Length == 0)
            {
                continue;
            }
            CatalogueRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<CatalogueRecord>(text, Json);
            }
            catch (JsonException ex)
            {
                problems.Add(new(relativePath, line, ProblemSeverity.Error, $"not a catalogue record: {ex.Message}"));
                continue;
            }
            if (record is null)
            {
                problems.Add(new(relativePath, line, ProblemSeverity.Error, "not a catalogue record: null"));
                continue;
            }
            var missing = new[] { ("code", record.Code), ("name", record.Name), ("url", record.Url) }.Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new(relativePath, line, ProblemSeverity.Error, $"record {record.Code} has no {string.Join(", ", missing)}"));
                continue;
            }
            if (!Uri.TryCreate(record.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add(new(relativePath, line, ProblemSeverity.Error, $"record {record.Code}: url '{record.Url}' is not an http(s) address"));
                continue;
            }
            if (seen.TryGetValue(record.Code, out var first))
            {
                problems.Add(new(relativePath, line, ProblemSeverity.Error, $"record {record.Code} repeats the one on line {first}"));
                continue;
            }
            seen[record.Code] = line;
            records.Add(record with { Name = record.Name.Normalize(NormalizationForm.FormC) });
        }
        return records;
    }
}
