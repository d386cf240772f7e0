using ChatBot.Host;
using ChatBot.Knowledge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests;

/// <summary>
/// The real host on a free loopback port with its own SQLite file and spool folder, serving the repository's
/// knowledge and prompts. Each test class gets its own instance.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string Secret = "test-secret-4d9c2b7e";
    private readonly WebApplication app;

    private TestHost(WebApplication app, string dataFolder)
    {
        this.app = app;
        DataFolder = dataFolder;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string DataFolder { get; }

    public string DatabasePath => Path.Combine(DataFolder, "chatbot.db");

    public IServiceProvider Services => app.Services;

    public static async Task<TestHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "chatbot-host-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ChatBot"] = $"Data Source={Path.Combine(data, "chatbot.db")}",
            ["QuestionLog:SpoolPath"] = Path.Combine(data, "spool"),
            ["DirectLine:SigningKeyFile"] = Path.Combine(data, "directline-signing.key"),
            ["DirectLine:Secret"] = Secret,
            ["Knowledge:Watch"] = "false",
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("CHATBOT_TEST_LOG") ?? "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var app = ChatBotApp.Create(["--urls", "http://127.0.0.1:0"], builder => builder.Configuration.AddInMemoryCollection(values));
        await app.StartAsync();
        return new TestHost(app, data);
    }

    public KnowledgeBase Knowledge => app.Services.GetRequiredService<KnowledgeBase>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
