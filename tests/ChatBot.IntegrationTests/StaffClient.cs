using System.Net;
using System.Text.RegularExpressions;
using ChatBot.Feedback.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests;

/// <summary>A staff member's browser without the browser: cookies, the sign-in form and CSRF tokens over real HTTP.</summary>
public sealed partial class StaffClient : IDisposable
{
    private readonly HttpClient http;
    private string? token;

    private StaffClient(Uri baseAddress)
    {
        http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task AddAccountAsync(TestHost host, string user, string password, string role = StaffRoles.Admin)
    {
        var problem = await host.Services.GetRequiredService<StaffSignIn>().AddAccountAsync(user, "Cán bộ " + user, role, password, "test", default);
        Assert.Null(problem);
    }

    public static StaffClient Anonymous(TestHost host) => new(host.BaseAddress);

    public static async Task<StaffClient> SignInAsync(TestHost host, string user, string password)
    {
        var client = new StaffClient(host.BaseAddress);
        using var response = await client.SignInAttemptAsync(user, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<HttpResponseMessage> SignInAttemptAsync(string user, string password)
    {
        await GetAsync("/staff/login");
        return await PostAsync("/staff/login", new() { ["UserName"] = user, ["Password"] = password });
    }

    public async Task<HttpResponseMessage> SendGetAsync(string path) => await http.GetAsync(path);

    /// <summary>GETs a page (200 expected) and remembers its CSRF token for the next form.</summary>
    public async Task<string> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
        var html = await response.Content.ReadAsStringAsync();
        if (TokenPattern().Match(html) is { Success: true } match)
        {
            token = WebUtility.HtmlDecode(match.Groups[1].Value);
        }
        return html;
    }

    public async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields, bool withToken = true)
    {
        if (withToken && token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }
        return await http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The path of the first link on a page whose href matches.</summary>
    public static string Link(string html, string hrefPattern)
    {
        var match = Regex.Match(html, $"href=\"({hrefPattern})\"");
        Assert.True(match.Success, $"no link matching {hrefPattern}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
