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
        if (db.Database.IsSqlite())
        {
            await InsertSqliteAsync(db, records, cancellationToken).ConfigureAwait(false);
            return;
        }
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

    /// <summary>
    /// One prepared statement in one transaction: under load the EF change tracker cost more per record than the
    /// rest of a resident's turn. ON CONFLICT keeps replays idempotent without a lookup.
    /// </summary>
    private static async Task InsertSqliteAsync(ChatBotDbContext db, IReadOnlyList<QuestionRecord> records, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO questions ("Id", "AtUnixMs", "ConversationId", "Channel", "Text", "Kind", "Answered", "DocumentId", "Facet", "Reason", "CandidatesJson", "Reply", "ReviewStatus", "LlmOutcome", "LlmTokens", "LlmCost")
            VALUES (@id, @at, @conversation, @channel, @text, @kind, @answered, @document, @facet, @reason, @candidates, @reply, @review, @llmOutcome, @llmTokens, @llmCost)
            ON CONFLICT ("Id") DO NOTHING
            """;
        string[] names = ["@id", "@at", "@conversation", "@channel", "@text", "@kind", "@answered", "@document", "@facet", "@reason", "@candidates", "@reply", "@review", "@llmOutcome", "@llmTokens", "@llmCost"];
        var parameters = names.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        foreach (var entity in records.Select(ToEntity))
        {
            // EF Core's SQLite provider stores a Guid as upper-case text; rows written here must read back the same.
            object?[] values = [entity.Id.ToString("D").ToUpperInvariant(), entity.AtUnixMs, entity.ConversationId, entity.Channel, entity.Text, entity.Kind, entity.Answered, entity.DocumentId, entity.Facet, entity.Reason, entity.CandidatesJson, entity.Reply, entity.ReviewStatus, entity.LlmOutcome, entity.LlmTokens, entity.LlmCost];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
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
        Reply = r.Reply is { Length: > 4000 } reply ? reply[..4000] : r.Reply,
        // Only questions the bot could not answer wait for a person.
        ReviewStatus = r.Kind == AnswerKinds.NoAnswer ? Feedback.Tickets.ReviewStatus.Open : null,
        LlmOutcome = r.Llm?.Outcome,
        LlmTokens = r.Llm?.Tokens ?? 0,
        LlmCost = r.Llm?.Cost ?? 0,
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
        Reply = e.Reply,
        Llm = e.LlmOutcome is { } outcome ? new LlmUse(outcome, e.LlmTokens, e.LlmCost) : null,
    };
}
