using ChatBot.Feedback.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatBot.Host.Pages.Staff;

/// <summary>Every staff action, newest first.</summary>
public sealed class AuditModel(IStaffStore store) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        Entries = await store.ListAuditAsync((PageNumber - 1) * PageSize, PageSize, cancellationToken);
    }
}
