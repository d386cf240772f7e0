using System.Text.Json;
using ChatBot.Conversation;
using ChatBot.Conversation.Prompts;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge;
using ChatBot.ServiceDefaults;

namespace ChatBot.UnitTests;

/// <summary>
/// Guards answer quality: the repository's knowledge must keep answering the dev set (tests/eval/dev.jsonl) at
/// least as well as when these floors were set. `chatbot eval` prints the full figures.
/// </summary>
public sealed class DevSetRegressionTests
{
    [Fact]
    public void The_dev_set_keeps_its_top1_and_no_answer_figures()
    {
        var root = ContentRoot.Find();
        var repo = FindUp("tests/eval/dev.jsonl");
        using var knowledge = new KnowledgeBase(Path.Combine(root, "knowledge"), new KnowledgeOptions { Watch = false });
        var assistant = new Assistant(PromptLibrary.Load(Path.Combine(root, "prompts")), new OfficeProfile { Name = "x", Hotline = "1" }, new AssistantOptions());
        var state = knowledge.Reload();
        int answerable = 0, top1 = 0, declineWanted = 0, declined = 0;
        foreach (var line in File.ReadLines(repo).Where(l => l.Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var item = json.RootElement;
            var conversation = ConversationState.New;
            TurnInput Input(string text) => new() { ConversationId = "dev", Channel = "test", Text = text, At = DateTimeOffset.UnixEpoch };
            if (item.TryGetProperty("history", out var history))
            {
                foreach (var earlier in history.EnumerateArray())
                {
                    conversation = assistant.Respond(conversation, Input(earlier.GetString()!), state).State;
                }
            }
            var (output, _) = assistant.Respond(conversation, Input(item.GetProperty("q").GetString()!), state);
            var kind = item.GetProperty("kind").GetString();
            if (kind == AnswerKinds.Answer)
            {
                answerable++;
                if (output.Kind is AnswerKinds.Answer or AnswerKinds.Clarify && output.Sources.Count > 0 && output.Sources[0].Id == item.GetProperty("id").GetString())
                {
                    top1++;
                }
            }
            else if (kind == AnswerKinds.NoAnswer)
            {
                declineWanted++;
                if (output.Kind is AnswerKinds.NoAnswer or AnswerKinds.Handoff)
                {
                    declined++;
                }
            }
        }
        var top1Rate = (double)top1 / answerable;
        var declineRecall = (double)declined / declineWanted;
        Assert.True(top1Rate >= 0.85, $"top-1 {top1Rate:P1} fell below 85%");
        Assert.True(declineRecall >= 0.75, $"no-answer recall {declineRecall:P1} fell below 75%");
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, relative);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new FileNotFoundException(relative);
    }
}
