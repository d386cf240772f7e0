using System.Text.Json;
using ChatBot.Feedback;
using Microsoft.EntityFrameworkCore;

namespace ChatBot.Storage;

/// <summary>Question records in the relational database through EF Core.</summary>
public sealed class SqlQuestionStore(IDbContextFactory<ChatBotDbContext> contexts) : IQuestionStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SaveAsync(IReadOnlyList<QuestionRecord> records, bool mayRepeat, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        IEnumerable<QuestionRecord> fresh = records.DistinctBy(r => r.Id);
        if (mayRepeat)
        {
            // Replayed spool records may already be stored: writes are idempotent by id.
            var ids = records.Select(r => r.Id).ToList();
            var existing = (await db.Questions.Where(q => ids.Contains(q.Id)).Select(q => q.Id).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
            fresh = fresh.Where(r => !existing.Contains(r.Id));
        }
        db.Questions.AddRange(fresh.Select(ToEntity));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<QuestionRecord>> ListAsync(QuestionQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = db.Questions.AsNoTracking();
        if (query.Answered is { } answered)
        {
            rows = rows.Where(q => q.Answered == answered);
        }
        if (query.ConversationId is { } conversation)
        {
            rows = rows.Where(q => q.ConversationId == conversation);
        }
        var list = await rows.OrderByDescending(q => q.AtUnixMs).Take(query.Limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return list.Select(ToRecord).ToList();
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false);
    }

    private static QuestionEntity ToEntity(QuestionRecord r) => new()
    {
        Id = r.Id,
        AtUnixMs = r.At.ToUnixTimeMilliseconds(),
        ConversationId = r.ConversationId,
        Channel = r.Channel,
        Text = r.Text.Length > 4000 ? r.Text[..4000] : r.Text,
        Kind = r.Kind,
        Answered = r.Answered,
        DocumentId = r.DocumentId,
        Facet = r.Facet,
        Reason = r.Reason,
        CandidatesJson = JsonSerializer.Serialize(r.Candidates, Json),
    };

    private static QuestionRecord ToRecord(QuestionEntity e) => new()
    {
        Id = e.Id,
        At = DateTimeOffset.FromUnixTimeMilliseconds(e.AtUnixMs),
        ConversationId = e.ConversationId,
        Channel = e.Channel,
        Text = e.Text,
        Kind = e.Kind,
        DocumentId = e.DocumentId,
        Facet = e.Facet,
        Reason = e.Reason,
        Candidates = JsonSerializer.Deserialize<List<CandidateScore>>(e.CandidatesJson, Json) ?? [],
    };
}
