using ChatBot.Knowledge.Text;

namespace ChatBot.Conversation.Turns;

public enum SocialIntent
{
    None,
    Greeting,
    Thanks,
    AboutBot,
    Handoff,

    /// <summary>Asks for someone else's personal data; never answered.</summary>
    OthersData,

    /// <summary>Tries to change the bot's instructions; never followed.</summary>
    Injection,

    /// <summary>Asks for help forging papers, bribing or getting round the rules; never helped.</summary>
    Fraud,

    /// <summary>Insults the bot or the office's staff; gets a short polite reply, never a procedure answer.</summary>
    Abuse,

    /// <summary>Asks the bot's opinion on politics (merging provinces, the government, a policy); declined neutrally.</summary>
    Political,
}

/// <summary>
/// Recognises the social side of a conversation (hello, thanks, who are you, let me talk to a person) from
/// folded phrases, so it works with and without diacritics.
/// </summary>
public static class Intents
{
    private static readonly (SocialIntent Intent, string[] Phrases)[] Table =
    [
        (SocialIntent.Injection, ["bo qua moi huong dan", "bo qua qui tac", "bo qua cac qui tac", "bo qua moi qui tac", "bo qua huong dan", "bo qua cac huong dan", "bo qua tat ca", "ignore previous", "ignore all", "ignore the above", "system prompt", "developer mode", "you are now", "dong vai", "jailbreak", "prompt he thong", "tiet lo cau hinh", "in ra cau hinh", "api key", "khong phai tuan theo", "quen het qui tac", "quen het cac qui tac"]),
        // "giả" folds to "gia" like "gia hạn", "giá", "gia đình": only phrases where it can only mean forged.
        (SocialIntent.Fraud, ["lam gia giay", "lam gia so", "lam gia bang", "lam gia con dau", "lam gia ho so", "lam gia chu ky", "lam gia the", "giay to gia", "so do gia", "bang lai gia", "con dau gia", "chu ky gia", "gia giong that", "lach luat", "khong can thi", "mua bang lai", "lam bang khong can",
            "lam gia hop dong", "lam gia xac nhan", "lam gia chung", "cho giong that", "giong het that", "khac con dau", "khac mot con dau", "giong con dau", "photoshop", "sua ngay cap",
            "dua tien cho can bo", "dua bao nhieu tien", "boi tron", "lot tay", "phong bi cho", "hoi lo", "dut lot", "tien trao chao", "cua sau",
            "tam tru ao", "thuong tru ao", "ho khau ao", "khong bi phat hien", "ma khong ai biet", "cho lot", "qua mat", "ne thue", "tron thue",
            "ma ho khong biet", "ho khong biet", "bo khong biet", "me khong biet", "nguoi ta khong biet", "chong khong biet", "vo khong biet", "ky thay chu ky", "khai gian", "khai man", "trong khi van dang co vo", "trong khi van dang co chong", "hack"]),
        (SocialIntent.OthersData, ["ho so cua nguoi khac", "thong tin cua nguoi khac", "mat khau cua nguoi khac", "tai khoan cua nguoi khac", "giay to cua nguoi khac", "dia chi cua nguoi khac", "so dien thoai cua nguoi khac", "can cuoc cua nguoi khac", "cccd cua nguoi khac", "du lieu cua nguoi khac", "xem cua nguoi khac", "tra cua nguoi khac", "cua hang xom", "nha hang xom", "danh sach nguoi", "so dien thoai cua chi", "so dien thoai cua anh", "so dien thoai cua ong", "so dien thoai cua ba", "dia chi nha cua", "dia chi nha va", "nha o dau vo con", "vo con lam gi", "mat khau vneid cua", "mat khau cua bo", "mat khau cua me", "mat khau cua chong", "mat khau cua vo", "otp cua nguoi khac", "ma otp cua", "otp vneid cua", "chiem tai khoan", "be khoa tai khoan", "otp cua ho", "lay otp cua", "lay ma otp", "tai khoan cua ho", "vao tai khoan cua nguoi", "dang nhap tai khoan nguoi khac", "so can cuoc cua", "so cccd cua", "thong tin ca nhan cua", "tien an cua", "co tien an khong", "ma khong can", "khong can anh ay biet", "khong can chi ay biet"]),
        (SocialIntent.Handoff, ["gap can bo", "gap nhan vien", "noi chuyen voi nguoi", "gap nguoi that", "chuyen cho can bo", "tu van vien", "can bo tu van", "nhan vien ho tro", "gap truc tiep can bo", "lien he can bo", "muon gap can bo", "goi can bo"]),
        (SocialIntent.Thanks, ["cam on", "camon", "cam ta", "thank", "thanks", "thank you", "tks", "thanks you", "ok cam on", "cam on nhieu", "tam biet", "bye", "bai bai", "goodbye", "hen gap lai", "chuc ban mot ngay", "chuc ban", "da vang", "vang a", "da a", "ok", "oke", "okay", "duoc roi", "hieu roi", "ro roi", "huu ich qua", "rat huu ich", "cam on nhe"]),
        (SocialIntent.AboutBot, ["ban la ai", "may la ai", "ban ten gi", "ban ten la gi", "ai dang tra loi", "ban la nguoi hay may", "may hay nguoi", "nguoi hay may", "robot hay nguoi", "ban la robot", "ban la bot", "em la ai", "la ai vay", "ban la gi", "ban lam duoc gi", "ban giup duoc gi", "ban biet lam gi", "giup duoc gi", "giup duoc nhung viec gi", "lam duoc nhung gi", "ho tro duoc gi", "ho tro nhung gi", "hoi duoc nhung gi", "hoi duoc gi", "giup duoc toi nhung", "giup gi duoc", "nguoi that hay may", "ban la nguoi that", "ai lam ra ban", "ai tao ra ban", "noi chuyen voi may", "chat voi may", "la may a", "may that a", "voi may day a", "voi may a"]),
        (SocialIntent.Greeting, ["xin chao", "chao", "hello", "hi", "alo", "helo", "hey", "chao ban", "chao ad", "chao em", "good morning", "xin chao ad", "a lo"]),
    ];

