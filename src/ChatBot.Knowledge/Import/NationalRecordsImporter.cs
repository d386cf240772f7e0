using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatBot.Knowledge.Import;

/// <summary>One procedure record of the national public-service portal (docs/national-records-format.md).</summary>
public sealed record NationalRecord
{
    public string MaThuTuc { get; init; } = "";
    public string DetailUrl { get; init; } = "";
    public string TenThuTuc { get; init; } = "";
    public string CapThucHien { get; init; } = "";
    public string LinhVuc { get; init; } = "";
    public string DoiTuongThucHien { get; init; } = "";
    public string CoQuanThucHien { get; init; } = "";
    public string CoQuanCoThamQuyen { get; init; } = "";
    public string TrinhTuThucHien { get; init; } = "";
    public string CachThucThucHien { get; init; } = "";
    public string ThanhPhanHoSo { get; init; } = "";
    public string CanCuPhapLy { get; init; } = "";
    public string YeuCauDieuKien { get; init; } = "";
    public string KetQuaXuLy { get; init; } = "";
    public string DiaChiTiepNhan { get; init; } = "";

    /// <summary>The ministry list the crawler filed the record under (bo-tu-phap, …); not a portal field.</summary>
    public string SourceGroup { get; init; } = "";
}

/// <summary>
/// Time limit and fee of one way of applying (in person, online, by post), recovered from a flattened cell.
/// <paramref name="TimeUnitMissing"/>: the portal's cell gave a bare number without its unit (Bộ Tư pháp records:
/// "Trực tuyến1Miễn phí"); <paramref name="Time"/> then says so in words.
/// </summary>
public sealed record ChannelTerms(string Channel, string Time, string Fee, string Note, bool TimeUnitMissing = false)
{
    /// <summary>The time figure as the portal gave it ("7 ngày làm việc", or "1" when the unit was lost).</summary>
    public string TimeFigure { get; init; } = Time;
}

/// <summary>
/// Turns national portal records into procedure guides marked as imported, so residents asking about a
/// procedure no curated guide covers still get the official facts and the portal link (a curated guide wins a tie).
/// </summary>
public static partial class NationalRecordsImporter
{
    private const string NoInformation = "Không có thông tin";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly JsonSerializerOptions YamlString = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static NationalRecord Parse(string jsonLine) =>
        JsonSerializer.Deserialize<NationalRecord>(jsonLine, Json) ?? throw new JsonException("empty record");

    public static string IdOf(NationalRecord record) => "tthc-" + record.MaThuTuc.Trim().Replace('.', '-').ToLowerInvariant();

    /// <summary>True when the record is handled at one of the levels asked for ("xa", "tinh").</summary>
    public static bool AtLevels(NationalRecord record, IReadOnlyCollection<string> levels) =>
        levels.Count == 0 || LevelsOf(record).Any(levels.Contains);

    public static IReadOnlyList<string> LevelsOf(NationalRecord record)
    {
        var text = record.CapThucHien.Normalize(NormalizationForm.FormC);
        var levels = new List<string>();
        if (text.Contains("Cấp xã", StringComparison.Ordinal))
        {
            levels.Add("xa");
        }
        if (text.Contains("Cấp tỉnh", StringComparison.Ordinal))
        {
            levels.Add("tinh");
        }
        if (text.Contains("Cấp bộ", StringComparison.Ordinal))
        {
            levels.Add("trung-uong");
        }
        return levels.Count > 0 ? levels : ["khac"];
    }

