using ChatBot.Knowledge.Catalogue;
using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Ingestion;

namespace ChatBot.Knowledge.Loading;

/// <summary>The documents one file yielded, and what is wrong with it.</summary>
public sealed record FileLoadResult(string Path, IReadOnlyList<KnowledgeDocument> Documents, IReadOnlyList<KnowledgeProblem> Problems)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}

/// <summary>
/// The one load path of a knowledge folder, used by `index --check` and by every live reload: procedure guides
/// (<see cref="ProcedureGuideReader"/>), FAQ entries (<see cref="FaqEntryReader"/>), office documents
/// (<see cref="OfficeDocumentFileReader"/>), the lexicon (<see cref="LexiconReader"/>), the out-of-scope examples
/// (<see cref="OutOfScopeReader"/>), the curated catalogue ids (<see cref="CatalogueIdsReader"/>) and the national
/// catalogue (<see cref="CatalogueFile"/>), validated as they are read. Format: docs/knowledge-format.md and
/// docs/catalogue.md.
/// <para>
/// A loader remembers, across calls on the same instance, the last good version of each file (a file that breaks
/// keeps it until fixed, with a warning) and the catalogue tier it built (reused while the catalogue's files and the
/// lexicon are unchanged). A new loader has no memory: `index --check` reports every broken file as it is. Not
/// thread-safe; <see cref="KnowledgeBase"/> calls it under its reload lock.
/// </para>
/// </summary>
public sealed class KnowledgeLoader(KnowledgeLoaderOptions options)
{
    public const string ProceduresFolder = "procedures";
    public const string FaqFolder = "faq";
    public const string LexiconFile = "lexicon/synonyms.yaml";
    /// <summary>The curated ids the office promises (not the national catalogue, which is <see cref="Catalogue.CatalogueFile"/>).</summary>
    public const string CatalogueIdsFile = "catalogue-ids.txt";
    public const string OutOfScopeFile = "lexicon/out-of-scope.yaml";

    private readonly Dictionary<string, IReadOnlyList<KnowledgeDocument>> lastGoodDocuments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lexicon> lastGoodLexicon = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> lastGoodOutOfScope = new(StringComparer.Ordinal);
    private CatalogueCache? catalogue;

    public KnowledgeLoader() : this(new KnowledgeLoaderOptions())
    {
    }

    /// <summary>Loads and validates a whole folder, with staleness judged against <see cref="KnowledgeLoaderOptions.Today"/>.</summary>
    public LoadedKnowledge LoadFolder(string root) => LoadFolder(root, options.Today);

