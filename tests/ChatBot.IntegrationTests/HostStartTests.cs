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
    public async Task A_wrong_option_stops_the_start_with_its_key_named(string key, string value, string named)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }
}
