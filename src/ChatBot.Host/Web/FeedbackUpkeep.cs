using ChatBot.Feedback.Staff;
using ChatBot.Feedback.Tickets;
using ChatBot.Feedback.Topics;

namespace ChatBot.Host.Web;

public sealed record FeedbackUpkeepOptions
{
    /// <summary>How often open unanswered questions are regrouped into topics.</summary>
    public TimeSpan GroupEvery { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>At most this many of the newest open questions are grouped.</summary>
    public int GroupLimit { get; init; } = 10_000;

    /// <summary>A ticket's contact is deleted this many days after it was closed.</summary>
    public int ContactRetentionDays { get; init; } = 30;

    /// <summary>The bot's replies in transcripts are kept this many days.</summary>
    public int TranscriptRetentionDays { get; init; } = 90;

    /// <summary>Residents' (redacted) question texts, in questions and closed tickets, are kept this many days.</summary>
    public int QuestionTextRetentionDays { get; init; } = 180;

    /// <summary>Staff replies (tickets and unanswered questions) are kept this many days after they were written.</summary>
    public int StaffReplyRetentionDays { get; init; } = 180;

    /// <summary>The details of audit entries are kept this many days (who did what, and when, stays).</summary>
    public int AuditDetailRetentionDays { get; init; } = 365;

    /// <summary>Comments on "not helpful" ratings are kept this many days.</summary>
    public int RatingCommentRetentionDays { get; init; } = 180;

    /// <summary>Each store's retention in days.</summary>
    public IReadOnlyList<(RetentionTarget Target, int Days)> Retention =>
    [
        (RetentionTarget.TicketContacts, ContactRetentionDays),
        (RetentionTarget.BotReplies, TranscriptRetentionDays),
        (RetentionTarget.QuestionTexts, QuestionTextRetentionDays),
        (RetentionTarget.StaffReplies, StaffReplyRetentionDays),
        (RetentionTarget.AuditDetails, AuditDetailRetentionDays),
        (RetentionTarget.RatingComments, RatingCommentRetentionDays),
    ];

    public bool IsValid() => GroupEvery > TimeSpan.Zero && GroupLimit > 0 && Retention.All(r => r.Days >= 1);
}

/// <summary>
/// Background work for the staff side: move spooled tickets into the database, regroup unanswered questions
/// into topics, and delete what is kept past its retention (contacts, bot replies, question texts, staff replies,
/// audit details, rating comments). Failures are logged and retried on the next round.
/// </summary>
public sealed class FeedbackUpkeep(IStaffStore store, IFeedbackStore tickets, TicketSpool spool, TopicGrouping topics, FeedbackUpkeepOptions options, TimeProvider clock, ILogger<FeedbackUpkeep> logger) : BackgroundService
{
    private readonly SemaphoreSlim regroup = new(0);

    /// <summary>Asks for a regrouping now (after staff handled a group, the list should not show it again).</summary>
    public void RegroupSoon() => regroup.Release();

    /// <summary>
    /// One round: each step runs on its own, so a failing spool replay or topic grouping never stops the
    /// retention purge, and one store's purge failing never stops the others. Throws at the end if any step failed.
    /// </summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var failures = new List<Exception>();
        await StepAsync("spool replay", async () =>
        {
            if (await spool.ReplayAsync(tickets, cancellationToken).ConfigureAwait(false) is > 0 and var replayed)
            {
                logger.LogInformation("Moved {Tickets} spooled tickets into the database", replayed);
            }
        }).ConfigureAwait(false);
        await StepAsync("topic grouping", async () =>
        {
            var open = await store.OpenUnansweredAsync(options.GroupLimit, cancellationToken).ConfigureAwait(false);
            topics.Refresh(open, now);
        }).ConfigureAwait(false);
        foreach (var (target, days) in options.Retention)
        {
            await StepAsync($"retention of {target}", async () =>
            {
                var deleted = await store.PurgeAsync(target, now.AddDays(-days), cancellationToken).ConfigureAwait(false);
                if (deleted > 0)
                {
                    logger.LogInformation("Retention: deleted {Target} from {Rows} rows (older than {Days} days)", target, deleted, days);
                }
            }).ConfigureAwait(false);
        }
        if (failures.Count > 0)
        {
            throw new AggregateException("Feedback upkeep: some steps failed; the others ran.", failures);
        }

        async Task StepAsync(string name, Func<Task> step)
        {
            try
            {
                await step().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Every step must run whatever another one threw; the failure is logged and reported.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Feedback upkeep: {Step} failed; the other steps still run", name);
                failures.Add(ex);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Upkeep must keep running; the next round retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Feedback upkeep failed; retrying next round");
            }
            try
            {
                await regroup.WaitAsync(options.GroupEvery, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
