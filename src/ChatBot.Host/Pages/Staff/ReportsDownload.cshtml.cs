using ChatBot.Feedback.Reports;
using ChatBot.Host.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatBot.Host.Pages.Staff;

/// <summary>The report's files take the page's filters; they sit under /Staff, so they need a signed-in officer too.</summary>
public sealed class ReportsCsvModel(ReportService reports, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? by, string? from, string? to, CancellationToken cancellationToken)
    {
        var (query, _) = ReportRequest.Parse(by, from, to, ReportTime.LocalDate(clock.GetUtcNow()));
        var report = await reports.BuildAsync(query, cancellationToken);
        return File(ReportCsv.Write(report), "text/csv; charset=utf-8", ReportFormat.FileName(query, "csv"));
    }
}

public sealed class ReportsXlsxModel(ReportService reports, TimeProvider clock) : PageModel
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<IActionResult> OnGetAsync(string? by, string? from, string? to, CancellationToken cancellationToken)
    {
        var (query, _) = ReportRequest.Parse(by, from, to, ReportTime.LocalDate(clock.GetUtcNow()));
        var report = await reports.BuildAsync(query, cancellationToken);
        return File(ReportXlsx.Write(report), ContentType, ReportFormat.FileName(query, "xlsx"));
    }
}
