using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests;

/// <summary>A misconfigured host refuses to start and says which key is wrong.</summary>
public sealed class HostStartTests
{
    [Theory]
    [InlineData("Office:Hotline", "", "Office:Hotline")]
    [InlineData("Office:Portal", "dichvucong", "Office:Portal")]
    [InlineData("Assistant:ClarifyMargin", "0.5", "Assistant:ClarifyMargin")]
    [InlineData("Knowledge:StaleAfterMonths", "0", "Knowledge:StaleAfterMonths")]
    [InlineData("Llm:Provider", "OpenAI", "Llm:Endpoint")]
    [InlineData("Llm:Provider", "AzureOpenAI", "Llm:Model")]
    [InlineData("Llm:TimeoutSeconds", "0", "Llm:TimeoutSeconds")]
    public async Task A_wrong_option_stops_the_start_with_its_key_named(string key, string value, string named)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_language_model_provider_stops_the_start_with_its_key_named()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => TestHost.StartAsync(new Dictionary<string, string?> { ["Llm:Provider"] = "Gemini" }));
        Assert.Contains("Llm:Provider", failure.Message, StringComparison.Ordinal);
    }
}
