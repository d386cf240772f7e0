using System.Text;
using System.Text.Json;

namespace ChatBot.Knowledge.Import;

/// <summary>What importing one file of national records did.</summary>
public sealed record NationalImportSummary(int Read, int Written, int AtOtherLevels, int Unusable);

/// <summary>Imports a JSON Lines file of national records into a folder of guides, one file per record.</summary>
public static class NationalRecordsFile
{
    /// <summary>
    /// Writes one imported guide per usable record at the given levels (all when empty). A line that is not a
    /// record, or a record without code, name or portal link, is reported through <paramref name="problem"/>
    /// with its line number and skipped; the rest is imported.
    /// </summary>
    public static NationalImportSummary Import(string file, string folder, IReadOnlyCollection<string> levels, DateOnly checkedOn, Action<string> problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        int line = 0, read = 0, written = 0, skipped = 0, broken = 0;
        foreach (var text in File.ReadLines(file))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            read++;
            NationalRecord record;
            try
            {
                record = NationalRecordsImporter.Parse(text);
            }
            catch (JsonException ex)
            {
                broken++;
                problem($"{file}:{line}: skipped, not a record: {ex.Message}");
                continue;
            }
            if (!NationalRecordsImporter.AtLevels(record, levels))
            {
                skipped++;
                continue;
            }
            var guide = NationalRecordsImporter.ToGuide(record, checkedOn);
            if (guide is null)
            {
                broken++;
                problem($"{file}:{line}: skipped, record {record.MaThuTuc} has no code, name or portal link");
                continue;
            }
            File.WriteAllText(Path.Combine(folder, NationalRecordsImporter.IdOf(record) + ".md"), guide, utf8);
            written++;
        }
        return new NationalImportSummary(read, written, skipped, broken);
    }
}
