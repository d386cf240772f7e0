using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Retrieval;
using ChatBot.Knowledge.Text;

namespace ChatBot.Knowledge.Catalogue;

/// <summary>
/// A catalogue record that may answer a question, with the signals a caller judges confidence by.
/// </summary>
/// <param name="Record">The record.</param>
/// <param name="Score">BM25 over the record's name (folded syllables and syllable pairs); comparable within one question only.</param>
/// <param name="NameCoverage">IDF-weighted share of the question's topic words (facet cues left out) found in the record's name, directly, through a synonym or a spelling correction.</param>
/// <param name="BigramCoverage">Share of the question's adjacent topic-word pairs found in the record's name; 1 when the question has none.</param>
/// <param name="Group">The near-identical records it belongs to (itself included).</param>
/// <param name="NameRecall">IDF-weighted share of the words of the record name's head (before its qualifier) that the question holds, directly or through a synonym: 1 when the resident named the procedure.</param>
/// <param name="Variants">The variant word groups its name's head holds (see <see cref="CatalogueTier.VariantsIn"/>).</param>
/// <param name="HeadWeight">IDF weight of the head of the name: how specific the procedure's own words are ("cấp giấy phép" alone is not).</param>
/// <param name="MatchedWeight">Sum of the IDF of the question's topic words found in the name: how much the match says (one common word says little).</param>
public sealed record CatalogueHit(CatalogueRecord Record, double Score, double NameCoverage, double BigramCoverage, CatalogueGroup Group, double NameRecall = 0, double MatchedWeight = 0, double HeadWeight = 0, IReadOnlyList<int>? Variants = null);

/// <summary>
/// The national catalogue as a second answer tier beside the curated knowledge: an in-memory BM25 over the folded
/// syllables and syllable pairs of each record's name (its level qualifier left out, so the same procedure at two
/// levels scores the same), with the field and levels as weak extra words, the lexicon's and the catalogue's
/// synonyms as weaker alternatives, and spelling correction against the catalogue's own syllables. Immutable and
/// built once per catalogue file: <see cref="KnowledgeBase"/> reuses it across reloads while its files are unchanged.
/// </summary>
public sealed class CatalogueTier
{
    /// <summary>BM25 term-frequency saturation (Lucene's default); names are short, so it matters little.</summary>
    private const double K1 = 1.2;

    /// <summary>BM25 length normalisation (Lucene's default): a longer name explains less of itself per word.</summary>
    private const double B = 0.75;

    /// <summary>
    /// Weight of the field (lĩnh vực) and level words next to the name's: enough to break a tie between two
    /// names ("hộ tịch" in the question), too little to outrank a name.
    /// </summary>
    private const double FieldWeight = 0.3;

    /// <summary>A synonym's words count less than the question's own: the resident did not say them.</summary>
    private const double ExpansionWeight = 0.6;

    /// <summary>A spelling correction counts less than a word typed right: it may be the wrong guess.</summary>
    private const double CorrectionWeight = 0.8;

    /// <summary>Weight of a question's adjacent word pair against a single word: a shared pair is a shared phrase.</summary>
    private const double PairWeight = 1.0;

    /// <summary>
    /// Words of a facet cue ("cấp lại giấy", "lệ phí") count less than topic words: they say what is asked more
    /// often than which procedure, yet they are sometimes the procedure's own words ("Cấp lại giấy phép lái xe").
    /// </summary>
    private const double CueWeight = 0.5;

    /// <summary>
    /// Weight of the words after a name's head. A name reads "action object" then a qualifier ("… đối với trường hợp
    /// …", "… do …", "(…)"): the head says what the procedure is, the qualifier narrows it and counts half, also in
    /// the name's length, so a long qualifier does not bury the procedure the head names.
    /// </summary>
    private const double QualifierWeight = 0.5;

    /// <summary>
    /// Share of a record's score kept for each variant word group its name's head has and the question does not
    /// (knowledge/catalogue/synonyms.yaml, `variants`): "làm hộ chiếu" asks for the passport, not for reporting a lost
    /// one ("Trình báo mất hộ chiếu") or renewing one, although both names hold "hộ chiếu" as fully.
    /// </summary>
    private const double UnaskedVariantFactor = 0.75;

