namespace ChatBot.Feedback.Staff;

/// <summary>A message from staff to a resident's conversation.</summary>
public sealed record StaffMessage(string ConversationId, string Channel, string Text, string? TicketCode);

/// <summary>
/// Delivers staff replies into the resident's open conversation (Direct Line now; Azure Bot Service channels
/// later). A resident who has left still reads the reply by ticket code.
/// </summary>
public interface IResidentNotifier
{
    /// <returns>True when the conversation was open and the message was delivered.</returns>
    bool TryDeliver(StaffMessage message);
}
