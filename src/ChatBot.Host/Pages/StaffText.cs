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

    /// <summary>The page staff see while the database cannot be reached (an answer 503, never a 500).</summary>
    public const string DatabaseDownPage = """
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8"><title>Tạm thời không truy cập được</title></head>
        <body><main><h1>Tạm thời không truy cập được dữ liệu</h1>
        <p>Cơ sở dữ liệu đang gặp sự cố nên trang này chưa mở được. Câu hỏi và phản hồi của người dân vẫn được giữ lại và sẽ được lưu khi hệ thống hoạt động trở lại.</p>
        <p>Xin vui lòng thử lại sau ít phút. Nếu lỗi kéo dài, hãy báo cho bộ phận kỹ thuật.</p></main></body></html>
        """;

    public static string Time(DateTimeOffset at) => StaffTime.Local(at).ToString("dd/MM/yyyy HH:mm", Vietnamese);
}

/// <summary>The office works in Vietnam time (UTC+7, no daylight saving).</summary>
public static class StaffTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset Local(DateTimeOffset at) => at.ToOffset(Offset);

    public static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);
}
