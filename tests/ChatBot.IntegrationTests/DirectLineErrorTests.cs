using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBot.Host.DirectLine;

namespace ChatBot.IntegrationTests;

public sealed class DirectLineErrorTests : IAsyncLifetime
{
    private const string SigningKey = "integration-signing-key-0123456789abcdef";
    private TestHost host = null!;

    public async Task InitializeAsync() => host = await TestHost.StartAsync(new Dictionary<string, string?> { ["DirectLine:SigningKey"] = SigningKey });

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static async Task<string> ErrorCode(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>();

    [Fact]
    public async Task Missing_credentials_are_401_and_a_token_for_another_conversation_is_403()
    {
        var a = new DirectLineClient(host.Client);
        var b = new DirectLineClient(host.Client);
        await a.StartAsync();
        await b.StartAsync();

        using var anonymous = await a.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{a.ConversationId}/activities", bearer: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var foreign = await a.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{b.ConversationId}/activities", a.Token);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);

        using var forged = await a.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{a.ConversationId}/activities", a.Token + "x");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        using var foreignPost = await a.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{b.ConversationId}/activities", a.Token, new { type = "message", text = "xin chào" });
        Assert.Equal(HttpStatusCode.Forbidden, foreignPost.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_403_TokenExpired()
    {
        var past = new FixedClock(DateTimeOffset.UtcNow.AddHours(-3));
        var oldTokens = new DirectLineTokens(new DirectLineOptions { SigningKey = SigningKey, Secret = TestHost.Secret }, past);
        var expired = oldTokens.Issue("some-conversation", "dl_old");
        var client = new DirectLineClient(host.Client);
        using var response = await client.SendAsync(HttpMethod.Get, "/v3/directline/conversations/some-conversation/activities", expired);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("TokenExpired", await ErrorCode(response));
    }

    [Fact]
    public async Task The_secret_generates_tokens_and_starts_conversations_but_a_token_cannot_generate()
    {
        var client = new DirectLineClient(host.Client);
        using var generated = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", TestHost.Secret, new { user = new { id = "dl_resident42" } });
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var body = (await generated.Content.ReadFromJsonAsync<JsonObject>())!;
        var token = body["token"]!.GetValue<string>();
        Assert.Equal(1800, body["expires_in"]!.GetValue<int>());

        using var started = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(body["conversationId"]!.GetValue<string>(), (await started.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!.GetValue<string>());

        using var refused = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", token);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var bySecret = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", TestHost.Secret);
        Assert.Equal(HttpStatusCode.Created, bySecret.StatusCode);

        using var refreshed = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var newToken = (await refreshed.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        using var withNew = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{body["conversationId"]}/activities", newToken);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
    }

    [Fact]
    public async Task An_unknown_conversation_is_404()
    {
        var client = new DirectLineClient(host.Client);
        using var response = await client.SendAsync(HttpMethod.Get, "/v3/directline/conversations/does-not-exist/activities", TestHost.Secret);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"type\":\"message\",\"text\":", "application/json", HttpStatusCode.BadRequest, "BadArgument")]
    [InlineData("{\"text\":\"không có type\"}", "application/json", HttpStatusCode.BadRequest, "MissingProperty")]
    [InlineData("{\"type\":\"message\",\"text\":\"xin chào\"}", "text/plain", HttpStatusCode.UnsupportedMediaType, "BadArgument")]
    [InlineData("[1,2,3]", "application/json", HttpStatusCode.BadRequest, "BadArgument")]
    public async Task Malformed_activities_get_a_4xx_with_a_reason(string body, string contentType, HttpStatusCode status, string code)
    {
        var client = new DirectLineClient(host.Client);
        await client.StartAsync();
        using var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/activities", client.Token, rawBody: body, contentType: contentType);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, await ErrorCode(response));
    }

    [Fact]
    public async Task An_activity_over_the_size_limit_is_413()
    {
        var client = new DirectLineClient(host.Client);
        await client.StartAsync();
        var huge = "{\"type\":\"message\",\"text\":\"" + new string('a', 300_000) + "\"}";
        using var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/activities", client.Token, rawBody: huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_100_kb_message_gets_a_polite_too_long_reply()
    {
        var client = new DirectLineClient(host.Client);
        await client.StartAsync();
        var id = await client.PostMessageAsync("khai sinh " + new string('x', 100_000));
        var reply = await client.WaitForReplyAsync(id);
        Assert.Contains("dài quá", DirectLineClient.Text(reply), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("\u0000\u0007\u001b[31m")]
    [InlineData("<script>alert(1)</script><img src=x onerror=alert(2)>")]
    [InlineData("'; DROP TABLE questions; --")]
    [InlineData("😀😀😀")]
    public async Task Odd_messages_get_a_polite_reply_that_never_echoes_markup(string text)
    {
        var client = new DirectLineClient(host.Client);
        await client.StartAsync();
        var id = await client.PostMessageAsync(text);
        var reply = await client.WaitForReplyAsync(id);
        Assert.False(string.IsNullOrWhiteSpace(DirectLineClient.Text(reply)));
        Assert.DoesNotContain("<script", DirectLineClient.Text(reply), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", DirectLineClient.Text(reply), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("ok", await host.Client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task A_bad_watermark_is_400_and_uploads_are_refused_politely()
    {
        var client = new DirectLineClient(host.Client);
        await client.StartAsync();
        using var bad = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/activities?watermark=abc", client.Token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var upload = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/upload?userId=x", client.Token, rawBody: "x", contentType: "multipart/form-data; boundary=b");
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
