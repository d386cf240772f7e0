using System.Collections.Concurrent;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge;

namespace ChatBot.Conversation;

/// <summary>Where conversation state lives between turns (in memory now; shared storage for several hosts later).</summary>
public interface IConversationStateStore
{
    ConversationState Get(string conversationId);

    void Set(string conversationId, ConversationState state);
}

/// <summary>Conversation state in this process, forgotten after a quiet period.</summary>
public sealed class InMemoryConversationStateStore(TimeProvider clock, TimeSpan idleLifetime) : IConversationStateStore
{
    private readonly ConcurrentDictionary<string, (ConversationState State, DateTimeOffset Touched)> states = new(StringComparer.Ordinal);
    private long operations;

    public ConversationState Get(string conversationId) =>
        states.TryGetValue(conversationId, out var entry) && clock.GetUtcNow() - entry.Touched < idleLifetime ? entry.State : ConversationState.New;

    public void Set(string conversationId, ConversationState state)
    {
        states[conversationId] = (state, clock.GetUtcNow());
        if (Interlocked.Increment(ref operations) % 1024 == 0)
        {
            var cutoff = clock.GetUtcNow() - idleLifetime;
            foreach (var stale in states.Where(kv => kv.Value.Touched < cutoff))
            {
                states.TryRemove(stale.Key, out _);
            }
        }
    }
}

/// <summary>
/// Runs one turn: loads the conversation's state, lets the feedback dialog (tickets, ratings) or else the assistant
/// reply, saves the new state and hands the question record to the log. Channels (Direct Line, /api/messages, the
/// CLI) all come through here.
/// </summary>
public sealed class ConversationService(Assistant assistant, FeedbackDialog dialog, KnowledgeBase knowledge, IConversationStateStore states, QuestionLog log)
{
    private const int MaxStoredReplyChars = 4000;

    public async ValueTask<TurnOutput> HandleAsync(TurnInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = states.Get(input.ConversationId);
        var (output, next) = await dialog.TryHandleAsync(state, input, cancellationToken).ConfigureAwait(false)
            ?? assistant.Respond(state, input, knowledge.Current);
        if (output.Record is { } question)
        {
            var reply = output.Text;
            var record = question with { Reply = reply.Length > MaxStoredReplyChars ? reply[..MaxStoredReplyChars] : reply };
            log.Enqueue(record);
            next = next.Remember(record);
            output = output with { Record = record, RateableQuestionId = output.Kind == AnswerKinds.Answer ? record.Id : null };
        }
        states.Set(input.ConversationId, next);
        return output;
    }

    /// <summary>For callers without an async context (the CLI); turns that touch no store complete synchronously.</summary>
    public TurnOutput Handle(TurnInput input)
    {
        var pending = HandleAsync(input);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }
}
