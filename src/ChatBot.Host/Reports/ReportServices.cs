using ChatBot.Feedback.Reports;
using ChatBot.Feedback.Topics;
using ChatBot.Knowledge;
using ChatBot.Storage;

namespace ChatBot.Host.Reports;

public static class ReportServices
{
    /// <summary>Reports for staff and the public feedback page; topic grouping is used when it is registered.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<IReportSource, SqlReportSource>();
        services.AddSingleton(sp =>
        {
            var knowledge = sp.GetRequiredService<KnowledgeBase>();
            return new ReportService(sp.GetRequiredService<IReportSource>(), sp.GetService<IUnansweredTopics>(), id => knowledge.Current.Find(id)?.Title);
        });
        services.AddSingleton<PublicFeedbackFigures>();
        return services;
    }
}

/// <summary>The figures of the public page: the last 30 days and each of the last six months.</summary>
public sealed record PublicFigures(DateOnly Today, PeriodFigures Last30Days, IReadOnlyList<PeriodFigures> Months, DateTimeOffset ComputedAt);

/// <summary>
/// Computes the public figures at most once a minute, whoever asks: the page is anonymous, so its cost must not grow
/// with its traffic.
/// </summary>
public sealed class PublicFeedbackFigures(ReportService reports, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim gate = new(1, 1);
    private PublicFigures? cached;

    public async Task<PublicFigures> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (cached is { } fresh && now - fresh.ComputedAt < Lifetime)
        {
            return fresh;
        }
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (cached is { } other && now - other.ComputedAt < Lifetime)
            {
                return other;
            }
            var today = ReportTime.LocalDate(now);
            var last30 = await reports.BuildAsync(ReportQuery.LastDays(today), cancellationToken).ConfigureAwait(false);
            var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-5);
            var months = await reports.BuildAsync(new ReportQuery(firstMonth, today, ReportGranularity.Month), cancellationToken).ConfigureAwait(false);
            return cached = new PublicFigures(today, last30.Totals, months.Periods, now);
        }
        finally
        {
            gate.Release();
        }
    }
}