    /// <summary>Insults typed with their diacritics, where they cannot be confused with ordinary words.</summary>
    private static readonly HashSet<string> AccentedInsults = new(StringComparer.Ordinal)
    {
        "đần", "ngu", "cứt", "đéo", "địt", "đụ", "lồn", "buồi", "khốn", "mất dạy", "óc chó", "ăn hại", "ăn bám", "vô dụng", "vô tích sự", "láo",
        "mày", "đống rác", "như rác", "vô tri", "bà chằn",
    };

    /// <summary>
    /// Insults recognisable without diacritics too: whole folded phrases that mean nothing else ("ngu" is not one:
    /// without its marks it is also "ngủ" and "ngũ").
    /// </summary>
    private static readonly string[] FoldedInsults =
    [
        "dm", "dmm", "dcm", "vcl", "vkl", "vl", "clgt", "shit", "fuck", "wtf", "an hai", "an bam", "vo dung", "vo tich su",
        "nhu c t", "nhu cut", "dong rac", "nhu rac", "nghi me", "me may", "cut di", "oc cho", "mat day", "dan the khong biet", "dan vl",
    ];

    /// <summary>Words of political subjects ...</summary>
    private static readonly string[] PoliticalTopics =
    [
        "sap nhap tinh", "sap nhap", "chinh phu", "nha nuoc", "dang cong san", "bau cu", "thu tuong", "tong bi thu", "chu tich nuoc", "quoc hoi", "chinh sach", "chinh quyen", "che do", "bieu tinh", "lanh dao", "luat dat dai", "bo cap huyen",
    ];

    /// <summary>... asked about as a matter of opinion or judgement, not of procedure.</summary>
    private static readonly string[] OpinionCues =
    [
        "ban nghi", "ban thay", "ban co thay", "nghi sao", "ban danh gia", "y kien cua ban", "quan diem", "co dung khong", "dung khong", "co hop ly", "hop ly khong", "bat cong", "boc lot", "co tot khong", "ung ho", "phan doi", "co nen", "sai lam", "that bai",
    ];

