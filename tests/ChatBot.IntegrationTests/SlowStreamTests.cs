using ChatBot.Host.DirectLine;

namespace ChatBot.IntegrationTests;

/// <summary>A live stream whose reader falls behind is ended, never thinned: the reader resumes by watermark.</summary>
public sealed class SlowStreamTests
{
    [Fact]
    public async Task A_reader_that_falls_behind_is_disconnected_and_misses_nothing_when_it_resumes_by_watermark()
    {
        var conversation = new DirectLineConversation("c-slow", "dl_slow", maxActivities: 1000, TimeProvider.System);
        var stream = conversation.Subscribe(watermark: null);
        var total = DirectLineConversation.StreamBacklog + 50;
        for (var i = 1; i <= total; i++)
        {
            conversation.Append(new Activity { Type = ActivityTypes.Message, Text = $"trả lời {i}" });
        }

        var received = new List<string>();
        var watermark = "0";
        await foreach (var set in stream.Reader.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token))
        {
            received.AddRange(set.Activities.Select(a => a.Text!));
            watermark = set.Watermark;
        }
        // The stream ended (the socket closes); the client asks again from its watermark.
        Assert.True(stream.Reader.Completion.IsCompleted);
        received.AddRange(conversation.Since(long.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture)).Activities.Select(a => a.Text!));

        Assert.Equal(Enumerable.Range(1, total).Select(i => $"trả lời {i}"), received);
    }
}

/// <summary>A graceful stop closes open streams with a close frame instead of waiting for them.</summary>
public sealed class StreamShutdownTests
{
    [Fact]
    public async Task Stopping_the_host_sends_open_websockets_a_close_frame()
    {
        var host = await TestHost.StartAsync();
        var client = new DirectLineClient(host.Client);
        await client.StartAsync();
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new Uri(client.StreamUrl!), CancellationToken.None);
        await DirectLineClient.ReadFramesAsync(socket, list => list.Count >= 2, TimeSpan.FromSeconds(10));

        var stopping = host.DisposeAsync().AsTask();
        var buffer = new byte[4096];
        System.Net.WebSockets.WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        }
        while (result.MessageType != System.Net.WebSockets.WebSocketMessageType.Close);
        await stopping;

        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }
}
