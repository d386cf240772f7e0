using System.Globalization;

namespace ChatBot.Feedback.Reports;

public enum ReportGranularity
{
    Day,
    Week,
    Month,
}

/// <summary>A report request: local (Vietnam) dates, both ends included, and how to group them.</summary>
public sealed record ReportQuery(DateOnly From, DateOnly To, ReportGranularity Granularity)
{
    /// <summary>A report longer than this is refused: it would only be a slower way to read the same numbers.</summary>
    public const int MaxDays = 3 * 366;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The default report: the last 30 days including today, by day.</summary>
    public static ReportQuery LastDays(DateOnly today, int days = 30) => new(today.AddDays(-(days - 1)), today, ReportGranularity.Day);
}

/// <summary>
/// Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset turns stored UTC milliseconds into the local
/// date the office works by: a question at 23:30 UTC belongs to the next local day.
/// </summary>
public static class ReportTime
{
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);
    public const long OffsetMs = 7 * 3_600_000L;
    public const long DayMs = 86_400_000L;

    public static DateOnly LocalDate(long unixMs) => FromLocalDayIndex(LocalDayIndex(unixMs));

    /// <summary>Whole local days since 1970-01-01 (floor division, so instants before 1970 work too).</summary>
    public static long LocalDayIndex(long unixMs)
    {
        var shifted = unixMs + OffsetMs;
        return shifted >= 0 ? shifted / DayMs : ((shifted + 1) / DayMs) - 1;
    }

    public static DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(VietnamOffset).DateTime);

    /// <summary>The UTC instant (Unix ms) at which the local date begins.</summary>
    public static long StartUnixMs(DateOnly day) => (day.DayNumber - UnixEpochDayNumber) * DayMs - OffsetMs;

    /// <summary>Day numbers as SQL computes them: whole local days since 1970-01-01.</summary>
    public static DateOnly FromLocalDayIndex(long index) => DateOnly.FromDayNumber(UnixEpochDayNumber + (int)index);

    public static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public static DateOnly PeriodStart(DateOnly day, ReportGranularity granularity) => granularity switch
    {
        ReportGranularity.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        ReportGranularity.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    public static DateOnly PeriodEnd(DateOnly start, ReportGranularity granularity) => granularity switch
    {
        ReportGranularity.Week => start.AddDays(6),
        ReportGranularity.Month => start.AddMonths(1).AddDays(-1),
        _ => start,
    };

    /// <summary>A period's name as staff read it: "24/11/2026", "Tuần 48/2026", "Tháng 11/2026".</summary>
    public static string Label(DateOnly start, ReportGranularity granularity) => granularity switch
    {
        ReportGranularity.Week => string.Create(CultureInfo.InvariantCulture, $"Tuần {ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)):00}/{ISOWeek.GetYear(start.ToDateTime(TimeOnly.MinValue))}"),
        ReportGranularity.Month => start.ToString("'Tháng' MM/yyyy", CultureInfo.InvariantCulture),
        _ => start.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
    };

    /// <summary>A short name for chart axes.</summary>
    public static string ShortLabel(DateOnly start, ReportGranularity granularity) => granularity switch
    {
        ReportGranularity.Week => string.Create(CultureInfo.InvariantCulture, $"T{ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)):00}"),
        ReportGranularity.Month => start.ToString("MM/yyyy", CultureInfo.InvariantCulture),
        _ => start.ToString("dd/MM", CultureInfo.InvariantCulture),
    };
}

/// <summary>What the source counts for one local day; periods are sums of days.</summary>
public sealed record DayCounts
{
    public required DateOnly Day { get; init; }

    /// <summary>Questions asked, small talk left out.</summary>
    public int Questions { get; init; }

    /// <summary>Questions the bot answered from a guide (kind "answer").</summary>
    public int Answered { get; init; }

    /// <summary>Questions the bot could not answer (kind "no-answer").</summary>
    public int NoAnswer { get; init; }

