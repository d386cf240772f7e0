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
            // A ticket still in the spool (the database was down when it was opened) is found at once.
            var ticket = needs.TicketCode is { } code ? await store.FindTicketAsync(code, cancellationToken).ConfigureAwait(false) ?? spool.FindTicket(code) : null;
            var tickets = needs.ConversationTickets ? await store.TicketsOfConversationAsync(conversationId, cancellationToken).ConfigureAwait(false) : [];
            return new TurnLookups(ticket, tickets);
        }
#pragma warning disable CA1031 // A storage failure becomes an apology to the resident, never a failed turn.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            StoreFailed?.Invoke(ex);
            if (needs.TicketCode is { } code && spool.FindTicket(code) is { } spooled)
            {
                return new TurnLookups(spooled, []);
            }
            return new TurnLookups(null, [], Failed: true);
        }
    }

    /// <returns>False when an effect could not be carried out, not even into the spool.</returns>
    public async Task<bool> CarryOutAsync(IReadOnlyList<TurnEffect> effects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(effects);
        foreach (var effect in effects)
        {
            // What the store cannot take goes to the spool (on disk) and reaches the store once it is back, so the
            // resident who was given a code or thanked for a rating never loses it.
            var done = effect switch
            {
                OpenTicket open => await TryAsync(() => store.SaveTicketAsync(open.Ticket, cancellationToken)).ConfigureAwait(false)
                    || await SpoolAsync(new SpoolEntry { Kind = SpoolEntry.TicketKind, Ticket = open.Ticket }, cancellationToken).ConfigureAwait(false),
                SaveRating rating => await TryAsync(() => store.SaveRatingAsync(rating.Rating, cancellationToken)).ConfigureAwait(false)
                    || await SpoolAsync(new SpoolEntry { Kind = SpoolEntry.RatingKind, Rating = rating.Rating }, cancellationToken).ConfigureAwait(false),
                CommentRating comment => await TryAsync(() => store.CommentRatingAsync(comment.QuestionId, comment.Comment, cancellationToken)).ConfigureAwait(false)
                    || await SpoolAsync(new SpoolEntry { Kind = SpoolEntry.CommentKind, QuestionId = comment.QuestionId, Comment = comment.Comment }, cancellationToken).ConfigureAwait(false),
                ScoreTicket score => await TryAsync(() => store.RateTicketAsync(score.Code, score.Score, cancellationToken)).ConfigureAwait(false)
                    || await SpoolAsync(new SpoolEntry { Kind = SpoolEntry.ScoreKind, Code = score.Code, Score = score.Score }, cancellationToken).ConfigureAwait(false),
                _ => throw new InvalidOperationException($"unknown effect {effect.GetType().Name}"),
            };
            if (!done)
            {
                return false;
            }
        }
        return true;
    }

    private Task<bool> SpoolAsync(SpoolEntry entry, CancellationToken cancellationToken) =>
        TryAsync(() => Task.Run(() => spool.Append(entry), cancellationToken));

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
