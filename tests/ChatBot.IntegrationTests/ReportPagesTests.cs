using System.Net;
using System.Text;
using ChatBot.Feedback;
using ChatBot.Feedback.Reports;
using ChatBot.Feedback.Tickets;
using ChatBot.Host.Reports;
using ChatBot.Storage;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests;

/// <summary>
/// Known rows two days ago: 6 questions besides small talk (4 answered, 2 unanswered of which 1 handled), 3 tickets
/// (handled after 2 h and 6 h with scores 4 and 5, one open with a contact), 4 ratings (2 helpful, 1 of the 2 others
/// handled).
/// </summary>
internal static class ReportSeed
{
    public const string Contact = "0912 345 678";
    public const int Questions = 6;
    public const int Escalations = 3;

    public static async Task WriteAsync(TestHost host)
    {
        var contexts = host.Services.GetRequiredService<IDbContextFactory<ChatBotDbContext>>();
        var at = DateTimeOffset.UtcNow.AddDays(-2);
        var ms = at.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync();
        QuestionEntity Question(string kind, string text, string? document = null, string? review = null) => new()
        {
            Id = Guid.NewGuid(),
            AtUnixMs = ms,
            ConversationId = "c-report",
            Channel = "directline",
            Text = text,
            Kind = kind,
            Answered = kind is AnswerKinds.Answer or AnswerKinds.Smalltalk,
            DocumentId = document,
            ReviewStatus = review,
        };
        db.Questions.AddRange(
            Question(AnswerKinds.Answer, "làm giấy khai sinh cần gì", "dang-ky-khai-sinh"),
            Question(AnswerKinds.Answer, "lam giay khai sinh o dau", "dang-ky-khai-sinh"),
            Question(AnswerKinds.Answer, "khai sinh mất bao lâu", "dang-ky-khai-sinh"),
            Question(AnswerKinds.Answer, "đăng ký kết hôn", "dang-ky-ket-hon"),
            Question(AnswerKinds.NoAnswer, "cấp phép karaoke", review: ReviewStatus.Open),
            Question(AnswerKinds.NoAnswer, "cấp phép karaoke", review: ReviewStatus.Handled),
            Question(AnswerKinds.Smalltalk, "xin chào"));
        TicketEntity Ticket(string code, string status, double? hours, int? score, string? contact) => new()
        {
            Id = Guid.NewGuid(),
            Code = code,
            CreatedAtUnixMs = ms,
            ConversationId = "c-report",
            Channel = "directline",
            Question = "cần gặp cán bộ về karaoke",
            Contact = contact,
            Status = status,
            HandledAtUnixMs = hours is { } h ? ms + (long)(h * 3_600_000) : null,
            HandledBy = hours is null ? null : "test.admin",
            Satisfaction = score,
        };
        db.Tickets.AddRange(
            Ticket("PA-R1", ReviewStatus.Handled, 2, 4, null),
            Ticket("PA-R2", ReviewStatus.Handled, 6, 5, null),
            Ticket("PA-R3", ReviewStatus.Open, null, null, Contact));
        RatingEntity Rating(bool helpful, string status) => new()
        {
            Id = Guid.NewGuid(),
            AtUnixMs = ms,
            ConversationId = "c-report",
            Channel = "directline",
            QuestionId = Guid.NewGuid(),
            Helpful = helpful,
            Status = status,
            Comment = helpful ? null : "thiếu lệ phí",
        };
        db.Ratings.AddRange(Rating(true, ReviewStatus.Open), Rating(true, ReviewStatus.Open), Rating(false, ReviewStatus.Open), Rating(false, ReviewStatus.Handled));
        await db.SaveChangesAsync();
    }

    /// <summary>Checks the totals row of the downloaded workbook against the seeded rows.</summary>
    public static void AssertWorkbookTotals(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == ReportXlsx.PeriodSheet);
        var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        string Text(Cell cell) => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";
        var header = rows[0].Elements<Cell>().Select(Text).ToList();
        var totals = rows[^1].Elements<Cell>().ToDictionary(c => new string(c.CellReference!.Value!.TakeWhile(char.IsAsciiLetter).ToArray()), Text);
        string Total(string column) => totals[ReportXlsx.ColumnName(header.IndexOf(column))];
        Assert.Equal(1 + 30 + 1, rows.Count);
        Assert.Equal("Tổng", Total("Kỳ"));
        Assert.Equal("6", Total("Câu hỏi"));
        Assert.Equal("4", Total("Đã trả lời"));
        Assert.Equal("66.7", Total("Tỉ lệ trả lời (%)"));
        Assert.Equal("3", Total("Chuyển cán bộ (phiếu)"));
        Assert.Equal("4", Total("Thời gian xử lý trung vị (giờ)"));
        Assert.Equal("50", Total("Tỉ lệ hữu ích (%)"));
        Assert.Equal("4.5", Total("Điểm hài lòng trung bình (1–5)"));
    }
}

