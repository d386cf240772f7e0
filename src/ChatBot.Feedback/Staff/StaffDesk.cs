using ChatBot.Feedback.Tickets;

namespace ChatBot.Feedback.Staff;

public sealed record ReviewOutcome(bool Found, bool Delivered, string? Problem = null);

/// <summary>
/// What staff do with a queue item: write a reply (delivered to the resident's open conversation and kept for the
/// ticket code), mark it handled or out of scope. Every action is audited; stored and audited replies are redacted.
/// </summary>
public sealed class StaffDesk(IStaffStore store, IResidentNotifier notifier, TimeProvider clock)
{
    public const int MaxReplyChars = 2000;

    public async Task<ReviewOutcome> ReviewAsync(QueueItem item, string status, string? reply, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!ReviewStatus.IsKnown(status))
        {
            return new ReviewOutcome(true, false, "Trạng thái không hợp lệ.");
        }
        reply = string.IsNullOrWhiteSpace(reply) ? null : reply.Trim();
        if (reply is { Length: > MaxReplyChars })
        {
            return new ReviewOutcome(true, false, $"Câu trả lời dài quá {MaxReplyChars} ký tự.");
        }
        // What is kept (the ticket's reply, shown to whoever has the code, and the audit log) is redacted like
        // residents' text; the open conversation gets the reply as written, since it is not stored there.
        var kept = reply is null ? null : Redactor.Redact(reply);
        var now = clock.GetUtcNow();
        if (!await store.ReviewAsync(item.Type, item.Id, status, kept, actor, now, cancellationToken).ConfigureAwait(false))
        {
            return new ReviewOutcome(false, false, "Không tìm thấy mục này.");
        }
        var delivered = reply is not null && notifier.TryDeliver(new StaffMessage(item.ConversationId, item.Channel, reply, item.TicketCode));
        var details = kept is null ? $"status={status}" : $"status={status}; delivered={delivered}; reply={kept}";
        await store.AppendAuditAsync(new AuditEntry(now, actor, reply is null ? "set-status" : "reply", $"{item.Type}:{item.TicketCode ?? item.Id.ToString()}", details), cancellationToken).ConfigureAwait(false);
        return new ReviewOutcome(true, delivered);
    }

    /// <summary>Marks a whole group of unanswered questions at once, e.g. a topic that is out of scope.</summary>
    public async Task<int> ReviewGroupAsync(IReadOnlyList<Guid> questionIds, string status, string label, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questionIds);
        var now = clock.GetUtcNow();
        var changed = await store.ReviewQuestionsAsync(questionIds, status, actor, now, cancellationToken).ConfigureAwait(false);
        await store.AppendAuditAsync(new AuditEntry(now, actor, "set-status-group", $"topic:{label}", $"status={status}; questions={changed}"), cancellationToken).ConfigureAwait(false);
        return changed;
    }
}
