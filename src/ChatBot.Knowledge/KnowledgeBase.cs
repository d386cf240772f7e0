using ChatBot.Knowledge.Catalogue;
using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Indexing;
using ChatBot.Knowledge.Loading;
using ChatBot.Knowledge.Retrieval;

namespace ChatBot.Knowledge;

public sealed record KnowledgeOptions
{
    /// <summary>The knowledge folder; relative paths resolve against the content root.</summary>
    public string Path { get; init; } = "knowledge";

    public int StaleAfterMonths { get; init; } = 12;

    /// <summary>Reload the index when files under the folder change.</summary>
    public bool Watch { get; init; } = true;

    public int ReloadDebounceMilliseconds { get; init; } = 200;

    public IndexWeights Weights { get; init; } = new();

    /// <summary>
    /// Most curated documents the intent classifier is trained on. Its training time grows with documents times
    /// classes (every phrasing is scored against every class on each pass): about a second for the 49 curated
    /// documents, a minute for 500 on the 2-core machine. Above the limit ranking uses BM25 alone and the reload
    /// reports it.
    /// </summary>
    public int MaxClassifierDocuments { get; init; } = 300;

    /// <summary>
    /// Load the national catalogue (knowledge/catalogue/procedures.jsonl) as the second answer tier
    /// (<see cref="KnowledgeState.Catalogue"/>). It is built once and reused while its files are unchanged.
    /// </summary>
    public bool Catalogue { get; init; } = true;
}

/// <summary>
/// One indexed generation of the knowledge, which the bot answers from: the curated documents (guides, FAQ entries,
/// office-document passages) with their index and retriever, and the national catalogue tier beside them, all
/// built from one <see cref="LoadedKnowledge"/>.
/// </summary>
public sealed record KnowledgeState(
    IReadOnlyList<KnowledgeDocument> Documents,
    Retriever Retriever,
    IReadOnlyList<KnowledgeProblem> Problems,
    IReadOnlyList<string> CatalogueIds,
    DateTimeOffset LoadedAt,
    TimeSpan BuildTime)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);

    /// <summary>
    /// The national catalogue (Cổng Dịch vụ công quốc gia) as the second answer tier: search it when the curated
    /// tier has no confident answer. Empty when the folder has no catalogue or it is turned off.
    /// </summary>
    public CatalogueTier Catalogue { get; init; } = CatalogueTier.Empty;

    public KnowledgeDocument? Find(string id) => Retriever.Index.ById.GetValueOrDefault(id);

    /// <summary>
    /// Guides and FAQ entries whose facts were last checked more than <paramref name="months"/> months before
    /// <paramref name="today"/>, oldest first: the list staff work through to re-check. Documents without a
    /// checked date (office document passages) are not listed.
    /// </summary>
    public IReadOnlyList<StaleDocument> StaleDocuments(DateOnly today, int months)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        return Documents
            .Where(d => d.Checked is { } date && date.AddMonths(months) < today)
            .Select(d => new StaleDocument(d.Id, d.Title, d.Checked!.Value, d.SourcePath))
            .OrderBy(d => d.Checked).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>A document whose facts are due to be checked again.</summary>
public sealed record StaleDocument(string Id, string Title, DateOnly Checked, string SourcePath);

/// <summary>
/// Holds the current knowledge generation and rebuilds it when files change: a new index is built beside the
/// old one and swapped in, so requests in flight finish on the generation they started with. A file that
/// breaks keeps its last good version until it is fixed.
/// </summary>
public sealed class KnowledgeBase : IDisposable
{
    private readonly string root;
    private readonly KnowledgeOptions options;
    private readonly TimeProvider clock;
    private readonly Lock reloadLock = new();
    // One loader for the life of the knowledge base: it keeps each file's last good version and the catalogue tier.
    private readonly KnowledgeLoader loader;
    private FileSystemWatcher? watcher;
    private Timer? debounce;
    private volatile KnowledgeState? current;

