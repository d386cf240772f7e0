using ChatBot.Knowledge;
using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Loading;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Pages.Staff;

/// <summary>What the bot knows: documents with their checked dates, stale guides first, and loading problems.</summary>
public sealed class KnowledgeModel(KnowledgeBase knowledge, IOptions<KnowledgeOptions> options, TimeProvider clock) : PageModel
{
    public IReadOnlyList<StaleDocument> Stale { get; private set; } = [];

    public IReadOnlyList<KnowledgeDocument> Documents { get; private set; } = [];

    public IReadOnlyList<KnowledgeProblem> Problems { get; private set; } = [];

    public int StaleAfterMonths => options.Value.StaleAfterMonths;

    public DateTimeOffset LoadedAt { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public void OnGet()
    {
        var state = knowledge.Current;
        Stale = state.StaleDocuments(DateOnly.FromDateTime(StaffTime.Local(clock.GetUtcNow()).Date), StaleAfterMonths);
        Documents = state.Documents.Where(d => d.Kind is DocumentKind.Procedure or DocumentKind.Faq && !d.Imported)
            .OrderBy(d => d.Kind).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        Problems = state.Problems;
        LoadedAt = state.LoadedAt;
    }
}