public sealed class ReportPagesTests : IAsyncLifetime
{
    private TestHost host = null!;

    public async Task InitializeAsync()
    {
        host = await TestHost.StartAsync();
        await ReportSeed.WriteAsync(host);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("/staff/reports")]
    [InlineData("/staff/reports.csv")]
    [InlineData("/staff/reports.xlsx?by=month")]
    public async Task Reports_and_their_files_send_a_signed_out_visitor_to_the_login_page(string path)
    {
        using var client = StaffLogin.Anonymous(host);
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/staff/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_staff_see_the_report_with_charts_under_a_strict_content_policy()
    {
        using var client = await StaffLogin.SignInAsync(host);
        using var response = await client.GetAsync("/staff/reports");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        // Razor escapes non-ASCII letters as character references; read the text as a browser would.
        var html = WebUtility.HtmlDecode(raw);
        Assert.Contains("<svg class=\"chart\" id=\"chart-volume\"", html, StringComparison.Ordinal);
        Assert.Contains("Thủ tục được hỏi nhiều nhất", html, StringComparison.Ordinal);
        Assert.Contains("cấp phép karaoke", html, StringComparison.Ordinal);
        Assert.Contains("66,7 %", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", raw, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using var weekly = await client.GetAsync("/staff/reports?by=week&from=2026-03-25&to=2026-04-12");
        Assert.Contains("Tuần 14/2026", WebUtility.HtmlDecode(await weekly.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSV_download_has_the_seeded_totals()
    {
        using var client = await StaffLogin.SignInAsync(host);
        using var response = await client.GetAsync("/staff/reports.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 30 + 1, lines.Length);
        var header = lines[0].Split(',');
        var totals = lines[^1].Split(',');
        Assert.Equal("Tổng", totals[0]);
        Assert.Equal("6", totals[Array.IndexOf(header, "Câu hỏi")]);
        Assert.Equal("2", totals[Array.IndexOf(header, "Không trả lời được")]);
        Assert.Equal("3", totals[Array.IndexOf(header, "Chuyển cán bộ (phiếu)")]);
        // 3 tickets + 2 "not helpful" + 2 unanswered = 7; 2 + 1 + 1 handled.
        Assert.Equal("7", totals[Array.IndexOf(header, "Mục cần xử lý")]);
        Assert.Equal("57.1", totals[Array.IndexOf(header, "Tỉ lệ đã xử lý (%)")]);
    }

    [Fact]
    public async Task The_XLSX_download_has_the_seeded_totals()
    {
        using var client = await StaffLogin.SignInAsync(host);
        using var response = await client.GetAsync("/staff/reports.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        ReportSeed.AssertWorkbookTotals(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_public_page_shows_aggregate_figures_without_login_and_no_contact_data()
    {
        using var client = StaffLogin.Anonymous(host);
        using var response = await client.GetAsync("/phan-hoi");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=60", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl.Public);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        // 3 tickets + 2 "not helpful" ratings received; 2 + 1 handled; median of 2 h and 6 h.
        Assert.Contains("<div class=\"count\">5</div>phản ánh nhận được", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"count\">60,0 %</div>đã được xử lý", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"count\">4 giờ</div>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"count\">50,0 %</div>câu trả lời được đánh giá hữu ích", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"count\">4,5</div>", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\" id=\"chart-feedback\"", html, StringComparison.Ordinal);

        Assert.DoesNotContain(ReportSeed.Contact, html, StringComparison.Ordinal);
        Assert.DoesNotContain("0912", html, StringComparison.Ordinal);
        Assert.DoesNotContain("karaoke", html, StringComparison.Ordinal);
        Assert.DoesNotContain("thiếu lệ phí", html, StringComparison.Ordinal);
        Assert.DoesNotContain("PA-R", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/staff", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_figures_are_the_report_totals_of_the_last_30_days()
    {
        var figures = await host.Services.GetRequiredService<PublicFeedbackFigures>().GetAsync(CancellationToken.None);
        Assert.Equal(30, figures.Last30Days.End.DayNumber - figures.Last30Days.Start.DayNumber + 1);
        Assert.Equal(6, figures.Months.Count);
        Assert.Equal(ReportSeed.Escalations, figures.Months.Sum(m => m.Escalations));
        Assert.Equal(ReportSeed.Questions, figures.Last30Days.Questions);
        Assert.Equal(TimeSpan.FromHours(4), figures.Last30Days.MedianHandlingTime);
        Assert.Equal(ReportTime.LocalDate(DateTimeOffset.UtcNow), figures.Today);
    }
}
