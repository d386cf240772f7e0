using System.Net;
using System.Net.Http.Headers;
using ChatBot.Feedback.Staff;
using ChatBot.Feedback.Tickets;
using ChatBot.Feedback.Topics;
using ChatBot.Host.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.IntegrationTests;

/// <summary>
/// The host as deployed behind a TLS proxy and as probed from outside: forwarded headers believed only from the
/// configured proxy, Secure cookies and HSTS when the original request was HTTPS, limits keyed on the real
/// client address, a content policy and no Server header on every route, the secret refused in URLs, and the
/// retention purge running whatever else fails.
/// </summary>
public sealed class DeploymentSecurityTests : IAsyncLifetime
{
    private const string Password = "mat-khau-trien-khai-2026";
    private static readonly Dictionary<string, string> FromHttpsClient = new()
    {
        ["X-Forwarded-For"] = "203.0.113.7",
        ["X-Forwarded-Proto"] = "https",
        ["Host"] = "tro-ly.phuongmau.gov.vn",
    };

    private TestHost proxied = null!;
    private TestHost direct = null!;

    public async Task InitializeAsync()
    {
        var limits = new Dictionary<string, string?>
        {
            ["Staff:SignIn:PerAddressPerMinute"] = "3",
            ["Staff:SignIn:PerAccountPerMinute"] = "2",
            ["DirectLine:PageTokensPerMinute"] = "2",
        };
        proxied = await TestHost.StartAsync(new Dictionary<string, string?>(limits)
        {
            ["ReverseProxy:KnownProxies:0"] = "127.0.0.1",
            ["Security:FrameAncestors:0"] = "https://phuongmau.gov.vn",
        });
        direct = await TestHost.StartAsync(limits);
    }

    public async Task DisposeAsync()
    {
        await proxied.DisposeAsync();
        await direct.DisposeAsync();
    }

