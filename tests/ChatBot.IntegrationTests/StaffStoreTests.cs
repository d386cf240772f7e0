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
    public async Task Contacts_of_closed_tickets_and_old_bot_replies_are_deleted_after_their_retention()
    {
        await questions.SaveAsync([Question(0, AnswerKinds.Answer, "cũ"), Question(60 * 24 * 20, AnswerKinds.Answer, "mới")], mayRepeat: false, default);
        var closed = new Ticket { Code = "HT-BBBBBB", CreatedAt = T0, ConversationId = "c1", Channel = "directline", Question = "a", Contact = "lan@example.vn" };
        var open = closed with { Id = Guid.CreateVersion7(), Code = "HT-CCCCCC" };
        await feedback.SaveTicketAsync(closed, default);
        await feedback.SaveTicketAsync(open, default);
        await staff.ReviewAsync(QueueItemTypes.Ticket, closed.Id, ReviewStatus.Handled, "xong", "lan", T0.AddDays(1), default);

        var (contacts, replies) = await staff.PurgeAsync(contactsClosedBefore: T0.AddDays(2), repliesBefore: T0.AddDays(10), default);

        Assert.Equal((1, 1), (contacts, replies));
        Assert.Null((await feedback.FindTicketAsync("HT-BBBBBB", default))!.Contact);
        Assert.NotNull((await feedback.FindTicketAsync("HT-BBBBBB", default))!.ContactDeletedAt);
        Assert.Equal("lan@example.vn", (await feedback.FindTicketAsync("HT-CCCCCC", default))!.Contact);
        var transcript = await staff.TranscriptAsync("c1", default);
        Assert.DoesNotContain(transcript, l => l.Text == "trả lời cũ");
        Assert.Contains(transcript, l => l.Text == "trả lời mới");
        Assert.Equal((0, 0), await staff.PurgeAsync(T0.AddDays(2), T0.AddDays(10), default));
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
