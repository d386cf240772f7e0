using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Ingestion;

namespace ChatBot.Knowledge.Loading;

/// <summary>The documents one file yielded, and what is wrong with it.</summary>
public sealed record FileLoadResult(string Path, IReadOnlyList<KnowledgeDocument> Documents, IReadOnlyList<KnowledgeProblem> Problems)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}

/// <summary>Everything loaded from a knowledge folder.</summary>
public sealed record KnowledgeSnapshot(
    IReadOnlyList<KnowledgeDocument> Documents,
    Lexicon Lexicon,
    IReadOnlyList<string> CatalogueIds,
    IReadOnlyList<KnowledgeProblem> Problems)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}

/// <summary>
/// Reads procedure guides (Markdown with YAML front matter), FAQ entries (YAML), the office's own documents
/// (PDF, DOCX, HTML, split into passages) and the lexicon from a knowledge folder, validating as it goes.
/// Format: docs/knowledge-format.md.
/// </summary>
public sealed partial class KnowledgeLoader(KnowledgeLoaderOptions options)
{
    public const string ProceduresFolder = "procedures";
    public const string FaqFolder = "faq";
    public const string LexiconFile = "lexicon/synonyms.yaml";
    public const string CatalogueFile = "catalogue-ids.txt";
    public const string OutOfScopeFile = "lexicon/out-of-scope.yaml";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public KnowledgeLoader() : this(new KnowledgeLoaderOptions())
    {
    }

    /// <summary>Loads and validates a whole folder. Documents from files with errors are left out.</summary>
    public KnowledgeSnapshot LoadFolder(string root)
    {
        var problems = new List<KnowledgeProblem>();
        var documents = new List<KnowledgeDocument>();
        foreach (var file in KnowledgeFiles(root))
        {
            var result = LoadFile(root, file);
            problems.AddRange(result.Problems);
            if (!result.HasErrors)
            {
                documents.AddRange(result.Documents);
            }
        }
        var lexicon = LoadLexicon(root, problems);
        var catalogue = LoadCatalogue(root, problems);
        problems.AddRange(CheckCollection(documents, catalogue));
        return new KnowledgeSnapshot(documents, lexicon, catalogue, problems);
    }

    /// <summary>The lexicon and catalogue id list of a folder, without the documents.</summary>
    public (Lexicon Lexicon, IReadOnlyList<string> CatalogueIds, IReadOnlyList<string> OutOfScope, IReadOnlyList<KnowledgeProblem> Problems) LoadFolderMetadata(string root)
    {
        var problems = new List<KnowledgeProblem>();
        return (LoadLexicon(root, problems), LoadCatalogue(root, problems), LoadOutOfScope(root, problems), problems);
    }

    /// <summary>Examples of questions the bot must decline (lexicon/out-of-scope.yaml, list 'examples').</summary>
    private static List<string> LoadOutOfScope(string root, List<KnowledgeProblem> problems)
    {
        var path = System.IO.Path.Combine(root, OutOfScopeFile);
        if (!File.Exists(path))
        {
            return [];
        }
        var fields = YamlFields.Parse(File.ReadAllText(path, StrictUtf8), OutOfScopeFile, 0, problems);
        return fields is null ? [] : fields.List("examples", required: true).ToList();
    }