    public static readonly CatalogueTier Empty = new([], Lexicon.Empty, Lexicon.Empty, Lexicon.Empty);

    private readonly Dictionary<string, Posting[]> postings;
    private readonly float[] lengths;
    private readonly double averageLength;
    private readonly HashSet<string>[] nameWords;
    private readonly string[][] headWordsOf;
    private readonly HashSet<string>[] namePairs;
    private readonly Dictionary<string, int> unigramFrequency;
    private readonly Dictionary<string, CatalogueRecord> byCode;
    private readonly Dictionary<string, CatalogueGroup> groupOf;
    private readonly SpellingCorrector corrector;
    private readonly Lexicon catalogueLexicon;
    private readonly Lexicon variantWords;

    /// <summary>For each record, the indexes of the variant word groups its name's head holds (mostly none).</summary>
    private readonly int[][] recordVariants;

    private readonly record struct Posting(int Record, float Frequency);

    /// <param name="records">The catalogue's records.</param>
    /// <param name="lexicon">The curated lexicon (knowledge/lexicon/synonyms.yaml).</param>
    /// <param name="catalogueLexicon">Synonyms for catalogue wording only (knowledge/catalogue/synonyms.yaml).</param>
    /// <param name="variantWords">Words that mark a variant of a procedure (the same file's `variants`).</param>
    public CatalogueTier(IReadOnlyList<CatalogueRecord> records, Lexicon lexicon, Lexicon catalogueLexicon, Lexicon? variantWords = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentNullException.ThrowIfNull(catalogueLexicon);
        Records = records;
        this.catalogueLexicon = catalogueLexicon;
        this.variantWords = variantWords ?? Lexicon.Empty;
        recordVariants = new int[records.Count][];
        Analyzer = new QueryAnalyzer(lexicon.Merge(catalogueLexicon));
        Groups = CatalogueGrouping.Build(records);
        groupOf = Groups.SelectMany(g => g.Records.Select(r => (r.Code, g))).ToDictionary(x => x.Code, x => x.g, StringComparer.Ordinal);
        byCode = records.ToDictionary(r => r.Code, StringComparer.Ordinal);
        var lists = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        lengths = new float[records.Count];
        nameWords = new HashSet<string>[records.Count];
        headWordsOf = new string[records.Count][];
        namePairs = new HashSet<string>[records.Count];
        unigramFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = new Dictionary<string, float>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            terms.Clear();
            var (head, qualifier) = CatalogueGrouping.HeadAndQualifier(CatalogueGrouping.BaseName(record.Name));
            var headWords = VietnameseText.FoldedSyllables(head);
            recordVariants[i] = VariantGroupsIn(headWords);
            headWordsOf[i] = headWords.Distinct(StringComparer.Ordinal).ToArray();
            var qualifierWords = VietnameseText.FoldedSyllables(qualifier);
            AddTerms(terms, headWords, 1);
            AddTerms(terms, qualifierWords, QualifierWeight);
            lengths[i] = (float)(headWords.Count + QualifierWeight * qualifierWords.Count);
            var extra = VietnameseText.FoldedSyllables(string.Join(' ', [record.Field ?? "", .. record.Levels.Select(LevelWords)]));
            AddTerms(terms, extra, FieldWeight);
            foreach (var (term, frequency) in terms)
            {
                if (!lists.TryGetValue(term, out var list))
                {
                    lists[term] = list = [];
                }
                list.Add(new Posting(i, frequency));
            }
            var full = VietnameseText.FoldedSyllables(record.Name);
            nameWords[i] = full.ToHashSet(StringComparer.Ordinal);
            namePairs[i] = Pairs(full).ToHashSet(StringComparer.Ordinal);
            foreach (var word in nameWords[i])
            {
                unigramFrequency[word] = unigramFrequency.GetValueOrDefault(word) + 1;
            }
        }
        postings = lists.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        averageLength = records.Count == 0 ? 1 : Math.Max(1, lengths.Average());
        corrector = new SpellingCorrector(unigramFrequency.Keys);
    }

    public IReadOnlyList<CatalogueRecord> Records { get; }

    /// <summary>Near-identical records grouped (most groups have one member).</summary>
    public IReadOnlyList<CatalogueGroup> Groups { get; }

    /// <summary>Analyses questions with the curated and the catalogue synonyms.</summary>
    public QueryAnalyzer Analyzer { get; }

    public int Count => Records.Count;

    /// <summary>The record with this code ("1.001456") or answer id ("tthc-1-001456"), or null.</summary>
    public CatalogueRecord? Find(string codeOrId)
    {
        ArgumentNullException.ThrowIfNull(codeOrId);
        if (byCode.TryGetValue(codeOrId, out var record))
        {
            return record;
        }
        return codeOrId.StartsWith("tthc-", StringComparison.Ordinal) ? Records.FirstOrDefault(r => r.Id == codeOrId) : null;
    }

    public CatalogueGroup GroupOf(CatalogueRecord record) => groupOf[record.Code];

    /// <summary>The same records and index with another curated lexicon (the lexicon file changed, the catalogue did not).</summary>
    public CatalogueTier WithLexicon(Lexicon lexicon) => new(this, lexicon);

    private CatalogueTier(CatalogueTier other, Lexicon lexicon)
    {
        Records = other.Records;
        Groups = other.Groups;
        postings = other.postings;
        lengths = other.lengths;
        averageLength = other.averageLength;
        nameWords = other.nameWords;
        headWordsOf = other.headWordsOf;
        namePairs = other.namePairs;
        unigramFrequency = other.unigramFrequency;
        byCode = other.byCode;
        groupOf = other.groupOf;
        corrector = other.corrector;
        catalogueLexicon = other.catalogueLexicon;
        variantWords = other.variantWords;
        recordVariants = other.recordVariants;
        Analyzer = new QueryAnalyzer(lexicon.Merge(catalogueLexicon));
    }

    /// <summary>The <paramref name="k"/> records that best fit the question, best first.</summary>
    public IReadOnlyList<CatalogueHit> Search(string question, int k) => Search(Analyzer.Analyze(question), k);

    /// <summary>
    /// The same for a question already analysed (by this tier's <see cref="Analyzer"/>, or by the curated
    /// retriever's, whose synonym expansions are used as they are).
    /// </summary>
    public IReadOnlyList<CatalogueHit> Search(AnalyzedQuery query, int k)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Records.Count == 0 || k <= 0)
        {
            return [];
        }
        var topic = TopicTerms(query);
        if (topic.Count == 0)
        {
            return [];
        }
        var topicPositions = topic.Select(t => t.Position).ToHashSet();
        var cues = query.ContentTerms.Where(t => !topicPositions.Contains(t.Position)).ToList();
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        void Want(string term, double weight)
        {
            if (weight > weights.GetValueOrDefault(term))
            {
                weights[term] = weight;
            }
        }
        var words = new string[topic.Count];
        for (var i = 0; i < topic.Count; i++)
        {
            var folded = topic[i].Folded;
            words[i] = folded;
            if (unigramFrequency.ContainsKey(folded))
            {
                Want(folded, 1);
            }
            else if (corrector.Correct(folded) is [var corrected, ..])
            {
                words[i] = corrected;
                Want(corrected, CorrectionWeight);
            }
        }
        for (var i = 0; i + 1 < topic.Count; i++)
        {
            if (topic[i + 1].Position == topic[i].Position + 1)
            {
                Want(words[i] + " " + words[i + 1], PairWeight);
            }
        }
        for (var i = 0; i < cues.Count; i++)
        {
            if (unigramFrequency.ContainsKey(cues[i].Folded))
            {
                Want(cues[i].Folded, CueWeight);
            }
            if (i + 1 < cues.Count && cues[i + 1].Position == cues[i].Position + 1)
            {
                Want(cues[i].Folded + " " + cues[i + 1].Folded, CueWeight * PairWeight);
            }
        }
        foreach (var expansion in Expansions(query))
        {
            foreach (var term in expansion.Terms)
            {
                Want(term, ExpansionWeight);
            }
            foreach (var pair in Pairs(expansion.Terms))
            {
                Want(pair, ExpansionWeight * PairWeight);
            }
        }

        var scores = new double[Records.Count];
        var touched = new List<int>();
        foreach (var (term, weight) in weights)
        {
            if (!postings.TryGetValue(term, out var list))
            {
                continue;
            }
            var idf = Math.Log(1 + (Records.Count - list.Length + 0.5) / (list.Length + 0.5));
            foreach (var posting in list)
            {
                var tf = posting.Frequency;
                var norm = K1 * (1 - B + B * lengths[posting.Record] / averageLength);
                if (scores[posting.Record] == 0)
                {
                    touched.Add(posting.Record);
                }
                scores[posting.Record] += weight * idf * tf * (K1 + 1) / (tf + norm);
            }
        }
        var asked = VariantGroupsIn(query.Folded);
        foreach (var i in touched)
        {
            foreach (var variant in recordVariants[i])
            {
                if (Array.IndexOf(asked, variant) < 0)
                {
                    scores[i] *= UnaskedVariantFactor;
                }
            }
        }
        // One hit per group: the same procedure at another level is one answer with buttons, not another hit.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var best = touched
            .OrderByDescending(i => scores[i]).ThenBy(i => Records[i].Code, StringComparer.Ordinal)
            .Where(i => seen.Add(groupOf[Records[i].Code].Key))
            .Take(k)
            .ToList();
        var said = query.Folded.Concat(words).Concat(Expansions(query).SelectMany(e => e.Terms)).ToHashSet(StringComparer.Ordinal);
        return best.Select(i =>
        {
            var (coverage, matched) = NameCoverage(topic, words, query, i);
            return new CatalogueHit(Records[i], scores[i], coverage, BigramCoverage(topic, words, i), groupOf[Records[i].Code], NameRecall(said, i), matched, headWordsOf[i].Sum(Idf), recordVariants[i]);
        }).ToList();
    }

    /// <summary>
    /// The variant word groups a text holds ("cấp lại", "mất", "nước ngoài"…), as indexes comparable with a hit's
    /// <see cref="CatalogueHit.Variants"/>.
    /// </summary>
    public IReadOnlyList<int> VariantsIn(string text) => VariantGroupsIn(VietnameseText.FoldedSyllables(text ?? ""));

    /// <summary>
    /// IDF-weighted share of a title's words that a record's name holds: whether the record is the same procedure as
    /// a curated guide, in another variant ("Cấp lại giấy phép lái xe" for "Cấp đổi giấy phép lái xe": most of it),
    /// or another procedure that shares a word ("Đăng ký kết hôn có yếu tố nước ngoài" for "Cấp Giấy xác nhận tình
    /// trạng hôn nhân": almost none).
    /// </summary>
    public double TitleShare(string title, CatalogueRecord record)
    {
        var name = VietnameseText.FoldedSyllables(record.Name).ToHashSet(StringComparer.Ordinal);
        return IdfShare(VietnameseText.FoldedSyllables(title ?? "").Distinct(StringComparer.Ordinal), name.Contains).Share;
    }

    /// <summary>The indexes of the variant word groups with a phrase in these folded words.</summary>
    private int[] VariantGroupsIn(IReadOnlyList<string> folded)
    {
        List<int>? found = null;
        for (var g = 0; g < variantWords.Groups.Count; g++)
        {
            if (variantWords.Groups[g].Any(phrase => VietnameseText.IndexOfPhrase(folded, phrase) >= 0))
            {
                (found ??= []).Add(g);
            }
        }
        return found?.ToArray() ?? [];
    }

    /// <summary>Content words that are not facet cues; all content words when every one is a cue.</summary>
    private static List<QueryTerm> TopicTerms(AnalyzedQuery query)
    {
        var topic = query.ContentTerms.Where(t => t.Position >= query.CuePositions.Count || !query.CuePositions[t.Position]).ToList();
        return topic.Count > 0 ? topic : query.ContentTerms.ToList();
    }

    /// <summary>The question's synonym expansions plus those of the catalogue's own synonyms (when it was analysed elsewhere).</summary>
    private IEnumerable<Expansion> Expansions(AnalyzedQuery query)
    {
        foreach (var expansion in query.Expansions)
        {
            yield return expansion;
        }
        foreach (var group in catalogueLexicon.Groups)
        {
            var matched = group.FirstOrDefault(term => VietnameseText.IndexOfPhrase(query.Folded, term) >= 0);
            if (matched is not null)
            {
                foreach (var term in group.Where(t => !ReferenceEquals(t, matched)))
                {
                    yield return new Expansion(matched, term);
                }
            }
        }
    }

    /// <summary>IDF-weighted share of the name's head words among the words the question said (or a synonym of them).</summary>
    private double NameRecall(HashSet<string> said, int record) => IdfShare(headWordsOf[record], said.Contains).Share;

    /// <summary>The IDF-weighted share of these words that pass <paramref name="has"/>, and the IDF they carry.</summary>
    private (double Share, double Found) IdfShare(IEnumerable<string> words, Func<string, bool> has)
    {
        double total = 0, found = 0;
        foreach (var word in words)
        {
            var idf = Idf(word);
            total += idf;
            if (has(word))
            {
                found += idf;
            }
        }
        return (total == 0 ? 0 : found / total, found);
    }

    private double Idf(string word)
    {
        var df = unigramFrequency.GetValueOrDefault(word);
        return Math.Log(1 + (Records.Count - df + 0.5) / (df + 0.5));
    }

    private (double Coverage, double Matched) NameCoverage(List<QueryTerm> topic, string[] words, AnalyzedQuery query, int record)
    {
        double total = 0, found = 0;
        var name = nameWords[record];
        for (var i = 0; i < topic.Count; i++)
        {
            var idf = Idf(words[i]);
            total += idf;
            if (name.Contains(words[i]) || Expansions(query).Any(e => e.Matched.Contains(topic[i].Folded) && e.Terms.All(name.Contains)))
            {
                found += idf;
            }
        }
        return (total == 0 ? 0 : found / total, found);
    }

    private double BigramCoverage(List<QueryTerm> topic, string[] words, int record)
    {
        int total = 0, found = 0;
        for (var i = 0; i + 1 < topic.Count; i++)
        {
            if (topic[i + 1].Position != topic[i].Position + 1)
            {
                continue;
            }
            total++;
            if (namePairs[record].Contains(words[i] + " " + words[i + 1]))
            {
                found++;
            }
        }
        return total == 0 ? 1 : (double)found / total;
    }

    /// <summary>
    /// Adds words and pairs at a weight; a term already there keeps the larger weight. A name that repeats a phrase
    /// ("… cho phép chuyển mục đích sử dụng đất do thay đổi … chuyển mục đích sử dụng đất") is not more about it.
    /// </summary>
    private static void AddTerms(Dictionary<string, float> terms, IReadOnlyList<string> words, double weight)
    {
        foreach (var term in words.Concat(Pairs(words)))
        {
            terms[term] = Math.Max(terms.GetValueOrDefault(term), (float)weight);
        }
    }

    private static IEnumerable<string> Pairs(IReadOnlyList<string> words)
    {
        for (var i = 0; i + 1 < words.Count; i++)
        {
            yield return words[i] + " " + words[i + 1];
        }
    }

    /// <summary>
    /// The words a level id stands for, so "ở xã" or "tỉnh" in a question can favour a record at that level. Not
    /// "cấp": every record would carry it and "cấp" (issue) would lose its weight in names.
    /// </summary>
    private static string LevelWords(string level) => level switch
    {
        "xa" => "xã phường",
        "tinh" => "tỉnh",
        "trung-uong" => "trung ương bộ",
        _ => "",
    };
}
