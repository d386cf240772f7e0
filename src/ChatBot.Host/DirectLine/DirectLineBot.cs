using System.Text.Json;
using ChatBot.Conversation;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;

namespace ChatBot.Host.DirectLine;

/// <summary>
/// The protocol adapter between Direct Line activities and the conversation logic: activity in, turn input;
/// turn output, activities out. Nothing here decides what to answer.
/// </summary>
public sealed class DirectLineBot(ConversationService conversations, QuestionLog log, DirectLineOptions options, TimeProvider clock, ILogger<DirectLineBot> logger)
{
    public const string ChannelName = "directline";
    public static readonly ChannelAccount BotAccount = new() { Id = "tro-ly-dich-vu-cong", Name = "Trợ lý Dịch vụ công", Role = "bot" };
    private const string Apology = "Xin lỗi, hệ thống đang gặp trục trặc nên chưa trả lời được. Câu hỏi của bà con đã được ghi lại; bà con vui lòng thử lại sau ít phút.";

    /// <summary>Sends the welcome when a conversation starts.</summary>
    public void Greet(DirectLineConversation conversation)
    {
        var output = conversations.Handle(new TurnInput { ConversationId = conversation.Id, Channel = ChannelName, At = clock.GetUtcNow(), IsConversationStart = true });
        Send(conversation, output, replyToId: null, user: new ChannelAccount { Id = conversation.UserId, Role = "user" });
    }

    /// <summary>Answers a resident's message. Never throws: a failure still records the question.</summary>
    public void Handle(DirectLineConversation conversation, Activity activity)
    {
        if (activity.Type != ActivityTypes.Message || (activity.Text is null && activity.Value is not null))
        {
            return;
        }
        conversation.PushTransient(new Activity { Type = ActivityTypes.Typing, From = BotAccount, Recipient = activity.From });
        if (options.BenchmarkNoOpUserPrefix.Length > 0 && conversation.UserId.StartsWith(options.BenchmarkNoOpUserPrefix, StringComparison.Ordinal))
        {
            conversation.Append(Message("ok", [], activity.Id, activity.From, null));
            return;
        }
        try
        {
            var output = conversations.Handle(new TurnInput
            {
                ConversationId = conversation.Id,
                Channel = ChannelName,
                Text = activity.Text,
                At = clock.GetUtcNow(),
            });
            Send(conversation, output, activity.Id, activity.From);
        }
#pragma warning disable CA1031 // The resident gets an apology and the question is kept, whatever failed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Turn failed in conversation {ConversationId}", conversation.Id);
            log.Enqueue(new QuestionRecord
            {
                At = clock.GetUtcNow(),
                ConversationId = conversation.Id,
                Channel = ChannelName,
                Text = Redactor.Redact(Assistant.Clean(activity.Text)),
                Kind = AnswerKinds.NoAnswer,
                Reason = "bot-error",
            });
            conversation.Append(Message(Apology, [], activity.Id, activity.From, null));
        }
    }

    private static void Send(DirectLineConversation conversation, TurnOutput output, string? replyToId, ChannelAccount? user)
    {
        var meta = JsonSerializer.SerializeToElement(new
        {
            kind = output.Kind,
            sources = output.Sources.Select(s => new { id = s.Id, facet = s.Facet, title = s.Title, url = s.Url, score = s.Score }),
        });
        for (var i = 0; i < output.Messages.Count; i++)
        {
            var message = output.Messages[i];
            conversation.Append(Message(message.Text, message.SuggestedActions, replyToId, user, i == output.Messages.Count - 1 ? meta : null));
        }
    }

    private static Activity Message(string text, IReadOnlyList<string> suggestions, string? replyToId, ChannelAccount? user, JsonElement? meta) => new()
    {
        Type = ActivityTypes.Message,
        From = BotAccount,
        Recipient = user is null ? null : new ChannelAccount { Id = user.Id, Role = "user" },
        Text = text,
        TextFormat = "markdown",
        Locale = "vi-VN",
        InputHint = "acceptingInput",
        ReplyToId = replyToId,
        SuggestedActions = suggestions.Count == 0 ? null : new SuggestedActions { Actions = suggestions.Select(s => new CardAction { Title = s, Value = s }).ToList() },
        ChannelData = meta is null ? null : JsonSerializer.SerializeToElement(new { chatbot = meta }),
    };
}
