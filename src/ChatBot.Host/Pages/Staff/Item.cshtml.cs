using ChatBot.Feedback.Staff;
using ChatBot.Feedback.Tickets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatBot.Host.Pages.Staff;

/// <summary>One queue item: the question, the redacted transcript, the reply form and the status buttons.</summary>
public sealed class ItemModel(IStaffStore store, IFeedbackStore tickets, StaffDesk desk) : PageModel
{
    public QueueItem Item { get; private set; } = null!;

    public IReadOnlyList<TranscriptLine> Transcript { get; private set; } = [];

    /// <summary>Only a ticket's own contact field may show a phone number or e-mail, and only to staff.</summary>
    public string? Contact { get; private set; }

    public int? Satisfaction { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public string? Problem { get; private set; }

    [BindProperty]
    public string? Reply { get; set; }

    public async Task<IActionResult> OnGetAsync(string type, Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(type, id, cancellationToken))
        {
            return NotFound();
        }
        Reply ??= Item.Reply;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string type, Guid id, string status, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(type, id, cancellationToken))
        {
            return NotFound();
        }
        var outcome = await desk.ReviewAsync(Item, status, Reply, StaffUser.UserName(User), cancellationToken);
        if (outcome.Problem is not null)
        {
            Problem = outcome.Problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Notice = string.IsNullOrWhiteSpace(Reply) ? $"Đã đánh dấu: {StaffText.Status(status)}."
            : outcome.Delivered ? "Đã gửi trả lời; người dân đang mở khung chat nên thấy ngay."
            : Item.TicketCode is not null ? $"Đã lưu trả lời. Người dân xem được khi hỏi mã {Item.TicketCode}."
            : "Đã lưu trả lời (người dân đã rời khung chat nên không nhận được ngay).";
        return RedirectToPage(new { type, id });
    }

    private async Task<bool> LoadAsync(string type, Guid id, CancellationToken cancellationToken)
    {
        var item = QueueItemTypes.IsKnown(type) ? await store.FindItemAsync(type, id, cancellationToken) : null;
        if (item is null)
        {
            return false;
        }
        Item = item;
        Transcript = await store.TranscriptAsync(item.ConversationId, cancellationToken);
        if (item.Type == QueueItemTypes.Ticket && await tickets.GetTicketAsync(item.Id, cancellationToken) is { } ticket)
        {
            Contact = ticket.Contact;
            Satisfaction = ticket.Satisfaction;
        }
        return true;
    }
}
