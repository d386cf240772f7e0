using ChatBot.Feedback.Staff;
using ChatBot.ServiceDefaults;
using ChatBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Cli;

/// <summary>`chatbot staff add USER`: the first admin account cannot come from the console itself.</summary>
internal static class StaffCommand
{
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout)
    {
        if (args.Length < 2 || args[0] != "add")
        {
            throw new CliUsageException("usage: chatbot staff add USER [--role admin|staff] [--name \"Họ tên\"] (password on standard input)");
        }
        var user = args[1];
        var role = Option(args, "--role") ?? StaffRoles.Admin;
        var name = Option(args, "--name") ?? user;
        if (!Console.IsInputRedirected)
        {
            await stdout.WriteAsync("Mật khẩu (ít nhất 10 ký tự): ").ConfigureAwait(false);
        }
        var password = await stdin.ReadLineAsync().ConfigureAwait(false) ?? "";

        using var host = CliApp.BuildHost(record: true);
        var contexts = host.Services.GetRequiredService<IDbContextFactory<ChatBotDbContext>>();
        await StorageSetup.MigrateAsync(contexts, host.Services.GetRequiredService<DatabaseConnection>().ConnectionString, CancellationToken.None).ConfigureAwait(false);
        var problem = await host.Services.GetRequiredService<StaffSignIn>().AddAccountAsync(user, name, role, password, "cli", CancellationToken.None).ConfigureAwait(false);
        if (problem is not null)
        {
            throw new CliUsageException(problem);
        }
        await stdout.WriteLineAsync($"added {StaffSignIn.Normalize(user)} ({role})").ConfigureAwait(false);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