    /// <summary>Unanswered questions that wait for a person, and how many of them are no longer open.</summary>
    public int Unanswered { get; init; }

    public int UnansweredClosed { get; init; }

    public int Ratings { get; init; }
    public int Helpful { get; init; }
    public int NotHelpfulClosed { get; init; }

    public int NotHelpful => Ratings - Helpful;
}

/// <summary>One ticket as reports need it; medians cannot be summed per day, so tickets come one by one.</summary>
public sealed record TicketFact(long CreatedAtUnixMs, long? HandledAtUnixMs, bool Closed, int? Satisfaction)
{
    public DateOnly Day => ReportTime.LocalDate(CreatedAtUnixMs);
}

/// <summary>A ranked row: a procedure asked about, or a group of unanswered questions.</summary>
public sealed record NamedCount(string Label, int Count, string? DocumentId = null);

/// <summary>What <see cref="IReportSource"/> reads for a date range.</summary>
public sealed record ReportData(
    IReadOnlyList<DayCounts> Days,
    IReadOnlyList<TicketFact> Tickets,
    IReadOnlyList<NamedCount> TopProcedures,
    IReadOnlyList<NamedCount> TopUnanswered);

/// <summary>The figures of one period, or of the whole range.</summary>
public sealed record PeriodFigures
{
    public required DateOnly Start { get; init; }
    public required DateOnly End { get; init; }
    public required string Label { get; init; }
    public string ShortLabel { get; init; } = "";

    public int Questions { get; init; }
    public int Answered { get; init; }
    public int NoAnswer { get; init; }

    /// <summary>Tickets created: residents who asked for a person.</summary>
    public int Escalations { get; init; }

    public int TicketsClosed { get; init; }

    /// <summary>Median of handled-at minus created-at over closed tickets created in the period.</summary>
    public TimeSpan? MedianHandlingTime { get; init; }

    /// <summary>Tickets, "not helpful" ratings and unanswered questions: everything that waits for a person.</summary>
    public int ReviewItems { get; init; }

    public int ReviewItemsClosed { get; init; }

    public int Ratings { get; init; }
    public int Helpful { get; init; }
    public int NotHelpful { get; init; }
    public int NotHelpfulClosed { get; init; }

    public int SatisfactionCount { get; init; }
    public double? SatisfactionAverage { get; init; }

    public double? AnsweredPercent => Percent(Answered, Questions);
    public double? NoAnswerPercent => Percent(NoAnswer, Questions);
    public double? HandledPercent => Percent(ReviewItemsClosed, ReviewItems);
    public double? HelpfulPercent => Percent(Helpful, Ratings);

    /// <summary>Feedback a resident gave on purpose: tickets and "not helpful" ratings (what the public page shows).</summary>
    public int ResidentFeedback => Escalations + NotHelpful;

    public int ResidentFeedbackClosed => TicketsClosed + NotHelpfulClosed;

    public double? ResidentFeedbackHandledPercent => Percent(ResidentFeedbackClosed, ResidentFeedback);

    public static double? Percent(int part, int whole) => whole == 0 ? null : 100.0 * part / whole;
}

/// <summary>A finished report: one row per period, the totals of the range, and the top lists.</summary>
public sealed record Report(
    ReportQuery Query,
    IReadOnlyList<PeriodFigures> Periods,
    PeriodFigures Totals,
    IReadOnlyList<NamedCount> TopProcedures,
    IReadOnlyList<NamedCount> TopUnanswered,
    bool TopUnansweredAreTopics);

/// <summary>Reads the compact facts a report is computed from (a database in production).</summary>
public interface IReportSource
{
    /// <param name="from">First local date, included.</param>
    /// <param name="to">Last local date, included.</param>
    /// <param name="top">How many procedures and unanswered groups to rank.</param>
    Task<ReportData> ReadAsync(DateOnly from, DateOnly to, int top, CancellationToken cancellationToken);
}
