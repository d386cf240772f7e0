using ChatBot.Feedback.Tickets;
using Microsoft.EntityFrameworkCore;

namespace ChatBot.Storage;

/// <summary>Tickets and ratings in the relational database.</summary>
public sealed class SqlFeedbackStore(IDbContextFactory<ChatBotDbContext> contexts) : IFeedbackStore
{
    public async Task SaveTicketAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.Tickets.AnyAsync(t => t.Id == ticket.Id, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        db.Tickets.Add(ToEntity(ticket));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Ticket?> FindTicketAsync(string code, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Code == code, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToTicket(entity);
    }

    public async Task<Ticket?> GetTicketAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToTicket(entity);
    }

    public async Task<IReadOnlyList<Ticket>> TicketsOfConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Tickets.AsNoTracking().Where(t => t.ConversationId == conversationId)
            .OrderByDescending(t => t.CreatedAtUnixMs).Take(20).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToTicket).ToList();
    }

    public async Task<bool> RateTicketAsync(string code, int score, CancellationToken cancellationToken)
    {
        if (score is < 1 or > 5)
        {
            return false;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var changed = await db.Tickets
            .Where(t => t.Code == code && t.Status != ReviewStatus.Open && t.Satisfaction == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Satisfaction, score).SetProperty(t => t.SatisfactionAtUnixMs, now), cancellationToken)
            .ConfigureAwait(false);
        return changed == 1;
    }

    public async Task SaveRatingAsync(Rating rating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rating);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // A resident who changes their mind replaces their earlier rating of the same answer.
        await db.Ratings.Where(r => r.QuestionId == rating.QuestionId && r.ConversationId == rating.ConversationId)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        db.Ratings.Add(new RatingEntity
        {
            Id = rating.Id,
            AtUnixMs = rating.At.ToUnixTimeMilliseconds(),
            ConversationId = rating.ConversationId,
            Channel = rating.Channel,
            QuestionId = rating.QuestionId,
            Helpful = rating.Helpful,
            Comment = rating.Comment,
            DocumentId = rating.DocumentId,
            Facet = rating.Facet,
            // Only "not helpful" needs a person to look at it.
            Status = rating.Helpful ? ReviewStatus.Handled : rating.Status,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> CommentRatingAsync(Guid questionId, string comment, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var changed = await db.Ratings.Where(r => r.QuestionId == questionId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Comment, comment), cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    internal static TicketEntity ToEntity(Ticket t) => new()
    {
        Id = t.Id,
        Code = t.Code,
        CreatedAtUnixMs = t.CreatedAt.ToUnixTimeMilliseconds(),
        ConversationId = t.ConversationId,
        Channel = t.Channel,
        Question = t.Question,
        QuestionId = t.QuestionId,
        DocumentId = t.DocumentId,
        Contact = t.Contact,
        ContactDeletedAtUnixMs = t.ContactDeletedAt?.ToUnixTimeMilliseconds(),
        Status = t.Status,
        Reply = t.Reply,
        HandledAtUnixMs = t.HandledAt?.ToUnixTimeMilliseconds(),
        HandledBy = t.HandledBy,
        Satisfaction = t.Satisfaction,
    };

    internal static Ticket ToTicket(TicketEntity e) => new()
    {
        Id = e.Id,
        Code = e.Code,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(e.CreatedAtUnixMs),
        ConversationId = e.ConversationId,
        Channel = e.Channel,
        Question = e.Question,
        QuestionId = e.QuestionId,
        DocumentId = e.DocumentId,
        Contact = e.Contact,
        ContactDeletedAt = e.ContactDeletedAtUnixMs is { } deleted ? DateTimeOffset.FromUnixTimeMilliseconds(deleted) : null,
        Status = e.Status,
        Reply = e.Reply,
        HandledAt = e.HandledAtUnixMs is { } handled ? DateTimeOffset.FromUnixTimeMilliseconds(handled) : null,
        HandledBy = e.HandledBy,
        Satisfaction = e.Satisfaction,
    };
}
