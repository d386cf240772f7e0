using System.Collections.Concurrent;

namespace ChatBot.Host.DirectLine;

/// <summary>
/// The Direct Line conversations this host holds in memory, forgotten after they are idle for the configured
/// time (transcripts are kept only as long as configured).
/// </summary>
public sealed class ConversationRegistry(DirectLineOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> conversations = new(StringComparer.Ordinal);

    public DirectLineConversation GetOrCreate(string conversationId, string userId) =>
        conversations.GetOrAdd(conversationId, id => new DirectLineConversation(id, userId, options.MaxActivitiesPerConversation, clock));

    public DirectLineConversation? Find(string conversationId) => conversations.GetValueOrDefault(conversationId);

    /// <summary>Ends every live stream (the host is stopping): each socket gets a close frame and its client resumes by watermark.</summary>
    public void CloseAllStreams()
    {
        foreach (var conversation in conversations.Values)
        {
            conversation.CloseStreams();
        }
    }

    /// <summary>Drops conversations idle for longer than the configured time; returns how many.</summary>
    public int Expire()
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromMinutes(options.ConversationIdleMinutes);
        var removed = 0;
        foreach (var (id, conversation) in conversations)
        {
            if (conversation.LastActive < cutoff && conversations.TryRemove(id, out _))
            {
                conversation.CloseStreams();
                removed++;
            }
        }
        return removed;
    }
}
