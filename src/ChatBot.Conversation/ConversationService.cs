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
/// Runs one turn: loads the conversation's state, asks the assistant, saves the new state and hands the
/// question record to the log. Channels (Direct Line, /api/messages, the CLI) all come through here.
/// </summary>
public sealed class ConversationService(Assistant assistant, KnowledgeBase knowledge, IConversationStateStore states, QuestionLog log)
{
    public TurnOutput Handle(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = states.Get(input.ConversationId);
        var (output, next) = assistant.Respond(state, input, knowledge.Current);
        states.Set(input.ConversationId, next);
        if (output.Record is not null)
        {
            log.Enqueue(output.Record);
        }
        return output;
    }
}
