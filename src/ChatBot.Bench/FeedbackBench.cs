using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ChatBot.Feedback.Reports;
using ChatBot.Feedback.Staff;
using ChatBot.Feedback.Topics;
using ChatBot.Host;
using ChatBot.ServiceDefaults;
using ChatBot.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Bench;

/// <summary>
/// `bench feedback`: seeds a temporary database with realistic office records through the real migrations, starts
/// the real host on it, signs in as staff and times the staff pages; then times topic grouping when it is registered.
/// Options: --records N (100000) --requests N (200) --warmup N (20) --paths /staff,/staff/reports --topics N (10000) --keep (leave the database for inspection).
/// </summary>
internal static partial class FeedbackBench
{
    private const string UserName = "bench.admin";
    private const string Password = "bench-password-3f8a";

    public static async Task<int> RunAsync(string[] args)
    {
        var records = Option(args, "--records", 100_000);
        var requests = Option(args, "--requests", 200);
        var warmup = Option(args, "--warmup", 20);
        var topicCount = Option(args, "--topics", 10_000);
        var paths = (Text(args, "--paths") ?? "/staff,/staff/reports").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var data = Path.Combine(Path.GetTempPath(), "chatbot-feedback-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var connectionString = $"Data Source={Path.Combine(data, "bench.db")}";
        var app = ChatBotApp.Create(
            ["--urls", "http://127.0.0.1:0", "--ConnectionStrings:ChatBot", connectionString, "--QuestionLog:SpoolPath", Path.Combine(data, "spool"),
             "--Logging:LogLevel:Default", "Warning", "--Knowledge:Watch", "false"]);
        try
        {
            // Seed before the host starts, through the same migrations the host applies (they are then a no-op).
            var contexts = app.Services.GetRequiredService<IDbContextFactory<ChatBotDbContext>>();
            var resolved = app.Services.GetRequiredService<DatabaseConnection>().ConnectionString;
            await StorageSetup.MigrateAsync(contexts, resolved, CancellationToken.None);
            var seeding = Stopwatch.StartNew();
            FeedbackSeed.Counts counts;
            await using (var db = await contexts.CreateDbContextAsync())
            {
                await db.Database.OpenConnectionAsync();
                counts = await FeedbackSeed.WriteAsync(db.Database.GetDbConnection(), records, DateTimeOffset.UtcNow);
                await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seeded {counts.Questions:N0} questions, {counts.Tickets:N0} tickets, {counts.Ratings:N0} ratings over 6 months in {seeding.Elapsed.TotalSeconds:0.0} s"));

            await app.StartAsync();
            var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var problem = await app.Services.GetRequiredService<StaffSignIn>().AddAccountAsync(UserName, "Benchmark", StaffRoles.Admin, Password, "bench", CancellationToken.None);
            if (problem is not null)
            {
                Console.Error.WriteLine(problem);
                return 1;
            }
            using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
            if (!await SignInAsync(http))
            {
                Console.Error.WriteLine("signing in failed");
                return 1;
            }
            Console.WriteLine($"host {baseAddress} · {Environment.ProcessorCount} cores · {requests} sequential requests per page after {warmup} warm-up");

            foreach (var path in paths)
            {
                var status = HttpStatusCode.OK;
                for (var i = 0; i < warmup; i++)
                {
                    using var response = await http.GetAsync(path);
                    status = response.StatusCode;
                    await response.Content.ReadAsByteArrayAsync();
                }
                if (status != HttpStatusCode.OK)
                {
                    Console.WriteLine($"{path,-40} HTTP {(int)status} ({status}) — not measured");
                    continue;
                }
                var times = new List<double>(requests);
                long bytes = 0;
                for (var i = 0; i < requests; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.GetAsync(path);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    bytes = body.Length;
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Console.Error.WriteLine($"{path}: HTTP {(int)response.StatusCode} during the run");
                        return 1;
                    }
                }
                times.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{path,-40} p50 {P(times, 0.50),7:0.0} ms  p95 {P(times, 0.95),7:0.0} ms  max {times[^1],7:0.0} ms  ({bytes / 1024.0:0} KiB)"));
            }

            // The same reports without HTTP and rendering: how much of a page is the database and arithmetic.
            var reports = app.Services.GetRequiredService<ReportService>();
            var today = ReportTime.LocalDate(DateTimeOffset.UtcNow);
            foreach (var (name, query) in new[]
            {
                ("30 days by day", ReportQuery.LastDays(today)),
                ("6 months by week", new ReportQuery(today.AddMonths(-6), today, ReportGranularity.Week)),
            })
            {
                var times = new List<double>();
                for (var i = 0; i < warmup + 50; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await reports.BuildAsync(query, CancellationToken.None);
                    if (i >= warmup)
                    {
                        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
                times.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ReportService {name,-27} p50 {P(times, 0.50),7:0.0} ms  p95 {P(times, 0.95),7:0.0} ms"));
            }

            var topics = app.Services.GetService<IUnansweredTopics>();
            if (topics is null)
            {
                Console.WriteLine("topic grouping (IUnansweredTopics): not registered");
            }
            else
            {
                var now = DateTimeOffset.UtcNow;
                var questions = FeedbackSeed.UnansweredTexts(topicCount).Select((text, i) => new OpenQuestion(Guid.CreateVersion7(), now.AddMinutes(-i), text)).ToList();
                var clock = Stopwatch.StartNew();
                var groups = topics.Group(questions);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"topic grouping of {questions.Count:N0} unanswered questions: {clock.Elapsed.TotalSeconds:0.00} s, {groups.Count} groups; largest: {string.Join(" | ", groups.Take(3).Select(g => $"{g.Label} ({g.Count})"))}"));
            }
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (args.Contains("--keep"))
            {
                Console.WriteLine($"database kept in {data}");
            }
            else
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static async Task<bool> SignInAsync(HttpClient http)
    {
        var form = await http.GetStringAsync("/staff/login");
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = UserName,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        });
        using var response = await http.PostAsync("/staff/login", content);
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private static double P(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var text = Text(args, name);
        return text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