    /// <summary>
    /// Loads and validates a whole folder. Documents from a file with errors are left out, or replaced by the file's
    /// last good version when this loader read one.
    /// </summary>
    public LoadedKnowledge LoadFolder(string root, DateOnly? today)
    {
        root = Path.GetFullPath(root);
        var dated = options with { Today = today };
        var problems = new List<KnowledgeProblem>();
        var documents = new List<KnowledgeDocument>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.Exists(root) ? KnowledgeFiles(root) : [])
        {
            var key = Path.Combine(root, file);
            seen.Add(key);
            var result = LoadFile(root, file, dated);
            problems.AddRange(result.Problems);
            if (!result.HasErrors)
            {
                lastGoodDocuments[key] = result.Documents;
                documents.AddRange(result.Documents);
            }
            else if (lastGoodDocuments.TryGetValue(key, out var previous))
            {
                problems.Add(KeptLastGood(file));
                documents.AddRange(previous);
            }
        }
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        foreach (var gone in lastGoodDocuments.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !seen.Contains(k)).ToList())
        {
            lastGoodDocuments.Remove(gone);
        }
        var lexicon = LastGood(lastGoodLexicon, root, LexiconFile, problems, (full, found) => LexiconReader.Read(full, LexiconFile, found), Lexicon.Empty);
        var outOfScope = LastGood(lastGoodOutOfScope, root, OutOfScopeFile, problems, (full, found) => OutOfScopeReader.Read(full, OutOfScopeFile, found), []);
        var catalogueIds = CatalogueIdsReader.Read(Path.Combine(root, CatalogueIdsFile));
        var tier = LoadCatalogue(root, lexicon, problems);
        problems.AddRange(CheckCollection(documents, catalogueIds));
        return new LoadedKnowledge(documents, lexicon, catalogueIds, outOfScope, tier, problems);
    }

    private static KnowledgeProblem KeptLastGood(string file) =>
        new(file, 0, ProblemSeverity.Warning, "keeping the last good version of this file until it is fixed");

    /// <summary>Reads one whole-folder file; when it has errors and an earlier read was good, that version is kept.</summary>
    private static T LastGood<T>(Dictionary<string, T> memory, string root, string file, List<KnowledgeProblem> problems, Func<string, List<KnowledgeProblem>, T> read, T empty)
    {
        var key = Path.Combine(root, file);
        var found = new List<KnowledgeProblem>();
        var value = read(key, found);
        problems.AddRange(found);
        if (found.All(p => p.Severity != ProblemSeverity.Error))
        {
            memory[key] = value;
            return value;
        }
        if (memory.TryGetValue(key, out var previous))
        {
            problems.Add(KeptLastGood(file));
            return previous;
        }
        return empty;
    }

    /// <summary>
    /// The catalogue tier: the one built before when the records file, the catalogue synonyms and the lexicon file
    /// are unchanged (same length and write time); the same index with the new lexicon when only the lexicon changed;
    /// otherwise read and built again. Its problems are reported on every load.
    /// </summary>
    private CatalogueTier LoadCatalogue(string root, Lexicon lexicon, List<KnowledgeProblem> problems)
    {
        var recordsPath = Path.Combine(root, Catalogue.CatalogueFile.RecordsPath);
        if (!options.LoadCatalogue || !File.Exists(recordsPath))
        {
            return CatalogueTier.Empty;
        }
        var synonymsPath = Path.Combine(root, Catalogue.CatalogueFile.SynonymsPath);
        var stamps = new CatalogueStamps(root, FileStamp.Of(recordsPath), FileStamp.Of(synonymsPath), FileStamp.Of(Path.Combine(root, LexiconFile)));
        if (catalogue is { } cached && cached.Stamps with { Lexicon = stamps.Lexicon } == stamps)
        {
            if (cached.Stamps.Lexicon != stamps.Lexicon)
            {
                catalogue = cached = cached with { Stamps = stamps, Tier = cached.Tier.WithLexicon(lexicon) };
            }
            problems.AddRange(cached.Problems);
            return cached.Tier;
        }
        var found = new List<KnowledgeProblem>();
        var records = Catalogue.CatalogueFile.Read(recordsPath, Catalogue.CatalogueFile.RecordsPath, found);
        var synonyms = LexiconReader.Read(synonymsPath, Catalogue.CatalogueFile.SynonymsPath, found);
        var variants = LexiconReader.Read(synonymsPath, Catalogue.CatalogueFile.SynonymsPath, found, LexiconReader.VariantsKey);
        problems.AddRange(found);
        if (records.Count == 0 && catalogue is { } previous && previous.Stamps.Root == root)
        {
            problems.Add(KeptLastGood(Catalogue.CatalogueFile.RecordsPath));
            return previous.Tier;
        }
        var tier = new CatalogueTier(records, lexicon, synonyms, variants);
        catalogue = new CatalogueCache(stamps, tier, found);
        return tier;
    }

    private readonly record struct FileStamp(long Length, DateTime WrittenUtc)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : default;
        }
    }

    private sealed record CatalogueStamps(string Root, FileStamp Records, FileStamp Synonyms, FileStamp Lexicon);

    private sealed record CatalogueCache(CatalogueStamps Stamps, CatalogueTier Tier, IReadOnlyList<KnowledgeProblem> Problems);

    /// <summary>The files that hold documents, relative to the root, in a stable order.</summary>
    public static IEnumerable<string> KnowledgeFiles(string root)
    {
        IEnumerable<string> Under(string folder, params string[] patterns)
        {
            var path = Path.Combine(root, folder);
            return Directory.Exists(path)
                ? patterns.SelectMany(p => Directory.EnumerateFiles(path, p, SearchOption.AllDirectories))
                : [];
        }
        return Under(ProceduresFolder, "*.md")
            .Concat(Under(FaqFolder, "*.yaml", "*.yml"))
            .Concat(OfficeDocumentFiles(root))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>
    /// Every file directly in documents/, whatever its type, so that a file the bot cannot use is reported rather
    /// than silently ignored. Hidden files and Office's "~$" lock files are not documents.
    /// </summary>
    private static IEnumerable<string> OfficeDocumentFiles(string root)
    {
        var folder = Path.Combine(root, OfficeDocuments.Folder);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.TopDirectoryOnly)
                .Where(f => Path.GetFileName(f) is var name && !name.StartsWith('.') && !name.StartsWith("~$", StringComparison.Ordinal))
            : [];
    }

    /// <summary>Loads one document file (path relative to root) with its format's reader. Never throws for bad content.</summary>
    public FileLoadResult LoadFile(string root, string relativePath) => LoadFile(root, relativePath, options);

    private static FileLoadResult LoadFile(string root, string relativePath, KnowledgeLoaderOptions options)
    {
        if (relativePath.StartsWith(OfficeDocuments.Folder + "/", StringComparison.Ordinal))
        {
            return OfficeDocumentFileReader.Read(root, relativePath, options);
        }
        var problems = new List<KnowledgeProblem>();
        var text = KnowledgeFileReading.ReadText(Path.Combine(root, relativePath), relativePath, options.MaxFileBytes, problems);
        if (text is null)
        {
            return new FileLoadResult(relativePath, [], problems);
        }
        var document = relativePath.StartsWith(ProceduresFolder + "/", StringComparison.Ordinal)
            ? ProcedureGuideReader.Read(text, relativePath, options, problems)
            : FaqEntryReader.Read(text, relativePath, options, problems);
        if (document is not null)
        {
            GuideFields.CheckPlaceholders(document, text, relativePath, options, problems);
        }
        return new FileLoadResult(relativePath, document is null ? [] : [document], problems);
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
            yield return new(CatalogueIdsFile, 0, ProblemSeverity.Error, $"catalogue id '{id}' has no document");
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

    /// <summary>Load the national catalogue (catalogue/procedures.jsonl) as the second answer tier.</summary>
    public bool LoadCatalogue { get; init; } = true;
}
