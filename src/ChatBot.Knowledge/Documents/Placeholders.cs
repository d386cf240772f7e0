using System.Text.RegularExpressions;

namespace ChatBot.Knowledge.Documents;

/// <summary>
/// The <c>{{name}}</c> placeholders that knowledge files and prompt templates may use. The office fields are filled
/// from configuration (<c>Office:*</c>) when an answer is written; any other name in a knowledge file is an error of
/// <c>index --check</c>, so an unfilled placeholder can never reach a resident.
/// </summary>
public static partial class Placeholders
{
    public const string OfficeName = "office.name";
    public const string OfficeAddress = "office.address";
    public const string OfficeHours = "office.hours";
    public const string OfficeHotline = "office.hotline";
    public const string OfficeEmail = "office.email";
    public const string OfficePortal = "office.portal";

    /// <summary>Ends a line that holds a time-bound fact: <c>{{until:2027-02-28}}</c>; the line is not shown after that day.</summary>
    public const string UntilPrefix = "until:";

    /// <summary>The office fields, the only placeholders a knowledge file may use besides validity markers.</summary>
    public static IReadOnlyList<string> OfficeFields { get; } = [OfficeName, OfficeAddress, OfficeHours, OfficeHotline, OfficeEmail, OfficePortal];

    /// <summary>Every <c>{{name}}</c> in the text, with its position.</summary>
    public static IEnumerable<(string Name, int Index)> Find(string text) =>
        Pattern().Matches(text).Select(m => (m.Groups[1].Value, m.Index));

    /// <summary>Replaces known placeholders; unknown ones are left as they are (the loader reports them).</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains("{{", StringComparison.Ordinal)
            ? Pattern().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value)
            : text;
    }

    /// <summary>Replaces placeholders; unknown ones become empty (prompt templates, whose names are checked at load).</summary>
    public static string FillOrEmpty(string text, IReadOnlyDictionary<string, string> values) =>
        Pattern().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : "");

    /// <summary>The last day a validity marker allows, or null when the name is not one (or its date is malformed).</summary>
    public static DateOnly? Until(string name) =>
        name.StartsWith(UntilPrefix, StringComparison.Ordinal)
        && DateOnly.TryParseExact(name[UntilPrefix.Length..].Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? day
            : null;

    /// <summary>
    /// Drops the lines whose validity marker has passed on <paramref name="today"/> and removes the markers from the
    /// others, so a waiver "until 28/02/2027" is not stated on 1/3/2027.
    /// </summary>
    public static string ApplyValidity(string text, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains("{{" + UntilPrefix, StringComparison.Ordinal) && !text.Contains("{{ " + UntilPrefix, StringComparison.Ordinal))
        {
            return text;
        }
        var kept = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var markers = Pattern().Matches(line).Where(m => Until(m.Groups[1].Value) is not null).ToList();
            if (markers.Count > 0 && markers.Any(m => Until(m.Groups[1].Value) < today))
            {
                continue;
            }
            kept.Add(markers.Count == 0 ? line : Pattern().Replace(line, m => Until(m.Groups[1].Value) is null ? m.Value : "").TrimEnd());
        }
        return string.Join('\n', kept);
    }

    /// <summary>Anything written like a placeholder, including malformed ones such as <c>{{ Office.Name }}</c>.</summary>
    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}")]
    private static partial Regex Pattern();
}
