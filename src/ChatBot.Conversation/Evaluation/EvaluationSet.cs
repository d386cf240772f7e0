using System.Text.Json;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge;

namespace ChatBot.Conversation.Evaluation;

/// <summary>One labelled question of an evaluation set (tests/eval/README.md).</summary>
public sealed record EvaluationItem(string Q, IReadOnlyList<string>? History, string? Id, string? Facet, string Kind, string? Style);

/// <summary>What the assistant did with one labelled question.</summary>
public sealed record EvaluationResult(EvaluationItem Item, string Kind, string? TopId, string? TopFacet, bool Correct);

/// <summary>
/// Runs a labelled set through the assistant against one knowledge generation, the way residents would ask it
/// (history first). Used to check a staff change before it goes live.
/// </summary>
public static class EvaluationSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<EvaluationItem> Load(string path)
    {
        var items = new List<EvaluationItem>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            try
            {
                items.Add(JsonSerializer.Deserialize<EvaluationItem>(text, Json) ?? throw new FormatException($"{path}:{line}: empty"));
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{path}:{line}: {ex.Message}", ex);
            }
        }
        return items;
    }

    public static IReadOnlyList<EvaluationResult> Run(Assistant assistant, KnowledgeState knowledge, IReadOnlyList<EvaluationItem> items)
    {
        ArgumentNullException.ThrowIfNull(assistant);
        ArgumentNullException.ThrowIfNull(items);
        var results = new List<EvaluationResult>(items.Count);
        foreach (var item in items)
        {
            var output = Ask(assistant, knowledge, item.History ?? [], item.Q);
            var top = output.Sources.FirstOrDefault();
            results.Add(new EvaluationResult(item, output.Kind, top?.Id, top?.Facet, IsCorrect(item, output.Kind, top?.Id, top?.Facet)));
        }
        return results;
    }

    /// <summary>Asks a question after its history, in a fresh conversation.</summary>
    public static TurnOutput Ask(Assistant assistant, KnowledgeState knowledge, IReadOnlyList<string> history, string question)
    {
        ArgumentNullException.ThrowIfNull(assistant);
        var state = ConversationState.New;
        var at = DateTimeOffset.UnixEpoch;
        foreach (var earlier in history)
        {
            (_, state) = assistant.Respond(state, Input(earlier, at), knowledge);
        }
        return assistant.Respond(state, Input(question, at), knowledge).Output;
    }

    /// <summary>Handled as labelled: the right document (and facet), small talk as small talk, or declined.</summary>
    public static bool IsCorrect(EvaluationItem item, string kind, string? topId, string? topFacet)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Kind switch
        {
            AnswerKinds.NoAnswer => kind is AnswerKinds.NoAnswer or AnswerKinds.Handoff,
            AnswerKinds.Smalltalk => kind == AnswerKinds.Smalltalk,
            _ => kind is AnswerKinds.Answer or AnswerKinds.Clarify && topId == item.Id && (item.Facet is null || topFacet == item.Facet),
        };
    }

    private static TurnInput Input(string text, DateTimeOffset at) => new() { ConversationId = "evaluation", Channel = "evaluation", Text = text, At = at };
}
