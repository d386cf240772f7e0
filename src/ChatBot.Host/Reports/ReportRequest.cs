using System.Globalization;
using ChatBot.Feedback.Reports;

namespace ChatBot.Host.Reports;

/// <summary>The report filters as they arrive in the query string (?by=week&amp;from=2026-10-01&amp;to=2026-11-24).</summary>
public static class ReportRequest
{
    /// <summary>Reads the filters; anything missing or unreadable falls back to the last 30 days by day, with a problem to show.</summary>
    public static (ReportQuery Query, string? Problem) Parse(string? by, string? from, string? to, DateOnly today)
    {
        var fallback = ReportQuery.LastDays(today);
        var granularity = by switch
        {
            null or "" or "day" => ReportGranularity.Day,
            "week" => ReportGranularity.Week,
            "month" => ReportGranularity.Month,
            _ => (ReportGranularity?)null,
        };
        if (granularity is null)
        {
            return (fallback, "Kỳ báo cáo không hợp lệ; đang hiển thị theo ngày.");
        }
        var start = string.IsNullOrEmpty(from) ? fallback.From : Date(from);
        var end = string.IsNullOrEmpty(to) ? fallback.To : Date(to);
        if (start is null || end is null)
        {
            return (fallback with { Granularity = granularity.Value }, "Ngày không hợp lệ (cần dạng năm-tháng-ngày); đang hiển thị 30 ngày gần nhất.");
        }
        if (end < start)
        {
            (start, end) = (end, start);
        }
        var query = new ReportQuery(start.Value, end.Value, granularity.Value);
        if (query.Days > ReportQuery.MaxDays)
        {
            return (query with { From = end.Value.AddDays(-(ReportQuery.MaxDays - 1)) }, "Khoảng thời gian dài quá 3 năm; đã rút ngắn.");
        }
        return (query, null);
    }

    public static string QueryString(ReportQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return string.Create(CultureInfo.InvariantCulture, $"by={query.Granularity.ToString().ToLowerInvariant()}&from={query.From:yyyy-MM-dd}&to={query.To:yyyy-MM-dd}");
    }

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 2000 and <= 2200 ? date : null;
}
