using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ChatBot.IntegrationTests;

/// <summary>
/// The real host as its own operating-system process (the built ChatBot.Host next to the tests), on a free
/// loopback port and a data folder the caller names, so a test can kill it (-9) and start it again on the same
/// files. For in-process tests use <see cref="TestHost"/>.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;

    private HostProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<HostProcess> StartAsync(string dataFolder, IDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var values = new Dictionary<string, string>
        {
            ["ConnectionStrings:ChatBot"] = $"Data Source={Path.Combine(dataFolder, "chatbot.db")}",
            ["QuestionLog:SpoolPath"] = Path.Combine(dataFolder, "spool"),
            ["DirectLine:SigningKeyFile"] = Path.Combine(dataFolder, "directline-signing.key"),
            ["DirectLine:Secret"] = TestHost.Secret,
            ["Knowledge:Watch"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChatBot.Host.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in values)
        {
            start.ArgumentList.Add("--" + key);
            start.ArgumentList.Add(value);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        return host;
    }

    /// <summary>Waits until /readyz answers 200, then returns its body.</summary>
    public async Task<JsonObject> WaitUntilReadyAsync(TimeSpan timeout, Func<JsonObject, bool>? also = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the host process exited with code {process.ExitCode}");
            }
            try
            {
                using var response = await Client.GetAsync("/readyz");
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
                if (response.StatusCode == HttpStatusCode.OK && (also is null || also(body)))
                {
                    return body;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the host did not become ready");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no stop handlers, no flush; what the page cache holds survives, as after a crash.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            Kill();
        }
        process.Dispose();
        return ValueTask.CompletedTask;
    }
}
