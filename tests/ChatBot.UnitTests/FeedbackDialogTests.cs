using ChatBot.Conversation;
using ChatBot.Conversation.Prompts;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Feedback.Tickets;
using ChatBot.Knowledge;
using ChatBot.ServiceDefaults;

namespace ChatBot.UnitTests;

/// <summary>The resident's side of the feedback loop, through the real conversation service and prompts.</summary>
public sealed class FeedbackDialogTests : IDisposable
{
    private readonly TempKnowledge folder = new();
    private readonly KnowledgeBase knowledge;
    private readonly InMemoryFeedbackStore store = new();
    private readonly ConversationService conversations;
    private readonly QuestionLog log;
    private readonly RecordingQuestionStore questions = new();

    public FeedbackDialogTests()
    {
        folder.Write("procedures/dang-ky-khai-sinh.md", TempKnowledge.Procedure("dang-ky-khai-sinh", "Đăng ký khai sinh", TempKnowledge.Phrasings("làm giấy khai sinh cho con", "khai sinh cho bé mới đẻ", "đăng ký khai sinh ở đâu", "con mới sinh cần làm giấy tờ gì", "làm giấy khai sinh mất bao lâu", "làm khai sinh online")));
        knowledge = new KnowledgeBase(folder.Root, new KnowledgeOptions { Watch = false });
        knowledge.Reload();
        var office = new OfficeProfile { Name = "Một cửa phường Thử", Hotline = "0200.000.000", Hours = "7 giờ 30 – 17 giờ" };
        log = new QuestionLog(questions, new QuestionLogOptions { SpoolPath = Path.Combine(folder.Root, "spool") });
        conversations = TestTurns.Service(knowledge, store, new TicketSpool(Path.Combine(folder.Root, "spool")), log, office);
    }

    private TurnOutput Say(string text, string conversation = "c1") =>
        conversations.Handle(new TurnInput { ConversationId = conversation, Channel = "test", Text = text, At = DateTimeOffset.UtcNow });

    private TurnOutput Press(TurnAction action, string conversation = "c1") =>
        conversations.Handle(new TurnInput { ConversationId = conversation, Channel = "test", Action = action, At = DateTimeOffset.UtcNow });

    [Fact]
    public void Talking_to_a_person_passes_the_unanswered_question_with_a_contact_and_gives_a_ticket_code()
    {
        var unanswered = Say("giá vàng hôm nay bao nhiêu");
        Assert.Equal(AnswerKinds.NoAnswer, unanswered.Kind);

        var offer = Say("Gặp cán bộ");
        Assert.Equal(AnswerKinds.Handoff, offer.Kind);
        Assert.Contains("giá vàng", offer.Text, StringComparison.Ordinal);
        Assert.Contains("Gửi câu hỏi này", offer.Messages[0].SuggestedActions);

        var askContact = Say("Gửi câu hỏi này");
        Assert.Contains("đồng ý", askContact.Text, StringComparison.Ordinal);

        var opened = Say("số của tôi là 0912 345 678 nhé");
        var ticket = Assert.Single(store.Tickets);
        Assert.Contains(ticket.Code, opened.Text, StringComparison.Ordinal);
        Assert.Equal("0912345678", ticket.Contact);
        Assert.Contains("giá vàng", ticket.Question, StringComparison.Ordinal);
        Assert.Equal(unanswered.Record!.Id, ticket.QuestionId);
        Assert.Equal(ReviewStatus.Open, ticket.Status);

        // After the ticket, questions are answered normally again.
        Assert.Equal(AnswerKinds.Answer, Say("làm giấy khai sinh cho con").Kind);
    }

