using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.UnitTests;

/// <summary>One chat completion request as the test double received it.</summary>
public sealed record FakeChatRequest(string Path, string Body, IReadOnlyList<(string Role, string Content)> Messages)
{
    public string System => string.Join("\n", Messages.Where(m => m.Role == "system").Select(m => m.Content));

    public string User => string.Join("\n", Messages.Where(m => m.Role == "user").Select(m => m.Content));

    /// <summary>The follow-up rewriter's prompt (prompts/llm/rewrite.yaml) rather than the answer's.</summary>
    public bool IsRewrite => System.Contains("standalone question", StringComparison.Ordinal);
}

/// <summary>What the test double answers: a status, the assistant's text (or a raw body), after a delay.</summary>
public sealed record FakeReply(string? Content, int Status = 200, TimeSpan Delay = default, string? RawBody = null, int PromptTokens = 120, int CompletionTokens = 40);

/// <summary>
/// Test double: no LLM service is reachable here. A local OpenAI-compatible server on loopback (Kestrel) serving
/// <c>POST /v1/chat/completions</c> (and the Azure OpenAI deployment route), recording every request and answering
/// with whatever <see cref="Reply"/> says — a grounded answer, a made-up fee, a 500, a 429, a stall or garbage.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeOpenAiServer(WebApplication app, Uri root)
    {
        this.app = app;
        Root = root;
    }

    public Uri Root { get; }

    /// <summary>The OpenAI base URL including /v1, as Llm:Endpoint takes it.</summary>
    public string Endpoint => new Uri(Root, "v1").ToString();

    public ConcurrentQueue<FakeChatRequest> Requests { get; } = new();

    public Func<FakeChatRequest, FakeReply> Reply { get; set; } = _ => new FakeReply("NO_ANSWER");

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeOpenAiServer? server = null;
        async Task Handle(HttpContext context)
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var json = JsonNode.Parse(body)!;
            var messages = json["messages"]!.AsArray().Select(m => (m!["role"]!.GetValue<string>(), Content(m["content"]))).ToList();
            var request = new FakeChatRequest(context.Request.Path, body, messages);
            server!.Requests.Enqueue(request);
            var reply = server.Reply(request);
            if (reply.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(reply.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.RawBody ?? (reply.Status == 200 ? Completion(reply) : """{"error":{"message":"test double failure","type":"server_error"}}"""), context.RequestAborted);
        }
        app.MapPost("/v1/chat/completions", Handle);
        app.MapPost("/openai/deployments/{deployment}/chat/completions", Handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeOpenAiServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    private static string Content(JsonNode? content) => content switch
    {
        null => "",
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => content.GetValue<string>(),
    };

    private static string Completion(FakeReply reply) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_764_800_000,
        model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = reply.PromptTokens, completion_tokens = reply.CompletionTokens, total_tokens = reply.PromptTokens + reply.CompletionTokens },
    });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
