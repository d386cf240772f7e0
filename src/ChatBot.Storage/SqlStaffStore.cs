using ChatBot.Feedback.Staff;
using ChatBot.Feedback.Tickets;
using Microsoft.EntityFrameworkCore;

namespace ChatBot.Storage;

/// <summary>Staff accounts, the audit log and the review queue in the relational database.</summary>
public sealed class SqlStaffStore(IDbContextFactory<ChatBotDbContext> contexts) : IStaffStore
{
    public async Task<StaffAccount?> FindAccountAsync(string userName, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.StaffAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.UserName == userName, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToAccount(entity);
    }

    public async Task<bool> AddAccountAsync(StaffAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.StaffAccounts.AnyAsync(a => a.UserName == account.UserName, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        db.StaffAccounts.Add(ToEntity(account));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task UpdateAccountAsync(StaffAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.StaffAccounts.Update(ToEntity(account));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int?> ReserveSignInCheckAsync(string userName, int maxChecks, DateTimeOffset now, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        var at = now.ToUnixTimeMilliseconds();
        var window = windowStart.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // One statement: SQLite (and PostgreSQL) apply it atomically, so parallel attempts each see the count
        // the one before them left and no more than maxChecks of them reach the password hash.
        var rows = await db.Database.SqlQuery<int>($"""
            UPDATE staff_accounts SET
                FailedSignIns = CASE
                    WHEN LockedUntilUnixMs IS NOT NULL OR LastSignInAttemptUnixMs IS NULL OR LastSignInAttemptUnixMs < {window} THEN 1
                    ELSE FailedSignIns + 1 END,
                LockedUntilUnixMs = NULL,
                LastSignInAttemptUnixMs = {at}
            WHERE UserName = {userName} AND Disabled = 0
                AND (LockedUntilUnixMs IS NULL OR LockedUntilUnixMs <= {at})
                AND (FailedSignIns < {maxChecks} OR LockedUntilUnixMs IS NOT NULL OR LastSignInAttemptUnixMs IS NULL OR LastSignInAttemptUnixMs < {window})
            RETURNING FailedSignIns AS Value
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count == 1 ? rows[0] : null;
    }

    public async Task ReleaseSignInCheckAsync(string userName, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.StaffAccounts.Where(a => a.UserName == userName && a.FailedSignIns > 0)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.FailedSignIns, a => a.FailedSignIns - 1), cancellationToken).ConfigureAwait(false);
    }

    public async Task LockAccountAsync(string userName, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var lockUntil = until.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.StaffAccounts.Where(a => a.UserName == userName)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.LockedUntilUnixMs, lockUntil), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RenewSecurityStampAsync(string userName, CancellationToken cancellationToken)
    {
        var stamp = StaffAccount.NewSecurityStamp();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.StaffAccounts.Where(a => a.UserName == userName)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.SecurityStamp, stamp), cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<StaffAccount>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.StaffAccounts.AsNoTracking().OrderBy(a => a.UserName).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToAccount).ToList();
    }

    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Audit.Add(new AuditEntity
        {
            AtUnixMs = entry.At.ToUnixTimeMilliseconds(),
            Actor = entry.Actor,
            Action = entry.Action,
            Target = Truncate(entry.Target, 200),
            Details = Truncate(entry.Details, 4000),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Audit.AsNoTracking().OrderByDescending(a => a.Id).Skip(skip).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(a => new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(a.AtUnixMs), a.Actor, a.Action, a.Target, a.Details)).ToList();
    }

    /// <summary>
    /// Each kind of item comes from its own table through its (status, time) index; only the rows that can reach
    /// the requested page are read from each, then merged, so a deep backlog does not slow the first pages.
    /// </summary>
    public async Task<QueuePage> QueueAsync(QueueQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var reach = page * size;
        var from = query.From?.ToUnixTimeMilliseconds() ?? long.MinValue;
        var to = query.To?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        var items = new List<QueueItem>();
        var total = 0;
        if (query.Type is null or QueueItemTypes.Ticket)
        {
            var tickets = db.Tickets.AsNoTracking().Where(t => t.CreatedAtUnixMs >= from && t.CreatedAtUnixMs <= to);
            tickets = query.Status is { } status ? tickets.Where(t => t.Status == status) : tickets;
            tickets = query.DocumentId is { } document ? tickets.Where(t => t.DocumentId == document) : tickets;
            tickets = query.Channel is { } channel ? tickets.Where(t => t.Channel == channel) : tickets;
            total += await tickets.CountAsync(cancellationToken).ConfigureAwait(false);
            var rows = await tickets.OrderByDescending(t => t.CreatedAtUnixMs).Take(reach).ToListAsync(cancellationToken).ConfigureAwait(false);
            items.AddRange(rows.Select(ToItem));
        }
        if (query.Type is null or QueueItemTypes.Unanswered)
        {
            var questions = db.Questions.AsNoTracking().Where(q => q.ReviewStatus != null && q.AtUnixMs >= from && q.AtUnixMs <= to);
            questions = query.Status is { } status ? questions.Where(q => q.ReviewStatus == status) : questions;
            questions = query.DocumentId is { } document ? questions.Where(q => q.DocumentId == document) : questions;
            questions = query.Channel is { } channel ? questions.Where(q => q.Channel == channel) : questions;
            total += await questions.CountAsync(cancellationToken).ConfigureAwait(false);
            var rows = await questions.OrderByDescending(q => q.AtUnixMs).Take(reach).ToListAsync(cancellationToken).ConfigureAwait(false);
            items.AddRange(rows.Select(ToItem));
        }
        if (query.Type is null or QueueItemTypes.Rating)
        {
            var ratings = db.Ratings.AsNoTracking().Where(r => !r.Helpful && r.AtUnixMs >= from && r.AtUnixMs <= to);
            ratings = query.Status is { } status ? ratings.Where(r => r.Status == status) : ratings;
            ratings = query.DocumentId is { } document ? ratings.Where(r => r.DocumentId == document) : ratings;
            ratings = query.Channel is { } channel ? ratings.Where(r => r.Channel == channel) : ratings;
            total += await ratings.CountAsync(cancellationToken).ConfigureAwait(false);
            var rows = await ratings.OrderByDescending(r => r.AtUnixMs).Take(reach)
                .Select(r => new { Rating = r, Question = db.Questions.Where(q => q.Id == r.QuestionId).Select(q => q.Text).FirstOrDefault() })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            items.AddRange(rows.Select(r => ToItem(r.Rating, r.Question)));
        }
        var pageItems = items.OrderByDescending(i => i.At).Skip((page - 1) * size).Take(size).ToList();
        return new QueuePage(pageItems, total, page, size);
    }

    public async Task<QueueItem?> FindItemAsync(string type, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        switch (type)
        {
            case QueueItemTypes.Ticket:
                var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
                return ticket is null ? null : ToItem(ticket);
            case QueueItemTypes.Unanswered:
                var question = await db.Questions.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, cancellationToken).ConfigureAwait(false);
                return question is null ? null : ToItem(question);
            case QueueItemTypes.Rating:
                var rating = await db.Ratings.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
                if (rating is null)
                {
                    return null;
                }
                var text = await db.Questions.AsNoTracking().Where(q => q.Id == rating.QuestionId).Select(q => q.Text).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                return ToItem(rating, text);
            default:
                return null;
        }
    }

    public async Task<IReadOnlyList<OpenQuestion>> OpenUnansweredAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Questions.AsNoTracking().Where(q => q.ReviewStatus == ReviewStatus.Open)
            .OrderByDescending(q => q.AtUnixMs).Take(limit)
            .Select(q => new { q.Id, q.AtUnixMs, q.Text })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new OpenQuestion(r.Id, DateTimeOffset.FromUnixTimeMilliseconds(r.AtUnixMs), r.Text)).ToList();
    }

    public async Task<IReadOnlyList<TranscriptLine>> TranscriptAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var questions = await db.Questions.AsNoTracking().Where(q => q.ConversationId == conversationId)
            .OrderBy(q => q.AtUnixMs).Take(500)
            .Select(q => new { q.AtUnixMs, q.Text, q.Reply, q.StaffReply, q.ReviewedAtUnixMs })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.ConversationId == conversationId && t.Reply != null)
            .Select(t => new { t.HandledAtUnixMs, t.Reply, t.Code })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var lines = new List<TranscriptLine>();
        foreach (var q in questions)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(q.AtUnixMs);
            lines.Add(new TranscriptLine(at, TranscriptRoles.Resident, q.Text));
            if (q.Reply is { Length: > 0 } reply)
            {
                lines.Add(new TranscriptLine(at, TranscriptRoles.Bot, reply));
            }
            if (q.StaffReply is { Length: > 0 } staffReply)
            {
                lines.Add(new TranscriptLine(DateTimeOffset.FromUnixTimeMilliseconds(q.ReviewedAtUnixMs ?? q.AtUnixMs), TranscriptRoles.Staff, staffReply));
            }
        }
        lines.AddRange(tickets.Select(t => new TranscriptLine(DateTimeOffset.FromUnixTimeMilliseconds(t.HandledAtUnixMs ?? 0), TranscriptRoles.Staff, $"[{t.Code}] {t.Reply}")));
        return lines.OrderBy(l => l.At).ToList();
    }

    public async Task<bool> ReviewAsync(string type, Guid id, string status, string? reply, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var when = at.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var changed = type switch
        {
            QueueItemTypes.Ticket => await db.Tickets.Where(t => t.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(t => t.Status, status)
                .SetProperty(t => t.Reply, t => reply ?? t.Reply)
                .SetProperty(t => t.HandledAtUnixMs, t => status == ReviewStatus.Open ? null : t.HandledAtUnixMs ?? when)
                .SetProperty(t => t.HandledBy, by), cancellationToken).ConfigureAwait(false),
            QueueItemTypes.Unanswered => await db.Questions.Where(q => q.Id == id && q.ReviewStatus != null).ExecuteUpdateAsync(u => u
                .SetProperty(q => q.ReviewStatus, status)
                .SetProperty(q => q.StaffReply, q => reply ?? q.StaffReply)
                .SetProperty(q => q.ReviewedAtUnixMs, when)
                .SetProperty(q => q.ReviewedBy, by), cancellationToken).ConfigureAwait(false),
            QueueItemTypes.Rating => await db.Ratings.Where(r => r.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.ReviewedAtUnixMs, when)
                .SetProperty(r => r.ReviewedBy, by), cancellationToken).ConfigureAwait(false),
            _ => 0,
        };
        return changed == 1;
    }

    public async Task<int> ReviewQuestionsAsync(IReadOnlyList<Guid> ids, string status, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var when = at.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var changed = 0;
        foreach (var chunk in ids.Chunk(500))
        {
            changed += await db.Questions.Where(q => chunk.Contains(q.Id) && q.ReviewStatus == ReviewStatus.Open).ExecuteUpdateAsync(u => u
                .SetProperty(q => q.ReviewStatus, status)
                .SetProperty(q => q.ReviewedAtUnixMs, when)
                .SetProperty(q => q.ReviewedBy, by), cancellationToken).ConfigureAwait(false);
        }
        return changed;
    }

    public async Task<int> PurgeAsync(RetentionTarget target, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var cutoff = before.ToUnixTimeMilliseconds();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        const string deleted = Retention.DeletedText;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        switch (target)
        {
            case RetentionTarget.TicketContacts:
                return await db.Tickets
                    .Where(t => t.Contact != null && t.Status != ReviewStatus.Open && t.HandledAtUnixMs < cutoff)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.Contact, (string?)null).SetProperty(t => t.ContactDeletedAtUnixMs, now), cancellationToken).ConfigureAwait(false);
            case RetentionTarget.BotReplies:
                return await db.Questions
                    .Where(q => q.Reply != null && q.AtUnixMs < cutoff)
                    .ExecuteUpdateAsync(u => u.SetProperty(q => q.Reply, (string?)null), cancellationToken).ConfigureAwait(false);
            case RetentionTarget.QuestionTexts:
                // Items still waiting for staff keep their text; the rows stay so reports keep their counts.
                var questions = await db.Questions
                    .Where(q => q.Text != deleted && q.AtUnixMs < cutoff && (q.ReviewStatus == null || q.ReviewStatus != ReviewStatus.Open))
                    .ExecuteUpdateAsync(u => u.SetProperty(q => q.Text, deleted), cancellationToken).ConfigureAwait(false);
                var tickets = await db.Tickets
                    .Where(t => t.Question != deleted && t.CreatedAtUnixMs < cutoff && t.Status != ReviewStatus.Open)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.Question, deleted), cancellationToken).ConfigureAwait(false);
                return questions + tickets;
            case RetentionTarget.StaffReplies:
                var questionReplies = await db.Questions
                    .Where(q => q.StaffReply != null && q.ReviewedAtUnixMs < cutoff)
                    .ExecuteUpdateAsync(u => u.SetProperty(q => q.StaffReply, (string?)null), cancellationToken).ConfigureAwait(false);
                var ticketReplies = await db.Tickets
                    .Where(t => t.Reply != null && t.HandledAtUnixMs < cutoff)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.Reply, (string?)null), cancellationToken).ConfigureAwait(false);
                return questionReplies + ticketReplies;
            case RetentionTarget.AuditDetails:
                return await db.Audit
                    .Where(a => a.Details != "" && a.AtUnixMs < cutoff)
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.Details, ""), cancellationToken).ConfigureAwait(false);
            case RetentionTarget.RatingComments:
                return await db.Ratings
                    .Where(r => r.Comment != null && r.AtUnixMs < cutoff)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.Comment, (string?)null), cancellationToken).ConfigureAwait(false);
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "Unknown retention target.");
        }
    }

    private static QueueItem ToItem(TicketEntity t) => new()
    {
        Type = QueueItemTypes.Ticket,
        Id = t.Id,
        At = DateTimeOffset.FromUnixTimeMilliseconds(t.CreatedAtUnixMs),
        ConversationId = t.ConversationId,
        Channel = t.Channel,
        Text = t.Question,
        Status = t.Status,
        DocumentId = t.DocumentId,
        TicketCode = t.Code,
        Reply = t.Reply,
        HandledBy = t.HandledBy,
        HandledAt = t.HandledAtUnixMs is { } handled ? DateTimeOffset.FromUnixTimeMilliseconds(handled) : null,
        HasContact = t.Contact is not null,
        QuestionId = t.QuestionId,
    };

    private static QueueItem ToItem(QuestionEntity q) => new()
    {
        Type = QueueItemTypes.Unanswered,
        Id = q.Id,
        At = DateTimeOffset.FromUnixTimeMilliseconds(q.AtUnixMs),
        ConversationId = q.ConversationId,
        Channel = q.Channel,
        Text = q.Text,
        Status = q.ReviewStatus ?? ReviewStatus.Handled,
        DocumentId = q.DocumentId,
        Reply = q.StaffReply,
        HandledBy = q.ReviewedBy,
        HandledAt = q.ReviewedAtUnixMs is { } reviewed ? DateTimeOffset.FromUnixTimeMilliseconds(reviewed) : null,
        QuestionId = q.Id,
    };

    private static QueueItem ToItem(RatingEntity r, string? question) => new()
    {
        Type = QueueItemTypes.Rating,
        Id = r.Id,
        At = DateTimeOffset.FromUnixTimeMilliseconds(r.AtUnixMs),
        ConversationId = r.ConversationId,
        Channel = r.Channel,
        Text = question ?? "",
        Status = r.Status,
        DocumentId = r.DocumentId,
        Comment = r.Comment,
        HandledBy = r.ReviewedBy,
        HandledAt = r.ReviewedAtUnixMs is { } reviewed ? DateTimeOffset.FromUnixTimeMilliseconds(reviewed) : null,
        QuestionId = r.QuestionId,
    };

    private static StaffAccount ToAccount(StaffAccountEntity e) => new()
    {
        UserName = e.UserName,
        DisplayName = e.DisplayName,
        Role = e.Role,
        PasswordHash = e.PasswordHash,
        FailedSignIns = e.FailedSignIns,
        LockedUntil = e.LockedUntilUnixMs is { } locked ? DateTimeOffset.FromUnixTimeMilliseconds(locked) : null,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(e.CreatedAtUnixMs),
        SecurityStamp = e.SecurityStamp,
        Disabled = e.Disabled,
    };

    private static StaffAccountEntity ToEntity(StaffAccount a) => new()
    {
        UserName = a.UserName,
        DisplayName = a.DisplayName,
        Role = a.Role,
        PasswordHash = a.PasswordHash,
        FailedSignIns = a.FailedSignIns,
        LockedUntilUnixMs = a.LockedUntil?.ToUnixTimeMilliseconds(),
        CreatedAtUnixMs = a.CreatedAt.ToUnixTimeMilliseconds(),
        SecurityStamp = a.SecurityStamp,
        Disabled = a.Disabled,
    };

    private static string Truncate(string text, int max) => text.Length > max ? text[..max] : text;
}
