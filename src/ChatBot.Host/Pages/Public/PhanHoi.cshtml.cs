using ChatBot.Host.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatBot.Host.Pages.Public;

/// <summary>Anonymous, aggregate figures the office may publish: counts and rates only, never a question or a contact.</summary>
public sealed class PhanHoiModel(PublicFeedbackFigures figures) : PageModel
{
    public PublicFigures Figures { get; private set; } = null!;
    public string Chart { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Figures = await figures.GetAsync(cancellationToken);
        // The figures change at most once a minute; browsers and proxies may keep the page that long.
        Response.Headers.CacheControl = "public, max-age=60";
        var months = Figures.Months;
        Chart = SvgChart.StackedBars(
            "chart-feedback",
            "Phản ánh nhận được và đã xử lý theo tháng",
            $"Cột chồng cho 6 tháng gần nhất: phần đã xử lý và phần chưa xử lý của các phiếu và đánh giá không hữu ích. Tổng 6 tháng: {months.Sum(m => m.ResidentFeedback)} phản ánh, {months.Sum(m => m.ResidentFeedbackClosed)} đã xử lý.",
            months.Select(m => m.ShortLabel).ToList(),
            [
                new ChartSeries("Đã xử lý", "#1f7a3a", months.Select(m => (double?)m.ResidentFeedbackClosed).ToList()),
                new ChartSeries("Chưa xử lý", "#a3131b", months.Select(m => (double?)(m.ResidentFeedback - m.ResidentFeedbackClosed)).ToList()),
            ],
            "phản ánh");
    }
}
