using System.Text.Json;
using ChatBot.Knowledge.Catalogue;

namespace ChatBot.Knowledge.Import;

/// <summary>What converting a file of national records into the catalogue did.</summary>
public sealed record CatalogueBuildSummary(int Read, int Written, int Unusable, long Bytes);

/// <summary>
/// Turns national portal records into the compact catalogue (knowledge/catalogue/procedures.jsonl) with the same
/// parsing as the guide importer: per-channel time and fee from the flattened cell, documents as lines, legal texts
/// as "name (code)", the portal's "Không có thông tin" and result boilerplate dropped, long texts shortened.
/// </summary>
public static class CatalogueConversion
{
    /// <summary>Steps are long prose (4.7 MB in all); the first part and the portal link serve a phone screen.</summary>
    public const int StepsMaxChars = 1000;

    /// <summary>Documents to submit: the importer's limit, which keeps the whole list for most procedures.</summary>
    public const int DocumentsMaxChars = 1500;

    /// <summary>Conditions: the gist; the portal link has the rest.</summary>
    public const int ConditionsMaxChars = 1000;

    /// <summary>Who may apply: a list of groups, rarely long.</summary>
    public const int ApplicantsMaxChars = 400;

    /// <summary>A fee description: long enough for the exemptions and the real amount when the fee cell is wrong.</summary>
    public const int FeeNoteMaxChars = 400;

    /// <summary>Agency, address and result names.</summary>
    public const int ShortTextMaxChars = 300;

    /// <summary>The catalogue record of a national record, or null when it has no code, name or portal link.</summary>
    public static CatalogueRecord? ToRecord(NationalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!NationalRecordsImporter.IsUsable(record))
        {
            return null;
        }
        var (applicants, conditions) = NationalRecordsImporter.Eligibility(record);
        return new CatalogueRecord
        {
            Code = record.MaThuTuc.Trim(),
            Name = string.Join(' ', NationalRecordsImporter.TitleOf(record).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
            Url = record.DetailUrl.Trim(),
            Levels = NationalRecordsImporter.LevelsOf(record),
            Field = NationalRecordsImporter.Informative(record.LinhVuc, ShortTextMaxChars),
            Ministry = NationalRecordsImporter.Informative(record.SourceGroup, ShortTextMaxChars),
            Agency = NationalRecordsImporter.Informative(NationalRecordsImporter.AgencyOf(record), ShortTextMaxChars),
            Address = NationalRecordsImporter.Informative(record.DiaChiTiepNhan, ShortTextMaxChars),
            Applicants = NationalRecordsImporter.Informative(applicants, ApplicantsMaxChars),
            Conditions = NationalRecordsImporter.Informative(conditions, ConditionsMaxChars),
            Documents = NationalRecordsImporter.DocumentsOf(record, DocumentsMaxChars),
            Steps = NationalRecordsImporter.StepsOf(record, StepsMaxChars),
            Channels = NationalRecordsImporter.Channels(record.CachThucThucHien).Select(c => new CatalogueChannel
            {
                Channel = c.Channel,
                Time = c.TimeFigure.Length > 0 ? c.TimeFigure : null,
                TimeUnitMissing = c.TimeUnitMissing,
                Fee = c.Fee.Length > 0 ? c.Fee : null,
                FeeNote = NationalRecordsImporter.Informative(c.Note, FeeNoteMaxChars),
            }).ToList(),
            Result = NationalRecordsImporter.Informative(NationalRecordsImporter.ResultOf(record), ShortTextMaxChars),
            LegalBasis = NationalRecordsImporter.LegalBasisOf(record),
        };
    }

    /// <summary>
    /// Converts a JSON Lines file of national records into the catalogue file at <paramref name="output"/>. A line
    /// that is not a record, or a record without code, name or portal link, is reported with its line number and
    /// skipped; a code seen twice keeps its first record.
    /// </summary>
    public static CatalogueBuildSummary Build(string input, string output, Action<string> problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var records = new Dictionary<string, CatalogueRecord>(StringComparer.Ordinal);
        int line = 0, read = 0, unusable = 0;
        foreach (var text in File.ReadLines(input))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            read++;
            NationalRecord national;
            try
            {
                national = NationalRecordsImporter.Parse(text);
            }
            catch (JsonException ex)
            {
                unusable++;
                problem($"{input}:{line}: skipped, not a record: {ex.Message}");
                continue;
            }
            if (ToRecord(national) is not { } record)
            {
                unusable++;
                problem($"{input}:{line}: skipped, record {national.MaThuTuc} has no code, name or portal link");
                continue;
            }
            if (!records.TryAdd(record.Code, record))
            {
                unusable++;
                problem($"{input}:{line}: skipped, code {record.Code} seen before");
            }
        }
        CatalogueFile.Write(output, records.Values);
        return new CatalogueBuildSummary(read, records.Count, unusable, new FileInfo(output).Length);
    }
}
