using System.Globalization;
using ChatBot.Feedback.Reports;

namespace ChatBot.Host.Reports;

/// <summary>Numbers as Vietnamese readers write them (1.234 and 85,3 %), and the columns every export shares.</summary>
public static class ReportFormat
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public const string None = "—";

    public static string Number(int value) => value.ToString("N0", Vietnamese);

    public static string Percent(double? value) => value is { } v ? v.ToString("0.0", Vietnamese) + " %" : None;

    public static string Average(double? value) => value is { } v ? v.ToString("0.0", Vietnamese) : None;

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"45 phút", "3 giờ 20 phút", "2 ngày 4 giờ": the largest two units are enough for a median.</summary>
    public static string Duration(TimeSpan? value)
    {
        if (value is not { } span)
        {
            return None;
        }
        if (span.TotalMinutes < 1)
        {
            return "dưới 1 phút";
        }
        if (span.TotalHours < 1)
        {
            return $"{(int)span.TotalMinutes} phút";
        }
        if (span.TotalDays < 1)
        {
            return span.Minutes == 0 ? $"{span.Hours} giờ" : $"{span.Hours} giờ {span.Minutes} phút";
        }
        return span.Hours == 0 ? $"{span.Days} ngày" : $"{span.Days} ngày {span.Hours} giờ";
    }

    public static string GranularityName(ReportGranularity granularity) => granularity switch
    {
        ReportGranularity.Week => "tuần",
        ReportGranularity.Month => "tháng",
        _ => "ngày",
    };

    /// <summary>The per-period columns of the CSV and XLSX files, in order, with typed values.</summary>
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        new("Kỳ", p => p.Label),
        new("Từ ngày", p => p.Start),
        new("Đến ngày", p => p.End),
        new("Câu hỏi", p => p.Questions),
        new("Đã trả lời", p => p.Answered),
        new("Tỉ lệ trả lời (%)", p => Round(p.AnsweredPercent)),
        new("Không trả lời được", p => p.NoAnswer),
        new("Tỉ lệ không trả lời được (%)", p => Round(p.NoAnswerPercent)),
        new("Chuyển cán bộ (phiếu)", p => p.Escalations),
        new("Phiếu đã xử lý", p => p.TicketsClosed),
        new("Thời gian xử lý trung vị (giờ)", p => p.MedianHandlingTime is { } t ? Math.Round(t.TotalHours, 2) : null),
        new("Mục cần xử lý", p => p.ReviewItems),
        new("Mục đã xử lý", p => p.ReviewItemsClosed),
        new("Tỉ lệ đã xử lý (%)", p => Round(p.HandledPercent)),
        new("Lượt đánh giá", p => p.Ratings),
        new("Hữu ích", p => p.Helpful),
        new("Tỉ lệ hữu ích (%)", p => Round(p.HelpfulPercent)),
        new("Lượt chấm điểm", p => p.SatisfactionCount),
        new("Điểm hài lòng trung bình (1–5)", p => p.SatisfactionAverage is { } a ? Math.Round(a, 2) : null),
    ];

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;

    public static string FileName(ReportQuery query, string extension) => string.Create(CultureInfo.InvariantCulture,
        $"bao-cao_{query.From:yyyy-MM-dd}_{query.To:yyyy-MM-dd}_{query.Granularity.ToString().ToLowerInvariant()}.{extension}");
}

/// <summary>One exported column: a Vietnamese header and a typed value (string, int, double, DateOnly or null).</summary>
public sealed record ReportColumn(string Header, Func<PeriodFigures, object?> Value);
