using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Text;

namespace ChatBot.Knowledge.Retrieval;

/// <summary>
/// Finds which aspect of a procedure a question asks about ("lệ phí?", "mấy ngày?", "nộp ở đâu?") from cue
/// phrases matched on folded syllables, so unaccented questions are understood the same way.
/// </summary>
public static class FacetDetector
{
    /// <summary>The facet asked about, and which syllable positions were facet cues rather than topic words.</summary>
    /// <param name="foldedSyllables">The question's folded syllables.</param>
    /// <param name="questionStart">
    /// Where the last sentence of a message of several sentences begins (a syllable index), or 0: in a story the
    /// question comes last, and the background before it mentions papers and offices that are not what is asked.
    /// </param>
    public static FacetMatch Analyze(IReadOnlyList<string> foldedSyllables, int questionStart = 0)
    {
        // Chat shorthand is spelled out first ("dc" → "duoc", "bn" → "bao nhieu"), so every cue also matches its
        // shorthand; origin maps each spelled-out syllable back to the syllable the resident typed.
        var (words, origin) = SpellOut(foldedSyllables);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var cueMask = new bool[foldedSyllables.Count];
        foreach (var (facet, cue, strength) in CueTable)
        {
            for (var start = VietnameseText.IndexOfPhrase(words, cue); start >= 0; start = VietnameseText.IndexOfPhrase(words, cue, start + 1))
            {
                scores[facet] = Math.Max(scores.GetValueOrDefault(facet), InQuestion(strength, origin[start], questionStart));
                for (var j = 0; j < cue.Length; j++)
                {
                    cueMask[origin[start + j]] = true;
                }
            }
        }
        NeedWhat(words, origin, questionStart, scores, cueMask);
        var best = scores.Count == 0 ? null : scores.OrderByDescending(kv => kv.Value).ThenBy(kv => Order(kv.Key)).First().Key;
        return new FacetMatch(best, cueMask);
    }

    /// <summary>Words between "cần" and "gì" that make it ask what to do, not what to bring ("cần làm gì").</summary>
    private static readonly HashSet<string> NotAboutPapers = new(StringComparer.Ordinal) { "lam", "phai", "biet", "hoi", "chu", "luu", "noi", "bao" };

