using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatBot.Feedback;

/// <summary>
/// Removes personal data from residents' (and staff's) text before it is logged, stored or sent anywhere:
/// e-mail addresses (also spelt "at … dot com" or "a còng … chấm"), ID numbers (12-digit căn cước, 9-digit CMND)
/// and phone numbers however they are grouped (spaces, double spaces, dots, dashes, slashes, +84), and house
/// addresses ("số 45 Nguyễn Trãi", "16 đường lê lợi", "123/4 Nguyễn Trãi", "thôn Đông Hạ, xã Yên Sở", "tổ 5 khu
/// phố 3", ngõ/ngách/hẻm/kiệt/xóm/ấp, with or without diacritics). Money, dates, document and procedure numbers
/// are kept. Measured on tests/redaction/corpus.jsonl (`dotnet run --project src/ChatBot.Bench -- redaction`).
/// </summary>
public static partial class Redactor
{
    public const string EmailMark = "[email]";
    public const string IdMark = "[số giấy tờ]";
    public const string PhoneMark = "[số điện thoại]";
    public const string AddressMark = "[địa chỉ]";

    /// <summary>Fewer digits than this in one grouped number are never personal (dates, fees, procedure codes).</summary>
    private const int MinPersonalDigits = 9;

    /// <summary>Words that end a street or village name: the sentence goes on after them.</summary>
    private static readonly HashSet<string> StopWords = new(
        ("thì thi có co ở o nhé nhe ạ a và va của cua để de muốn muon cần can làm lam xin hỏi hoi được duoc không khong "
        + "bị bi đã da đang dang sẽ se phải phai cho với voi tại tai nay này giờ gio mà ma là la đi di về ve nên nen vậy vay "
        + "sao gì gi thế the nào nao bao khi nếu neu rồi roi đó ấy ay em anh chị tôi toi mình minh hiện hien đăng ký ky "
        + "giấy giay hồ sơ so xác xac nhận nhan sang chuyển chuyen gửi gui nộp nop thuộc thuoc nhà nha sống song ông ong bà ba "
        + "trưởng truong nhỏ nho cụt cut mới moi cũ cu có").Split(' '),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Words that start the next part of an address (left to <c>FollowingPart</c>), never part of a name.</summary>
    private static readonly HashSet<string> PlaceWords = new(
        "đường duong phố pho ngõ ngo ngách ngach hẻm hem kiệt kiet tổ to khu kp thôn thon xóm xom ấp ap xã xa phường phuong thị quận quan huyện huyen thành tp tỉnh tinh".Split(' '),
        StringComparer.OrdinalIgnoreCase);

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        var result = Email().Replace(text, EmailMark);
        result = SpeltEmail().Replace(result, EmailMark);
        result = GroupedNumber().Replace(result, NumberMark);
        return MaskAddresses(result);
    }

