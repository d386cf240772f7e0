using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChatBot.Storage;

/// <summary>The office's records: resident questions (redacted) and, later, tickets and staff work.</summary>
public sealed class ChatBotDbContext(DbContextOptions<ChatBotDbContext> options) : DbContext(options)
{
    public DbSet<QuestionEntity> Questions => Set<QuestionEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var question = modelBuilder.Entity<QuestionEntity>();
        question.ToTable("questions");
        question.HasKey(q => q.Id);
        question.Property(q => q.ConversationId).HasMaxLength(128).IsRequired();
        question.Property(q => q.Channel).HasMaxLength(64).IsRequired();
        question.Property(q => q.Text).HasMaxLength(4000).IsRequired();
        question.Property(q => q.Kind).HasMaxLength(32).IsRequired();
        question.Property(q => q.DocumentId).HasMaxLength(200);
        question.Property(q => q.Facet).HasMaxLength(32);
        question.Property(q => q.Reason).HasMaxLength(200);
        question.Property(q => q.CandidatesJson).IsRequired();
        question.HasIndex(q => q.AtUnixMs);
        question.HasIndex(q => new { q.Answered, q.AtUnixMs });
        question.HasIndex(q => q.ConversationId);
    }
}

/// <summary>A stored question; the time is kept as Unix milliseconds so SQLite and PostgreSQL sort it alike.</summary>
public sealed class QuestionEntity
{
    public Guid Id { get; set; }
    public long AtUnixMs { get; set; }
    public string ConversationId { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Text { get; set; } = "";
    public string Kind { get; set; } = "";
    public bool Answered { get; set; }
    public string? DocumentId { get; set; }
    public string? Facet { get; set; }
    public string? Reason { get; set; }
    public string CandidatesJson { get; set; } = "[]";
}

/// <summary>Lets `dotnet ef migrations add` build the context without the host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ChatBotDbContext>
{
    public ChatBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ChatBotDbContext>().UseSqlite("Data Source=design.db").Options);
}
