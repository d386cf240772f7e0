using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.IntegrationTests;

/// <summary>A small Direct Line 3.0 client for tests, speaking JSON over real HTTP and WebSocket.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    public string? Token { get; private set; }
    public string? ConversationId { get; private set; }
    public string? StreamUrl { get; private set; }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, object? body = null, string? rawBody = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        if (rawBody is not null)
        {
            request.Content = new StringContent(rawBody, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return await http.SendAsync(request);
    }

    /// <summary>Gets a page token and starts its conversation, as Web Chat does.</summary>
    public async Task<JsonObject> StartAsync()
    {
        using var tokenResponse = await http.PostAsync("/api/directline/token", null);
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        Token = token["token"]!.GetValue<string>();
        using var started = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", Token, new { user = new { } });
        Assert.Equal(System.Net.HttpStatusCode.Created, started.StatusCode);
        var conversation = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        ConversationId = conversation["conversationId"]!.GetValue<string>();
        StreamUrl = conversation["streamUrl"]!.GetValue<string>();
        Token = conversation["token"]!.GetValue<string>();
        return conversation;
    }

    public async Task<string> PostMessageAsync(string text, string? clientActivityId = null)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", Token, new
        {
            type = "message",
            text,
            from = new { id = "ignored", name = "Người dân", role = "user" },
            channelData = new { clientActivityID = clientActivityId ?? Guid.NewGuid().ToString("N") },
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public async Task<JsonObject> GetActivitiesAsync(string? watermark = null)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={watermark}", Token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Polls until a bot text message replying to the activity appears (the rating card has no text).</summary>
    public async Task<JsonObject> WaitForReplyAsync(string activityId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var set = await GetActivitiesAsync();
            var reply = set["activities"]!.AsArray().OfType<JsonObject>()
                .LastOrDefault(a => a["replyToId"]?.GetValue<string>() == activityId && a["type"]!.GetValue<string>() == "message" && Text(a).Length > 0);
            if (reply is not null)
            {
                return reply;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"no reply to {activityId}");
    }

    public static async Task<List<JsonObject>> ReadFramesAsync(ClientWebSocket socket, Func<List<JsonObject>, bool> until, TimeSpan timeout)
    {
        var activities = new List<JsonObject>();
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        while (!until(activities))
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cts.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }
            if (message.Length == 0)
            {
                continue;
            }
            var set = JsonNode.Parse(message.ToArray())!.AsObject();
            Assert.False(string.IsNullOrEmpty(set["watermark"]?.GetValue<string>()), "every frame carries a watermark");
            activities.AddRange(set["activities"]!.AsArray().OfType<JsonObject>());
        }
        return activities;
    }

    public static string Text(JsonObject activity) => activity["text"]?.GetValue<string>() ?? "";

    public static JsonObject? Meta(JsonObject activity) => activity["channelData"]?["chatbot"]?.AsObject();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