    /// <summary>Recovers per-channel time and fee from cells like "Trực tuyến7 Ngày làm việc10,000 Việt Nam Đồng(...)".</summary>
    public static IReadOnlyList<ChannelTerms> Channels(string cell)
    {
        var text = Clean(cell).Replace("Hình thức nộpThời gianPhí, lệ phíMô tả", "", StringComparison.Ordinal);
        var parts = ChannelName().Split(text);
        var result = new List<ChannelTerms>();
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            var body = parts[i + 1].Trim();
            var time = TimePrefix().Match(body);
            var timeText = "";
            var figure = "";
            var unitMissing = false;
            if (time.Success && time.Length > 0)
            {
                unitMissing = !time.Groups["unit"].Success;
                figure = unitMissing ? time.Groups["n"].Value : $"{time.Groups["n"].Value} {time.Groups["unit"].Value.ToLowerInvariant()}";
                timeText = unitMissing ? $"{figure} (cổng không ghi đơn vị; xem trang thủ tục)" : figure;
                body = body[time.Length..].TrimStart();
            }
            else if (body.StartsWith(NoInformation, StringComparison.Ordinal))
            {
                body = body[NoInformation.Length..].TrimStart();
            }
            var fee = FeePrefix().Match(body);
            var feeText = fee.Success ? fee.Value.Trim() : "";
            var note = (fee.Success ? body[fee.Length..] : body).Trim().Trim('(', ')').Trim();
            result.Add(new ChannelTerms(parts[i], timeText, feeText == NoInformation ? "" : feeText, note == NoInformation ? "" : note, unitMissing) { TimeFigure = figure });
        }
        return result;
    }

    /// <summary>The guide in the knowledge format (Markdown with front matter), or null when the record is unusable.</summary>
    public static string? ToGuide(NationalRecord record, DateOnly checkedOn)
    {
        if (!IsUsable(record))
        {
            return null;
        }
        var title = TitleOf(record);
        var channels = Channels(record.CachThucThucHien);
        var online = channels.Any(c => c.Channel == "Trực tuyến") ? "mot-phan" : "khong";
        var agency = AgencyOf(record) ?? "Xem trên Cổng Dịch vụ công quốc gia";
        var legal = LegalBasis(record.CanCuPhapLy);
        var builder = new StringBuilder();
        builder.Append("---\n");
        builder.Append("id: ").Append(IdOf(record)).Append('\n');
        builder.Append("title: ").Append(Quote(title)).Append('\n');
        builder.Append("summary: ").Append(Quote($"{title}: thủ tục {Clean(record.CapThucHien).ToLowerInvariant()}, lĩnh vực {Clean(record.LinhVuc).ToLowerInvariant()}. Thông tin lấy từ Cổng Dịch vụ công quốc gia.")).Append('\n');
        builder.Append("agency: ").Append(Quote(agency)).Append('\n');
        builder.Append("levels: [").Append(string.Join(", ", LevelsOf(record))).Append("]\n");
        builder.Append("online: ").Append(online).Append('\n');
        builder.Append("code: ").Append(Quote(record.MaThuTuc.Trim())).Append('\n');
        builder.Append("links:\n  - title: ").Append(Quote("Thủ tục trên Cổng Dịch vụ công quốc gia")).Append("\n    url: ").Append(Quote(record.DetailUrl.Trim())).Append('\n');
        builder.Append("legal_basis:\n");
        foreach (var item in legal.DefaultIfEmpty("Xem trên Cổng Dịch vụ công quốc gia"))
        {
            builder.Append("  - ").Append(Quote(item)).Append('\n');
        }
        builder.Append("checked: ").Append(checkedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        builder.Append("questions:\n  - ").Append(Quote(title)).Append('\n');
        builder.Append("tags: [").Append("imported").Append("]\n");
        builder.Append("imported: true\n");
        builder.Append("---\n\n");

        void Section(string heading, string facet, string? text)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                builder.Append("## ").Append(heading).Append(" {#").Append(facet).Append("}\n").Append(text.Trim()).Append("\n\n");
            }
        }
        var (applicants, conditions) = Eligibility(record);
        var eligibility = string.Join("\n", new[] { applicants is { } who ? $"Đối tượng: {who}." : null, conditions }.OfType<string>());
        Section("Đối tượng, điều kiện", "doi-tuong", eligibility);
        Section("Hồ sơ cần chuẩn bị", "ho-so", Documents(record.ThanhPhanHoSo));
        Section("Các bước thực hiện", "trinh-tu", Shorten(Informative(record.TrinhTuThucHien)));
        Section("Nơi nộp, cách nộp", "noi-nop", channels.Count == 0 ? null : string.Join("\n", channels.Select(c => $"- {c.Channel}")) + $"\n- Trang thủ tục: {record.DetailUrl.Trim()}");
        Section("Thời hạn giải quyết", "thoi-han", Lines(channels.Where(c => c.Time.Length > 0).Select(c => $"- {c.Channel}: {c.Time}")));
        Section("Phí, lệ phí", "le-phi", Lines(channels.Where(c => c.Fee.Length > 0).Select(c => $"- {c.Channel}: {c.Fee}{(c.Note.Length > 0 ? $" ({Shorten(c.Note, 300)})" : "")}")));
        Section("Kết quả nhận được", "ket-qua", ResultOf(record));
        Section("Căn cứ pháp lý", "can-cu", Lines(legal.Select(l => "- " + l)));
        return builder.ToString();
    }

    /// <summary>A record needs a code, a name and a portal link to be of any use.</summary>
    public static bool IsUsable(NationalRecord record) =>
        record.MaThuTuc.Trim().Length > 0 && Clean(record.TenThuTuc).Length > 0 && Uri.TryCreate(record.DetailUrl.Trim(), UriKind.Absolute, out _);

    /// <summary>The procedure's name, NFC, single-spaced, without the leading "Thủ tục".</summary>
    public static string TitleOf(NationalRecord record)
    {
        var title = Clean(record.TenThuTuc);
        return title.StartsWith("Thủ tục ", StringComparison.Ordinal) && title.Length > 8 ? char.ToUpperInvariant(title[8]) + title[9..] : title;
    }

    /// <summary>Who may apply and the conditions, each null when the portal has no information.</summary>
    public static (string? Applicants, string? Conditions) Eligibility(NationalRecord record) =>
        (Informative(record.DoiTuongThucHien), Informative(record.YeuCauDieuKien));

    /// <summary>The result's name, without the portal's "Mã: …" and page boilerplate that follow it.</summary>
    public static string? ResultOf(NationalRecord record) => Informative(record.KetQuaXuLy.Split("Mã:", 2)[0]);

    /// <summary>The handling agency, or the competent one when the first is not given.</summary>
    public static string? AgencyOf(NationalRecord record) => Informative(record.CoQuanThucHien) ?? Informative(record.CoQuanCoThamQuyen);

    /// <summary>The steps, cut at a word boundary to at most <paramref name="max"/> characters.</summary>
    public static string? StepsOf(NationalRecord record, int max) => Shorten(Informative(record.TrinhTuThucHien), max);

    /// <summary>The documents to submit as bullet lines, at most <paramref name="max"/> characters.</summary>
    public static string? DocumentsOf(NationalRecord record, int max) => Documents(record.ThanhPhanHoSo, max);

    /// <summary>Legal texts as "name (code)", in the portal's order, without repeats.</summary>
    public static IReadOnlyList<string> LegalBasisOf(NationalRecord record) => LegalBasis(record.CanCuPhapLy);

    /// <summary>Text with the portal's "Không có thông tin" and blanks turned into null; NFC, single-spaced.</summary>
    public static string? Informative(string? text, int max) => Shorten(Informative(text), max);

    private static string? Lines(IEnumerable<string> lines)
    {
        var text = string.Join("\n", lines);
        return text.Length == 0 ? null : text;
    }

    private static List<string> LegalBasis(string cell)
    {
        var text = Clean(cell).Replace("Tên văn bản pháp lýMã văn bản", "", StringComparison.Ordinal);
        return LegalItem().Matches(text).Select(m => $"{m.Groups["name"].Value.Trim()} ({m.Groups["code"].Value})").Where(s => s.Length < 400).Distinct().Take(12).ToList();
    }

    private static string? Documents(string cell, int max = 1500)
    {
        var text = Clean(cell).Replace("Tên giấy tờMẫu đơn, tờ khaiSố lượng", "\n", StringComparison.Ordinal);
        if (Informative(text) is null)
        {
            return null;
        }
        var bulleted = Quantity().Replace(text, m => $" ({m.Value})\n");
        var lines = bulleted.Split('\n').Select(l => l.Trim().TrimStart('-', ' ')).Where(l => l.Length > 0).Select(l => l.StartsWith('*') ? l.TrimStart('*', ' ') : "- " + l);
        return Shorten(string.Join("\n", lines), max);
    }

    private static string? Informative(string? text)
    {
        var cleaned = Clean(text ?? "");
        return cleaned.Length == 0 || cleaned == NoInformation ? null : cleaned;
    }

    private static string? Shorten(string? text, int max = 1500)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', max);
        return text[..(cut < 0 ? max : cut)] + " …";
    }

    private static string Clean(string text) => MultipleSpaces().Replace(text.Normalize(NormalizationForm.FormC).Replace('\u00A0', ' '), " ").Trim();

    private static string Quote(string text) => JsonSerializer.Serialize(text, YamlString);

    [GeneratedRegex("(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)")]
    private static partial Regex ChannelName();

    [GeneratedRegex(@"^(?<n>\d+(?:[.,]\d+)?)\s*(?<unit>Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm)?", RegexOptions.IgnoreCase)]
    private static partial Regex TimePrefix();

    [GeneratedRegex(@"^(Miễn phí|Không có thông tin|[\d.,]+\s*(Việt Nam Đồng|VNĐ|đồng))", RegexOptions.IgnoreCase)]
    private static partial Regex FeePrefix();

    // The code ends where the next name begins: a capital followed by a lower-case letter ("…TT-BTCNghị định").
    [GeneratedRegex(@"(?<name>.+?)(?<code>\d+(?:\.\d+)?/\d{4}/[A-ZĐ0-9\-]+?)(?=\p{Lu}\p{Ll}|[^A-ZĐ0-9\-]|$)")]
    private static partial Regex LegalItem();

    [GeneratedRegex(@"\d+ bản (chính|sao)")]
    private static partial Regex Quantity();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex MultipleSpaces();
}