    /// <summary>The files that hold documents, relative to the root, in a stable order.</summary>
    public static IEnumerable<string> KnowledgeFiles(string root)
    {
        IEnumerable<string> Under(string folder, params string[] patterns)
        {
            var path = System.IO.Path.Combine(root, folder);
            return Directory.Exists(path)
                ? patterns.SelectMany(p => Directory.EnumerateFiles(path, p, SearchOption.AllDirectories))
                : [];
        }
        return Under(ProceduresFolder, "*.md")
            .Concat(Under(FaqFolder, "*.yaml", "*.yml"))
            .Concat(OfficeDocumentFiles(root))
            .Select(f => System.IO.Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>
    /// Every file directly in documents/, whatever its type, so that a file the bot cannot use is reported rather
    /// than silently ignored. Hidden files and Office's "~$" lock files are not documents.
    /// </summary>
    private static IEnumerable<string> OfficeDocumentFiles(string root)
    {
        var folder = System.IO.Path.Combine(root, OfficeDocuments.Folder);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.TopDirectoryOnly)
                .Where(f => System.IO.Path.GetFileName(f) is var name && !name.StartsWith('.') && !name.StartsWith("~$", StringComparison.Ordinal))
            : [];
    }

    /// <summary>Loads one file (path relative to root). Never throws for bad content.</summary>
    public FileLoadResult LoadFile(string root, string relativePath)
    {
        if (relativePath.StartsWith(OfficeDocuments.Folder + "/", StringComparison.Ordinal))
        {
            return LoadOfficeDocument(root, relativePath);
        }
        var problems = new List<KnowledgeProblem>();
        var text = ReadText(System.IO.Path.Combine(root, relativePath), relativePath, problems);
        if (text is null)
        {
            return new FileLoadResult(relativePath, [], problems);
        }
        var document = relativePath.StartsWith(ProceduresFolder + "/", StringComparison.Ordinal)
            ? ParseProcedure(text, relativePath, problems)
            : ParseFaq(text, relativePath, problems);
        if (document is not null)
        {
            CheckPlaceholders(document, text, relativePath, problems);
        }
        return new FileLoadResult(relativePath, document is null ? [] : [document], problems);
    }

    /// <summary>Only the office fields may be written as {{…}}: anything else would reach a resident unfilled.</summary>
    private void CheckPlaceholders(KnowledgeDocument document, string fileText, string path, List<KnowledgeProblem> problems)
    {
        IEnumerable<string> texts = [document.Title, document.Summary, document.Agency, document.Answer, .. document.Sections.Select(s => s.Text), .. document.Sections.Select(s => s.Heading)];
        foreach (var name in texts.SelectMany(t => Placeholders.Find(t)).Select(p => p.Name).Where(n => !Placeholders.OfficeFields.Contains(n)).Distinct(StringComparer.Ordinal))
        {
            var at = fileText.IndexOf(name, StringComparison.Ordinal);
            var line = at < 0 ? 0 : fileText[..at].Count(c => c == '\n') + 1;
            if (Placeholders.Until(name) is { } until)
            {
                // A time-bound fact: staff are warned before it lapses, and again once the bot has stopped stating it.
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

    /// <summary>
    /// One PDF, DOCX or HTML file of documents/ as passages. Whatever is wrong with the file (type, size,
    /// damage, password) becomes a problem naming it; nothing a file contains makes this throw.
    /// </summary>
    private FileLoadResult LoadOfficeDocument(string root, string relativePath)
    {
        var problems = new List<KnowledgeProblem>();
        var extension = System.IO.Path.GetExtension(relativePath).ToLowerInvariant();
        if (DocumentReaders.For(relativePath) is not { } reader)
        {
            var hint = extension switch
            {
                ".doc" => "old Word .doc files cannot be read; save it as .docx",
                "" => "the file has no extension",
                _ => $"'{extension}' files are not read",
            };
            problems.Add(new(relativePath, 0, ProblemSeverity.Error, $"{hint}; the documents folder takes {string.Join(", ", DocumentReaders.Extensions)}"));
            return new FileLoadResult(relativePath, [], problems);
        }
        var bytes = ReadBytes(System.IO.Path.Combine(root, relativePath), relativePath, options.MaxDocumentBytes, problems);
        if (bytes is null)
        {
            return new FileLoadResult(relativePath, [], problems);
        }
        ReadDocument read;
        try
        {
            read = reader.Read(bytes);
        }
        catch (DocumentReadException ex)
        {
            problems.Add(new(relativePath, 0, ProblemSeverity.Error, ex.Message));
            return new FileLoadResult(relativePath, [], problems);
        }
        var documents = OfficeDocuments.ToDocuments(relativePath, read, new PassageSplitter(options.PassageMaxWords));
        if (documents.Count == 0)
        {
            problems.Add(new(relativePath, 0, ProblemSeverity.Warning, extension == ".pdf"
                ? "no text found: a scanned PDF needs text recognition (OCR) before the bot can use it"
                : "no text found in the document"));
        }
        return new FileLoadResult(relativePath, documents, problems);
    }

    /// <summary>The file's bytes, or null with a problem when it is empty, too large or unreadable.</summary>
    private static byte[]? ReadBytes(string fullPath, string relativePath, long maxBytes, List<KnowledgeProblem> problems)
    {
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Length == 0)
            {
                problems.Add(new(relativePath, 0, ProblemSeverity.Error, "the file is empty"));
                return null;
            }
            if (info.Length > maxBytes)
            {
                problems.Add(new(relativePath, 0, ProblemSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                    $"the file is {info.Length / 1024 / 1024.0:0.#} MB; files here may be at most {maxBytes / 1024 / 1024.0:0.#} MB")));
                return null;
            }
            return File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new(relativePath, 0, ProblemSeverity.Error, $"cannot read the file: {ex.Message}"));
            return null;
        }
    }

