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
/// Runs one turn for any channel: load the conversation's state and what the turn needs to read, call the pure
/// <see cref="TurnEngine"/>, carry out its effects, save the state and hand the question record to the log.
/// Channels (Direct Line, the CLI, later /api/messages and Zalo) only map their messages in and out.
/// </summary>
/// <param name="model">The language model when one is configured (Llm:Provider); null keeps the retrieval answer alone.</param>
public sealed class ConversationService(TurnEngine engine, TurnEffects effects, KnowledgeBase knowledge, IConversationStateStore states, QuestionLog log, Llm.ILanguageModel? model = null)
{
    public async ValueTask<TurnOutput> HandleAsync(TurnInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = states.Get(input.ConversationId);
        var needs = engine.Needs(state, input);
        var lookups = needs.Any ? await effects.LoadAsync(needs, input.ConversationId, cancellationToken).ConfigureAwait(false) : TurnLookups.None;
        var result = model is null
            ? engine.NextTurn(state, input, knowledge.Current, lookups)
            : await engine.NextTurnAsync(state, input, knowledge.Current, lookups, model, cancellationToken).ConfigureAwait(false);
        var output = result.Output;
        if (result.Effects.Count > 0 && !await effects.CarryOutAsync(result.Effects, cancellationToken).ConfigureAwait(false))
        {
            output = result.IfEffectsFail ?? output;
        }
        if (result.Output.Record is { } record)
        {
            // Before the reply goes out: an acknowledged question is on the disk (the log's journal).
            await log.AppendAsync(record).ConfigureAwait(false);
        }
        states.Set(input.ConversationId, result.State);
        return output;
    }

    /// <summary>For callers without an async context (the CLI); turns that touch no store complete synchronously.</summary>
    public TurnOutput Handle(TurnInput input)
    {
        var pending = HandleAsync(input);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A staff reply asked the resident for a satisfaction score: a typed number in this conversation answers it.</summary>
    public void AwaitScore(string conversationId, string ticketCode) =>
        states.Set(conversationId, states.Get(conversationId) with { AwaitingScoreFor = ticketCode });

    /// <summary>When a turn failed unexpectedly: the apology to send, with the question kept in the log.</summary>
    public async Task<TurnOutput> FailedAsync(TurnInput input)
    {
        var output = engine.Failed(input);
        await log.AppendAsync(output.Record!).ConfigureAwait(false);
        return output;
    }
}
