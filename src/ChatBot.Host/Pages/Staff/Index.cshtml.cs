using System.Globalization;
using ChatBot.Feedback.Staff;
using ChatBot.Feedback.Tickets;
using ChatBot.Feedback.Topics;
using ChatBot.Host.Web;
using ChatBot.Knowledge;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatBot.Host.Pages.Staff;

/// <summary>The queue: escalated tickets, unanswered questions (also grouped into topics) and "not helpful" ratings.</summary>
public sealed class IndexModel(IStaffStore store, IUnansweredTopics topics, StaffDesk desk, FeedbackUpkeep upkeep, KnowledgeBase knowledge) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; } = ReviewStatus.Open;

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public QueuePage Queue { get; private set; } = new([], 0, 1, 25);

    public IReadOnlyList<QuestionTopic> Groups { get; private set; } = [];

    public DateTimeOffset? GroupedAt { get; private set; }

    public IReadOnlyList<(string Id, string Title)> Documents { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var status = Status is "all" ? null : ReviewStatus.IsKnown(Status) ? Status : ReviewStatus.Open;
        Queue = await store.QueueAsync(new QueueQuery
        {
            Type = QueueItemTypes.IsKnown(Type) ? Type : null,
            Status = status,
            From = From is { } from ? StaffTime.StartOfDay(from) : null,
            To = To is { } to ? StaffTime.StartOfDay(to.AddDays(1)).AddTicks(-1) : null,
            DocumentId = string.IsNullOrWhiteSpace(Topic) ? null : Topic,
            Channel = string.IsNullOrWhiteSpace(Channel) ? null : Channel,
            Page = PageNumber,
        }, cancellationToken);
        Groups = topics.Current.Take(12).ToList();
        GroupedAt = topics.GroupedAt;
        Documents = knowledge.Current.Documents.Where(d => !d.Imported).OrderBy(d => d.Title, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false)).Select(d => (d.Id, d.Title)).ToList();
    }

    /// <summary>Closes a whole topic group at once, e.g. every question about a procedure the office does not handle.</summary>
    public async Task<IActionResult> OnPostGroupAsync(string label, string status, CancellationToken cancellationToken)
    {
        var group = topics.Current.FirstOrDefault(g => g.Label == label);
        if (group is null || !ReviewStatus.IsKnown(status))
        {
            Notice = "Nhóm này đã thay đổi; vui lòng xem lại danh sách.";
            return RedirectToPage();
        }
        var changed = await desk.ReviewGroupAsync(group.QuestionIds, status, label, StaffUser.UserName(User), cancellationToken);
        upkeep.RegroupSoon();
        Notice = $"Đã đánh dấu {changed} câu hỏi: {StaffText.Status(status)}.";
        return RedirectToPage();
    }

    public string PageLink(int page) => Url.Page("/Staff/Index", new { Type, Status, From, To, Topic, Channel, p = page }) ?? "/staff";
}
