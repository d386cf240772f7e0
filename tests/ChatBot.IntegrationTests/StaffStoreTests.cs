using ChatBot.Feedback;
using ChatBot.Feedback.Staff;
using ChatBot.Feedback.Tickets;
using ChatBot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ChatBot.IntegrationTests;

/// <summary>The review queue, transcripts and retention on a real SQLite file.</summary>
public sealed class StaffStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 1, 0, 0, TimeSpan.Zero);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "chatbot-staff-" + Guid.NewGuid().ToString("N"));
    private PooledDbContextFactory<ChatBotDbContext> contexts = null!;
    private SqlStaffStore staff = null!;
    private SqlFeedbackStore feedback = null!;
    private SqlQuestionStore questions = null!;

    public async Task InitializeAsync()
    {
        var connectionString = $"Data Source={Path.Combine(folder, "s.db")}";
        var options = new DbContextOptionsBuilder<ChatBotDbContext>();
        StorageSetup.Configure(options, connectionString);
        contexts = new PooledDbContextFactory<ChatBotDbContext>(options.Options);
        await StorageSetup.MigrateAsync(contexts, connectionString, CancellationToken.None);
        (staff, feedback, questions) = (new SqlStaffStore(contexts), new SqlFeedbackStore(contexts), new SqlQuestionStore(contexts));
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    private static QuestionRecord Question(int minute, string kind, string text, string conversation = "c1") =>
        new() { At = T0.AddMinutes(minute), ConversationId = conversation, Channel = "directline", Text = text, Kind = kind, Reply = "trả lời " + text };

    [Fact]
    public async Task The_queue_merges_the_three_kinds_newest_first_with_filters_and_paging()
    {
        var unanswered = Enumerable.Range(0, 30).Select(i => Question(i * 2, AnswerKinds.NoAnswer, $"câu hỏi {i}")).ToList();
        var answered = Question(100, AnswerKinds.Answer, "khai sinh") with { DocumentId = "dang-ky-khai-sinh" };
        await questions.SaveAsync([.. unanswered, answered], mayRepeat: false, default);
        await feedback.SaveTicketAsync(new Ticket { Code = "HT-AAAAAA", CreatedAt = T0.AddMinutes(61), ConversationId = "c1", Channel = "directline", Question = "vé", Contact = "0912345678" }, default);
        await feedback.SaveRatingAsync(new Rating { At = T0.AddMinutes(101), ConversationId = "c1", Channel = "directline", QuestionId = answered.Id, Helpful = false, DocumentId = "dang-ky-khai-sinh" }, default);
        await feedback.SaveRatingAsync(new Rating { At = T0.AddMinutes(102), ConversationId = "c2", Channel = "directline", QuestionId = unanswered[0].Id, Helpful = true }, default);

        var first = await staff.QueueAsync(new QueueQuery { PageSize = 10 }, default);
        Assert.Equal(32, first.Total);
        Assert.Equal(4, first.Pages);
        Assert.Equal([QueueItemTypes.Rating, QueueItemTypes.Ticket], first.Items.Take(2).Select(i => i.Type));
        Assert.Equal("khai sinh", first.Items[0].Text);
        Assert.True(first.Items.Zip(first.Items.Skip(1)).All(p => p.First.At >= p.Second.At));
        var last = await staff.QueueAsync(new QueueQuery { PageSize = 10, Page = 4 }, default);
        Assert.Equal(["câu hỏi 1", "câu hỏi 0"], last.Items.Select(i => i.Text));

        Assert.Equal(1, (await staff.QueueAsync(new QueueQuery { Type = QueueItemTypes.Ticket }, default)).Total);
        Assert.Equal(1, (await staff.QueueAsync(new QueueQuery { DocumentId = "dang-ky-khai-sinh" }, default)).Total);
        Assert.Equal(5, (await staff.QueueAsync(new QueueQuery { Type = QueueItemTypes.Unanswered, From = T0.AddMinutes(10), To = T0.AddMinutes(18) }, default)).Total);

        var changed = await staff.ReviewQuestionsAsync(unanswered.Take(10).Select(q => q.Id).ToList(), ReviewStatus.OutOfScope, "lan", T0.AddHours(3), default);
        Assert.Equal(10, changed);
        Assert.Equal(20, (await staff.QueueAsync(new QueueQuery { Type = QueueItemTypes.Unanswered }, default)).Total);
        Assert.Equal(10, (await staff.QueueAsync(new QueueQuery { Type = QueueItemTypes.Unanswered, Status = ReviewStatus.OutOfScope }, default)).Total);
        Assert.Equal(20, (await staff.OpenUnansweredAsync(100, default)).Count);
    }

    [Fact]
    public async Task The_transcript_interleaves_questions_bot_replies_and_staff_replies_in_time_order()
    {
        var asked = Question(0, AnswerKinds.NoAnswer, "giá vàng");
        await questions.SaveAsync([asked, Question(5, AnswerKinds.Answer, "khai sinh"), Question(6, AnswerKinds.Answer, "người khác", "c9")], mayRepeat: false, default);
        Assert.True(await staff.ReviewAsync(QueueItemTypes.Unanswered, asked.Id, ReviewStatus.Handled, "không tư vấn giá vàng", "lan", T0.AddMinutes(3), default));

        var lines = await staff.TranscriptAsync("c1", default);

        Assert.Equal(
            [(TranscriptRoles.Resident, "giá vàng"), (TranscriptRoles.Bot, "trả lời giá vàng"), (TranscriptRoles.Staff, "không tư vấn giá vàng"), (TranscriptRoles.Resident, "khai sinh"), (TranscriptRoles.Bot, "trả lời khai sinh")],
            lines.Select(l => (l.Role, l.Text)));
    }

    [Fact]
    public async Task Every_kept_text_is_deleted_after_its_retention_and_newer_or_open_items_keep_theirs()
    {
        // "Old" records are 20 days before the cut-off day T0 + 30 d, "new" ones 10 days after T0 + 30 d.
        var cutoff = T0.AddDays(30);
        var oldQuestion = Question(0, AnswerKinds.NoAnswer, "câu hỏi cũ");
        var oldAnswered = Question(1, AnswerKinds.Answer, "đã trả lời cũ");
        var oldOpen = Question(2, AnswerKinds.NoAnswer, "còn chờ cán bộ");
        var newQuestion = Question(60 * 24 * 40, AnswerKinds.NoAnswer, "câu hỏi mới");
        await questions.SaveAsync([oldQuestion, oldAnswered, oldOpen, newQuestion], mayRepeat: false, default);
        await staff.ReviewAsync(QueueItemTypes.Unanswered, oldQuestion.Id, ReviewStatus.Handled, "trả lời cũ của cán bộ", "lan", T0.AddDays(1), default);
        await staff.ReviewAsync(QueueItemTypes.Unanswered, newQuestion.Id, ReviewStatus.Handled, "trả lời mới của cán bộ", "lan", T0.AddDays(41), default);

        var closed = new Ticket { Code = "HT-BBBBBB", CreatedAt = T0, ConversationId = "c1", Channel = "directline", Question = "vé cũ", Contact = "lan@example.vn" };
        var open = closed with { Id = Guid.CreateVersion7(), Code = "HT-CCCCCC", Question = "vé còn mở" };
        var recent = closed with { Id = Guid.CreateVersion7(), Code = "HT-EEEEEE", CreatedAt = T0.AddDays(40), Question = "vé mới" };
        foreach (var ticket in new[] { closed, open, recent })
        {
            await feedback.SaveTicketAsync(ticket, default);
        }
        await staff.ReviewAsync(QueueItemTypes.Ticket, closed.Id, ReviewStatus.Handled, "xong vé cũ", "lan", T0.AddDays(1), default);
        await staff.ReviewAsync(QueueItemTypes.Ticket, recent.Id, ReviewStatus.Handled, "xong vé mới", "lan", T0.AddDays(41), default);

        await feedback.SaveRatingAsync(new Rating { At = T0, ConversationId = "c1", Channel = "directline", QuestionId = oldAnswered.Id, Helpful = false, Comment = "góp ý cũ" }, default);
        await feedback.SaveRatingAsync(new Rating { At = T0.AddDays(40), ConversationId = "c2", Channel = "directline", QuestionId = oldAnswered.Id, Helpful = false, Comment = "góp ý mới" }, default);
        await staff.AppendAuditAsync(new AuditEntry(T0, "lan", "reply", "ticket:HT-BBBBBB", "reply=chi tiết cũ"), default);
        await staff.AppendAuditAsync(new AuditEntry(T0.AddDays(40), "lan", "reply", "ticket:HT-EEEEEE", "reply=chi tiết mới"), default);

        var deleted = new Dictionary<RetentionTarget, int>();
        foreach (var target in Enum.GetValues<RetentionTarget>())
        {
            deleted[target] = await staff.PurgeAsync(target, cutoff, default);
        }

        Assert.Equal(1, deleted[RetentionTarget.TicketContacts]);
        Assert.Equal(3, deleted[RetentionTarget.BotReplies]);
        Assert.Equal(3, deleted[RetentionTarget.QuestionTexts]);    // two questions not open + the closed ticket
        Assert.Equal(2, deleted[RetentionTarget.StaffReplies]);     // one question reply + one ticket reply
        Assert.Equal(1, deleted[RetentionTarget.AuditDetails]);
        Assert.Equal(1, deleted[RetentionTarget.RatingComments]);

        var old = await feedback.FindTicketAsync("HT-BBBBBB", default);
        Assert.Equal((null, Retention.DeletedText, null), (old!.Contact, old.Question, old.Reply));
        Assert.NotNull(old.ContactDeletedAt);
        var stillOpen = await feedback.FindTicketAsync("HT-CCCCCC", default);
        Assert.Equal(("lan@example.vn", "vé còn mở"), (stillOpen!.Contact, stillOpen.Question));
        var young = await feedback.FindTicketAsync("HT-EEEEEE", default);
        Assert.Equal(("vé mới", "xong vé mới"), (young!.Question, young.Reply));

        var transcript = await staff.TranscriptAsync("c1", default);
        Assert.DoesNotContain(transcript, l => l.Text.Contains("cũ", StringComparison.Ordinal) && l.Role != TranscriptRoles.Resident);
        Assert.Contains(transcript, l => l.Text == "còn chờ cán bộ");
        Assert.Contains(transcript, l => l.Text == "câu hỏi mới");
        Assert.Contains(transcript, l => l.Text == "trả lời câu hỏi mới");
        Assert.Contains(transcript, l => l.Text == "trả lời mới của cán bộ");
        Assert.Equal(2, transcript.Count(l => l.Text == Retention.DeletedText));

        var ratings = await staff.QueueAsync(new QueueQuery { Type = QueueItemTypes.Rating, Status = null }, default);
        Assert.Equal(["góp ý mới", null], ratings.Items.Select(i => i.Comment));
        var audit = await staff.ListAuditAsync(0, 10, default);
        Assert.Equal(["reply=chi tiết mới", ""], audit.Select(a => a.Details));

        // A second purge finds nothing more to delete.
        foreach (var target in Enum.GetValues<RetentionTarget>())
        {
            Assert.Equal(0, await staff.PurgeAsync(target, cutoff, default));
        }
    }

    [Fact]
    public async Task A_ticket_can_be_scored_once_and_only_after_it_was_handled()
    {
        var ticket = new Ticket { Code = "HT-DDDDDD", CreatedAt = T0, ConversationId = "c1", Channel = "directline", Question = "a" };
        await feedback.SaveTicketAsync(ticket, default);
        Assert.False(await feedback.RateTicketAsync("HT-DDDDDD", 5, default));
        await staff.ReviewAsync(QueueItemTypes.Ticket, ticket.Id, ReviewStatus.Handled, "xong", "lan", T0.AddHours(1), default);
        Assert.False(await feedback.RateTicketAsync("HT-DDDDDD", 6, default));
        Assert.True(await feedback.RateTicketAsync("HT-DDDDDD", 4, default));
        Assert.False(await feedback.RateTicketAsync("HT-DDDDDD", 1, default));
        var stored = await feedback.FindTicketAsync("HT-DDDDDD", default);
        Assert.Equal((4, ReviewStatus.Handled, "xong"), (stored!.Satisfaction, stored.Status, stored.Reply));
        Assert.Equal(T0.AddHours(1), stored.HandledAt);
    }
}
