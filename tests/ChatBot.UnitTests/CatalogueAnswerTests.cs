using ChatBot.Conversation;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Documents;

namespace ChatBot.UnitTests;

/// <summary>The national catalogue as the second answer tier, through the one turn engine on the repository's knowledge.</summary>
[Collection(RepositoryKnowledgeCollection.Name)]
public sealed class CatalogueAnswerTests(RepositoryKnowledge repository)
{
    private readonly KnowledgeState knowledge = repository.State;
    private readonly TurnEngine engine = TestTurns.Engine(new OfficeProfile { Name = "Bộ phận Một cửa phường Thử", Hotline = "1" });

    private (TurnOutput Output, ConversationState State) Ask(string text, ConversationState? state = null) => engine.Take(state ?? ConversationState.New, text, knowledge);

    [Theory]
    [InlineData("thủ tục nhận con nuôi trong nước cần giấy tờ gì", Facets.Documents)]
    [InlineData("dang ky giam ho cho chau mo coi can giay to gi", Facets.Documents)]
    [InlineData("làm bằng lái xe quốc tế", null)]
    public void A_procedure_no_guide_covers_is_answered_from_its_catalogue_record_with_the_portal_link(string question, string? facet)
    {
        var (output, state) = Ask(question);
        Assert.Equal(AnswerKinds.Answer, output.Kind);
        var source = output.Sources[0];
        Assert.StartsWith("tthc-", source.Id, StringComparison.Ordinal);
        Assert.Equal(facet, source.Facet);
        Assert.StartsWith("https://dichvucong.gov.vn/", source.Url, StringComparison.Ordinal);
        Assert.Contains("Cổng Dịch vụ công quốc gia", output.Text, StringComparison.Ordinal);
        Assert.Contains("có thể khác", output.Text, StringComparison.Ordinal);
        Assert.Equal(source.Id, state.TopicId);
    }

    [Fact]
    public void A_bare_follow_up_stays_on_the_catalogue_procedure()
    {
        var (first, state) = Ask("thủ tục nhận con nuôi trong nước cần giấy tờ gì");
        var (fee, _) = Ask("lệ phí bao nhiêu", state);
        Assert.Equal(first.Sources[0].Id, fee.Sources[0].Id);
        Assert.Equal(Facets.Fee, fee.Sources[0].Facet);
    }

    [Theory]
    [InlineData("giá vàng hôm nay bao nhiêu")]
    [InlineData("vay tiền ngân hàng lãi suất thấp")]
    [InlineData("cách nấu phở bò ngon")]
    public void Off_topic_questions_are_still_declined(string question) =>
        Assert.Equal(AnswerKinds.NoAnswer, Ask(question).Output.Kind);

    [Theory]
    [InlineData("làm hộ chiếu cần giấy tờ gì", "tthc-1-001456")]
    [InlineData("khai bao tam vang khi di lam xa", "tthc-1-003677")]
    [InlineData("thủ tục đăng ký giám hộ cho cháu mồ côi", "tthc-1-004837")]
    public void A_short_question_that_names_a_procedure_gets_its_record(string question, string id) =>
        Assert.Equal(id, Ask(question).Output.Sources[0].Id);

    [Theory]
    [InlineData("xin giấy phép tổ chức đám cưới ngoài đường")]
    [InlineData("bảo hiểm nhân thọ loại nào tốt")]
    public void A_generic_name_said_in_full_is_not_enough(string question) =>
        Assert.Equal(AnswerKinds.NoAnswer, Ask(question).Output.Kind);

    [Fact]
    public void The_variant_asked_beats_a_guide_on_another_variant_of_the_same_procedure()
    {
        var source = Ask("mất bằng lái xe thì làm lại thế nào").Output.Sources[0];
        Assert.StartsWith("tthc-", source.Id, StringComparison.Ordinal);
        Assert.Contains("lại", knowledge.Catalogue.Find(source.Id)!.Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Chứng thực hợp đồng mua bán nhà ở xã mất mấy ngày?", "chung-thuc-hop-dong")]
    [InlineData("Tôi sắp lấy chồng người nước ngoài và sẽ đăng ký kết hôn ở Hàn Quốc. Bên đó yêu cầu giấy chứng nhận tôi còn độc thân. Tôi xin giấy đó ở đâu?", "xac-nhan-tinh-trang-hon-nhan")]
    public void A_record_of_another_procedure_that_shares_a_variant_word_does_not_replace_the_guide(string question, string guide) =>
        Assert.Equal(guide, Ask(question).Output.Sources[0].Id);

    [Fact]
    public void A_curated_guide_still_answers_first() =>
        Assert.Equal("dang-ky-khai-sinh", Ask("làm giấy khai sinh cho con cần gì").Output.Sources[0].Id);

    [Fact]
    public void A_time_limit_without_its_unit_says_so()
    {
        var record = knowledge.Catalogue.Records.First(r => r.TimeUnitMissing);
        var decision = new CatalogueDecision(record, Facets.TimeLimit, 30, [], knowledge.Retriever.Retrieve(record.Name));
        var (output, _) = TestTurns.Writer(new OfficeProfile { Name = "x", Hotline = "1" }).CatalogueAnswer(TestTurns.Input(record.Name), record.Name, decision);
        Assert.Contains("không ghi rõ đơn vị", output.Text, StringComparison.Ordinal);
    }
}
