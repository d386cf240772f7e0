using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChatBot.Storage;

/// <summary>The office's records: resident questions (redacted), tickets, ratings, staff accounts and the audit log.</summary>
public sealed class ChatBotDbContext(DbContextOptions<ChatBotDbContext> options) : DbContext(options)
{
    public DbSet<QuestionEntity> Questions => Set<QuestionEntity>();
    public DbSet<TicketEntity> Tickets => Set<TicketEntity>();
    public DbSet<RatingEntity> Ratings => Set<RatingEntity>();
    public DbSet<StaffAccountEntity> StaffAccounts => Set<StaffAccountEntity>();
    public DbSet<AuditEntity> Audit => Set<AuditEntity>();

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
        // Time first, then what reports count: a report over months reads this index alone, never the rows with
        // their long replies. It also serves every plain time-range query, so it replaces the index on time alone.
        question.HasIndex(q => new { q.AtUnixMs, q.Kind, q.ReviewStatus, q.DocumentId });
        question.HasIndex(q => new { q.Answered, q.AtUnixMs });
        question.HasIndex(q => q.ConversationId);
        question.Property(q => q.Reply).HasMaxLength(4000);
        question.Property(q => q.ReviewStatus).HasMaxLength(16);
        question.Property(q => q.StaffReply).HasMaxLength(4000);
        question.Property(q => q.ReviewedBy).HasMaxLength(64);
        question.HasIndex(q => new { q.ReviewStatus, q.AtUnixMs });
        question.Property(q => q.LlmOutcome).HasMaxLength(64);

        var ticket = modelBuilder.Entity<TicketEntity>();
        ticket.ToTable("tickets");
        ticket.HasKey(t => t.Id);
        ticket.Property(t => t.Code).HasMaxLength(16).IsRequired();
        ticket.HasIndex(t => t.Code).IsUnique();
        ticket.Property(t => t.ConversationId).HasMaxLength(128).IsRequired();
        ticket.Property(t => t.Channel).HasMaxLength(64).IsRequired();
        ticket.Property(t => t.Question).HasMaxLength(4000).IsRequired();
        ticket.Property(t => t.DocumentId).HasMaxLength(200);
        ticket.Property(t => t.Contact).HasMaxLength(200);
        ticket.Property(t => t.Status).HasMaxLength(16).IsRequired();
        ticket.Property(t => t.Reply).HasMaxLength(4000);
        ticket.Property(t => t.HandledBy).HasMaxLength(64);
        ticket.HasIndex(t => new { t.Status, t.CreatedAtUnixMs });
        ticket.HasIndex(t => t.CreatedAtUnixMs);
        ticket.HasIndex(t => t.ConversationId);

        var rating = modelBuilder.Entity<RatingEntity>();
        rating.ToTable("ratings");
        rating.HasKey(r => r.Id);
        rating.Property(r => r.ConversationId).HasMaxLength(128).IsRequired();
        rating.Property(r => r.Channel).HasMaxLength(64).IsRequired();
        rating.Property(r => r.Comment).HasMaxLength(1000);
        rating.Property(r => r.DocumentId).HasMaxLength(200);
        rating.Property(r => r.Facet).HasMaxLength(32);
        rating.Property(r => r.Status).HasMaxLength(16).IsRequired();
        rating.Property(r => r.ReviewedBy).HasMaxLength(64);
        rating.HasIndex(r => r.AtUnixMs);
        rating.HasIndex(r => new { r.Helpful, r.Status, r.AtUnixMs });
        rating.HasIndex(r => r.QuestionId);

        var account = modelBuilder.Entity<StaffAccountEntity>();
        account.ToTable("staff_accounts");
        account.HasKey(a => a.UserName);
        account.Property(a => a.UserName).HasMaxLength(64);
        account.Property(a => a.DisplayName).HasMaxLength(120).IsRequired();
        account.Property(a => a.Role).HasMaxLength(16).IsRequired();
        account.Property(a => a.PasswordHash).HasMaxLength(200).IsRequired();
        account.Property(a => a.SecurityStamp).HasMaxLength(64).IsRequired();

        var audit = modelBuilder.Entity<AuditEntity>();
        audit.ToTable("audit_log");
        audit.HasKey(a => a.Id);
        audit.Property(a => a.Actor).HasMaxLength(64).IsRequired();
        audit.Property(a => a.Action).HasMaxLength(64).IsRequired();
        audit.Property(a => a.Target).HasMaxLength(200).IsRequired();
        audit.Property(a => a.Details).HasMaxLength(4000).IsRequired();
        audit.HasIndex(a => a.AtUnixMs);
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

    /// <summary>The bot's reply, kept for the staff transcript until the configured retention ends.</summary>
    public string? Reply { get; set; }

    /// <summary>Null for answered questions; open / handled / out-of-scope for unanswered ones.</summary>
    public string? ReviewStatus { get; set; }

    public string? StaffReply { get; set; }
    public long? ReviewedAtUnixMs { get; set; }
    public string? ReviewedBy { get; set; }

    /// <summary>What the language model did in the turn ("shown", "rejected:…", "failed:…", "budget"); null when not asked.</summary>
    public string? LlmOutcome { get; set; }

    /// <summary>Prompt and answer tokens of the turn's model calls (0 when none).</summary>
    public int LlmTokens { get; set; }

    /// <summary>Those tokens priced at Llm:CostPerThousandTokens.</summary>
    public decimal LlmCost { get; set; }
}

public sealed class TicketEntity
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public long CreatedAtUnixMs { get; set; }
    public string ConversationId { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Question { get; set; } = "";
    public Guid? QuestionId { get; set; }
    public string? DocumentId { get; set; }
    public string? Contact { get; set; }
    public long? ContactDeletedAtUnixMs { get; set; }
    public string Status { get; set; } = "";
    public string? Reply { get; set; }
    public long? HandledAtUnixMs { get; set; }
    public string? HandledBy { get; set; }
    public int? Satisfaction { get; set; }
    public long? SatisfactionAtUnixMs { get; set; }
}

public sealed class RatingEntity
{
    public Guid Id { get; set; }
    public long AtUnixMs { get; set; }
    public string ConversationId { get; set; } = "";
    public string Channel { get; set; } = "";
    public Guid QuestionId { get; set; }
    public bool Helpful { get; set; }
    public string? Comment { get; set; }
    public string? DocumentId { get; set; }
    public string? Facet { get; set; }
    public string Status { get; set; } = "";
    public long? ReviewedAtUnixMs { get; set; }
    public string? ReviewedBy { get; set; }
}

public sealed class StaffAccountEntity
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    /// <summary>Password checks counted in the current failure window (reserved before the hash is verified).</summary>
    public int FailedSignIns { get; set; }

    public long? LockedUntilUnixMs { get; set; }

    /// <summary>When the last password check was reserved; failures older than the window are forgotten.</summary>
    public long? LastSignInAttemptUnixMs { get; set; }

    public long CreatedAtUnixMs { get; set; }

    /// <summary>Changes whenever every session of the account must end (sign-out, password, role, disabling).</summary>
    public string SecurityStamp { get; set; } = "";

    public bool Disabled { get; set; }
}

public sealed class AuditEntity
{
    public long Id { get; set; }
    public long AtUnixMs { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string Details { get; set; } = "";
}

/// <summary>Lets `dotnet ef migrations add` build the context without the host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ChatBotDbContext>
{
    public ChatBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ChatBotDbContext>().UseSqlite("Data Source=design.db").Options);
}
