using ChatBot.Conversation;
using ChatBot.Conversation.Prompts;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback.Tickets;
using ChatBot.Knowledge;
using ChatBot.ServiceDefaults;

namespace ChatBot.UnitTests;

/// <summary>The one factory for the turn engine in unit tests, on the repository's prompts.</summary>
internal static class TestTurns
{
    public static readonly OfficeProfile PlainOffice = new() { Name = "x", Hotline = "1" };

    private static readonly Lazy<PromptLibrary> SharedPrompts = new(() => PromptLibrary.Load(Path.Combine(ContentRoot.Find(), "prompts")));

    public static PromptLibrary Prompts => SharedPrompts.Value;

    public static AnswerWriter Writer(OfficeProfile office) => new(Prompts, office, new AssistantOptions(), new QuestionRecords(new AssistantOptions()));

    public static TurnEngine Engine(OfficeProfile? office = null, AssistantOptions? options = null, Conversation.Llm.LlmOptions? llm = null)
    {
        office ??= PlainOffice;
        options ??= new AssistantOptions();
        var records = new QuestionRecords(options);
        var writer = new AnswerWriter(Prompts, office, options, records);
        return new TurnEngine(new FeedbackDialog(Prompts, office, options, records), new Assistant(new AnswerPolicy(options, office), writer, options, llm), records, llm);
    }

    /// <summary>The conversation service as the host builds it, over the given stores.</summary>
    public static ConversationService Service(KnowledgeBase knowledge, IFeedbackStore store, TicketSpool spool, Feedback.QuestionLog log, OfficeProfile? office = null) =>
        new(Engine(office), new TurnEffects(store, spool), knowledge, new InMemoryConversationStateStore(TimeProvider.System, TimeSpan.FromHours(1)), log);

    public static TurnInput Input(string? text, string conversation = "c") => new() { ConversationId = conversation, Channel = "test", Text = text, At = DateTimeOffset.UnixEpoch };

    /// <summary>One turn as every front door takes it, with nothing to read.</summary>
    public static (TurnOutput Output, ConversationState State) Take(this TurnEngine engine, ConversationState state, string text, KnowledgeState knowledge)
    {
        var result = engine.NextTurn(state, Input(text), knowledge);
        return (result.Output, result.State);
    }
}

/// <summary>The repository's knowledge, loaded and trained once for every test class that reads it.</summary>
public sealed class RepositoryKnowledge : IDisposable
{
    private readonly KnowledgeBase knowledge = new(Path.Combine(ContentRoot.Find(), "knowledge"), new KnowledgeOptions { Watch = false });

    public RepositoryKnowledge() => State = knowledge.Reload();

    public KnowledgeState State { get; }

    public void Dispose() => knowledge.Dispose();
}

[CollectionDefinition(Name)]
public sealed class RepositoryKnowledgeCollection : ICollectionFixture<RepositoryKnowledge>
{
    public const string Name = "repository knowledge";
}
