using System.Globalization;
using ChatBot.Feedback.Staff;
using ChatBot.Feedback.Tickets;

namespace ChatBot.Host.Pages;

/// <summary>Vietnamese names of statuses and item types, and times in Vietnam time, for the console.</summary>
public static class StaffText
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string Status(string? status) => status switch
    {
        ReviewStatus.Open => "Đang chờ",
        ReviewStatus.Handled => "Đã xử lý",
        ReviewStatus.OutOfScope => "Ngoài phạm vi",
        _ => status ?? "",
    };

    public static string Type(string type) => type switch
    {
        QueueItemTypes.Ticket => "Gửi cán bộ",
        QueueItemTypes.Unanswered => "Chưa trả lời được",
        QueueItemTypes.Rating => "Chưa hữu ích",
        _ => type,
    };

    public static string Time(DateTimeOffset at) => StaffTime.Local(at).ToString("dd/MM/yyyy HH:mm", Vietnamese);
}

/// <summary>The office works in Vietnam time (UTC+7, no daylight saving).</summary>
public static class StaffTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset Local(DateTimeOffset at) => at.ToOffset(Offset);

    public static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);
}
