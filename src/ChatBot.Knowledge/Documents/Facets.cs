namespace ChatBot.Knowledge.Documents;

/// <summary>The eight facets of a procedure guide, with the ids the catalogue fixes.</summary>
public static class Facets
{
    public const string Eligibility = "doi-tuong";
    public const string Documents = "ho-so";
    public const string Steps = "trinh-tu";
    public const string WhereToApply = "noi-nop";
    public const string TimeLimit = "thoi-han";
    public const string Fee = "le-phi";
    public const string Result = "ket-qua";
    public const string LegalBasis = "can-cu";

    /// <summary>Facet ids in the order a guide presents them, with short Vietnamese labels.</summary>
    public static readonly IReadOnlyList<(string Id, string Label)> All =
    [
        (Eligibility, "Đối tượng, điều kiện"),
        (Documents, "Hồ sơ cần chuẩn bị"),
        (Steps, "Các bước thực hiện"),
        (WhereToApply, "Nơi nộp, cách nộp"),
        (TimeLimit, "Thời hạn giải quyết"),
        (Fee, "Phí, lệ phí"),
        (Result, "Kết quả nhận được"),
        (LegalBasis, "Căn cứ pháp lý"),
    ];

    public static bool IsKnown(string id) => All.Any(f => f.Id == id);

    public static string Label(string id) => All.FirstOrDefault(f => f.Id == id).Label ?? id;
}
