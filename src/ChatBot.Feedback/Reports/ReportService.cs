using ChatBot.Feedback.Topics;

namespace ChatBot.Feedback.Reports;

/// <summary>
/// Turns the source's per-day counts and ticket facts into per-period figures and totals. Days are summed into
/// periods here rather than in SQL so day, ISO week and month share one query and one set of rules.
/// </summary>
public sealed class ReportService(IReportSource source, IUnansweredTopics? topics = null, Func<string, string?>? titleOf = null)
{
    public const int TopCount = 10;

    public async Task<Report> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.To < query.From || query.Days > ReportQuery.MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(query), "The range must run forward and be at most three years long.");
        }
        var data = await source.ReadAsync(query.From, query.To, TopCount, cancellationToken).ConfigureAwait(false);
        var report = Build(query, data);
        var procedures = report.TopProcedures.Select(p => p.DocumentId is { } id ? p with { Label = titleOf?.Invoke(id) ?? id } : p).ToList();
        // The grouping service clusters what is open now; until it has grouped once, the source's plain grouping stands in.
        if (topics?.Current is { Count: > 0 } current)
        {
            var top = current.Take(TopCount).Select(t => new NamedCount(t.Label, t.Count)).ToList();
            return report with { TopProcedures = procedures, TopUnanswered = top, TopUnansweredAreTopics = true };
        }
        var unanswered = report.TopUnanswered.Select(u => u.DocumentId is { } id && titleOf?.Invoke(id) is { } title ? u with { Label = $"{u.Label} (gần: {title})" } : u).ToList();
        return report with { TopProcedures = procedures, TopUnanswered = unanswered };
    }

    /// <summary>The arithmetic alone, for tests and for callers that already hold the data.</summary>
    public static Report Build(ReportQuery query, ReportData data)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(data);
        var days = data.Days.Where(d => d.Day >= query.From && d.Day <= query.To).GroupBy(d => d.Day).ToDictionary(g => g.Key, g => g.ToList());
        var tickets = data.Tickets.Where(t => t.Day >= query.From && t.Day <= query.To).ToLookup(t => t.Day);

        var periods = new List<PeriodFigures>();
        for (var start = ReportTime.PeriodStart(query.From, query.Granularity); start <= query.To; start = ReportTime.PeriodEnd(start, query.Granularity).AddDays(1))
        {
            var end = ReportTime.PeriodEnd(start, query.Granularity);
            // The first and last periods are cut to the range, so a week never counts days outside it.
            var from = start < query.From ? query.From : start;
            var to = end > query.To ? query.To : end;
            periods.Add(Figures(from, to, ReportTime.Label(start, query.Granularity), ReportTime.ShortLabel(start, query.Granularity), days, tickets));
        }
        var totals = Figures(query.From, query.To, "Tổng", "Tổng", days, tickets);
        return new Report(query, periods, totals, data.TopProcedures, data.TopUnanswered, false);
    }

    private static PeriodFigures Figures(DateOnly from, DateOnly to, string label, string shortLabel, Dictionary<DateOnly, List<DayCounts>> allDays, ILookup<DateOnly, TicketFact> allTickets)
    {
        var days = new List<DayCounts>();
        var tickets = new List<TicketFact>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (allDays.TryGetValue(day, out var counts))
            {
                days.AddRange(counts);
            }
            tickets.AddRange(allTickets[day]);
        }
        var closed = tickets.Where(t => t.Closed).ToList();
        var durations = closed.Where(t => t.HandledAtUnixMs is not null).Select(t => t.HandledAtUnixMs!.Value - t.CreatedAtUnixMs).ToList();
        var scores = tickets.Where(t => t.Satisfaction is >= 1 and <= 5).Select(t => t.Satisfaction!.Value).ToList();
        var notHelpful = days.Sum(d => d.NotHelpful);
        var notHelpfulClosed = days.Sum(d => d.NotHelpfulClosed);
        return new PeriodFigures
        {
            Start = from,
            End = to,
            Label = label,
            ShortLabel = shortLabel,
            Questions = days.Sum(d => d.Questions),
            Answered = days.Sum(d => d.Answered),
            NoAnswer = days.Sum(d => d.NoAnswer),
            Escalations = tickets.Count,
            TicketsClosed = closed.Count,
            MedianHandlingTime = Median(durations) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            ReviewItems = tickets.Count + notHelpful + days.Sum(d => d.Unanswered),
            ReviewItemsClosed = closed.Count + notHelpfulClosed + days.Sum(d => d.UnansweredClosed),
            Ratings = days.Sum(d => d.Ratings),
            Helpful = days.Sum(d => d.Helpful),
            NotHelpful = notHelpful,
            NotHelpfulClosed = notHelpfulClosed,
            SatisfactionCount = scores.Count,
            SatisfactionAverage = scores.Count == 0 ? null : scores.Average(),
        };
    }

    /// <summary>The middle value; the mean of the two middle values when the count is even.</summary>
    public static double? Median(IReadOnlyList<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
