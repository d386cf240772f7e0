using System.Net;
using ChatBot.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests;

/// <summary>Staff see the language model's token use today on /staff/reports, and when the daily budget is spent.</summary>
public sealed class LanguageModelReportTests
{
    [Fact]
    public async Task The_reports_page_shows_todays_tokens_and_a_spent_budget()
    {
        // The endpoint is never called here: the page reads the budget only.
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "OpenAI",
            ["Llm:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Llm:Model"] = "office-model",
            ["Llm:DailyTokenBudget"] = "1000",
        });
        using var client = await StaffLogin.SignInAsync(host);
        var budget = host.Services.GetRequiredService<LlmBudget>();

        budget.Add(400);
        var before = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/reports"));
        Assert.Contains("Đã dùng 400 token trên hạn mức 1.000 token mỗi ngày.", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Đã hết hạn mức token hôm nay", before, StringComparison.Ordinal);

        budget.Add(700);
        var after = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/reports"));
        Assert.Contains("Đã hết hạn mức token hôm nay", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_language_model_the_reports_page_has_no_such_section()
    {
        await using var host = await TestHost.StartAsync();
        using var client = await StaffLogin.SignInAsync(host);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/reports"));
        Assert.Contains("Biểu đồ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Mô hình ngôn ngữ hôm nay", html, StringComparison.Ordinal);
    }
}
