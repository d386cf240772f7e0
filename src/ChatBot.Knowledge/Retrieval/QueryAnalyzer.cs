using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Text;

namespace ChatBot.Knowledge.Retrieval;

/// <summary>Turns a resident's question into normalised terms, dropping fillers and expanding synonyms.</summary>
public sealed class QueryAnalyzer(Lexicon lexicon)
{
    // Fillers of citizen questions. Folded forms that collide with content words after folding
    // (đâu/đầu, cần/căn, có/cô, cho/chợ, sao/bản sao, đang/đăng, hỏi/hội, đó/đỏ) are only dropped when typed
    // with their accents.
    private static readonly HashSet<string> AccentedFillers = new(StringComparer.Ordinal)
    {
        "tôi", "mình", "em", "anh", "chị", "cô", "chú", "bác", "ông", "bà", "ạ", "ơi", "nhé", "nha", "vậy", "thế",
        "thì", "là", "mà", "và", "với", "của", "cái", "này", "kia", "đó", "ấy", "nào", "gì", "làm", "cần",
        "muốn", "được", "không", "có", "ở", "đâu", "hỏi", "xin", "giúp", "những", "các", "phải", "nên",
        "rồi", "đã", "sẽ", "đang", "bị", "vì", "nếu", "khi", "thủ", "tục", "cho", "bạn", "hay", "ra", "vô", "vào",
        "lên", "đi", "như", "hả", "hở", "nhỉ", "à", "ư", "chứ", "luôn", "ai", "bây", "đây", "mấy", "nhiêu", "thể",
        "biết", "gồm", "cũng", "vẫn", "còn", "nữa", "ạh", "dạ", "vâng", "ừ", "hông", "hổng", "nè", "nhen", "nghen", "hen",
        "thế", "nào",
    };

    // Only folded forms that no content word of this domain shares: "ho" (hộ), "the" (thẻ), "lai" (lái),
    // "mot" (một lần), "cai" (cải chính), "nha" (nhà), "ban" (bản sao), "minh" (chứng minh) stay searchable.
    private static readonly HashSet<string> FoldedFillers = new(StringComparer.Ordinal)
    {
        "toi", "em", "ong", "bac", "a", "oi", "nhe", "vay", "thi", "la", "voi", "cua", "nay", "kia", "ay", "nao",
        "gi", "j", "lam", "muon", "duoc", "dc", "khong", "ko", "k", "o", "xin", "giup", "nhung", "cac", "phai",
        "nen", "roi", "se", "bi", "vi", "neu", "khi", "thu", "tuc", "ad", "admin", "hay", "vao", "len", "nhu", "ha",
        "nhi", "luon", "ai", "nhieu", "biet", "gom", "nua", "mik", "mk", "t", "e", "ntn", "cho", "da", "vang",
        // Chat particles and shorthand: "z", "v", "dzay" (vậy), "hong"/"hem" (không), "mn" (mọi người), "ak", "ne".
        "z", "v", "dzay", "zay", "hong", "hem", "hok", "mn", "ak", "ah", "ne", "nhen", "nghen", "ui", "oh", "uh", "ok",
        "oke", "okie", "vs", "m", "b", "r", "ng", "lun",
    };

    public Lexicon Lexicon => lexicon;

    public AnalyzedQuery Analyze(string text)
    {
        var syllables = VietnameseText.Syllables(text);
        var folded = syllables.Select(VietnameseText.Fold).ToList();
        var isFiller = new bool[syllables.Count];
        var content = new List<QueryTerm>();
        for (var i = 0; i < syllables.Count; i++)
        {
            isFiller[i] = IsFiller(syllables[i], folded[i]);
            if (!isFiller[i])
            {
                content.Add(new QueryTerm(syllables[i], folded[i], i));
            }
        }
        var bigrams = new List<string>();
        for (var i = 0; i + 1 < syllables.Count; i++)
        {
            if (!(isFiller[i] && isFiller[i + 1]))
            {
                bigrams.Add(folded[i] + " " + folded[i + 1]);
            }
        }
        var facet = FacetDetector.Analyze(folded, LastSentenceStart(text, syllables.Count));
        return new AnalyzedQuery
        {
            Text = text,
            Syllables = syllables,
            Folded = folded,
            ContentTerms = content,
            Bigrams = bigrams,
            Expansions = Expand(folded, facet.CuePositions),
            TypedWithDiacritics = content.Any(t => t.HasDiacritics),
            Facet = facet.Facet,
            CuePositions = facet.CuePositions,
        };
    }

    /// <summary>The syllable index where the last sentence begins, when a message has several; otherwise 0.</summary>
    private static int LastSentenceStart(string text, int syllableCount)
    {
        var last = VietnameseText.LastSentence(text) is { } sentence ? VietnameseText.Syllables(sentence).Count : 0;
        return last >= 3 && last < syllableCount ? syllableCount - last : 0;
    }

    private static bool IsFiller(string accented, string folded) =>
        accented == folded ? FoldedFillers.Contains(folded) : AccentedFillers.Contains(accented);

    /// <summary>
    /// Equivalent terms for the lexicon terms the question contains. Terms that are only facet cues ("bao nhiêu
    /// tiền") are not expanded: they say what is asked, not about which procedure, and each expansion costs clauses.
    /// </summary>
    private List<Expansion> Expand(IReadOnlyList<string> folded, IReadOnlyList<bool> cuePositions)
    {
        var expansions = new List<Expansion>();
        foreach (var group in lexicon.Groups)
        {
            var matched = group.FirstOrDefault(term => VietnameseText.IndexOfPhrase(folded, term) is var at && at >= 0 && !AllCues(cuePositions, at, term.Length));
            if (matched is not null)
            {
                expansions.AddRange(group.Where(term => VietnameseText.IndexOfPhrase(folded, term) < 0).Select(term => new Expansion(matched, term)));
            }
        }
        return expansions;
    }

    private static bool AllCues(IReadOnlyList<bool> cuePositions, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (!cuePositions[i])
            {
                return false;
            }
        }
        return true;
    }

}
