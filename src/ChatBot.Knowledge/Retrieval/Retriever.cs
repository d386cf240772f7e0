using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Indexing;

namespace ChatBot.Knowledge.Retrieval;

/// <summary>A document the question may be about, with its best unit score.</summary>
public sealed record DocumentCandidate(KnowledgeDocument Document, double Score, string? MatchedFacet);

/// <summary>What retrieval found for one question, with the signals the answer policy decides on.</summary>
public sealed record RetrievalResult
{
    public required AnalyzedQuery Query { get; init; }
    public required IReadOnlyList<DocumentCandidate> Candidates { get; init; }

    /// <summary>The facet the question asks about, or null for a general question.</summary>
    public string? Facet { get; init; }

    /// <summary>Share of the question's content words (IDF-weighted) found anywhere in the top document.</summary>
    public double Coverage { get; init; }

    /// <summary>Share of the question's topic words (facet cues left out) found in the top document's name.</summary>
    public double NameCoverage { get; init; }

    /// <summary>Content words that are neither fillers nor facet cues: what the question is about.</summary>
    public IReadOnlyList<QueryTerm> TopicTerms { get; init; } = [];

    /// <summary>Score of the closest out-of-scope example (same scale as <see cref="DocumentCandidate.Score"/>), 0 if none matched.</summary>
    public double OutOfScopeScore { get; init; }

    /// <summary>The closest out-of-scope example, for tracing why a question was declined.</summary>
    public string? OutOfScopeExample { get; init; }

    /// <summary>Share of the question's adjacent topic-word pairs that occur in the top document's text.</summary>
    public double BigramCoverage { get; init; }

    /// <summary>Topic words that occur nowhere in the knowledge and cannot be corrected to a known word.</summary>
    public int UnknownTopicTerms { get; init; }

    /// <summary>
    /// Topic words the top document contains nowhere (not even through a synonym), with their IDF: what the answer
    /// would leave unexplained. "gửi xe", "máy photo", "xe lăn" next to a procedure's name are the question.
    /// </summary>
    public IReadOnlyList<(QueryTerm Term, double Idf)> Unexplained { get; init; } = [];

    /// <summary>The intent classifier's best guesses (document ids or "none"), best first.</summary>
    public IReadOnlyList<Ranking.IntentGuess> Intents { get; init; } = [];

    /// <summary>The classifier's probability that the question is out of scope.</summary>
    public double NoneProbability => Intents.FirstOrDefault(i => i.Id == Ranking.IntentClassifier.None)?.Probability ?? 0;

    public DocumentCandidate? Top => Candidates.Count > 0 ? Candidates[0] : null;

    /// <summary>Top score over the runner-up's; near 1 means two documents fit about equally.</summary>
    public double Margin => Candidates.Count switch
    {
        0 => 0,
        1 => double.PositiveInfinity,
        _ => Candidates[0].Score / Math.Max(Candidates[1].Score, 1e-9),
    };
}

/// <summary>Ranks knowledge documents for a question over one immutable index.</summary>
public sealed class Retriever(KnowledgeIndex index, QueryAnalyzer analyzer, DocumentVocabulary vocabulary, Ranking.IntentClassifier? classifier = null)
{
    public KnowledgeIndex Index => index;

    public QueryAnalyzer Analyzer => analyzer;

    public DocumentVocabulary Vocabulary => vocabulary;


    public RetrievalResult Retrieve(string question, int maxCandidates = 5)
    {
        var query = analyzer.Analyze(question);
        return Retrieve(query, maxCandidates);
    }

    public RetrievalResult Retrieve(AnalyzedQuery query, int maxCandidates = 5)
    {
        var hits = index.Search(query);
        var candidates = new List<DocumentCandidate>();
        UnitHit? outOfScope = null;
        foreach (var hit in hits)
        {
            if (hit.Document.Id == KnowledgeIndex.OutOfScopeId)
            {
                outOfScope ??= hit;
                continue;
            }
            if (candidates.Any(c => c.Document.Id == hit.Document.Id))
            {
                continue;
            }
            // Curated guides win ties over imported national records and passages of office documents.
            var score = hit.Score * (hit.Document.Imported ? index.Weights.Imported : hit.Document.Kind == DocumentKind.Passage ? index.Weights.Passage : 1f);
            candidates.Add(new DocumentCandidate(hit.Document, score, hit.Facet));
        }
        candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
        // Rank a few more than asked for: the blend below may lift one from just outside the list.
        var pool = maxCandidates + 3;
        if (candidates.Count > pool)
        {
            candidates.RemoveRange(pool, candidates.Count - pool);
        }
        var topicTerms = query.ContentTerms.Where(t => !query.CuePositions[t.Position]).ToList();
        var intents = Classify(query, IntentsKept);
        candidates = Blend(candidates, query, topicTerms, intents);
        if (candidates.Count > maxCandidates)
        {
            candidates.RemoveRange(maxCandidates, candidates.Count - maxCandidates);
        }
        return new RetrievalResult
        {
            Query = query,
            Candidates = candidates,
            Facet = query.Facet,
            Coverage = candidates.Count == 0 ? 0 : Coverage(query.ContentTerms, query, vocabulary.Of(candidates[0].Document.Id)),
            NameCoverage = candidates.Count == 0 ? 0 : Coverage(topicTerms, query, vocabulary.NameOf(candidates[0].Document.Id)),
            TopicTerms = topicTerms,
            Intents = intents,
            OutOfScopeScore = outOfScope?.Score ?? 0,
            OutOfScopeExample = outOfScope?.Document.Title,
            BigramCoverage = candidates.Count == 0 ? 1 : BigramCoverage(topicTerms, candidates[0].Document.Id),
            Unexplained = candidates.Count == 0 ? [] : Missing(topicTerms, query, vocabulary.Of(candidates[0].Document.Id)),
            UnknownTopicTerms = topicTerms.Count(t => index.DocumentFrequency(t.Folded) == 0 && index.Corrector.Correct(t.Folded).Count == 0),
        };
    }

