using System.Net;
using System.Text.RegularExpressions;
using ChatBot.Feedback.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests;

/// <summary>
/// Staff accounts under attack over real HTTP: parallel password guessing against the lockout, throttling per
/// account and per address, and sessions ended on the server (a saved cookie replayed after each revocation).
/// </summary>
public sealed partial class StaffSecurityTests : IAsyncLifetime
{
    private const string Password = "mat-khau-dung-2026";
    private TestHost host = null!;

    public async Task InitializeAsync() =>
        // Throttling is generous here so the lockout alone is what stops parallel guesses.
        host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Staff:SignIn:PerAddressPerMinute"] = "1000",
            ["Staff:SignIn:PerAccountPerMinute"] = "1000",
        });

    public async Task DisposeAsync() => await host.DisposeAsync();

    private IStaffStore Store => host.Services.GetRequiredService<IStaffStore>();

    /// <summary>Password checks that found a wrong password, read from the audit log.</summary>
    private async Task<int> WrongChecksAsync(string user) =>
        (await Store.ListAuditAsync(0, 1000, default)).Count(a => a.Target == user && a.Action is "sign-in-failed" or "locked-out");

    [Fact]
    public async Task Thirty_parallel_sign_ins_check_at_most_five_wrong_passwords_and_the_right_one_is_refused_once_locked()
    {
        await StaffClient.AddAccountAsync(host, "an", Password, StaffRoles.Staff);
        var forms = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => RawForm.GetAsync(host)));
        var passwords = Enumerable.Range(0, 29).Select(i => "sai-mat-khau-" + i).Append(Password).ToList();

        var responses = await Task.WhenAll(forms.Zip(passwords).Select(p => p.First.PostAsync("an", p.Second)));

        var wrongChecked = await WrongChecksAsync("an");
        Assert.InRange(wrongChecked, 1, 5);
        var right = responses[^1];
        Assert.True(right.Status == HttpStatusCode.Redirect || right.Body.Contains("tạm khóa", StringComparison.Ordinal), $"the right password either had one of the five checks or was refused as locked: {right.Status}");
        Assert.All(responses[..^1], r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
        Assert.True(responses.Count(r => r.Body.Contains("tạm khóa", StringComparison.Ordinal)) >= 24, "all but the checked ones are refused as locked");

        // The account is locked now: the right password is refused without being checked.
        var after = await (await RawForm.GetAsync(host)).PostAsync("an", Password);
        Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
        Assert.Contains("tạm khóa", after.Body, StringComparison.Ordinal);
        Assert.Equal(wrongChecked, await WrongChecksAsync("an"));
    }

    [Fact]
    public async Task Forty_parallel_wrong_passwords_leave_the_account_locked()
    {
        await StaffClient.AddAccountAsync(host, "binh", Password, StaffRoles.Staff);
        var forms = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => RawForm.GetAsync(host)));

        var responses = await Task.WhenAll(forms.Select((f, i) => f.PostAsync("binh", "doan-sai-" + i)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
        Assert.Equal(5, await WrongChecksAsync("binh"));
        var account = await Store.FindAccountAsync("binh", default);
        Assert.True(account!.LockedUntil > DateTimeOffset.UtcNow, "the account is locked after the burst");
        var right = await (await RawForm.GetAsync(host)).PostAsync("binh", Password);
        Assert.Contains("tạm khóa", right.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_cookie_stops_working_after_sign_out_password_reset_role_change_and_disabling()
    {
        await StaffClient.AddAccountAsync(host, "quantri", Password, StaffRoles.Admin);
        await StaffClient.AddAccountAsync(host, "chi", Password, StaffRoles.Staff);
        using var admin = await StaffClient.SignInAsync(host, "quantri", Password);

        // Sign-out: a copy of the cookie taken before signing out no longer opens the console.
        var saved = await SignInCookieAsync("chi", Password);
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(saved));
        var other = await SignInCookieAsync("chi", Password);
        using (var signOut = await WithCookie(HttpMethod.Post, "/staff/logout", other, await CsrfFormAsync(other)))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(saved));

        // Password reset by an admin.
        saved = await SignInCookieAsync("chi", Password);
        await admin.GetAsync("/staff/accounts");
        using (var reset = await admin.PostAsync("/staff/accounts?handler=Reset", new() { ["account"] = "chi", ["newPassword"] = Password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(saved));

        // Role change.
        saved = await SignInCookieAsync("chi", Password);
        await admin.GetAsync("/staff/accounts");
        using (var role = await admin.PostAsync("/staff/accounts?handler=Role", new() { ["account"] = "chi", ["role"] = StaffRoles.Admin }))
        {
            Assert.Equal(HttpStatusCode.Redirect, role.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(saved));
        Assert.Equal(StaffRoles.Admin, (await Store.FindAccountAsync("chi", default))!.Role);

        // Disabling: the session ends, the account cannot sign in, and enabling it again lets it back in.
        saved = await SignInCookieAsync("chi", Password);
        var accounts = await admin.GetAsync("/staff/accounts");
        Assert.Contains("Vô hiệu hóa", accounts, StringComparison.Ordinal);
        using (var disable = await admin.PostAsync("/staff/accounts?handler=Disable", new() { ["account"] = "chi", ["disabled"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(saved));
        Assert.Contains("Đã vô hiệu hóa", await admin.GetAsync("/staff/accounts"), StringComparison.Ordinal);
        var refused = await (await RawForm.GetAsync(host)).PostAsync("chi", Password);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        using (var enable = await admin.PostAsync("/staff/accounts?handler=Disable", new() { ["account"] = "chi", ["disabled"] = "false" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, enable.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(await SignInCookieAsync("chi", Password)));

        // An admin cannot disable their own account, and the audit log names each action.
        using (var self = await admin.PostAsync("/staff/accounts?handler=Disable", new() { ["account"] = "quantri", ["disabled"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        }
        var audit = await Store.ListAuditAsync(0, 200, default);
        Assert.Contains(audit, a => a.Action == "account-disabled" && a.Target == "chi");
        Assert.Contains(audit, a => a.Action == "role-changed" && a.Target == "chi");
    }

    private async Task<string> SignInCookieAsync(string user, string password)
    {
        var response = await (await RawForm.GetAsync(host)).PostAsync(user, password);
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        var cookie = response.Cookies.Single(c => c.StartsWith("chatbot-staff=", StringComparison.Ordinal));
        return cookie.Split(';')[0];
    }

    private async Task<HttpStatusCode> ReplayAsync(string cookie)
    {
        using var response = await WithCookie(HttpMethod.Get, "/staff", cookie);
        return response.StatusCode;
    }

    /// <summary>The CSRF cookie and token of a signed-in page, for posting a form with a replayed cookie.</summary>
    private async Task<(string Cookie, string Token)> CsrfFormAsync(string cookie)
    {
        using var page = await WithCookie(HttpMethod.Get, "/staff", cookie);
        var html = await page.Content.ReadAsStringAsync();
        var csrf = page.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("chatbot-staff-csrf=", StringComparison.Ordinal)).Split(';')[0];
        return (csrf, WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value));
    }

    private async Task<HttpResponseMessage> WithCookie(HttpMethod method, string path, string cookie, (string Cookie, string Token)? form = null)
    {
        using var http = RawForm.NewClient(host);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", form is { } f ? $"{cookie}; {f.Cookie}" : cookie);
        if (form is { } posted)
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = posted.Token });
        }
        return await http.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>
/// The login form fetched without a cookie jar, so cookies and headers are exactly what a test sends: parallel
/// posts each carry their own antiforgery pair, and forwarded headers can be added to both requests.
/// </summary>
public sealed partial class RawForm
{
    private readonly TestHost host;
    private readonly string csrfCookie;
    private readonly string token;
    private readonly IReadOnlyDictionary<string, string> headers;

    private RawForm(TestHost host, string csrfCookie, string token, IReadOnlyDictionary<string, string> headers) =>
        (this.host, this.csrfCookie, this.token, this.headers) = (host, csrfCookie, token, headers);

    public sealed record Result(HttpStatusCode Status, string Body, IReadOnlyList<string> Cookies, string? RetryAfter);

    public static HttpClient NewClient(TestHost host) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<RawForm> GetAsync(TestHost host, IReadOnlyDictionary<string, string>? headers = null)
    {
        headers ??= new Dictionary<string, string>();
        using var http = NewClient(host);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/staff/login");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("chatbot-staff-csrf=", StringComparison.Ordinal));
        var html = await response.Content.ReadAsStringAsync();
        return new RawForm(host, cookie.Split(';')[0], WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value), headers)
        {
            FormCookieHeader = cookie,
        };
    }

    /// <summary>The Set-Cookie header of the antiforgery cookie, as the login form set it.</summary>
    public string FormCookieHeader { get; private init; } = "";

    public async Task<Result> PostAsync(string user, string password)
    {
        using var http = NewClient(host);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/staff/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = user, ["Password"] = password, ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Add("Cookie", csrfCookie);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await http.SendAsync(request);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];
        return new Result(response.StatusCode, await response.Content.ReadAsStringAsync(), cookies, response.Headers.RetryAfter?.ToString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
