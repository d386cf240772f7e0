using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Host;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

// Other modes by first argument; without one, the Direct Line benchmark below.
if (args is ["corpus", ..])
{
    return CorpusBenchmark.Run(args[1..]);
}
if (args is ["feedback", ..])
{
    return await ChatBot.Bench.FeedbackBench.RunAsync(args[1..]);
}
if (args is ["redaction", ..])
{
    return RedactionBenchmark.Run(args[1..]);
}
if (args is ["national", ..])
{
    return NationalBenchmark.Run(args[1..]);
}
if (args is ["catalogue", ..])
{
    return CatalogueBenchmark.Run(args[1..]);
}

// Drives N concurrent Direct Line conversations against a host on loopback (post a question, wait for the
// reply on the WebSocket) for T seconds, then the bare /healthz endpoint the same way, and prints both.
var concurrency = Option("--concurrency", 32);
var seconds = Option("--seconds", 20);
string[] questions =
[
    "lam giay khai sinh can giay to gi", "lệ phí đổi bằng lái xe bao nhiêu", "cấp lại thẻ căn cước mất bao lâu",
    "dang ky tam tru o dau", "thủ tục đăng ký kết hôn", "tra cứu hồ sơ bằng mã", "thời tiết hôm nay thế nào",
    "quen mat khau vneid", "so do lan dau can gi", "gia hạn bảo hiểm y tế hộ gia đình",
];

var only = Array.IndexOf(args, "--question") is var q && q >= 0 && q + 1 < args.Length ? args[q + 1] : null;
if (only is not null)
{
    questions = [only];
}

var data = Path.Combine(Path.GetTempPath(), "chatbot-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(data);
var app = ChatBotApp.Create(
    ["--urls", "http://127.0.0.1:0", "--ConnectionStrings:ChatBot", $"Data Source={Path.Combine(data, "bench.db")}",
     "--QuestionLog:SpoolPath", Path.Combine(data, "spool"), "--DirectLine:Secret", Conversation.Secret, "--DirectLine:BenchmarkNoOpUserPrefix", "dl_noop_", "--Logging:LogLevel:Default", "Warning", "--Knowledge:Watch", "false"]);
await app.StartAsync();
var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = baseAddress };
Console.WriteLine($"host {baseAddress} · {Environment.ProcessorCount} cores · {concurrency} concurrent · {seconds} s each");

var conversations = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Conversation.StartAsync(http, noOp: false)));
var noOpConversations = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Conversation.StartAsync(http, noOp: true)));
// Warm-up long enough for tiered JIT to finish optimising the hot paths (Lucene's in particular).
await RunAsync("warm-up", Option("--warmup", 15), i => conversations[i].TurnAsync(http, questions[Random.Shared.Next(questions.Length)]), print: false);
var turns = await RunAsync("Direct Line turn", seconds, i => conversations[i].TurnAsync(http, questions[Random.Shared.Next(questions.Length)]));
var noOp = await RunAsync("no-op bot turn", seconds, i => noOpConversations[i].TurnAsync(http, questions[i % questions.Length]));
var bare = await RunAsync("bare /healthz", seconds, async _ => (await http.GetAsync("/healthz")).Dispose());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"turn throughput / no-op bot turn throughput = {turns / noOp:P1}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"turn throughput / bare /healthz throughput = {turns / bare:P1}"));

foreach (var conversation in conversations.Concat(noOpConversations))
{
    await conversation.DisposeAsync();
}
await app.StopAsync();
await app.DisposeAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(data, recursive: true);
return 0;

async Task<double> RunAsync(string name, int duration, Func<int, Task> operation, bool print = true)
{
    var latencies = new List<double>[concurrency];
    var stop = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
    {
        var mine = latencies[worker] = [];
        while (stop.Elapsed.TotalSeconds < duration)
        {
            var started = Stopwatch.GetTimestamp();
            await operation(worker);
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }));
    var all = latencies.SelectMany(l => l).Order().ToList();
    var rate = all.Count / stop.Elapsed.TotalSeconds;
    if (print)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-18} {all.Count,8} ops  {rate,9:0.0}/s  p50 {P(all, 0.50),7:0.00} ms  p95 {P(all, 0.95),7:0.00} ms  p99 {P(all, 0.99),7:0.00} ms"));
    }
    return rate;
}

static double P(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

/// <summary>One resident's conversation: a token, a started conversation and its open WebSocket stream.</summary>
internal sealed class Conversation : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly byte[] buffer = new byte[256 * 1024];
    private string token = "";
    private string id = "";
    private int sent;

    public const string Secret = "bench-secret";

    public static async Task<Conversation> StartAsync(HttpClient http, bool noOp)
    {
        var conversation = new Conversation();
        // The secret path: the page endpoint is rate-limited per address, and all of these come from one.
        using var generate = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate")
        {
            Content = JsonContent.Create(new { user = new { id = (noOp ? "dl_noop_" : "dl_bench_") + Guid.NewGuid().ToString("N")[..12] } }),
        };
        generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        using var tokenResponse = await http.SendAsync(generate);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations") { Content = JsonContent.Create(new { user = new { } }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var started = await http.SendAsync(request);
        var body = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        conversation.token = body["token"]!.GetValue<string>();
        conversation.id = body["conversationId"]!.GetValue<string>();
        await conversation.socket.ConnectAsync(new Uri(body["streamUrl"]!.GetValue<string>()), CancellationToken.None);
        return conversation;
    }

    public async Task TurnAsync(HttpClient http, string question)
    {
        var clientId = $"b{++sent}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities")
        {
            Content = JsonContent.Create(new { type = "message", text = question, channelData = new { clientActivityID = clientId } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var activityId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        // The turn ends when the bot's reply to this activity arrives on the stream.
        var marker = $"\"replyToId\":\"{activityId}\"";
        while (true)
        {
            var frame = await ReceiveAsync();
            if (frame.Contains(marker, StringComparison.Ordinal) && frame.Contains("\"type\":\"message\"", StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    private async Task<string> ReceiveAsync()
    {
        var length = 0;
        WebSocketReceiveResult result;
        do
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
            result = new WebSocketReceiveResult(received.Count, received.MessageType, received.EndOfMessage);
            length += received.Count;
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        socket.Dispose();
    }
}
