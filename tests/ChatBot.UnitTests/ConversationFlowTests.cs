using ChatBot.Conversation;
using ChatBot.Conversation.Prompts;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge;
using ChatBot.ServiceDefaults;

namespace ChatBot.UnitTests;

/// <summary>Conversations of several turns on the repository's own knowledge, through the one turn engine.</summary>
[Collection(RepositoryKnowledgeCollection.Name)]
public sealed class ConversationFlowTests(RepositoryKnowledge repository)
{
    private readonly KnowledgeState knowledge = repository.State;
    private readonly TurnEngine engine = TestTurns.Engine();

    private TurnOutput Converse(params string[] messages)
    {
        var state = ConversationState.New;
        TurnOutput? last = null;
        foreach (var message in messages)
        {
            (last, state) = engine.Take(state, message, knowledge);
        }
        return last!;
    }

    [Theory]
    [InlineData("thủ tục ly hôn thuận tình", "lệ phí bao nhiêu")]
    [InlineData("làm giấy khai sinh cho con", "thủ tục ly hôn", "lệ phí bao nhiêu")]
    [InlineData("làm giấy khai sinh cho con", "xin giấy phép kinh doanh karaoke", "mất bao lâu")]
    public void A_bare_follow_up_after_a_declined_question_asks_about_the_declined_topic(params string[] messages)
    {
        var output = Converse(messages);
        Assert.Equal(AnswerKinds.NoAnswer, output.Kind);
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void Details_added_to_a_procedure_keep_it_the_topic()
    {
        var output = Converse("cho hỏi về đổi bằng lái", "bằng của tôi hạng A1 cấp năm 2005", "hết bao nhiêu tiền");
        Assert.Equal(AnswerKinds.Answer, output.Kind);
        Assert.Equal(("doi-giay-phep-lai-xe", "le-phi"), (output.Sources[0].Id, output.Sources[0].Facet));
    }
}
