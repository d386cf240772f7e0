using System.Globalization;
using System.Text;
using ChatBot.Feedback;
using ChatBot.Feedback.Reports;
using ChatBot.Feedback.Tickets;
using ChatBot.Host.Reports;
using ChatBot.Storage;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ChatBot.UnitTests;

/// <summary>Report aggregation on a real SQLite file with known rows, and the files staff download.</summary>
public sealed class ReportTests : IAsyncLifetime
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "chatbot-report-" + Guid.NewGuid().ToString("N"));
    private PooledDbContextFactory<ChatBotDbContext> contexts = null!;
    private ReportService reports = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        var connectionString = $"Data Source={Path.Combine(folder, "r.db")}";
        var options = new DbContextOptionsBuilder<ChatBotDbContext>();
        StorageSetup.Configure(options, connectionString);
        contexts = new PooledDbContextFactory<ChatBotDbContext>(options.Options);
        await StorageSetup.MigrateAsync(contexts, connectionString, CancellationToken.None);
        reports = new ReportService(new SqlReportSource(contexts));
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A Vietnam local time, as staff would say it.</summary>
    private static DateTimeOffset Local(string text) => new(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Vietnam);

    private static QuestionEntity Question(DateTimeOffset at, string kind, string? document = null, string? review = null, string text = "câu hỏi") => new()
    {
        Id = Guid.NewGuid(),
        AtUnixMs = at.ToUnixTimeMilliseconds(),
        ConversationId = "c",
        Channel = "directline",
        Text = text,
        Kind = kind,
        Answered = kind is AnswerKinds.Answer or AnswerKinds.Smalltalk,
        DocumentId = document,
        ReviewStatus = kind == AnswerKinds.NoAnswer ? review ?? ReviewStatus.Open : null,
    };

    private static TicketEntity Ticket(DateTimeOffset created, string status, TimeSpan? handledAfter = null, int? satisfaction = null) => new()
    {
        Id = Guid.NewGuid(),
        Code = "PA" + Guid.NewGuid().ToString("N")[..8],
        CreatedAtUnixMs = created.ToUnixTimeMilliseconds(),
        ConversationId = "c",
        Channel = "directline",
        Question = "cần gặp cán bộ",
        Contact = "0912 345 678",
        Status = status,
        HandledAtUnixMs = handledAfter is { } after ? (created + after).ToUnixTimeMilliseconds() : null,
        Satisfaction = satisfaction,
    };

    private static RatingEntity Rating(DateTimeOffset at, bool helpful, string status = ReviewStatus.Open) => new()
    {
        Id = Guid.NewGuid(),
        AtUnixMs = at.ToUnixTimeMilliseconds(),
        ConversationId = "c",
        Channel = "directline",
        QuestionId = Guid.NewGuid(),
        Helpful = helpful,
        Status = status,
    };

    private async Task SeedAsync(IEnumerable<QuestionEntity>? questions = null, IEnumerable<TicketEntity>? tickets = null, IEnumerable<RatingEntity>? ratings = null)
    {
        await using var db = await contexts.CreateDbContextAsync();
        db.Questions.AddRange(questions ?? []);
        db.Tickets.AddRange(tickets ?? []);
        db.Ratings.AddRange(ratings ?? []);
        await db.SaveChangesAsync();
    }

    /// <summary>Monday 2 March 2026: six questions, four tickets, five ratings; Tuesday: two more tickets.</summary>
    private async Task SeedWeekAsync()
    {
        var monday = Local("2026-03-02 09:00");
        var tuesday = Local("2026-03-03 10:00");
        await SeedAsync(
            [
                Question(monday, AnswerKinds.Answer, "dang-ky-khai-sinh"),
                Question(monday, AnswerKinds.Answer, "dang-ky-khai-sinh"),
                Question(monday, AnswerKinds.Answer, "dang-ky-ket-hon"),
                Question(monday, AnswerKinds.NoAnswer, text: "cấp phép karaoke"),
                Question(monday, AnswerKinds.NoAnswer, review: ReviewStatus.Handled, text: "cấp phép karaoke"),
                Question(monday, AnswerKinds.Smalltalk),
                Question(monday, AnswerKinds.Clarify),
            ],
            [
                Ticket(monday, ReviewStatus.Handled, TimeSpan.FromHours(2), 5),
                Ticket(monday, ReviewStatus.Handled, TimeSpan.FromHours(4), 4),
                Ticket(monday, ReviewStatus.OutOfScope, TimeSpan.FromHours(10)),
                Ticket(monday, ReviewStatus.Open),
                Ticket(tuesday, ReviewStatus.Handled, TimeSpan.FromHours(1), 2),
                Ticket(tuesday, ReviewStatus.Handled, TimeSpan.FromHours(3)),
            ],
            [
                Rating(monday, true), Rating(monday, true), Rating(monday, true),
                Rating(monday, false), Rating(monday, false, ReviewStatus.Handled),
            ]);
    }

    [Fact]
    public async Task Counts_percentages_and_medians_per_day_and_for_the_range()
    {
        await SeedWeekAsync();
        var report = await reports.BuildAsync(new ReportQuery(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8), ReportGranularity.Day), CancellationToken.None);

        Assert.Equal(7, report.Periods.Count);
        var monday = report.Periods[0];
        Assert.Equal("02/03/2026", monday.Label);
        Assert.Equal(6, monday.Questions);
        Assert.Equal(3, monday.Answered);
        Assert.Equal(50.0, monday.AnsweredPercent);
        Assert.Equal(2, monday.NoAnswer);
        Assert.Equal(100.0 / 3, monday.NoAnswerPercent!.Value, 6);
        Assert.Equal(4, monday.Escalations);
        Assert.Equal(TimeSpan.FromHours(4), monday.MedianHandlingTime);
        // 4 tickets + 2 "not helpful" + 2 unanswered; closed: 3 tickets, 1 rating, 1 question.
        Assert.Equal(8, monday.ReviewItems);
        Assert.Equal(5, monday.ReviewItemsClosed);
        Assert.Equal(62.5, monday.HandledPercent);
        Assert.Equal(60.0, monday.HelpfulPercent);
        Assert.Equal(4.5, monday.SatisfactionAverage);

        var tuesday = report.Periods[1];
        Assert.Equal(0, tuesday.Questions);
        Assert.Null(tuesday.AnsweredPercent);
        Assert.Equal(TimeSpan.FromHours(2), tuesday.MedianHandlingTime);
        Assert.Null(report.Periods[2].MedianHandlingTime);

        var totals = report.Totals;
        Assert.Equal(6, totals.Questions);
        Assert.Equal(6, totals.Escalations);
        // Durations 1, 2, 3, 4, 10 hours: the median is the middle one, not a median of daily medians.
        Assert.Equal(TimeSpan.FromHours(3), totals.MedianHandlingTime);
        Assert.Equal(11.0 / 3, totals.SatisfactionAverage!.Value, 6);
        Assert.Equal(8, totals.ResidentFeedback);
        Assert.Equal(6, totals.ResidentFeedbackClosed);

        Assert.Equal(["dang-ky-khai-sinh", "dang-ky-ket-hon"], report.TopProcedures.Select(p => p.DocumentId));
        Assert.Equal([2, 1], report.TopProcedures.Select(p => p.Count));
        var unanswered = Assert.Single(report.TopUnanswered);
        Assert.Equal(("cấp phép karaoke", 2), (unanswered.Label, unanswered.Count));
    }

    [Fact]
    public async Task A_question_just_before_midnight_in_Vietnam_belongs_to_that_local_day_not_the_UTC_one()
    {
        // 16:59:59 UTC is 23:59:59 in Vietnam on 31 March; 17:00 UTC is already 1 April there.
        await SeedAsync([
            Question(new DateTimeOffset(2026, 3, 31, 16, 59, 59, TimeSpan.Zero), AnswerKinds.Answer),
            Question(new DateTimeOffset(2026, 3, 31, 17, 0, 0, TimeSpan.Zero), AnswerKinds.NoAnswer),
            Question(new DateTimeOffset(2026, 3, 30, 23, 30, 0, TimeSpan.Zero), AnswerKinds.Answer),
        ]);
        var report = await reports.BuildAsync(new ReportQuery(new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 1), ReportGranularity.Day), CancellationToken.None);

        // 23:30 UTC on 30 March is 06:30 on 31 March in Vietnam.
        Assert.Equal([2, 1], report.Periods.Select(p => p.Questions));
        Assert.Equal([2, 0], report.Periods.Select(p => p.Answered));
        Assert.Equal([0, 1], report.Periods.Select(p => p.NoAnswer));

        var april = await reports.BuildAsync(new ReportQuery(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 1), ReportGranularity.Day), CancellationToken.None);
        Assert.Equal(1, april.Totals.Questions);
        Assert.Equal(ReportTime.StartUnixMs(new DateOnly(2026, 4, 1)), new DateTimeOffset(2026, 3, 31, 17, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task ISO_weeks_start_on_Monday_span_a_month_boundary_and_are_cut_to_the_range()
    {
        await SeedAsync([
            Question(Local("2026-03-26 08:00"), AnswerKinds.Answer),
            Question(Local("2026-03-30 00:10"), AnswerKinds.Answer),
            Question(Local("2026-03-31 12:00"), AnswerKinds.Answer),
            Question(Local("2026-04-02 12:00"), AnswerKinds.NoAnswer),
            Question(Local("2026-04-05 23:50"), AnswerKinds.Answer),
            Question(Local("2026-04-06 00:00"), AnswerKinds.Clarify),
            Question(Local("2026-03-24 12:00"), AnswerKinds.Answer),
        ]);
        var weeks = await reports.BuildAsync(new ReportQuery(new DateOnly(2026, 3, 25), new DateOnly(2026, 4, 12), ReportGranularity.Week), CancellationToken.None);

        Assert.Equal(["Tuần 13/2026", "Tuần 14/2026", "Tuần 15/2026"], weeks.Periods.Select(p => p.Label));
        Assert.Equal(new DateOnly(2026, 3, 25), weeks.Periods[0].Start);
        Assert.Equal(new DateOnly(2026, 3, 29), weeks.Periods[0].End);
        Assert.Equal(new DateOnly(2026, 3, 30), weeks.Periods[1].Start);
        Assert.Equal(new DateOnly(2026, 4, 5), weeks.Periods[1].End);
        // 24 March is before the range; Monday 30 March to Sunday 5 April is one week across the month boundary.
        Assert.Equal([1, 4, 1], weeks.Periods.Select(p => p.Questions));
        Assert.Equal(6, weeks.Totals.Questions);

        var months = await reports.BuildAsync(new ReportQuery(new DateOnly(2026, 3, 25), new DateOnly(2026, 4, 12), ReportGranularity.Month), CancellationToken.None);
        Assert.Equal(["Tháng 03/2026", "Tháng 04/2026"], months.Periods.Select(p => p.Label));
        Assert.Equal([3, 3], months.Periods.Select(p => p.Questions));
    }

    [Fact]
    public async Task The_CSV_is_UTF8_with_a_byte_order_mark_and_ends_with_the_totals_row()
    {
        await SeedWeekAsync();
        var report = await reports.BuildAsync(new ReportQuery(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8), ReportGranularity.Week), CancellationToken.None);
        var bytes = ReportCsv.Write(report);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var header = lines[0].Split(',');
        Assert.Equal("Kỳ", header[0]);
        Assert.Contains("Tỉ lệ trả lời (%)", header);
        var totals = lines[^1].Split(',');
        Assert.Equal("Tổng", totals[0]);
        Assert.Equal("2026-03-02", totals[Array.IndexOf(header, "Từ ngày")]);
        Assert.Equal("6", totals[Array.IndexOf(header, "Câu hỏi")]);
        Assert.Equal("50", totals[Array.IndexOf(header, "Tỉ lệ trả lời (%)")]);
        Assert.Equal("6", totals[Array.IndexOf(header, "Chuyển cán bộ (phiếu)")]);
        Assert.Equal("3", totals[Array.IndexOf(header, "Thời gian xử lý trung vị (giờ)")]);
        Assert.Equal("60", totals[Array.IndexOf(header, "Tỉ lệ hữu ích (%)")]);
        Assert.StartsWith("Tuần 10/2026,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_XLSX_opens_with_OpenXml_and_has_a_totals_row_and_the_rankings()
    {
        await SeedWeekAsync();
        var report = await reports.BuildAsync(new ReportQuery(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8), ReportGranularity.Day), CancellationToken.None);
        var sheets = ReadWorkbook(ReportXlsx.Write(report));

        var periods = sheets[ReportXlsx.PeriodSheet];
        Assert.Equal(1 + 7 + 1, periods.Count);
        var header = periods[0];
        var totals = periods[^1];
        Assert.Equal("Tổng", totals[0]);
        Assert.Equal("6", totals[header.IndexOf("Câu hỏi")]);
        Assert.Equal("3", totals[header.IndexOf("Đã trả lời")]);
        // 6 tickets, 2 "not helpful" ratings and 2 unanswered questions; 5 + 1 + 1 of them handled.
        Assert.Equal("70", totals[header.IndexOf("Tỉ lệ đã xử lý (%)")]);
        Assert.Equal("3", totals[header.IndexOf("Thời gian xử lý trung vị (giờ)")]);
        // Dates are real date cells (Excel serial numbers), so staff can sort and chart them.
        Assert.Equal((new DateOnly(2026, 3, 2).DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture), totals[header.IndexOf("Từ ngày")]);

        var ranking = sheets[ReportXlsx.RankingSheet];
        Assert.Equal("Số câu hỏi", ranking[0][4]);
        Assert.Contains(ranking, row => row[2] == "dang-ky-khai-sinh" && row[4] == "2");
        Assert.Contains(ranking, row => row[2] == "cấp phép karaoke" && row[4] == "2");
    }

    [Fact]
    public void Filters_fall_back_to_the_last_30_days_by_day_and_long_ranges_are_cut()
    {
        var today = new DateOnly(2026, 11, 24);
        Assert.Equal((new ReportQuery(new DateOnly(2026, 10, 26), today, ReportGranularity.Day), (string?)null), ReportRequest.Parse(null, null, null, today));
        Assert.Equal(new ReportQuery(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), ReportGranularity.Week), ReportRequest.Parse("week", "2026-03-31", "2026-01-01", today).Query);
        Assert.NotNull(ReportRequest.Parse("year", null, null, today).Problem);
        Assert.NotNull(ReportRequest.Parse("day", "31/03/2026", null, today).Problem);
        var (longQuery, problem) = ReportRequest.Parse("month", "2010-01-01", "2026-11-24", today);
        Assert.NotNull(problem);
        Assert.Equal(ReportQuery.MaxDays, longQuery.Days);
        Assert.Equal("by=week&from=2026-01-01&to=2026-03-31", ReportRequest.QueryString(new ReportQuery(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), ReportGranularity.Week)));
    }

    [Fact]
    public void Charts_are_SVG_without_script_or_inline_style_and_say_what_they_show()
    {
        var svg = SvgChart.StackedBars("c1", "Câu hỏi <theo ngày>", "mô tả", ["01/03", "02/03"],
            [new ChartSeries("Đã trả lời", "#1f7a3a", [3, 4]), new ChartSeries("Không trả lời được", "#a3131b", [1, null])], "câu hỏi");
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", svg, StringComparison.Ordinal);
        Assert.Contains("<title id=\"c1-title\">Câu hỏi &lt;theo ngày&gt;</title>", svg, StringComparison.Ordinal);
        // The background, two legend keys and three bar segments (a null value draws nothing).
        Assert.Equal(1 + 2 + 3, svg.Split("<rect ").Length - 1);
        Assert.DoesNotContain("style", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);

        var line = SvgChart.Lines("c2", "Hài lòng", "mô tả", ["a", "b", "c"], [new ChartSeries("Điểm", "#000", [4.5, null, 3])], 1, 5, 1, "điểm");
        Assert.Equal(2, line.Split("<circle").Length - 1);
        Assert.Contains("<path d=\"M", line, StringComparison.Ordinal);
    }

    private static Dictionary<string, List<List<string>>> ReadWorkbook(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var result = new Dictionary<string, List<List<string>>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var rows = new List<List<string>>();
            foreach (var row in part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>())
            {
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference!.Value!);
                    while (cells.Count < column)
                    {
                        cells.Add("");
                    }
                    cells.Add(cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "");
                }
                rows.Add(cells);
            }
            result[sheet.Name!.Value!] = rows;
        }
        return result;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetterUpper))
        {
            index = (index * 26) + (c - 'A' + 1);
        }
        return index - 1;
    }
}
