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
}

/// <summary>One consistent generation of the knowledge: documents, index and retriever built together.</summary>
public sealed record KnowledgeState(
    IReadOnlyList<KnowledgeDocument> Documents,
    Retriever Retriever,
    IReadOnlyList<KnowledgeProblem> Problems,
    IReadOnlyList<string> CatalogueIds,
    DateTimeOffset LoadedAt,
    TimeSpan BuildTime)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);

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
    private readonly Dictionary<string, IReadOnlyList<KnowledgeDocument>> lastGood = new(StringComparer.Ordinal);
    private FileSystemWatcher? watcher;
    private Timer? debounce;
    private volatile KnowledgeState? current;

    public KnowledgeBase(string root, KnowledgeOptions options, TimeProvider? clock = null)
    {
        this.root = System.IO.Path.GetFullPath(root);
        this.options = options;
        this.clock = clock ?? TimeProvider.System;
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
            var loader = new KnowledgeLoader(new KnowledgeLoaderOptions
            {
                StaleAfterMonths = options.StaleAfterMonths,
                Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            });
            var problems = new List<KnowledgeProblem>();
            var documents = new List<KnowledgeDocument>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.Exists(root) ? KnowledgeLoader.KnowledgeFiles(root) : [])
            {
                seen.Add(file);
                var result = loader.LoadFile(root, file);
                problems.AddRange(result.Problems);
                if (!result.HasErrors)
                {
                    lastGood[file] = result.Documents;
                    documents.AddRange(result.Documents);
                }
                else if (lastGood.TryGetValue(file, out var previous))
                {
                    problems.Add(new(file, 0, ProblemSeverity.Warning, "keeping the last good version of this file until it is fixed"));
                    documents.AddRange(previous);
                }
            }
            foreach (var gone in lastGood.Keys.Where(k => !seen.Contains(k)).ToList())
            {
                lastGood.Remove(gone);
            }
            var folder = loader.LoadFolderMetadata(root);
            problems.AddRange(folder.Problems);
            problems.AddRange(KnowledgeLoader.CheckCollection(documents, folder.CatalogueIds));
            var unique = documents.GroupBy(d => d.Id).Select(g => g.First()).ToList();
            var index = KnowledgeIndex.Build(unique, options.Weights, folder.OutOfScope);
            var analyzer = new QueryAnalyzer(folder.Lexicon);
            var vocabulary = new DocumentVocabulary(unique);
            KnowledgeState Publish(Ranking.IntentClassifier? classifier)
            {
                var retriever = new Retriever(index, analyzer, vocabulary, classifier);
                // Warm-up: the first query pays for JIT and Lucene's lazy structures.
                retriever.Retrieve("đăng ký khai sinh");
                var state = new KnowledgeState(unique, retriever, problems, folder.CatalogueIds, clock.GetUtcNow(), clock.GetElapsedTime(started));
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
            return Publish(Ranking.IntentClassifier.Train(unique, folder.OutOfScope));
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