    public KnowledgeBase(string root, KnowledgeOptions options, TimeProvider? clock = null)
    {
        this.root = System.IO.Path.GetFullPath(root);
        this.options = options;
        this.clock = clock ?? TimeProvider.System;
        loader = new KnowledgeLoader(new KnowledgeLoaderOptions { StaleAfterMonths = options.StaleAfterMonths, LoadCatalogue = options.Catalogue });
    }

    public string Root => root;

    public KnowledgeState Current => current ?? Reload();

    public event Action<KnowledgeState>? Reloaded;

    /// <summary>Reads the folder again and swaps in a new generation.</summary>
    /// <param name="quick">
    /// Publish the new documents first without the intent classifier (lexical ranking only), then again once the
    /// new classifier is trained: staff see their edit live sooner (training takes most of a rebuild). The old
    /// classifier is not reused: it would call a brand-new document out of scope.
    /// </param>
    public KnowledgeState Reload(bool quick = false)
    {
        lock (reloadLock)
        {
            var started = clock.GetTimestamp();
            var loaded = loader.LoadFolder(root, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            var problems = loaded.Problems.ToList();
            var unique = loaded.Documents.GroupBy(d => d.Id).Select(g => g.First()).ToList();
            var index = KnowledgeIndex.Build(unique, options.Weights, loaded.OutOfScope);
            var analyzer = new QueryAnalyzer(loaded.Lexicon);
            var vocabulary = new DocumentVocabulary(unique);
            KnowledgeState Publish(Ranking.IntentClassifier? classifier)
            {
                var retriever = new Retriever(index, analyzer, vocabulary, classifier);
                // Warm-up: the first query pays for JIT and Lucene's lazy structures.
                retriever.Retrieve("đăng ký khai sinh");
                loaded.Catalogue.Search("đăng ký khai sinh", 1);
                var state = new KnowledgeState(unique, retriever, problems, loaded.CatalogueIds, clock.GetUtcNow(), clock.GetElapsedTime(started)) { Catalogue = loaded.Catalogue };
                current = state;
                Reloaded?.Invoke(state);
                return state;
            }
            var learnable = unique.Count(Ranking.IntentClassifier.Learns);
            if (learnable > options.MaxClassifierDocuments)
            {
                problems.Add(new(KnowledgeLoader.ProceduresFolder, 0, ProblemSeverity.Warning,
                    $"the intent classifier is off: {learnable} curated guides and FAQ entries exceed its limit of {options.MaxClassifierDocuments} (Knowledge:MaxClassifierDocuments); answers rank by BM25 alone"));
                return Publish(null);
            }
            if (quick)
            {
                Publish(null);
            }
            return Publish(Ranking.IntentClassifier.Train(unique, loaded.OutOfScope));
        }
    }

    /// <summary>Starts watching the folder; changes are reloaded after a short quiet period.</summary>
    public void StartWatching()
    {
        if (watcher is not null || !options.Watch || !Directory.Exists(root))
        {
            return;
        }
        debounce = new Timer(_ => SafeReload(), null, Timeout.Infinite, Timeout.Infinite);
        watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
        };
        FileSystemEventHandler changed = (_, _) => debounce.Change(options.ReloadDebounceMilliseconds, Timeout.Infinite);
        watcher.Changed += changed;
        watcher.Created += changed;
        watcher.Deleted += changed;
        watcher.Renamed += (_, _) => debounce.Change(options.ReloadDebounceMilliseconds, Timeout.Infinite);
        watcher.EnableRaisingEvents = true;
    }

    /// <summary>Raised when a background reload fails unexpectedly; the previous generation stays in use.</summary>
    public event Action<Exception>? ReloadFailed;

    private void SafeReload()
    {
        try
        {
            Reload(quick: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            ReloadFailed?.Invoke(ex);
        }
    }

    public void Dispose()
    {
        watcher?.Dispose();
        debounce?.Dispose();
    }
}
