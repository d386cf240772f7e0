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
}

/// <summary>
/// Background work for the staff side: move spooled tickets into the database, regroup unanswered questions
/// into topics, and delete contacts and transcripts past their retention. Failures are logged and retried on the next round.
/// </summary>
public sealed class FeedbackUpkeep(IStaffStore store, IFeedbackStore tickets, TicketSpool spool, TopicGrouping topics, FeedbackUpkeepOptions options, TimeProvider clock, ILogger<FeedbackUpkeep> logger) : BackgroundService
{
    private readonly SemaphoreSlim regroup = new(0);

    /// <summary>Asks for a regrouping now (after staff handled a group, the list should not show it again).</summary>
    public void RegroupSoon() => regroup.Release();

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await spool.ReplayAsync(tickets, cancellationToken).ConfigureAwait(false) is > 0 and var replayed)
        {
            logger.LogInformation("Moved {Tickets} spooled tickets into the database", replayed);
        }
        var open = await store.OpenUnansweredAsync(options.GroupLimit, cancellationToken).ConfigureAwait(false);
        topics.Refresh(open, now);
        var (contacts, replies) = await store.PurgeAsync(now.AddDays(-options.ContactRetentionDays), now.AddDays(-options.TranscriptRetentionDays), cancellationToken).ConfigureAwait(false);
        if (contacts + replies > 0)
        {
            logger.LogInformation("Retention: deleted {Contacts} ticket contacts and {Replies} transcript replies", contacts, replies);
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
