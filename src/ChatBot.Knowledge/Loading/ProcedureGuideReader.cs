using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Knowledge.Documents;

namespace ChatBot.Knowledge.Loading;

/// <summary>Reads a procedure guide: Markdown with YAML front matter and one "## Heading {#facet}" section per facet.</summary>
public static partial class ProcedureGuideReader
{
    public static KnowledgeDocument? Read(string text, string path, KnowledgeLoaderOptions options, List<KnowledgeProblem> problems)
    {
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            problems.Add(new(path, 1, ProblemSeverity.Error, "a procedure guide must start with YAML front matter between '---' lines"));
            return null;
        }
        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            problems.Add(new(path, 1, ProblemSeverity.Error, "the front matter is not closed with a '---' line"));
            return null;
        }
        var frontMatter = text[4..(end + 1)];
        var bodyStart = text.IndexOf('\n', end + 1);
        var body = bodyStart < 0 ? "" : text[(bodyStart + 1)..];
        var bodyFirstLine = text[..Math.Max(0, bodyStart + 1)].Count(c => c == '\n') + 1;

        var fields = YamlFields.Parse(frontMatter, path, 1, problems);
        if (fields is null)
        {
            return null;
        }
        var id = GuideFields.CheckId(fields, path);
        var online = fields.Text("online", required: true);
        if (online.Length > 0 && online is not ("toan-trinh" or "mot-phan" or "khong"))
        {
            fields.Error("online", $"'online' must be toan-trinh, mot-phan or khong, not '{online}'");
        }
        var levels = fields.List("levels", required: true);
        foreach (var level in levels.Where(l => l is not ("xa" or "tinh" or "trung-uong" or "khac")))
        {
            fields.Error("levels", $"unknown level '{level}' (use xa, tinh, trung-uong or khac)");
        }
        var imported = fields.Text("imported", required: false) == "true";
        var document = new KnowledgeDocument
        {
            Id = id,
            Kind = DocumentKind.Procedure,
            Title = fields.Text("title", required: true),
            Summary = fields.Text("summary", required: true),
            Agency = fields.Text("agency", required: true),
            Levels = levels,
            Online = online,
            Code = fields.Text("code", required: false),
            Links = GuideFields.CheckLinks(fields, path, required: true),
            LegalBasis = fields.List("legal_basis", required: true),
            Checked = GuideFields.CheckDate(fields, options),
            Questions = imported ? fields.List("questions", required: false) : GuideFields.CheckQuestions(fields),
            Tags = fields.List("tags", required: false),
            Sections = ParseSections(body, bodyFirstLine, path, problems),
            SourcePath = path,
            Imported = imported,
        };
        if (document.Sections.Count == 0)
        {
            problems.Add(new(path, bodyFirstLine, ProblemSeverity.Error, "the guide has no facet sections ('## Heading {#facet}')"));
        }
        else if (!document.Imported)
        {
            var missing = Facets.All.Select(f => f.Id).Except(document.Sections.Select(s => s.FacetId)).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new(path, bodyFirstLine, ProblemSeverity.Warning, $"sections missing for facets: {string.Join(", ", missing)}"));
            }
        }
        return document;
    }

    [GeneratedRegex(@"^##\s+(?<heading>.*?)\s*(\{#(?<facet>[a-z-]+)\})?\s*$")]
    private static partial Regex SectionHeading();

    private static List<FacetSection> ParseSections(string body, int firstLine, string path, List<KnowledgeProblem> problems)
    {
        var sections = new List<FacetSection>();
        string? facet = null;
        string heading = "";
        var headingLine = 0;
        var content = new StringBuilder();
        var lines = body.Split('\n');

        void Flush()
        {
            if (facet is null)
            {
                return;
            }
            var text = content.ToString().Trim();
            if (text.Length == 0)
            {
                problems.Add(new(path, headingLine, ProblemSeverity.Error, $"the section '{heading}' is empty"));
            }
            else if (sections.Any(s => s.FacetId == facet))
            {
                problems.Add(new(path, headingLine, ProblemSeverity.Error, $"the facet '{facet}' appears twice"));
            }
            else
            {
                sections.Add(new FacetSection(facet, heading, text));
            }
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var match = line.StartsWith("## ", StringComparison.Ordinal) ? SectionHeading().Match(line) : Match.Empty;
            if (match.Success)
            {
                Flush();
                content.Clear();
                heading = match.Groups["heading"].Value;
                headingLine = firstLine + i;
                var id = match.Groups["facet"].Value;
                if (id.Length == 0 || !Facets.IsKnown(id))
                {
                    problems.Add(new(path, headingLine, ProblemSeverity.Error,
                        id.Length == 0
                            ? $"unknown facet heading '{heading}': end it with one of {{#{string.Join("}, {#", Facets.All.Select(f => f.Id))}}}"
                            : $"unknown facet '{id}' in heading '{heading}'"));
                    facet = null;
                }
                else
                {
                    facet = id;
                }
            }
            else if (facet is not null)
            {
                content.Append(line).Append('\n');
            }
        }
        Flush();
        return sections;
    }
}