    /// <summary>
    /// The first e-mail address or phone number in a resident's message, for the one field that may keep it (a
    /// ticket's contact); null when there is none. A spelt-out address comes back as name@domain.
    /// </summary>
    public static string? FindContact(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Email().Match(text) is { Success: true } email)
        {
            return email.Value;
        }
        if (SpeltEmail().Match(text) is { Success: true } spelt)
        {
            return Respell(spelt.Value);
        }
        foreach (Match number in GroupedNumber().Matches(text))
        {
            if (NumberMark(number) == PhoneMark)
            {
                var digits = new string(number.Value.Where(char.IsAsciiDigit).ToArray());
                return number.Value.TrimStart('(').StartsWith('+') ? "+" + digits : digits;
            }
        }
        return null;
    }

    private static string Respell(string spelt)
    {
        var text = AtWord().Replace(spelt, "@");
        text = DotWord().Replace(text, ".");
        return new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
    }

    /// <summary>Grouped digits: a phone (10–11 digits from 0 or +84), an ID or other long number, or kept when short or money.</summary>
    private static string NumberMark(Match match)
    {
        var digits = match.Value.Count(char.IsAsciiDigit);
        if (digits < MinPersonalDigits)
        {
            return match.Value;
        }
        var rest = match.Result("$'");
        if (Money().IsMatch(rest))
        {
            return match.Value;
        }
        var plain = new string(match.Value.Where(char.IsAsciiDigit).ToArray());
        var international = match.Value.Contains('+', StringComparison.Ordinal) || (plain.StartsWith("84", StringComparison.Ordinal) && digits == 11 && !plain.StartsWith("840", StringComparison.Ordinal));
        return (plain.StartsWith('0') && digits is 10 or 11) || (international && digits is 11 or 12) ? PhoneMark : IdMark;
    }

    private static string MaskAddresses(string text)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var pattern in (Regex[])[HouseNumber(), NumberedPlace(), NamedPlace(), StreetNumber(), NumberAndName()])
        {
            foreach (Match match in pattern.Matches(text))
            {
                // A village word followed by an ordinary word ("thôn nào", "trưởng thôn ký") is not an address.
                if (match.Groups["n"] is { Success: true } name && char.IsLower(name.Value[0]) && StopWords.Contains(Word().Match(name.Value).Value))
                {
                    continue;
                }
                var group = match.Groups["a"];
                var start = group.Success ? group.Index : match.Index;
                var end = group.Success ? group.Index + group.Length : match.Index + match.Length;
                spans.Add((start, Extend(text, end)));
            }
        }
        if (spans.Count == 0)
        {
            return text;
        }
        spans.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End + Joiner(text, merged[^1].End, span.Start))
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, span.End));
            }
            else
            {
                merged.Add(span);
            }
        }
        var builder = new StringBuilder(text);
        for (var i = merged.Count - 1; i >= 0; i--)
        {
            builder.Remove(merged[i].Start, merged[i].End - merged[i].Start).Insert(merged[i].Start, AddressMark);
        }
        return builder.ToString();
    }

    /// <summary>How many characters of spaces and commas join two address parts (0 when something else is between).</summary>
    private static int Joiner(string text, int from, int to)
    {
        if (to < from)
        {
            return 0;
        }
        var between = text[from..to];
        return between.All(c => char.IsWhiteSpace(c) || c == ',') ? between.Length : 0;
    }

    /// <summary>Takes in the name words after an address part, then any street, place or administrative unit that follows.</summary>
    private static int Extend(string text, int end)
    {
        while (true)
        {
            var name = NameWords().Match(text, end);
            if (name.Success && name.Index == end && name.Length > 0)
            {
                end = TrimToNameWords(text, end, name.Length);
            }
            var next = FollowingPart().Match(text, end);
            if (!next.Success || next.Index != end)
            {
                return end;
            }
            end = next.Index + next.Length;
        }
    }

    /// <summary>Keeps name words up to the first stop word (the sentence's next word) and at most four of them.</summary>
    private static int TrimToNameWords(string text, int start, int length)
    {
        var end = start;
        var words = 0;
        foreach (Match word in Word().Matches(text.Substring(start, length)))
        {
            if (StopWords.Contains(word.Value) || PlaceWords.Contains(word.Value) || ++words > 4)
            {
                break;
            }
            end = start + word.Index + word.Length;
        }
        return end;
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // "hoa99 at gmail dot com", "thu (at) gmail (dot) com", "binh a còng gmail chấm com", "dung @ gmail . com".
    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(\s*@\s*|\s+(at|a\s?còng|a\s?cong)\s+|\s*[\(\[](at|a còng)[\)\]]\s*)[\p{L}\p{N}-]+((\s*\.\s*|\s+(dot|chấm|cham)\s+|\s*[\(\[](dot|chấm)[\)\]]\s*)[\p{L}\p{N}-]+)*(\s*\.\s*|\s+(dot|chấm|cham)\s+|\s*[\(\[](dot|chấm)[\)\]]\s*)(com|vn|net|org|edu|gov|info|biz)(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpeltEmail();

    [GeneratedRegex(@"\s*(@|\b(at|a\s?còng|a\s?cong)\b|[\(\[](at|a còng)[\)\]])\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AtWord();

    [GeneratedRegex(@"\s*(\b(dot|chấm|cham)\b|[\(\[](dot|chấm)[\)\]]|\.)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DotWord();

    // Digit groups joined by up to three spaces or one dot, dash or slash (spaces around it allowed), optionally
    // after +84; not the tail of a code such as "H12-260815-0001" or "63/2024/NĐ-CP".
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<![\p{L}\p{N}][.\-/])(\(?\+84\)?[ \t.\-]*)?\p{Nd}+(([ \t]{1,3}|[ \t]{0,2}[.\-/][ \t]{0,2})\p{Nd}+)*(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex GroupedNumber();

    [GeneratedRegex(@"^\s*(đồng|đ\b|vnđ|vnd|dong\b|triệu|trieu|nghìn|nghin|ngàn|tỷ|%)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Money();

    // "số nhà 12", "nhà số 21", "so nha 8", "sn 5".
    [GeneratedRegex(@"(?<![\p{L}])(?<a>(số\s+nhà|nhà\s+số|so\s+nha|nha\s+so|sn)\s*\p{Nd}+\p{L}?(/\p{Nd}+\p{L}?)*)(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HouseNumber();

    // "ngõ 34", "ngách 5", "hẻm 27", "kiệt 45", "tổ 5", "tổ dân phố 4", "khu phố 3", "kp 2", "ấp 3", "thôn 2", "xóm 3".
    [GeneratedRegex(@"(?<![\p{L}])(?<a>(ngõ|ngo|ngách|ngach|hẻm|hem|kiệt|kiet|tổ\s+dân\s+phố|to\s+dan\s+pho|tổ|to|khu\s+phố|khu\s+pho|kp|khóm|khom|ấp|ap|thôn|thon|xóm|xom)\s+\p{Nd}+\p{L}?(/\p{Nd}+)*)(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberedPlace();

    // "thôn Đông Hạ", "xóm Mới", "ấp Bình Hòa", "thon dong ha" (two lower-case words at least).
    [GeneratedRegex(@"(?<![\p{L}])(?<a>(?i:thôn|thon|xóm|xom|ấp|khu\s+phố)\s+(?<n>\p{Lu}\p{Ll}*|(?i:[\p{Ll}]+\s+[\p{Ll}]+)))(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex NamedPlace();

    // "16 đường lê lợi", "17 duong le loi", "số 7 đường số 3", "45 Đường Lê Lợi", "18  đường  Lê Lợi".
    [GeneratedRegex(@"(?<![\p{L}\p{N}/.])(?<a>\p{Nd}+\p{L}?(/\p{Nd}+\p{L}?)*\s+(đường|duong|phố|pho|đ\.)\s+((số|so)\s+\p{Nd}+|[\p{L}]+))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StreetNumber();

    // A house number and a capitalised street name after a word that introduces an address:
    // "ở 205 Lạc Long Quân", "số 45 Nguyễn Trãi", "tại 123/4 Nguyễn Trãi", "12A Phan Chu Trinh" at the start.
    [GeneratedRegex(@"(?:^|(?<![\p{L}])(?i:ở|o|tại|tai|số|so|về|ve|từ|tu|chỉ|chi|nhà|nha)\s+|[:,]\s*)(?<a>\p{Nd}+\p{L}?(/\p{Nd}+\p{L}?)*\s+\p{Lu}\p{Ll}*(\s+\p{Lu}\p{Ll}*)+)", RegexOptions.CultureInvariant)]
    private static partial Regex NumberAndName();

    // Words that may continue a name: letters only (the caller stops at stop words).
    [GeneratedRegex(@"\G(\s+[\p{L}]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex NameWords();

    [GeneratedRegex(@"[\p{L}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    // A further part after an address: another street or place, or the ward, commune, district or province.
    [GeneratedRegex(@"\G[\s,]*(?i:(đường|duong|phố|pho|ngõ|ngo|ngách|ngach|hẻm|hem|kiệt|kiet|tổ\s+dân\s+phố|tổ|to|khu\s+phố|khu\s+pho|kp|thôn|thon|xóm|xom|ấp|ap|xã|xa|phường|phuong|thị\s+trấn|quận|quan|huyện|huyen|thành\s+phố|tp\.?|tỉnh|tinh)\s+)((?i:số|so)\s+\p{Nd}+|\p{Nd}+|\p{Lu}\p{Ll}*(\s+\p{Lu}\p{Ll}*){0,3}|[\p{Ll}]+(\s+[\p{Ll}]+){0,2})", RegexOptions.CultureInvariant)]
    private static partial Regex FollowingPart();
}
