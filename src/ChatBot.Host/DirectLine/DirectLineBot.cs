using System.Text.Json;
using ChatBot.Conversation;
using ChatBot.Conversation.Prompts;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;

namespace ChatBot.Host.DirectLine;

/// <summary>
/// The protocol adapter between Direct Line activities and the conversation logic: activity in, turn input;
/// turn output, activities out. Nothing here decides what to answer.
/// </summary>
public sealed class DirectLineBot(ConversationService conversations, PromptLibrary prompts, DirectLineOptions options, TimeProvider clock, ILogger<DirectLineBot> logger)
{
    public const string ChannelName = "directline";
    public static readonly ChannelAccount BotAccount = new() { Id = "tro-ly-dich-vu-cong", Name = "Trợ lý Dịch vụ công", Role = "bot" };

    /// <summary>Sends the welcome when a conversation starts.</summary>
    public void Greet(DirectLineConversation conversation)
    {
        var output = conversations.Handle(new TurnInput { ConversationId = conversation.Id, Channel = ChannelName, At = clock.GetUtcNow(), IsConversationStart = true });
        Send(conversation, output, replyToId: null, user: new ChannelAccount { Id = conversation.UserId, Role = "user" });
    }

    /// <summary>Answers a resident's message or button press. Never throws: a failure still records the question.</summary>
    public async Task HandleAsync(DirectLineConversation conversation, Activity activity)
    {
        var action = activity.Value is { } value ? ReadAction(value) : null;
        if (activity.Type != ActivityTypes.Message || (string.IsNullOrEmpty(activity.Text) && action is null))
        {
            return;
        }
        conversation.PushTransient(new Activity { Type = ActivityTypes.Typing, From = BotAccount, Recipient = activity.From });
        if (options.BenchmarkNoOpUserPrefix.Length > 0 && conversation.UserId.StartsWith(options.BenchmarkNoOpUserPrefix, StringComparison.Ordinal))
        {
            conversation.Append(Message("ok", [], activity.Id, activity.From, null));
            return;
        }
        var input = new TurnInput
        {
            ConversationId = conversation.Id,
            Channel = ChannelName,
            Text = action is null ? activity.Text : null,
            Action = action,
            At = clock.GetUtcNow(),
        };
        TurnOutput output;
        try
        {
            output = await conversations.HandleAsync(input).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The resident gets an apology and the question is kept, whatever failed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Turn failed in conversation {ConversationId}", conversation.Id);
            output = await conversations.FailedAsync(input with { Text = activity.Text }).ConfigureAwait(false);
        }
        Send(conversation, output, activity.Id, activity.From);
    }

    /// <summary>
    /// Button data from Web Chat's postBack: {"action":"rate","q":"…","v":"up"} or {"action":"satisfaction","code":"HT-…","v":"4"}.
    /// Anything else is ignored rather than refused: it is the resident's own client.
    /// </summary>
    private static TurnAction? ReadAction(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("action", out var name) || name.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("v", out var choice))
        {
            return null;
        }
        var target = value.TryGetProperty("q", out var q) ? q : value.TryGetProperty("code", out var code) ? code : default;
        return target.ValueKind == JsonValueKind.String
            ? new TurnAction(name.GetString()!, target.GetString()!, choice.ValueKind == JsonValueKind.String ? choice.GetString()! : choice.GetRawText())
            : null;
    }

    /// <summary>A staff reply into the resident's conversation, with the satisfaction question for a ticket.</summary>
    public void DeliverStaffReply(DirectLineConversation conversation, string text, string? satisfactionTicketCode, string satisfactionQuestion)
    {
        var user = new ChannelAccount { Id = conversation.UserId, Role = "user" };
        conversation.Append(Message(text, [], null, user, null));
        if (satisfactionTicketCode is not null)
        {
            conversation.Append(WithSatisfaction(Message(satisfactionQuestion, [], null, user, null), satisfactionTicketCode));
            conversations.AwaitScore(conversation.Id, satisfactionTicketCode);
        }
    }

    private void Send(DirectLineConversation conversation, TurnOutput output, string? replyToId, ChannelAccount? user)
    {
        var meta = JsonSerializer.SerializeToElement(new
        {
            kind = output.Kind,
            sources = output.Sources.Select(s => new { id = s.Id, facet = s.Facet, title = s.Title, url = s.Url.StartsWith('/') && conversation.PublicBaseUrl is { } b ? b + s.Url : s.Url, score = s.Score }),
        });
        for (var i = 0; i < output.Messages.Count; i++)
        {
            var message = output.Messages[i];
            var last = i == output.Messages.Count - 1;
            var activity = Message(AbsoluteLinks(message.Text, conversation.PublicBaseUrl), message.SuggestedActions, replyToId, user, last ? meta : null);
            if (last && output.SatisfactionTicketCode is { } code)
            {
                activity = WithSatisfaction(activity, code);
            }
            if (last && output.RateableQuestionId is { } questionId)
            {
                // The rating card travels with the answer: Web Chat shows only the last activity's suggested
                // actions, so a separate card after the answer would hide the follow-up buttons.
                activity.Attachments = [RatingCard(questionId, prompts.Labels.Feedback)];
            }
            conversation.Append(activity);
        }
    }

    /// <summary>Markdown links to this host's own paths ("](/tai-lieu/…)") become absolute.</summary>
    private static string AbsoluteLinks(string text, string? baseUrl) =>
        baseUrl is null ? text : text.Replace("](/", "](" + baseUrl + "/", StringComparison.Ordinal);

    /// <summary>A small card under an answer; its buttons persist, so the resident can rate after reading.</summary>
    private static JsonElement RatingCard(Guid questionId, FeedbackLabels labels)
    {
        var q = questionId.ToString("D");
        return JsonSerializer.SerializeToElement(new
        {
            contentType = "application/vnd.microsoft.card.hero",
            content = new
            {
                text = labels.RatingPrompt,
                buttons = new[]
                {
                    new { type = "postBack", title = labels.Helpful, value = new { action = TurnAction.Rate, q, v = "up" } },
                    new { type = "postBack", title = labels.NotHelpful, value = new { action = TurnAction.Rate, q, v = "down" } },
                },
            },
        });
    }

    private Activity WithSatisfaction(Activity activity, string code)
    {
        var labels = prompts.Labels.Feedback.Satisfaction;
        activity.SuggestedActions = new SuggestedActions
        {
            Actions = Enumerable.Range(1, 5).Select(score => new CardAction
            {
                Type = "postBack",
                Title = labels[score - 1],
                Value = new { action = TurnAction.Satisfaction, code, v = score.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            }).ToList(),
        };
        return activity;
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
