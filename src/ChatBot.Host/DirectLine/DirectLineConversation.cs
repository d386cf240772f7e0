using System.Globalization;
using System.Threading.Channels;

namespace ChatBot.Host.DirectLine;

/// <summary>
/// One Direct Line conversation: an append-only activity log with monotonic ids, timestamps and watermarks,
/// and the live streams listening to it. Typing indicators go to streams only, as on the real service.
/// </summary>
public sealed class DirectLineConversation(string id, string userId, int maxActivities, TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly List<(long Seq, Activity Activity)> log = [];
    private readonly Dictionary<string, string> byClientId = new(StringComparer.Ordinal);
    private readonly List<Channel<ActivitySet>> streams = [];
    private long sequence;
    private DateTimeOffset lastTimestamp = DateTimeOffset.MinValue;

    public string Id { get; } = id;

    public string UserId { get; } = userId;

    /// <summary>
    /// This host's address as the resident's page reached it; links to the host's own files (/tai-lieu/…) are made
    /// absolute with it, since Web Chat runs inside the town's website, on another origin.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Set by the first start-conversation call; the greeting is sent once.</summary>
    public bool Started { get; private set; }

    public DateTimeOffset LastActive { get; private set; } = clock.GetUtcNow();

    /// <summary>Marks the conversation started; true only for the call that started it.</summary>
    public bool TryStart()
    {
        lock (gate)
        {
            if (Started)
            {
                return false;
            }
            Started = true;
            return true;
        }
    }

    /// <summary>
    /// Appends a resident's activity, or returns the stored one when Web Chat re-posts the same message
    /// (same clientActivityID) so it is not processed twice.
    /// </summary>
    public (Activity Stored, bool Duplicate) AppendFromUser(Activity activity)
    {
        lock (gate)
        {
            if (activity.ClientActivityId is { } clientId && byClientId.TryGetValue(clientId, out var existingId))
            {
                var existing = log.FirstOrDefault(e => e.Activity.Id == existingId).Activity ?? activity;
                return (existing, true);
            }
            var stored = AppendLocked(activity);
            if (activity.ClientActivityId is { } newClientId)
            {
                byClientId[newClientId] = stored.Id!;
            }
            return (stored, false);
        }
    }

    public Activity Append(Activity activity)
    {
        lock (gate)
        {
            return AppendLocked(activity);
        }
    }

    private Activity AppendLocked(Activity activity)
    {
        sequence++;
        var now = clock.GetUtcNow();
        // Web Chat orders by timestamp: keep them strictly increasing within a conversation.
        lastTimestamp = now > lastTimestamp ? now : lastTimestamp.AddTicks(10);
        activity.Id = $"{Id}|{sequence:D7}";
        activity.Timestamp = lastTimestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        activity.ChannelId = "directline";
        activity.Conversation = new ConversationAccount { Id = Id };
        log.Add((sequence, activity));
        if (log.Count > maxActivities)
        {
            log.RemoveRange(0, log.Count - maxActivities);
        }
        LastActive = now;
        Broadcast(new ActivitySet([activity], sequence.ToString(CultureInfo.InvariantCulture)));
        return activity;
    }

    /// <summary>Sends an activity to live streams without storing it (typing indicators).</summary>
    public void PushTransient(Activity activity)
    {
        lock (gate)
        {
            activity.Timestamp = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
            activity.ChannelId = "directline";
            activity.Conversation = new ConversationAccount { Id = Id };
            Broadcast(new ActivitySet([activity], sequence.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Activities after the watermark (all when it is null).</summary>
    public ActivitySet Since(long? watermark)
    {
        lock (gate)
        {
            LastActive = clock.GetUtcNow();
            return SinceLocked(watermark);
        }
    }

    private ActivitySet SinceLocked(long? watermark)
    {
        var after = watermark ?? 0;
        var activities = log.Where(e => e.Seq > after).Select(e => e.Activity).ToList();
        return new ActivitySet(activities, sequence.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Activity sets a stream may hold for a reader that falls behind before it is disconnected.</summary>
    public const int StreamBacklog = 256;

    /// <summary>
    /// Opens a live stream: the backlog after the watermark first, then everything new, in order. A reader that
    /// falls <see cref="StreamBacklog"/> sets behind is disconnected (its stream ends after what it holds) rather
    /// than silently losing activities; it resumes from its last watermark.
    /// </summary>
    public Channel<ActivitySet> Subscribe(long? watermark)
    {
        var channel = Channel.CreateBounded<ActivitySet>(new BoundedChannelOptions(StreamBacklog) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        lock (gate)
        {
            var backlog = SinceLocked(watermark);
            if (backlog.Activities.Count > 0)
            {
                channel.Writer.TryWrite(backlog);
            }
            streams.Add(channel);
            LastActive = clock.GetUtcNow();
        }
        return channel;
    }

    public void Unsubscribe(Channel<ActivitySet> stream)
    {
        lock (gate)
        {
            stream.Writer.TryComplete();
            streams.Remove(stream);
        }
    }

    public void CloseStreams()
    {
        lock (gate)
        {
            foreach (var stream in streams)
            {
                stream.Writer.TryComplete();
            }
            streams.Clear();
        }
    }

    private void Broadcast(ActivitySet set)
    {
        List<Channel<ActivitySet>>? behind = null;
        foreach (var stream in streams)
        {
            if (!stream.Writer.TryWrite(set))
            {
                (behind ??= []).Add(stream);
            }
        }
        foreach (var stream in behind ?? [])
        {
            stream.Writer.TryComplete();
            streams.Remove(stream);
        }
    }
}
