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
