using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ChatBot.IntegrationTests;

public sealed class DirectLineFlowTests : IAsyncLifetime
{
    private TestHost host = null!;

    public async Task InitializeAsync() => host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Guessing_ticket_codes_in_one_conversation_is_throttled()
    {
        var guesser = new DirectLineClient(host.Client);
        await guesser.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            var miss = await guesser.WaitForReplyAsync(await guesser.PostMessageAsync(ChatBot.Feedback.Tickets.TicketCode.New()));
            Assert.Contains("không tìm thấy", DirectLineClient.Text(miss), StringComparison.Ordinal);
        }
        var refused = await guesser.WaitForReplyAsync(await guesser.PostMessageAsync(ChatBot.Feedback.Tickets.TicketCode.New()));
        Assert.Contains("vui lòng chờ", DirectLineClient.Text(refused), StringComparison.Ordinal);

        // Another conversation is not affected.
        var other = new DirectLineClient(host.Client);
        await other.StartAsync();
        var looked = await other.WaitForReplyAsync(await other.PostMessageAsync(ChatBot.Feedback.Tickets.TicketCode.New()));
        Assert.Contains("không tìm thấy", DirectLineClient.Text(looked), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_greets_echoes_the_residents_message_and_answers_with_a_source()
    {
        var client = new DirectLineClient(host.Client);
        await client.StartAsync();

        var welcome = await client.GetActivitiesAsync();
        var greeting = welcome["activities"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Equal(2, greeting.Count);
        Assert.All(greeting, a => Assert.Equal("bot", a["from"]!["role"]!.GetValue<string>()));
        Assert.NotEmpty(greeting[1]["suggestedActions"]!["actions"]!.AsArray());

        var id = await client.PostMessageAsync("lam giay khai sinh can giay to gi", "client-1");
        var reply = await client.WaitForReplyAsync(id);
        var all = (await client.GetActivitiesAsync())["activities"]!.AsArray().OfType<JsonObject>().ToList();

        var echo = Assert.Single(all, a => a["id"]!.GetValue<string>() == id);
        Assert.Equal("client-1", echo["channelData"]!["clientActivityID"]!.GetValue<string>());
        Assert.Equal("user", echo["from"]!["role"]!.GetValue<string>());
        Assert.StartsWith("dl_", echo["from"]!["id"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal("markdown", reply["textFormat"]!.GetValue<string>());
        Assert.Equal("answer", DirectLineClient.Meta(reply)!["kind"]!.GetValue<string>());
        Assert.Equal("dang-ky-khai-sinh", DirectLineClient.Meta(reply)!["sources"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("ho-so", DirectLineClient.Meta(reply)!["sources"]![0]!["facet"]!.GetValue<string>());
        Assert.Contains("Nguồn: [", DirectLineClient.Text(reply), StringComparison.Ordinal);
        Assert.Contains("https://", DirectLineClient.Text(reply), StringComparison.Ordinal);

        // Ids, timestamps and watermarks only grow.
        var sequence = all.Select(a => long.Parse(a["id"]!.GetValue<string>().Split('|')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sequence.Order(), sequence);
        var stamps = all.Select(a => DateTimeOffset.Parse(a["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(stamps.Zip(stamps.Skip(1)).All(p => p.First < p.Second));
        Assert.Equal(sequence[^1].ToString(System.Globalization.CultureInfo.InvariantCulture), (await client.GetActivitiesAsync())["watermark"]!.GetValue<string>());
        var later = await client.GetActivitiesAsync(sequence[^1].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(later["activities"]!.AsArray());
    }

    [Fact]
    public async Task Starting_again_with_the_same_token_returns_200_without_a_second_greeting()
    {
        var client = new DirectLineClient(host.Client);
        await client.StartAsync();
        using var again = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", client.Token, new { user = new { } });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, (await client.GetActivitiesAsync())["activities"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_reposted_activity_with_the_same_client_id_is_processed_once()
    {
        var client = new DirectLineClient(host.Client);
        await client.StartAsync();
        var first = await client.PostMessageAsync("le phi dang ky ket hon", "same-id");
        var second = await client.PostMessageAsync("le phi dang ky ket hon", "same-id");
        Assert.Equal(first, second);
        await client.WaitForReplyAsync(first);
        var activities = (await client.GetActivitiesAsync())["activities"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Single(activities, a => a["from"]!["role"]!.GetValue<string>() == "user");
        Assert.Single(activities, a => a["replyToId"]?.GetValue<string>() == first && DirectLineClient.Text(a).Length > 0);
        Assert.Single(activities, a => a["replyToId"]?.GetValue<string>() == first && a["attachments"] is JsonArray);
    }

    [Fact]
    public async Task The_websocket_stream_replays_the_backlog_then_delivers_echo_typing_and_reply()
    {
        var client = new DirectLineClient(host.Client);
        await client.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(client.StreamUrl!), CancellationToken.None);

        var backlog = await DirectLineClient.ReadFramesAsync(socket, list => list.Count >= 2, TimeSpan.FromSeconds(10));
        Assert.Equal(2, backlog.Count);

        var id = await client.PostMessageAsync("cap lai the can cuoc mat bao lau", "ws-1");
        var live = await DirectLineClient.ReadFramesAsync(socket, list => list.Any(a => a["replyToId"]?.GetValue<string>() == id), TimeSpan.FromSeconds(10));
        Assert.Contains(live, a => a["id"]?.GetValue<string>() == id && a["channelData"]!["clientActivityID"]!.GetValue<string>() == "ws-1");
        Assert.Contains(live, a => a["type"]!.GetValue<string>() == "typing" && a["from"]!["role"]!.GetValue<string>() == "bot");
        var reply = live.Single(a => a["replyToId"]?.GetValue<string>() == id);
        Assert.Equal("cap-the-can-cuoc", DirectLineClient.Meta(reply)!["sources"]![0]!["id"]!.GetValue<string>());

        // Typing is transient: it is not in the stored log.
        var stored = (await client.GetActivitiesAsync())["activities"]!.AsArray().OfType<JsonObject>();
        Assert.DoesNotContain(stored, a => a["type"]!.GetValue<string>() == "typing");
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task Reconnect_returns_a_fresh_stream_url_that_replays_from_the_watermark()
    {
        var client = new DirectLineClient(host.Client);
        await client.StartAsync();
        var id = await client.PostMessageAsync("dang ky tam tru o dau");
        await client.WaitForReplyAsync(id);

        using var response = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}?watermark=2", client.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var streamUrl = body["streamUrl"]!.GetValue<string>();
        Assert.Contains("watermark=2", streamUrl, StringComparison.Ordinal);

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        var replayed = await DirectLineClient.ReadFramesAsync(socket, list => list.Count >= 2, TimeSpan.FromSeconds(10));
        Assert.Equal(id, replayed[0]["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unanswered_question_is_stored_redacted_in_sqlite_with_its_candidates()
    {
        var client = new DirectLineClient(host.Client);
        await client.StartAsync();
        var id = await client.PostMessageAsync("thoi tiet ngay mai o ha noi the nao, goi toi 0912345678");
        var reply = await client.WaitForReplyAsync(id);
        Assert.Equal("no-answer", DirectLineClient.Meta(reply)!["kind"]!.GetValue<string>());

        var rows = await PollDatabaseAsync("""SELECT "Text", "Kind", "Channel", "ConversationId", "CandidatesJson" FROM questions WHERE "Answered" = 0""");
        var row = Assert.Single(rows);
        Assert.Equal("thoi tiet ngay mai o ha noi the nao, goi toi [số điện thoại]", row[0]);
        Assert.Equal("no-answer", row[1]);
        Assert.Equal("directline", row[2]);
        Assert.Equal(client.ConversationId, row[3]);
        Assert.StartsWith("[", row[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_reports_knowledge_and_database()
    {
        Assert.Equal("ok", await host.Client.GetStringAsync("/healthz"));
        var ready = await host.Client.GetFromJsonAsync<JsonObject>("/readyz");
        Assert.Equal("ready", ready!["status"]!.GetValue<string>());
        Assert.True(ready["knowledge"]!["documents"]!.GetValue<int>() >= 30);
        Assert.Equal("reachable", ready["database"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_cors_preflight_allows_what_web_chat_sends()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        request.Headers.Add("Origin", "https://phuong-mau.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent,x-requested-with");
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var allowed = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        foreach (var header in new[] { "authorization", "content-type", "x-ms-bot-agent", "x-requested-with" })
        {
            Assert.Contains(header, allowed, StringComparison.Ordinal);
        }
    }

    private async Task<List<string[]>> PollDatabaseAsync(string sql)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string[]>();
            while (await reader.ReadAsync())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString()!).ToArray());
            }
            if (rows.Count > 0)
            {
                return rows;
            }
            await Task.Delay(50);
        }
        return [];
    }
}
