using System.Net;
using System.Text.RegularExpressions;
using ChatBot.Feedback.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests;

/// <summary>Creates a staff account on a test host and signs in through the real login form (antiforgery included).</summary>
public static partial class StaffLogin
{
    public const string Password = "test-password-9c1e4a";

    public static async Task AddAccountAsync(TestHost host, string userName)
    {
        var problem = await host.Services.GetRequiredService<StaffSignIn>().AddAccountAsync(userName, "Cán bộ thử", StaffRoles.Admin, Password, "test", CancellationToken.None);
        Assert.Null(problem);
    }

    /// <summary>A client that keeps the sign-in cookie and does not follow redirects (tests look at them).</summary>
    public static HttpClient Anonymous(TestHost host) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<HttpClient> SignInAsync(TestHost host, string userName = "test.admin")
    {
        await AddAccountAsync(host, userName);
        var client = Anonymous(host);
        var form = await client.GetStringAsync("/staff/login");
        var token = TokenPattern().Match(form);
        Assert.True(token.Success, "the login form carries an antiforgery token");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        });
        using var response = await client.PostAsync("/staff/login", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
