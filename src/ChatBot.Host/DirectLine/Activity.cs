using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Host.DirectLine;

/// <summary>
/// The Bot Framework Activity, with the fields this host reads or writes. Unknown fields are kept as they came,
/// so what Web Chat sends is echoed back untouched.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Timestamp { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Locale { get; set; }
    public string? ReplyToId { get; set; }
    public string? InputHint { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public List<JsonElement>? Attachments { get; set; }
    public JsonElement? ChannelData { get; set; }
    public JsonElement? Value { get; set; }
    public List<JsonElement>? Entities { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Web Chat's id for a message it sent; a re-post with the same id is the same message.</summary>
    [JsonIgnore]
    public string? ClientActivityId =>
        ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("clientActivityID", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
}

public sealed class SuggestedActions
{
    public List<CardAction> Actions { get; set; } = [];
}

public sealed class CardAction
{
    public string Type { get; set; } = "imBack";
    public string Title { get; set; } = "";
    /// <summary>Text for imBack; an object for postBack buttons whose data the resident should not see typed.</summary>
    public object Value { get; set; } = "";
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string Typing = "typing";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Event = "event";
    public const string EndOfConversation = "endOfConversation";
}

/// <summary>Direct Line response bodies.</summary>
public sealed record ConversationResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl);

public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string Watermark);

public sealed record ResourceResponse(string Id);

public sealed record ErrorBody(ErrorDetail Error);

public sealed record ErrorDetail(string Code, string Message);

public sealed class TokenParameters
{
    public ChannelAccount? User { get; set; }
    public List<string>? TrustedOrigins { get; set; }
}