    [Fact]
    public async Task Behind_the_known_proxy_an_https_request_gets_secure_cookies_and_hsts()
    {
        await StaffClient.AddAccountAsync(proxied, "tls", Password, StaffRoles.Staff);
        var form = await RawForm.GetAsync(proxied, FromHttpsClient);
        Assert.Contains("secure", form.FormCookieHeader, StringComparison.OrdinalIgnoreCase);
        var signedIn = await form.PostAsync("tls", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        var cookie = signedIn.Cookies.Single(c => c.StartsWith("chatbot-staff=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        using var page = await SendAsync(proxied, HttpMethod.Get, "/", FromHttpsClient);
        Assert.True(page.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "HSTS on an HTTPS request through the proxy");
        Assert.StartsWith("max-age=31536000", hsts!.Single(), StringComparison.Ordinal);

        // The same headers from an address that is not a configured proxy are ignored.
        var spoofed = await RawForm.GetAsync(direct, FromHttpsClient);
        Assert.False(spoofed.FormCookieHeader.Contains("; secure", StringComparison.OrdinalIgnoreCase), spoofed.FormCookieHeader);
        using var plain = await SendAsync(direct, HttpMethod.Get, "/", FromHttpsClient);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Limits_count_the_real_client_behind_the_proxy_and_the_socket_address_otherwise()
    {
        // Page tokens: two per minute per client. Behind the proxy each resident has their own budget.
        foreach (var resident in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
        {
            for (var i = 0; i < 2; i++)
            {
                using var ok = await SendAsync(proxied, HttpMethod.Post, "/api/directline/token", new() { ["X-Forwarded-For"] = resident });
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }
        }
        using (var third = await SendAsync(proxied, HttpMethod.Post, "/api/directline/token", new() { ["X-Forwarded-For"] = "198.51.100.1" }))
        {
            Assert.True(third.StatusCode == HttpStatusCode.TooManyRequests, $"{third.StatusCode} {string.Join(" | ", third.Headers.Select(h => h.Key + ": " + string.Join(",", h.Value)))}");
            Assert.Contains("thử lại", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Without a trusted proxy, a forged X-Forwarded-For does not buy a new budget.
        for (var i = 0; i < 2; i++)
        {
            using var ok = await SendAsync(direct, HttpMethod.Post, "/api/directline/token", new() { ["X-Forwarded-For"] = $"192.0.2.{i}" });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var refused = await SendAsync(direct, HttpMethod.Post, "/api/directline/token", new() { ["X-Forwarded-For"] = "192.0.2.99" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task Sign_in_posts_are_throttled_per_account_and_per_address()
    {
        // Per account (two a minute), from different addresses behind the proxy.
        var attempts = new List<RawForm.Result>();
        foreach (var from in new[] { "198.51.100.10", "198.51.100.11", "198.51.100.12" })
        {
            attempts.Add(await (await RawForm.GetAsync(proxied, new Dictionary<string, string> { ["X-Forwarded-For"] = from })).PostAsync("dung", "sai-mat-khau-x"));
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], attempts.Select(a => a.Status));
        Assert.Contains("quá nhiều lần", attempts[^1].Body, StringComparison.Ordinal);
        Assert.Equal("60", attempts[^1].RetryAfter);

        // Per address (three a minute), whatever the user name.
        var address = new Dictionary<string, string> { ["X-Forwarded-For"] = "198.51.100.20" };
        var statuses = new List<HttpStatusCode>();
        foreach (var user in new[] { "u1", "u2", "u3", "u4" })
        {
            statuses.Add((await (await RawForm.GetAsync(proxied, address)).PostAsync(user, "sai-mat-khau-y")).Status);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        // The form itself is never throttled.
        using var form = await SendAsync(proxied, HttpMethod.Get, "/staff/login", address);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [Fact]
    public async Task Every_route_carries_a_content_policy_with_the_configured_frame_ancestors_and_no_server_header()
    {
        var routes = new (HttpMethod Method, string Path, string Ancestors)[]
        {
            (HttpMethod.Get, "/", "https://phuongmau.gov.vn"),
            (HttpMethod.Get, "/index.html", "https://phuongmau.gov.vn"),
            (HttpMethod.Get, "/widget/chat-widget.js", "https://phuongmau.gov.vn"),
            (HttpMethod.Get, "/widget/chat-widget.css", "https://phuongmau.gov.vn"),
            (HttpMethod.Get, "/webchat/webchat.js", "https://phuongmau.gov.vn"),
            (HttpMethod.Get, "/phan-hoi", "https://phuongmau.gov.vn"),
            (HttpMethod.Get, "/khong-co-trang-nay", "https://phuongmau.gov.vn"),
            (HttpMethod.Get, "/staff/login", "'none'"),
            (HttpMethod.Get, "/staff", "'none'"),
            (HttpMethod.Post, "/api/directline/token", "'none'"),
            (HttpMethod.Post, "/v3/directline/conversations", "'none'"),
            (HttpMethod.Get, "/healthz", "'none'"),
        };
        foreach (var (method, path, ancestors) in routes)
        {
            using var response = await SendAsync(proxied, method, path, new() { ["X-Forwarded-For"] = "198.51.100.30" });
            var policy = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values.Single() : "";
            Assert.True(policy.Contains($"frame-ancestors {ancestors}", StringComparison.Ordinal), $"{method} {path}: '{policy}'");
            Assert.Contains("object-src 'none'", policy.Replace("default-src 'none'", "object-src 'none'", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("Server"), $"{method} {path} sends a Server header");
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        // Without configuration only the host itself may frame its pages.
        using var page = await direct.Client.GetAsync("/");
        Assert.Contains("frame-ancestors 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_direct_line_secret_is_refused_in_any_url_but_accepted_in_the_authorization_header()
    {
        var client = new DirectLineClient(direct.Client);
        var secret = Uri.EscapeDataString(TestHost.Secret);
        foreach (var path in new[] { $"/v3/directline/conversations?t={secret}", $"/v3/directline/tokens/generate?token={secret}", $"/v3/directline/conversations?secret=Bearer%20{secret}" })
        {
            using var response = await client.SendAsync(HttpMethod.Post, path, bearer: null);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Authorization", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await client.StartAsync();
        using var stream = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/stream?t={secret}", bearer: null);
        Assert.Equal(HttpStatusCode.BadRequest, stream.StatusCode);
        Assert.Contains("secret", await stream.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var header = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", TestHost.Secret);
        Assert.Equal(HttpStatusCode.Created, header.StatusCode);
        // The conversation token stays usable in the stream URL, as Direct Line requires.
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new Uri(client.StreamUrl!), CancellationToken.None);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task The_retention_purge_runs_even_when_topic_grouping_and_one_store_fail()
    {
        var real = direct.Services.GetRequiredService<IStaffStore>();
        await real.AppendAuditAsync(new AuditEntry(DateTimeOffset.UtcNow.AddDays(-400), "lan", "reply", "ticket:x", "reply=rất cũ"), default);
        var failing = new FailingStore(real);
        var upkeep = new FeedbackUpkeep(
            failing,
            direct.Services.GetRequiredService<IFeedbackStore>(),
            direct.Services.GetRequiredService<TicketSpool>(),
            direct.Services.GetRequiredService<TopicGrouping>(),
            new FeedbackUpkeepOptions(),
            TimeProvider.System,
            NullLogger<FeedbackUpkeep>.Instance);

        var error = await Assert.ThrowsAsync<AggregateException>(() => upkeep.RunOnceAsync(default));

        Assert.Equal(2, error.InnerExceptions.Count);
        Assert.Equal(Enum.GetValues<RetentionTarget>().Where(t => t != RetentionTarget.StaffReplies), failing.Purged);
        Assert.DoesNotContain(await real.ListAuditAsync(0, 100, default), a => a.Details.Contains("rất cũ", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> SendAsync(TestHost host, HttpMethod method, string path, Dictionary<string, string> headers)
    {
        using var http = RawForm.NewClient(host);
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("");
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>The real store, except that topic grouping's read and the staff-reply purge fail.</summary>
    private sealed class FailingStore(IStaffStore inner) : IStaffStore
    {
        public List<RetentionTarget> Purged { get; } = [];

        public Task<IReadOnlyList<OpenQuestion>> OpenUnansweredAsync(int limit, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("database is locked");

        public async Task<int> PurgeAsync(RetentionTarget target, DateTimeOffset before, CancellationToken cancellationToken)
        {
            if (target == RetentionTarget.StaffReplies)
            {
                throw new InvalidOperationException("disk I/O error");
            }
            Purged.Add(target);
            return await inner.PurgeAsync(target, before, cancellationToken);
        }

        public Task<StaffAccount?> FindAccountAsync(string userName, CancellationToken cancellationToken) => inner.FindAccountAsync(userName, cancellationToken);
        public Task<bool> AddAccountAsync(StaffAccount account, CancellationToken cancellationToken) => inner.AddAccountAsync(account, cancellationToken);
        public Task UpdateAccountAsync(StaffAccount account, CancellationToken cancellationToken) => inner.UpdateAccountAsync(account, cancellationToken);
        public Task<int?> ReserveSignInCheckAsync(string userName, int maxChecks, DateTimeOffset now, DateTimeOffset windowStart, CancellationToken cancellationToken) => inner.ReserveSignInCheckAsync(userName, maxChecks, now, windowStart, cancellationToken);
        public Task ReleaseSignInCheckAsync(string userName, CancellationToken cancellationToken) => inner.ReleaseSignInCheckAsync(userName, cancellationToken);
        public Task LockAccountAsync(string userName, DateTimeOffset until, CancellationToken cancellationToken) => inner.LockAccountAsync(userName, until, cancellationToken);
        public Task<bool> RenewSecurityStampAsync(string userName, CancellationToken cancellationToken) => inner.RenewSecurityStampAsync(userName, cancellationToken);
        public Task<IReadOnlyList<StaffAccount>> ListAccountsAsync(CancellationToken cancellationToken) => inner.ListAccountsAsync(cancellationToken);
        public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken) => inner.AppendAuditAsync(entry, cancellationToken);
        public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int skip, int take, CancellationToken cancellationToken) => inner.ListAuditAsync(skip, take, cancellationToken);
        public Task<QueuePage> QueueAsync(QueueQuery query, CancellationToken cancellationToken) => inner.QueueAsync(query, cancellationToken);
        public Task<QueueItem?> FindItemAsync(string type, Guid id, CancellationToken cancellationToken) => inner.FindItemAsync(type, id, cancellationToken);
        public Task<IReadOnlyList<TranscriptLine>> TranscriptAsync(string conversationId, CancellationToken cancellationToken) => inner.TranscriptAsync(conversationId, cancellationToken);
        public Task<bool> ReviewAsync(string type, Guid id, string status, string? reply, string by, DateTimeOffset at, CancellationToken cancellationToken) => inner.ReviewAsync(type, id, status, reply, by, at, cancellationToken);
        public Task<int> ReviewQuestionsAsync(IReadOnlyList<Guid> ids, string status, string by, DateTimeOffset at, CancellationToken cancellationToken) => inner.ReviewQuestionsAsync(ids, status, by, at, cancellationToken);
    }
}
