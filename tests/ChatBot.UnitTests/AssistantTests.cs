using ChatBot.Conversation;
using ChatBot.Conversation.Prompts;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Documents;
using ChatBot.ServiceDefaults;

namespace ChatBot.UnitTests;

public sealed class AssistantTests : IDisposable
{
    private readonly TempKnowledge folder = new();
    private readonly KnowledgeBase knowledge;
    private readonly TurnEngine engine;
    private static readonly OfficeProfile Office = new() { Name = "Bộ phận Một cửa phường Thử", Hotline = "0200.000.000", Hours = "7 giờ 30 – 17 giờ", Address = "Số 1 Thử" };

    public AssistantTests()
    {
        folder
            .Write("procedures/dang-ky-khai-sinh.md", TempKnowledge.Procedure("dang-ky-khai-sinh", "Đăng ký khai sinh", TempKnowledge.Phrasings("làm giấy khai sinh cho con", "khai sinh cho bé mới đẻ", "đăng ký khai sinh ở đâu", "con mới sinh cần làm giấy tờ gì", "làm giấy khai sinh mất bao lâu", "làm khai sinh online")))
            .Write("procedures/dang-ky-ket-hon.md", TempKnowledge.Procedure("dang-ky-ket-hon", "Đăng ký kết hôn", TempKnowledge.Phrasings("làm giấy đăng ký kết hôn", "cưới vợ cần giấy tờ gì", "thủ tục lấy chồng", "đăng ký kết hôn ở xã", "giấy chứng nhận kết hôn", "hai đứa muốn cưới nhau làm giấy")))
            .Write("faq/gio-lam-viec.yaml", "id: gio-lam-viec\nquestion: Bộ phận Một cửa làm việc giờ nào?\nquestions: [giờ làm việc, mấy giờ mở cửa, số điện thoại một cửa, hotline, địa chỉ một cửa, làm việc thứ bảy không]\nanswer: \"{{office.name}} làm việc {{office.hours}}; đường dây nóng {{office.hotline}}.\"\nchecked: 2026-11-20\n");
        knowledge = new KnowledgeBase(folder.Root, new KnowledgeOptions { Watch = false });
        engine = TestTurns.Engine(Office, new AssistantOptions { MaxMessageChars = 200 });
    }

    private (TurnOutput Output, ConversationState State) Ask(string? text, ConversationState? state = null) =>
        Turn(state ?? ConversationState.New, TestTurns.Input(text, "c1"));

    private (TurnOutput Output, ConversationState State) Turn(ConversationState state, TurnInput input)
    {
        var result = engine.NextTurn(state, input, knowledge.Current);
        return (result.Output, result.State);
    }

    [Fact]
    public void A_new_conversation_gets_a_welcome_a_privacy_notice_and_suggestions()
    {
        var (output, _) = Turn(ConversationState.New, new TurnInput { ConversationId = "c1", Channel = "test", At = DateTimeOffset.UnixEpoch, IsConversationStart = true });
        Assert.Equal(2, output.Messages.Count);
        Assert.Contains(Office.Name, output.Messages[0].Text, StringComparison.Ordinal);
        Assert.Contains("căn cước", output.Messages[1].Text, StringComparison.Ordinal);
        Assert.InRange(output.Messages[1].SuggestedActions.Count, 3, 4);
        Assert.Null(output.Record);
    }

    [Fact]
    public void A_facet_question_is_answered_from_that_section_with_source_and_checked_date()
    {
        var (output, state) = Ask("le phi lam giay khai sinh");
        Assert.Equal(AnswerKinds.Answer, output.Kind);
        Assert.Equal(("dang-ky-khai-sinh", Facets.Fee), (output.Sources[0].Id, output.Sources[0].Facet));
        Assert.Contains("Miễn lệ phí khi đăng ký đúng hạn.", output.Text, StringComparison.Ordinal);
        Assert.Contains("https://dichvucong.gov.vn", output.Text, StringComparison.Ordinal);
        Assert.Contains("20/11/2026", output.Text, StringComparison.Ordinal);
        Assert.Contains("Gặp cán bộ", output.Messages[0].SuggestedActions);
        Assert.Equal("dang-ky-khai-sinh", state.TopicId);
    }

    [Fact]
    public void A_follow_up_resolves_against_the_conversation_topic()
    {
        var (_, state) = Ask("làm giấy đăng ký kết hôn");
        var (output, _) = Ask("còn lệ phí thì sao?", state);
        Assert.Equal(AnswerKinds.Answer, output.Kind);
        Assert.Equal(("dang-ky-ket-hon", Facets.Fee), (output.Sources[0].Id, output.Sources[0].Facet));
    }

    [Fact]
    public void A_general_question_gets_an_overview_with_facets_offered()
    {
        var (output, _) = Ask("thủ tục đăng ký kết hôn");
        Assert.Equal(AnswerKinds.Answer, output.Kind);
        Assert.Null(output.Sources[0].Facet);
        Assert.Contains("Hồ sơ cần gì?", output.Messages[0].SuggestedActions);
    }

    [Fact]
    public void An_faq_answer_is_filled_from_the_office_profile()
    {
        var (output, _) = Ask("mot cua lam viec gio nao");
        Assert.Equal("gio-lam-viec", output.Sources[0].Id);
        Assert.Contains("0200.000.000", output.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", output.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("thời tiết hôm nay thế nào")]
    [InlineData("đội tuyển bóng đá thắng không")]
    [InlineData("asdkjh qwezxc")]
    public void Out_of_scope_questions_get_an_honest_no_answer_with_the_office_contact_and_are_recorded(string question)
    {
        var (output, _) = Ask(question);
        Assert.Equal(AnswerKinds.NoAnswer, output.Kind);
        Assert.Contains(Office.Hotline, output.Text, StringComparison.Ordinal);
        Assert.Empty(output.Sources);
        Assert.NotNull(output.Record);
        Assert.False(output.Record!.Answered);
    }

    [Fact]
    public void A_too_long_message_gets_a_polite_reply_and_only_a_bounded_redacted_record()
    {
        var (output, _) = Ask("khai sinh 0912345678 " + new string('a', 100_000));
        Assert.Equal(AnswerKinds.NoAnswer, output.Kind);
        Assert.Contains("dài quá", output.Text, StringComparison.Ordinal);
        Assert.Equal("too-long", output.Record!.Reason);
        Assert.True(output.Record.Text.Length <= 1000);
        Assert.DoesNotContain("0912345678", output.Record.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("\u0001\u0002")]
    public void Empty_input_is_answered_without_a_record(string text)
    {
        var (output, _) = Ask(text);
        Assert.Equal(AnswerKinds.Smalltalk, output.Kind);
        Assert.Null(output.Record);
    }

    [Theory]
    [InlineData("xin chào", AnswerKinds.Smalltalk)]
    [InlineData("cam on ban nhieu", AnswerKinds.Smalltalk)]
    [InlineData("bạn là ai", AnswerKinds.Smalltalk)]
    [InlineData("cho tôi gặp cán bộ", AnswerKinds.Handoff)]
    public void Social_messages_get_their_own_kind(string text, string kind) => Assert.Equal(kind, Ask(text).Output.Kind);

    [Fact]
    public void The_stored_question_is_redacted()
    {
        var (output, _) = Ask("CCCD 001203004567 sđt 0912345678 muốn làm khai sinh");
        Assert.DoesNotContain("001203004567", output.Record!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("0912345678", output.Record.Text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        knowledge.Dispose();
        folder.Dispose();
    }
}