    /// <summary>
    /// The intent of a message as typed: insults (with diacritics or unambiguous without), opinions on politics, then
    /// the folded-phrase intents of <see cref="Detect"/>. A hand-off request wins over an insult.
    /// </summary>
    public static SocialIntent DetectIn(string text, IReadOnlyList<string> folded)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(folded);
        var detected = Detect(folded);
        if (detected is SocialIntent.Handoff or SocialIntent.OthersData or SocialIntent.Injection or SocialIntent.Fraud)
        {
            return detected;
        }
        var words = VietnameseText.Syllables(text.ToLowerInvariant());
        var joined = " " + string.Join(' ', words) + " ";
        if (AccentedInsults.Any(w => joined.Contains(" " + w + " ", StringComparison.Ordinal)) || FoldedInsults.Any(p => Contains(folded, p)))
        {
            return SocialIntent.Abuse;
        }
        if (SaysFake(words) || (Contains(folded, "cua nguoi khac") && OthersThings.Any(p => Contains(folded, p))))
        {
            return SocialIntent.Fraud;
        }
        if (PoliticalTopics.Any(p => Contains(folded, p)) && OpinionCues.Any(p => Contains(folded, p)))
        {
            return SocialIntent.Political;
        }
        return detected;
    }

    /// <summary>Someone else's account, papers or benefits: "… của người khác" with one of these is never served.</summary>
    private static readonly string[] OthersThings = ["tai khoan", "otp", "mat khau", "vneid", "cccd", "can cuoc", "bhxh", "rut", "chu ky"];

    /// <summary>"giả" written with its mark means forged ("giấy giả", "làm giả"); "giả sử", "giả định" do not.</summary>
    private static bool SaysFake(IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] == "giả" && (i + 1 >= words.Count || words[i + 1] is not ("sử" or "định" or "thiết" or "bộ" or "vờ" or "dụ" or "quyết" or "thích" or "trí")))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Contains(IReadOnlyList<string> folded, string phrase) => VietnameseText.IndexOfPhrase(folded, phrase.Split(' ')) >= 0;

    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "a", "ah", "nhe", "nha", "ban", "ad", "admin", "bot", "em", "anh", "chi", "oi", "nhieu", "rat", "nhe", "toi", "minh", "ok", "oke", "okay", "vang", "da",
        "huu", "ich", "tuyet", "cho", "hoi", "chut", "xiu", "duoc", "khong", "ko", "k", "ai", "day", "do", "moi", "dung", "lan", "dau", "tien", "giup", "ne", "hello", "alo", "voi", "buoi", "sang", "chieu", "toi", "nhe", "ha", "vay", "nhi", "the", "thi", "ta", "la", "roi", "nhung", "lam", "qua", "nhieu", "chau", "con", "co", "chu", "bac", "ong", "ba", "viec", "gi", "tot", "lanh", "nhe",
    };

    /// <summary>
    /// The social intent of a message, or None when it carries a real question too ("chào, làm khai sinh ở đâu").
    /// Handoff wins even inside a longer message.
    /// </summary>
    public static SocialIntent Detect(IReadOnlyList<string> folded)
    {
        foreach (var (intent, phrases) in Table)
        {
            foreach (var phrase in phrases)
            {
                var words = phrase.Split(' ');
                var at = VietnameseText.IndexOfPhrase(folded, words);
                if (at < 0)
                {
                    continue;
                }
                if (intent is SocialIntent.Handoff or SocialIntent.OthersData or SocialIntent.Injection or SocialIntent.Fraud)
                {
                    return intent;
                }
                var rest = folded.Where((w, i) => (i < at || i >= at + words.Length) && !Fillers.Contains(w)).Count();
                if (rest <= 1)
                {
                    return intent;
                }
            }
        }
        return SocialIntent.None;
    }

    public static IReadOnlyList<string> Fold(string text) => VietnameseText.FoldedSyllables(text);
}
