using ChatBot.Conversation.Prompts;
using ChatBot.Feedback.Staff;

namespace ChatBot.Host.DirectLine;

/// <summary>Delivers staff replies into open Direct Line conversations (REST polling and WebSocket alike).</summary>
public sealed class DirectLineResidentNotifier(ConversationRegistry registry, DirectLineBot bot, PromptLibrary prompts) : IResidentNotifier
{
    private static readonly IReadOnlyDictionary<string, string> NoOffice = new Dictionary<string, string>();

    public bool TryDeliver(StaffMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Channel != DirectLineBot.ChannelName || registry.Find(message.ConversationId) is not { } conversation)
        {
            return false;
        }
        var text = prompts.Render("staff-reply", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["code_note"] = message.TicketCode is null ? "" : $" (mã {message.TicketCode})",
            ["reply"] = message.Text,
        });
        bot.DeliverStaffReply(conversation, text, message.TicketCode, prompts.Render("satisfaction-ask", NoOffice));
        return true;
    }
}
