using ChatBot.Conversation.Turns;
using ChatBot.Feedback.Tickets;

namespace ChatBot.Conversation;

/// <summary>
/// Reads what a turn needs and carries out the writes it asks for: the one place the conversation touches the
/// feedback store. A failure becomes a false result (the turn's fallback reply), never an exception.
/// </summary>
public sealed class TurnEffects(IFeedbackStore store, TicketSpool spool)
{
    /// <summary>Raised when the store fails; the resident gets an apology and the question stays in the question log.</summary>
    public event Action<Exception>? StoreFailed;

    public async Task<TurnLookups> LoadAsync(TurnNeeds needs, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(needs);
        if (!needs.Any)
        {
            return TurnLookups.None;
        }
        try
        {
            var ticket = needs.TicketCode is { } code ? await store.FindTicketAsync(code, cancellationToken).ConfigureAwait(false) : null;
            var tickets = needs.ConversationTickets ? await store.TicketsOfConversationAsync(conversationId, cancellationToken).ConfigureAwait(false) : [];
            return new TurnLookups(ticket, tickets);
        }
#pragma warning disable CA1031 // A storage failure becomes an apology to the resident, never a failed turn.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            StoreFailed?.Invoke(ex);
            return new TurnLookups(null, [], Failed: true);
        }
    }

    /// <returns>False when an effect could not be carried out, not even into the spool.</returns>
    public async Task<bool> CarryOutAsync(IReadOnlyList<TurnEffect> effects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(effects);
        foreach (var effect in effects)
        {
            var done = effect switch
            {
                // A resident who was given a code never loses the question: the spool keeps it until the store is back.
                OpenTicket open => await TryAsync(() => store.SaveTicketAsync(open.Ticket, cancellationToken)).ConfigureAwait(false)
                    || await TryAsync(() => Task.Run(() => spool.Append(open.Ticket), cancellationToken)).ConfigureAwait(false),
                SaveRating rating => await TryAsync(() => store.SaveRatingAsync(rating.Rating, cancellationToken)).ConfigureAwait(false),
                CommentRating comment => await TryAsync(() => store.CommentRatingAsync(comment.QuestionId, comment.Comment, cancellationToken)).ConfigureAwait(false),
                ScoreTicket score => await TryAsync(() => store.RateTicketAsync(score.Code, score.Score, cancellationToken)).ConfigureAwait(false),
                _ => throw new InvalidOperationException($"unknown effect {effect.GetType().Name}"),
            };
            if (!done)
            {
                return false;
            }
        }
        return true;
    }

    private async Task<bool> TryAsync(Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // A storage failure becomes an apology to the resident, never a failed turn.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            StoreFailed?.Invoke(ex);
            return false;
        }
    }
}
