using ChatBot.Feedback.Reports;
using ChatBot.Host.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatBot.Host.Pages.Staff;

/// <param name="budget">The language model's daily token use; null when no model is configured (docs/llm.md).</param>
public sealed class ReportsModel(ReportService reports, TimeProvider clock, Llm.LlmBudget? budget = null) : PageModel
{
    /// <summary>Today's tokens and whether the daily budget is spent (answers then come from retrieval alone).</summary>
    public Llm.LlmBudget? LanguageModel => budget;

    public const string Answered = "#1f7a3a";
    public const string NotAnswered = "#a3131b";
    public const string Other = "#9aa3b0";
    public const string Helpful = "#1f5fa3";
    public const string Handled = "#9a6700";

    [BindProperty(SupportsGet = true, Name = "by")]
    public string? By { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    public Report Report { get; private set; } = null!;
    public string? Problem { get; private set; }
    public string DownloadQuery { get; private set; } = "";
    public string VolumeChart { get; private set; } = "";
    public string RatesChart { get; private set; } = "";
    public string SatisfactionChart { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        (var query, Problem) = ReportRequest.Parse(By, From, To, ReportTime.LocalDate(clock.GetUtcNow()));
        Report = await reports.BuildAsync(query, cancellationToken);
        DownloadQuery = ReportRequest.QueryString(query);
        var periods = Report.Periods;
        var labels = periods.Select(p => p.ShortLabel).ToList();
        var unit = ReportFormat.GranularityName(query.Granularity);
        VolumeChart = SvgChart.StackedBars(
            "chart-volume",
            $"Câu hỏi theo {unit}: đã trả lời và chưa trả lời được",
            $"Cột chồng, mỗi cột là một {unit} từ {ReportFormat.Date(query.From)} đến {ReportFormat.Date(query.To)}. Tổng: {Report.Totals.Questions} câu hỏi, {Report.Totals.Answered} đã trả lời, {Report.Totals.NoAnswer} không trả lời được.",
            labels,
            [
                new ChartSeries("Đã trả lời", Answered, periods.Select(p => (double?)p.Answered).ToList()),
                new ChartSeries("Không trả lời được", NotAnswered, periods.Select(p => (double?)p.NoAnswer).ToList()),
                new ChartSeries("Hỏi lại / chuyển cán bộ", Other, periods.Select(p => (double?)(p.Questions - p.Answered - p.NoAnswer)).ToList()),
            ],
            "câu hỏi");
        RatesChart = SvgChart.Lines(
            "chart-rates",
            $"Tỉ lệ đánh giá hữu ích và tỉ lệ đã xử lý theo {unit} (%)",
            $"Đường, giá trị 0–100 %. Cả kỳ: hữu ích {ReportFormat.Percent(Report.Totals.HelpfulPercent)}, đã xử lý {ReportFormat.Percent(Report.Totals.HandledPercent)}.",
            labels,
            [
                new ChartSeries("Hữu ích (%)", Helpful, periods.Select(p => p.HelpfulPercent).ToList()),
                new ChartSeries("Đã xử lý (%)", Handled, periods.Select(p => p.HandledPercent).ToList()),
            ],
            0, 100, 20, "%");
        SatisfactionChart = SvgChart.Lines(
            "chart-satisfaction",
            $"Điểm hài lòng trung bình (1–5) theo {unit}",
            $"Đường, thang 1–5, từ điểm người dân chấm sau khi phiếu được xử lý. Cả kỳ: {ReportFormat.Average(Report.Totals.SatisfactionAverage)} trên {Report.Totals.SatisfactionCount} lượt chấm.",
            labels,
            [new ChartSeries("Điểm trung bình", Answered, periods.Select(p => p.SatisfactionAverage).ToList())],
            1, 5, 1, "điểm");
    }
}