    private string? ReadText(string fullPath, string relativePath, List<KnowledgeProblem> problems)
    {
        try
        {
            var bytes = ReadBytes(fullPath, relativePath, options.MaxFileBytes, problems);
            if (bytes is null)
            {
                return null;
            }
            var text = StrictUtf8.GetString(bytes);
            return text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Normalize(NormalizationForm.FormC);
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new(relativePath, 0, ProblemSeverity.Error, "the file is not valid UTF-8 text; save it as UTF-8"));
            return null;
        }
    }

    private KnowledgeDocument? ParseProcedure(string text, string path, List<KnowledgeProblem> problems)
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
        var id = CheckId(fields, path);
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
            Links = CheckLinks(fields, path, required: true),
            LegalBasis = fields.List("legal_basis", required: true),
            Checked = CheckDate(fields),
            Questions = imported ? fields.List("questions", required: false) : CheckQuestions(fields),
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

    private KnowledgeDocument? ParseFaq(string text, string path, List<KnowledgeProblem> problems)
    {
        var fields = YamlFields.Parse(text, path, 0, problems);
        if (fields is null)
        {
            return null;
        }
        var id = CheckId(fields, path);
        var question = fields.Text("question", required: true);
        return new KnowledgeDocument
        {
            Id = id,
            Kind = DocumentKind.Faq,
            Title = fields.Has("title") ? fields.Text("title", required: false) : question,
            Summary = question,
            Answer = fields.Text("answer", required: true),
            Links = CheckLinks(fields, path, required: false),
            Checked = CheckDate(fields),
            Questions = [question, .. CheckQuestions(fields)],
            Tags = fields.List("tags", required: false),
            SourcePath = path,
        };
    }

    private static string CheckId(YamlFields fields, string path)
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

    private static List<SourceLink> CheckLinks(YamlFields fields, string path, bool required)
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

    private DateOnly? CheckDate(YamlFields fields)
    {
        var date = fields.Date("checked", required: true);
        if (date is { } d && options.Today is { } today && d.AddMonths(options.StaleAfterMonths) < today)
        {
            fields.Warning("checked", $"stale: facts last checked {d:yyyy-MM-dd}, more than {options.StaleAfterMonths} months ago");
        }
        return date;
    }

    private static IReadOnlyList<string> CheckQuestions(YamlFields fields)
    {
        var questions = fields.List("questions", required: false);
        if (questions.Count < 6)
        {
            fields.Warning("questions", $"only {questions.Count} alternative phrasings; at least 6 help residents find this document");
        }
        return questions;
    }

    private static Lexicon LoadLexicon(string root, List<KnowledgeProblem> problems)
    {
        var path = System.IO.Path.Combine(root, LexiconFile);
        if (!File.Exists(path))
        {
            return Lexicon.Empty;
        }
        try
        {
            var stream = new YamlDotNet.RepresentationModel.YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path, StrictUtf8)));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlDotNet.RepresentationModel.YamlMappingNode map
                || !map.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("groups"), out var groupsNode)
                || groupsNode is not YamlDotNet.RepresentationModel.YamlSequenceNode groups)
            {
                problems.Add(new(LexiconFile, 1, ProblemSeverity.Error, "the lexicon must have a 'groups' list"));
                return Lexicon.Empty;
            }
            return new Lexicon(groups.Children
                .OfType<YamlDotNet.RepresentationModel.YamlSequenceNode>()
                .Select(g => (IReadOnlyList<string>)g.Children.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>().Select(s => s.Value ?? "").ToList()));
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or DecoderFallbackException or IOException)
        {
            var line = ex is YamlDotNet.Core.YamlException y ? (int)y.Start.Line : 0;
            problems.Add(new(LexiconFile, line, ProblemSeverity.Error, $"cannot read the lexicon: {ex.Message}"));
            return Lexicon.Empty;
        }
    }

    private static List<string> LoadCatalogue(string root, List<KnowledgeProblem> problems)
    {
        var path = System.IO.Path.Combine(root, CatalogueFile);
        if (!File.Exists(path))
        {
            return [];
        }
        return File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t', ' ')[0].Trim())
            .Where(id => id.Length > 0)
            .ToList();
    }

    /// <summary>Problems of the folder as a whole: duplicate ids, catalogue ids without a document.</summary>
    public static IEnumerable<KnowledgeProblem> CheckCollection(IReadOnlyList<KnowledgeDocument> documents, IReadOnlyList<string> catalogue)
    {
        foreach (var group in documents.GroupBy(d => d.Id).Where(g => g.Count() > 1))
        {
            foreach (var duplicate in group.Skip(1))
            {
                yield return new(duplicate.SourcePath, 1, ProblemSeverity.Error, $"duplicate id '{group.Key}' (also in {group.First().SourcePath})");
            }
        }
        var present = documents.Select(d => d.Id).ToHashSet();
        foreach (var id in catalogue.Where(id => !present.Contains(id)))
        {
            yield return new(CatalogueFile, 0, ProblemSeverity.Error, $"catalogue id '{id}' has no document");
        }
    }
}

public sealed record KnowledgeLoaderOptions
{
    /// <summary>Guides checked longer ago than this are reported as stale.</summary>
    public int StaleAfterMonths { get; init; } = 12;

    /// <summary>Today's date for staleness checks; null disables them.</summary>
    public DateOnly? Today { get; init; }

    /// <summary>Largest procedure guide, FAQ entry or lexicon file.</summary>
    public long MaxFileBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>A time-bound fact ({{until:…}}) is reported this many days before it lapses.</summary>
    public int ExpiryWarningDays { get; init; } = 30;

    /// <summary>Largest office document (PDF, DOCX, HTML) in documents/; they carry images and fonts.</summary>
    public long MaxDocumentBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>Longest passage an office document is split into, in words.</summary>
    public int PassageMaxWords { get; init; } = PassageSplitter.DefaultMaxWords;
}
