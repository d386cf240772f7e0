using System.Text.RegularExpressions;
using ChatBot.Knowledge.Documents;

namespace ChatBot.Knowledge.Loading;

/// <summary>Checks shared by the guide and FAQ readers: id, links, checked date, phrasings, placeholders.</summary>
internal static partial class GuideFields
{
    public static string CheckId(YamlFields fields, string path)
    {
        var id = fields.Text("id", required: true);
        var expected = System.IO.Path.GetFileNameWithoutExtension(path);
        if (id.Length > 0 && !IdPattern().IsMatch(id))
        {
            fields.Error("id", $"id '{id}' must be lower-case ASCII words joined by '-'");
        }
        else if (id.Length > 0 && id != expected)
        {
            fields.Error("id", $"id '{id}' does not match the file name '{expected}'");
        }
        return id.Length > 0 ? id : expected;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    public static List<SourceLink> CheckLinks(YamlFields fields, string path, bool required)
    {
        var links = new List<SourceLink>();
        foreach (var (title, url, line) in fields.Links("links", required))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                fields.Error("links", $"link '{url}' (line {line}) is not an http(s) address");
                continue;
            }
            links.Add(new SourceLink(title.Length > 0 ? title : uri.Host, url));
        }
        return links;
    }

    public static DateOnly? CheckDate(YamlFields fields, KnowledgeLoaderOptions options)
    {
        var date = fields.Date("checked", required: true);
        if (date is { } d && options.Today is { } today && d.AddMonths(options.StaleAfterMonths) < today)
        {
            fields.Warning("checked", $"stale: facts last checked {d:yyyy-MM-dd}, more than {options.StaleAfterMonths} months ago");
        }
        return date;
    }

    public static IReadOnlyList<string> CheckQuestions(YamlFields fields)
    {
        var questions = fields.List("questions", required: false);
        if (questions.Count < 6)
        {
            fields.Warning("questions", $"only {questions.Count} alternative phrasings; at least 6 help residents find this document");
        }
        return questions;
    }

    /// <summary>
    /// Only the office fields and validity markers may be written as {{…}}: anything else would reach a resident
    /// unfilled. A validity marker is warned about before its day and after it.
    /// </summary>
    public static void CheckPlaceholders(KnowledgeDocument document, string fileText, string path, KnowledgeLoaderOptions options, List<KnowledgeProblem> problems)
    {
        IEnumerable<string> texts = [document.Title, document.Summary, document.Agency, document.Answer, .. document.Sections.Select(s => s.Text), .. document.Sections.Select(s => s.Heading)];
        foreach (var name in texts.SelectMany(t => Placeholders.Find(t)).Select(p => p.Name).Where(n => !Placeholders.OfficeFields.Contains(n)).Distinct(StringComparer.Ordinal))
        {
            var at = fileText.IndexOf(name, StringComparison.Ordinal);
            var line = at < 0 ? 0 : fileText[..at].Count(c => c == '\n') + 1;
            if (Placeholders.Until(name) is { } until)
            {
                var today = options.Today ?? DateOnly.FromDateTime(DateTime.UtcNow);
                if (until < today)
                {
                    problems.Add(new(path, line, ProblemSeverity.Warning, $"expired: a line valid until {until:yyyy-MM-dd} is no longer shown; update or remove it"));
                }
                else if (until < today.AddDays(options.ExpiryWarningDays))
                {
                    problems.Add(new(path, line, ProblemSeverity.Warning, $"expires soon: a line valid until {until:yyyy-MM-dd} will stop being shown; check what replaces it"));
                }
                continue;
            }
            var hint = name.StartsWith(Placeholders.UntilPrefix, StringComparison.Ordinal) ? "; a validity marker is written {{until:YYYY-MM-DD}}" : "";
            problems.Add(new(path, line, ProblemSeverity.Error, $"unknown placeholder {{{{{name}}}}}; a knowledge file may use only {string.Join(", ", Placeholders.OfficeFields.Select(f => "{{" + f + "}}"))} and {{{{until:YYYY-MM-DD}}}}{hint}"));
        }
    }
}
