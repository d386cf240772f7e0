using ChatBot.Conversation;
using ChatBot.Conversation.Turns;
using ChatBot.Knowledge;

namespace ChatBot.UnitTests;

internal static class RememberedTurn
{
    /// <summary>One turn as the conversation service takes it: the assistant replies and the recorded question is remembered.</summary>
    public static (TurnOutput Output, ConversationState State) Take(Assistant assistant, ConversationState state, string text, KnowledgeState knowledge)
    {
        var (output, next) = assistant.Respond(state, new TurnInput { ConversationId = "c", Channel = "test", Text = text, At = DateTimeOffset.UnixEpoch }, knowledge);
        return (output, output.Record is { } record ? next.Remember(record) : next);
    }
}