    /// <summary>
    /// "cần hồ sơ gì", "cần bản vẽ gì", "cần mang theo những gì": "cần" and "gì" with up to three words between ask
    /// which papers are needed, whatever the papers are called.
    /// </summary>
    private static void NeedWhat(List<string> words, List<int> origin, int questionStart, Dictionary<string, double> scores, bool[] cueMask)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] != "can")
            {
                continue;
            }
            for (var j = i + 2; j < Math.Min(words.Count, i + 5); j++)
            {
                if (NotAboutPapers.Contains(words[j - 1]))
                {
                    break;
                }
                if (words[j] == "gi")
                {
                    scores[Facets.Documents] = Math.Max(scores.GetValueOrDefault(Facets.Documents), InQuestion(NeedWhatStrength, origin[i], questionStart));
                    cueMask[origin[i]] = cueMask[origin[j]] = true;
                    break;
                }
            }
        }
    }

    // Fitted on the dev and held-out sets (facet accuracy), checked on a set written blind to both.
    private const double LengthGain = 0.7;
    private const double QuestionWordGain = 1.3;
    private const double LastSentenceGain = 2;

    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal) { "dau", "nao", "bao", "may", "gi", "sao", "ai", "lau", "nhieu" };

    /// <summary>"cần … gì" counts as a two-syllable documents cue with a question word.</summary>
    private static readonly double NeedWhatStrength = Strength(1.1, ["can", "gi"], channel: false);

    /// <summary>
    /// How strongly a cue says what is asked, before its place in the message is known. Longer cues are more specific;
    /// channel cues ("online", "trên VNeID") count once, however many syllables they have, since they qualify how a
    /// step is done more often than they ask where to apply; a cue with a question word ("mấy ngày", "ở đâu") says what
    /// is asked, while one without ("nhận giấy") may only be context.
    /// </summary>
    private static double Strength(double weight, string[] cue, bool channel)
    {
        var strength = channel ? weight : weight * (1 + LengthGain * (cue.Length - 1));
        return cue.Any(QuestionWords.Contains) ? strength * QuestionWordGain : strength;
    }

    private static double InQuestion(double strength, int position, int questionStart) =>
        questionStart > 0 && position >= questionStart ? strength * LastSentenceGain : strength;

    // Spelled-out forms go through the same syllable normalisation as questions and cues ("ký" is stored as "ki").
    private static readonly Dictionary<string, string[]> Shorthand = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dc"] = "được",
        ["ko"] = "không",
        ["k"] = "không",
        ["kg"] = "không",
        ["khg"] = "không",
        ["hok"] = "không",
        ["hong"] = "không",
        ["hem"] = "không",
        ["bn"] = "bao nhiêu",
        ["j"] = "gì",
        ["ntn"] = "như thế nào",
        ["hs"] = "hồ sơ",
        ["dk"] = "đăng ký",
        ["onl"] = "online",
    }.ToDictionary(kv => kv.Key, kv => VietnameseText.FoldedSyllables(kv.Value).ToArray(), StringComparer.Ordinal);

    /// <summary>Regional words that mean a cue word only after a given word: "ở mô" (ở đâu), "mấy bữa" (mấy ngày).</summary>
    private static readonly (string Before, string Word, string Means)[] Regional = [("o", "mo", "dau"), ("may", "bua", "ngay")];

    private static (List<string> Words, List<int> Origin) SpellOut(IReadOnlyList<string> folded)
    {
        var words = new List<string>(folded.Count + 4);
        var origin = new List<int>(folded.Count + 4);
        for (var i = 0; i < folded.Count; i++)
        {
            var word = folded[i];
            foreach (var (before, regional, means) in Regional)
            {
                if (word == regional && i > 0 && folded[i - 1] == before)
                {
                    word = means;
                }
            }
            foreach (var part in Shorthand.TryGetValue(word, out var spelled) ? spelled : [word])
            {
                words.Add(part);
                origin.Add(i);
            }
        }
        return (words, origin);
    }

    private static readonly HashSet<string> ChannelCues = new(StringComparer.Ordinal)
    {
        "online", "truc tuyen", "qua mang", "tren mang", "tren app", "ung dung", "tren vneid", "qua vneid", "tren dich vu cong", "lam tren", "nop tren", "qua dien thoai", "tren dien thoai", "qua app", "tren may tinh",
    };

    private static int Order(string facet) => Facets.All.Select((f, i) => (f.Id, i)).First(x => x.Id == facet).i;

    // Declared after the sets and constants it is built from: static fields are initialised in order.
    private static readonly (string Facet, string[] Words, double Strength)[] CueTable = BuildCues();

    private static (string, string[], double)[] BuildCues()
    {
        var table = new (string Facet, double Weight, string[] Cues)[]
        {
            (Facets.Fee, 1.2, ["le phi", "phi", "bao nhieu tien", "mat tien", "ton tien", "het bao nhieu", "mien phi", "chi phi", "tien", "gia bao nhieu", "nop tien", "dong tien", "mat phi", "phi bao nhieu", "bn tien", "nhieu tien", "ton dong nao", "mat dong nao", "bao nhieu mot ban", "bao nhieu 1 ban", "bn 1 ban", "duoc mien", "giam phi", "tra tien", "duoc giam", "lay tien", "thu tien", "ton phi", "dong phi", "nop bao nhieu", "tien 1 ban", "tien mot ban", "moi ban", "moi trang", "may nghin", "bao nhieu nghin", "may tram nghin", "may chuc nghin", "het may"]),
            (Facets.TimeLimit, 1.2, ["bao lau", "may ngay", "thoi han", "thoi gian giai quyet", "bao nhieu ngay", "lau khong", "mat bao lau", "may hom", "ngay lam viec", "bao ngay", "lau ko", "lau k", "mat may ngay", "trong bao lau", "may tuan", "may thang", "lay ngay", "co ngay", "phai cho", "cho bao lau", "bao lau thi co", "bao lau thi lay", "khi nao xong", "bao gio xong", "may gio", "may bua", "trong ngay", "xong trong ngay", "lay lien"]),
            (Facets.Documents, 1.1, ["giay to", "ho so gom", "ho so can", "can gi", "can nhung gi", "mang theo", "mang gi", "chuan bi", "thanh phan ho so", "to khai", "giay gi", "can giay", "can nhung giay", "ho so nhu the nao", "can mang", "giay to gi", "nhung gi", "can j", "mau don", "don gi", "can thong tin gi", "chung cu gi", "can chung cu", "thay the", "khong co giay", "ho so gi", "thong tin gi", "khai nhung gi", "giay to nao", "nhung giay to nao"]),
            (Facets.WhereToApply, 1.1, ["o dau", "nop o dau", "noi nop", "lam o dau", "online", "onl", "truc tuyen", "qua dien thoai", "tren dien thoai", "qua app", "tren may tinh", "qua mang", "tren mang", "link", "duong dan", "website", "trang web", "trang nao", "cach nop", "nop qua", "nop truc tiep", "tai nha", "tren app", "ung dung", "cho nao", "co quan nao", "dau lam", "nop dau", "den dau", "xa nao", "len xa", "len tinh", "tren vneid", "qua vneid", "tren dich vu cong", "muc nao", "noi nao", "lam tren", "nop tren", "o xa", "ra xa", "xa noi", "dung noi", "xa hay", "tinh hay", "cong an xa", "cong an tinh", "van phong cong chung", "ra dau"]),
            (Facets.Steps, 0.9, ["cac buoc", "may buoc", "gom may buoc", "co may buoc", "nhung buoc nao", "cach dang ky", "nhu the nao", "trinh tu", "quy trinh", "lam the nao", "lam sao", "cach lam", "huong dan", "lam nhu the nao", "the nao", "ntn", "buoc", "thu tuc ra sao", "ra sao", "lam gi truoc", "ky truoc mat", "lam gi", "phai lam gi"]),
            (Facets.Eligibility, 1.3, ["dieu kien"]),
            (Facets.Eligibility, 0.9, ["ai duoc", "doi tuong", "ai phai", "truong hop nao", "du dieu kien", "ai co the", "co bat buoc", "du tuoi", "co phai doi", "bat buoc phai", "co duoc xin", "xin duoc khong", "co duoc lam", "co phai bao", "co phai lam", "con lam duoc", "con duoc khong", "co can", "phai dong y", "co xin duoc", "may tuoi", "bao nhieu tuoi", "con lam duoc khong", "co trach nhiem", "trach nhiem di", "ai di", "ai lam", "ai dang ki", "ai dung ten", "nguoi nao"]),
            // Weak cues: "có được không" often just asks whether something is possible at all.
            (Facets.Eligibility, 0.3, ["co duoc", "duoc khong", "co the", "bat buoc", "co phai"]),
            (Facets.Result, 1.25, ["ket qua", "nhan gi", "nhan duoc gi", "nhan ket qua", "bao gio nhan", "tra ket qua", "ban dien tu", "khi nao nhan", "bao gio co", "khi nao co", "nhan o dau", "lay o dau", "lay ket qua", "nhan duoc giay gi", "nhan giay gi", "duoc cap gi", "nhan duoc nhung giay gi", "gui ve nha", "gia tri bao lau", "gia tri su dung", "may ban", "nhan bang", "lay bang", "nhan qua buu dien", "tra qua buu dien", "giay bien nhan", "xong thi nhan", "co in ra", "co gui", "nhan the", "nhan tien", "nhan bang cach nao", "giu may ban", "cap so", "cap lai giay", "lam lai giay", "khac nhau cho nao", "dung duoc nhung viec gi", "duoc bao nhieu", "muc huong", "huong bao nhieu", "nhan duoc bao nhieu", "lanh bao nhieu", "duoc may thang", "huong may thang", "huong duoc bao lau", "dung duoc bao lau", "co thoi han bao lau", "co gia tri", "gia tri trong bao lau", "doi sang hang", "duoc nhan nhung giay", "nhan giay to gi", "nhan duoc giay to"]),
            (Facets.LegalBasis, 1.3, ["can cu", "luat nao", "nghi dinh", "thong tu nao", "quy dinh nao", "van ban nao", "phap ly", "theo luat", "quy dinh o dau", "dieu may", "dieu nao", "van ban phap luat", "theo thong tu", "theo nghi dinh", "quy dinh", "qui dinh", "nd nao", "tt nao"]),
        };
        return table
            .SelectMany(row => row.Cues.Select(cue => VietnameseText.FoldedSyllables(cue).ToArray())
                .Select(words => (row.Facet, words, Strength(row.Weight, words, ChannelCues.Contains(string.Join(' ', words))))))
            .ToArray();
    }
}

public sealed record FacetMatch(string? Facet, IReadOnlyList<bool> CuePositions);