    private const int IntentsKept = 12;

    /// <summary>
    /// Re-orders the candidates by BM25 relative to the best plus weighted agreement signals: the classifier's
    /// probability and how well each document explains the question's words. BM25 alone favours a document
    /// whose one phrasing shares many generic words ("nộp hồ sơ online trên dịch vụ công"); the signals favour
    /// the one the question is about. Scores are rescaled so the BM25 leader keeps its own score.
    /// </summary>
    private List<DocumentCandidate> Blend(List<DocumentCandidate> candidates, AnalyzedQuery query, List<QueryTerm> topicTerms, IReadOnlyList<Ranking.IntentGuess> intents)
    {
        if (candidates.Count < 2)
        {
            return candidates;
        }
        var w = index.Weights;
        var best = candidates[0].Score;
        double Value(DocumentCandidate c) =>
            c.Score / best
            + w.ClassifierBlend * (intents.FirstOrDefault(i => i.Id == c.Document.Id)?.Probability ?? 0)
            + w.NameBlend * Coverage(topicTerms, query, vocabulary.NameOf(c.Document.Id))
            + w.BigramBlend * BigramCoverage(topicTerms, c.Document.Id)
            + w.CoverageBlend * Coverage(query.ContentTerms, query, vocabulary.Of(c.Document.Id));
        var values = candidates.Select(Value).ToList();
        var leader = values[0];
        return candidates
            .Select((c, i) => c with { Score = best * values[i] / leader })
            .OrderByDescending(c => c.Score)
            .ToList();
    }

    /// <summary>Share of adjacent topic-word pairs of the question found in the document; 1 when there are none.</summary>
    public double BigramCoverage(IReadOnlyList<QueryTerm> topicTerms, string documentId)
    {
        var bigrams = vocabulary.BigramsOf(documentId);
        int total = 0, found = 0;
        for (var i = 0; i + 1 < topicTerms.Count; i++)
        {
            if (topicTerms[i + 1].Position != topicTerms[i].Position + 1)
            {
                continue;
            }
            total++;
            if (bigrams.Contains(topicTerms[i].Folded + " " + topicTerms[i + 1].Folded))
            {
                found++;
            }
        }
        return total == 0 ? 1 : (double)found / total;
    }

    /// <summary>The intent classifier's guesses for an analysed question, best first (empty without a classifier).</summary>
    public IReadOnlyList<Ranking.IntentGuess> Classify(AnalyzedQuery query, int top) =>
        classifier is null || query.ContentTerms.Count == 0 ? [] : classifier.Predict(query.Folded, top);

    /// <summary>How much of the given terms a document's name (title, phrasings, summary) explains.</summary>
    public double NameCoverage(IReadOnlyList<QueryTerm> terms, AnalyzedQuery query, string documentId) =>
        Coverage(terms, query, vocabulary.NameOf(documentId));

    /// <summary>IDF-weighted share of the terms that the word set contains (exactly or via a synonym).</summary>
    public double Coverage(IReadOnlyList<QueryTerm> terms, AnalyzedQuery query, IReadOnlySet<string> words)
    {
        if (terms.Count == 0)
        {
            return 0;
        }
        double total = 0, found = 0;
        foreach (var term in terms)
        {
            var weight = Idf(term.Folded);
            total += weight;
            if (Contains(words, term, query))
            {
                found += weight;
            }
        }
        return total == 0 ? 0 : found / total;
    }

    /// <summary>The terms the word set does not contain (exactly or via a synonym), each with its IDF.</summary>
    public List<(QueryTerm Term, double Idf)> Missing(IReadOnlyList<QueryTerm> terms, AnalyzedQuery query, IReadOnlySet<string> words) =>
        terms.Where(t => !Contains(words, t, query)).Select(t => (t, Idf(t.Folded))).ToList();

    private static bool Contains(IReadOnlySet<string> words, QueryTerm term, AnalyzedQuery query) =>
        words.Contains(term.Folded) || query.Expansions.Any(e => e.Matched.Contains(term.Folded) && e.Terms.All(words.Contains));

    private double Idf(string folded)
    {
        var n = Math.Max(index.UnitCount, 1);
        var df = index.DocumentFrequency(folded);
        if (df == 0)
        {
            // Words the knowledge never uses (slang, names, typos beyond repair) count, but less than the rarest
            // real word: a question made only of them is out of scope, one stray word is not.
            return UnknownWordWeight;
        }
        return Math.Log(1 + (n - df + 0.5) / (df + 0.5));
    }

    private const double UnknownWordWeight = 2.0;
}