    [Fact]
    public void A_new_question_typed_for_staff_is_redacted_and_a_contact_is_optional()
    {
        Say("cho tôi gặp cán bộ", "c2");
        var askContact = Say("Tôi tên Lan, CCCD 001234567890, muốn hỏi về hỗ trợ hộ nghèo", "c2");
        Assert.Contains("Không để lại liên hệ", askContact.Messages[0].SuggestedActions);
        Assert.DoesNotContain("001234567890", askContact.Record!.Text, StringComparison.Ordinal);

        Say("Không để lại liên hệ", "c2");
        var ticket = Assert.Single(store.Tickets);
        Assert.Null(ticket.Contact);
        Assert.DoesNotContain("001234567890", ticket.Question, StringComparison.Ordinal);
        Assert.Contains(Redactor.IdMark, ticket.Question, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclear_contact_is_asked_again_once_and_cancel_sends_nothing()
    {
        Say("gặp cán bộ", "c3");
        Say("hỏi về xây nhà", "c3");
        Assert.Contains("chưa nhận ra", Say("mai tôi gọi", "c3").Text, StringComparison.Ordinal);
        Assert.Contains("Đã hủy", Say("Hủy", "c3").Text, StringComparison.Ordinal);
        Assert.Empty(store.Tickets);
    }

    [Theory]
    [InlineData("thôi")]
    [InlineData("không cần nữa")]
    [InlineData("khong")]
    public void No_at_the_confirm_step_sends_nothing(string no)
    {
        Say("giá vàng hôm nay bao nhiêu", "c10");
        Say("gặp cán bộ", "c10");
        Assert.Contains("Đã hủy", Say(no, "c10").Text, StringComparison.Ordinal);
        Assert.Empty(store.Tickets);
        Assert.Equal(AnswerKinds.Answer, Say("làm giấy khai sinh cho con", "c10").Kind);
    }

    [Theory]
    [InlineData("bỏ qua")]
    [InlineData("ko")]
    [InlineData("thôi")]
    public void Skip_at_the_contact_step_opens_the_ticket_without_a_contact(string skip)
    {
        Say("giá vàng hôm nay bao nhiêu", "c11");
        Say("gặp cán bộ", "c11");
        Say("ừ", "c11");
        var opened = Say(skip, "c11");
        var ticket = Assert.Single(store.Tickets);
        Assert.Null(ticket.Contact);
        Assert.Contains("giá vàng", ticket.Question, StringComparison.Ordinal);
        Assert.Contains(ticket.Code, opened.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_question_at_the_contact_step_opens_the_ticket_and_is_answered()
    {
        Say("gặp cán bộ", "c12");
        Say("hỏi về hỗ trợ hộ nghèo", "c12");
        var both = Say("làm giấy khai sinh cho con cần gì", "c12");
        var ticket = Assert.Single(store.Tickets);
        Assert.Contains(ticket.Code, both.Text, StringComparison.Ordinal);
        Assert.Equal(AnswerKinds.Answer, both.Kind);
        Assert.Equal("dang-ky-khai-sinh", both.Sources[0].Id);
    }

    [Fact]
    public async Task A_typed_number_answers_the_satisfaction_question()
    {
        var ticket = new Ticket { Code = "HT-4K7M2Q", CreatedAt = DateTimeOffset.UtcNow, ConversationId = "c13", Channel = "test", Question = "hỏi về xây nhà", Status = ReviewStatus.Handled, Reply = "Đã trả lời." };
        await store.SaveTicketAsync(ticket, default);
        Assert.Equal("HT-4K7M2Q", Say("Xem câu hỏi đã gửi", "c13").SatisfactionTicketCode);

        var thanks = Say("5", "c13");
        Assert.Equal(AnswerKinds.Smalltalk, thanks.Kind);
        Assert.Equal(5, store.Tickets.Single().Satisfaction);
        // Only right after the question: a later "5" is an ordinary message again.
        Assert.NotEqual(AnswerKinds.Smalltalk, Say("5", "c13").Kind);
    }

    [Theory]
    [InlineData("câu hỏi {0} của tôi thế nào")]
    [InlineData("hồ sơ {1} sao rồi")]
    [InlineData("xem ma {2}")]
    public async Task A_ticket_code_however_typed_shows_its_status_and_the_staff_reply(string template)
    {
        var ticket = new Ticket { Code = "HT-4K7M2Q", CreatedAt = DateTimeOffset.UtcNow, ConversationId = "other", Channel = "test", Question = "hỏi về xây nhà" };
        await store.SaveTicketAsync(ticket, default);
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "HT-4K7M2Q", "ht 4k7m2q", "HT4K7M2Q");

        var pending = Say(text, "c4");
        Assert.Contains("chưa có trả lời", pending.Text, StringComparison.Ordinal);
        Assert.Null(pending.SatisfactionTicketCode);

        store.Update(ticket with { Status = ReviewStatus.Handled, Reply = "Bà con mang sổ đỏ đến Một cửa.", HandledAt = DateTimeOffset.UtcNow });
        var answered = Say(text, "c4");
        Assert.Contains("Bà con mang sổ đỏ đến Một cửa.", answered.Text, StringComparison.Ordinal);
        // Not this conversation's ticket: the status is shown, the score is not asked for.
        Assert.Null(answered.SatisfactionTicketCode);
        Assert.Contains("không tìm thấy", Say("HT-2222AA", "c4").Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Markdown_typed_into_a_ticket_question_is_shown_as_text_in_the_status()
    {
        var question = "[bấm vào đây](http://evil.example) **gấp** <b>x</b> xem www.evil.example nhé.";
        var ticket = new Ticket { Code = "HT-4K7M2Q", CreatedAt = DateTimeOffset.UtcNow, ConversationId = "opener", Channel = "test", Question = question };
        await store.SaveTicketAsync(ticket, default);

        var status = Say("HT-4K7M2Q", "reader").Text;

        Assert.Contains(@"\[bấm vào đây\]\(http\://evil\.example\) \*\*gấp\*\* \<b\>x\</b\> xem www\.evil\.example nhé.", status, StringComparison.Ordinal);
        Assert.DoesNotContain("](", status, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", status, StringComparison.Ordinal);
        Assert.DoesNotContain("**gấp", status, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[a](http://x.vn)", @"\[a\]\(http\://x\.vn\)")]
    [InlineData("*x* _y_ `z` # - + ! | ~ & {}", @"\*x\* \_y\_ \`z\` \# \- \+ \! \| \~ \& \{\}")]
    [InlineData("Lệ phí 1.5 triệu? Năm 2024. Hết.", @"Lệ phí 1\.5 triệu? Năm 2024\. Hết.")]
    [InlineData(@"a\b", @"a\\b")]
    public void Resident_text_is_escaped_for_markdown(string typed, string shown) =>
        Assert.Equal(shown, MarkdownText.Literal(typed));

    [Theory]
    [InlineData("Lệ phí 1.5 triệu? [a](http://x.vn) **gấp**")]
    [InlineData("*x* _y_ `z` # - + ! | ~ & {} a\\b")]
    public void A_bot_message_with_escaped_resident_text_reads_plainly_on_a_staff_screen(string typed) =>
        Assert.Equal(typed, MarkdownText.Plain(MarkdownText.Literal(typed)));

    [Fact]
    public void Bot_markdown_is_plain_text_on_a_staff_screen() =>
        Assert.Equal("Nộp trực tuyến tại Cổng Dịch vụ công (https://dichvucong.gov.vn/x) nhé.", MarkdownText.Plain("Nộp **trực tuyến** tại [Cổng Dịch vụ công](https://dichvucong.gov.vn/x) nhé."));

    [Fact]
    public async Task Guessing_ticket_codes_is_throttled_per_conversation_until_the_window_passes()
    {
        var options = new AssistantOptions();
        var ticket = new Ticket { Code = "HT-4K7M2Q", CreatedAt = DateTimeOffset.UtcNow, ConversationId = "opener", Channel = "test", Question = "hỏi về xây nhà" };
        await store.SaveTicketAsync(ticket, default);
        var start = DateTimeOffset.UtcNow;
        TurnOutput SayAt(string text, string conversation, TimeSpan after) =>
            conversations.Handle(new TurnInput { ConversationId = conversation, Channel = "test", Text = text, At = start + after });

        for (var i = 0; i < options.TicketLookupMisses; i++)
        {
            Assert.Contains("không tìm thấy", SayAt(TicketCode.New(), "guesser", TimeSpan.FromSeconds(i)).Text, StringComparison.Ordinal);
        }

        // Even a real code is refused now, in this conversation only.
        var refused = SayAt("HT-4K7M2Q", "guesser", TimeSpan.FromMinutes(1));
        Assert.Contains("vui lòng chờ", refused.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("xây nhà", refused.Text, StringComparison.Ordinal);
        Assert.Contains("xây nhà", SayAt("HT-4K7M2Q", "someone-else", TimeSpan.FromMinutes(1)).Text, StringComparison.Ordinal);

        // Once the window has passed since the misses, look-ups work again.
        var later = SayAt("HT-4K7M2Q", "guesser", TimeSpan.FromMinutes(options.TicketLookupWindowMinutes) + TimeSpan.FromSeconds(options.TicketLookupMisses));
        Assert.Contains("xây nhà", later.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_throttled_conversation_does_not_read_the_store()
    {
        var options = new AssistantOptions();
        var at = DateTimeOffset.UnixEpoch.AddHours(1);
        var engine = TestTurns.Engine();
        var input = TestTurns.Input("HT-4K7M2Q") with { At = at };
        var misses = Enumerable.Range(1, options.TicketLookupMisses).Select(i => at - TimeSpan.FromMinutes(i)).ToList();

        Assert.Equal(TurnNeeds.Nothing, engine.Needs(new ConversationState { MissedTicketLookups = misses }, input));
        Assert.Equal("HT-4K7M2Q", engine.Needs(new ConversationState { MissedTicketLookups = misses.Skip(1).ToList() }, input).TicketCode);
    }

    [Fact]
    public async Task Only_the_conversation_that_opened_a_ticket_can_score_it()
    {
        var ticket = new Ticket { Code = "HT-4K7M2Q", CreatedAt = DateTimeOffset.UtcNow, ConversationId = "owner", Channel = "test", Question = "hỏi về xây nhà", Status = ReviewStatus.Handled, Reply = "Đã trả lời." };
        await store.SaveTicketAsync(ticket, default);

        // Another conversation that knows the code: a forged button and an unknown code get the same refusal.
        var refused = Press(new TurnAction(TurnAction.Satisfaction, "HT-4K7M2Q", "1"), "stranger");
        var unknown = Press(new TurnAction(TurnAction.Satisfaction, "HT-2222AA", "1"), "stranger");
        Assert.Contains("chưa được ghi nhận", refused.Text, StringComparison.Ordinal);
        Assert.Equal(refused.Text, unknown.Text);
        Say("HT-4K7M2Q", "stranger");
        Say("1", "stranger");
        Assert.Null(store.Tickets.Single().Satisfaction);

        // The conversation that opened it scores it.
        var thanks = Press(new TurnAction(TurnAction.Satisfaction, "HT-4K7M2Q", "5"), "owner");
        Assert.DoesNotContain("chưa được ghi nhận", thanks.Text, StringComparison.Ordinal);
        Assert.Equal(5, store.Tickets.Single().Satisfaction);
    }

    [Fact]
    public void An_answer_can_be_rated_and_a_not_helpful_rating_takes_an_optional_redacted_comment()
    {
        var answer = Say("làm giấy khai sinh cho con", "c5");
        Assert.Equal(AnswerKinds.Answer, answer.Kind);
        var question = Assert.IsType<Guid>(answer.RateableQuestionId);

        var ask = Press(new TurnAction(TurnAction.Rate, question.ToString(), "down"), "c5");
        Assert.Contains("Bỏ qua", ask.Messages[0].SuggestedActions);
        Say("thiếu giấy chứng sinh, gọi tôi 0912345678", "c5");

        var rating = Assert.Single(store.Ratings);
        Assert.False(rating.Helpful);
        Assert.Equal("dang-ky-khai-sinh", rating.DocumentId);
        Assert.Contains("thiếu giấy chứng sinh", rating.Comment, StringComparison.Ordinal);
        Assert.DoesNotContain("0912345678", rating.Comment, StringComparison.Ordinal);

        // Changing one's mind replaces the rating; the next message is a question again.
        Press(new TurnAction(TurnAction.Rate, question.ToString(), "up"), "c5");
        Assert.True(Assert.Single(store.Ratings).Helpful);
        Assert.Equal(AnswerKinds.Answer, Say("khai sinh cho bé mới đẻ", "c5").Kind);
    }

    [Fact]
    public void Buttons_for_questions_of_another_conversation_or_garbage_do_nothing()
    {
        var answer = Say("làm giấy khai sinh cho con", "c6");
        Press(new TurnAction(TurnAction.Rate, answer.RateableQuestionId!.Value.ToString(), "down"), "someone-else");
        Press(new TurnAction(TurnAction.Rate, "not-a-guid", "down"), "c6");
        Press(new TurnAction(TurnAction.Satisfaction, "HT-4K7M2Q", "9"), "c6");
        Assert.Empty(store.Ratings);
    }

    [Fact]
    public async Task Stored_questions_keep_the_bot_reply_for_the_staff_transcript()
    {
        Say("làm giấy khai sinh cho con", "c7");
        await log.FlushAsync(default);
        var record = Assert.Single(questions.Saved, r => r.ConversationId == "c7");
        Assert.Contains("Đăng ký khai sinh", record.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ticket_the_database_cannot_take_is_spooled_with_its_code_and_replayed_later()
    {
        var spool = new TicketSpool(Path.Combine(folder.Root, "spool-down"));
        var down = TestTurns.Service(knowledge, new FailingFeedbackStore(), spool, log, new OfficeProfile { Hotline = "0200.000.000" });
        TurnOutput Turn(string text) => down.Handle(new TurnInput { ConversationId = "c8", Channel = "test", Text = text, At = DateTimeOffset.UtcNow });

        Turn("gặp cán bộ");
        Turn("hỏi về đất nông nghiệp");
        var code = TicketCode.Find(Turn("0912345678").Text);

        Assert.NotNull(code);
        Assert.Equal(1, await spool.ReplayAsync(store, default));
        Assert.Equal("0912345678", (await store.FindTicketAsync(code!, default))!.Contact);
        Assert.Equal(0, await spool.ReplayAsync(store, default));
    }

    [Fact]
    public async Task A_rating_and_its_comment_during_an_outage_get_the_usual_replies_and_reach_the_store_later()
    {
        var spool = new TicketSpool(Path.Combine(folder.Root, "spool-rating"));
        var down = TestTurns.Service(knowledge, new FailingFeedbackStore(), spool, log, new OfficeProfile { Hotline = "0200.000.000" });
        TurnOutput Turn(string conversation, string? text = null, TurnAction? action = null) =>
            (conversation == "up" ? conversations : down).Handle(new TurnInput { ConversationId = conversation, Channel = "test", Text = text, Action = action, At = DateTimeOffset.UtcNow });

        // The same steps with the store up and down: the resident sees the same replies.
        var replies = new Dictionary<string, string[]>();
        foreach (var conversation in new[] { "up", "c9" })
        {
            var question = Turn(conversation, "làm giấy khai sinh cho con").RateableQuestionId!.Value;
            var ask = Turn(conversation, action: new TurnAction(TurnAction.Rate, question.ToString(), "down"));
            var thanks = Turn(conversation, "thiếu hướng dẫn nộp online");
            replies[conversation] = [ask.Text, thanks.Text];
        }
        Assert.Equal(replies["up"], replies["c9"]);
        Assert.True(spool.HasEntries);

        Assert.Equal(2, await spool.ReplayAsync(store, default));
        var rating = Assert.Single(store.Ratings, r => r.ConversationId == "c9");
        Assert.False(rating.Helpful);
        Assert.Contains("nộp online", rating.Comment, StringComparison.Ordinal);
        Assert.False(spool.HasEntries);
    }

    [Fact]
    public void A_spooled_ticket_is_found_by_its_code_at_once()
    {
        var spool = new TicketSpool(Path.Combine(folder.Root, "spool-find"));
        var down = TestTurns.Service(knowledge, new FailingFeedbackStore(), spool, log, new OfficeProfile { Hotline = "0200.000.000" });
        TurnOutput Turn(string text) => down.Handle(new TurnInput { ConversationId = "c10", Channel = "test", Text = text, At = DateTimeOffset.UtcNow });
        Turn("gặp cán bộ");
        Turn("hỏi về đất nông nghiệp");
        var code = TicketCode.Find(Turn("0912345678").Text)!;

        var status = Turn(code);

        Assert.Contains(code, status.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("không tìm thấy", status.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(spool.FindTicket(code)!.Code, code);
    }

    [Fact]
    public async Task A_cut_off_spool_line_is_quarantined_and_the_rest_is_replayed()
    {
        var spool = new TicketSpool(Path.Combine(folder.Root, "spool-cut"));
        var ticket = new Ticket { Code = "HT-7QW3ZR", CreatedAt = DateTimeOffset.UtcNow, ConversationId = "c11", Channel = "test", Question = "hỏi về đất" };
        spool.Append(ticket);
        File.AppendAllText(spool.FilePath, "{\"kind\":\"rating\",\"rating\":{\"at\":\"20\n");
        spool.Append(ticket with { Id = Guid.CreateVersion7(), Code = "HT-8QW3ZR" });
        var reasons = new List<string>();
        spool.Quarantined += reasons.Add;

        Assert.Equal(2, await spool.ReplayAsync(store, default));

        Assert.Equal(["HT-7QW3ZR", "HT-8QW3ZR"], store.Tickets.Select(t => t.Code).Order(StringComparer.Ordinal));
        Assert.Contains("line 2", Assert.Single(reasons), StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(spool.QuarantinePath));
    }

    public void Dispose()
    {
        knowledge.Dispose();
        folder.Dispose();
    }

    private sealed class FailingFeedbackStore : IFeedbackStore
    {
        private static Exception Down() => new IOException("database is down");

        public Task SaveTicketAsync(Ticket ticket, CancellationToken cancellationToken) => throw Down();

        public Task<Ticket?> FindTicketAsync(string code, CancellationToken cancellationToken) => throw Down();

        public Task<Ticket?> GetTicketAsync(Guid id, CancellationToken cancellationToken) => throw Down();

        public Task<IReadOnlyList<Ticket>> TicketsOfConversationAsync(string conversationId, CancellationToken cancellationToken) => throw Down();

        public Task<bool> RateTicketAsync(string code, int score, CancellationToken cancellationToken) => throw Down();

        public Task SaveRatingAsync(Rating rating, CancellationToken cancellationToken) => throw Down();

        public Task<bool> CommentRatingAsync(Guid questionId, string comment, CancellationToken cancellationToken) => throw Down();
    }

    private sealed class RecordingQuestionStore : IQuestionStore
    {
        public List<QuestionRecord> Saved { get; } = [];

        public Task SaveAsync(IReadOnlyList<QuestionRecord> records, bool mayRepeat, CancellationToken cancellationToken)
        {
            lock (Saved)
            {
                Saved.AddRange(records);
            }
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<QuestionRecord>> ListAsync(QuestionQuery query, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<QuestionRecord>>(Saved);

        public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
