using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ChatBot.Storage;

/// <summary>Opens the database named by a connection string and brings its schema up to date.</summary>
public static class StorageSetup
{
    /// <summary>Configures EF Core for the connection string (SQLite is the embedded default).</summary>
    public static void Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSqlite(connectionString);
    }

    /// <summary>Creates the SQLite file's folder if needed, then applies pending migrations.</summary>
    public static async Task MigrateAsync(IDbContextFactory<ChatBotDbContext> contexts, string connectionString, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite() && dataSource != ":memory:")
        {
            // Write-ahead logging: readers (reports, staff pages) never block the question writer, and a commit
            // appends to the log instead of rewriting pages. The setting is stored in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
    }
}
