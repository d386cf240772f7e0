using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge;

namespace ChatBot.Conversation;

/// <summary>
/// The one turn function every front door runs: Direct Line, the command line, the evaluator and the tests. Pure:
/// given the conversation's state, the resident's input, the knowledge generation and what was read for the turn,
/// it returns the reply (with its finished, redacted question record), the new state and the writes to carry out.
/// </summary>
public sealed class TurnEngine(FeedbackDialog dialog, Assistant assistant, QuestionRecords records)
{
    /// <summary>What must be read before <see cref="NextTurn"/> can run (nothing for most turns).</summary>
    public TurnNeeds Needs(ConversationState state, TurnInput input) => dialog.Needs(state, input);

    public TurnResult NextTurn(ConversationState state, TurnInput input, KnowledgeState knowledge, TurnLookups lookups)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lookups);
        var result = dialog.TryHandle(state, input, lookups);
        if (result is null)
        {
            var (output, next) = assistant.Respond(state, input, knowledge);
            result = new TurnResult(output, next, []);
        }
        else if (result.PassOn)
        {
            // The dialog step is done with the message; the assistant answers it too, after the dialog's reply.
            var (answer, next) = assistant.Respond(result.State, input, knowledge);
            result = result with
            {
                Output = answer with { Messages = [.. result.Output.Messages, .. answer.Messages] },
                State = next,
                IfEffectsFail = result.IfEffectsFail is { } failed ? answer with { Messages = [.. failed.Messages, .. answer.Messages] } : null,
                PassOn = false,
            };
        }
        return Finish(result);
    }

    /// <summary>A turn that needs nothing read (evaluation, tests, a front door without tickets).</summary>
    public TurnResult NextTurn(ConversationState state, TurnInput input, KnowledgeState knowledge) => NextTurn(state, input, knowledge, TurnLookups.None);

    /// <summary>The reply of a turn that failed unexpectedly, and the record that keeps the question.</summary>
    public TurnOutput Failed(TurnInput input)
    {
        var reply = assistant.Writer.Prompts.Render("bot-error", new Dictionary<string, string>());
        return new TurnOutput
        {
            Kind = AnswerKinds.NoAnswer,
            Messages = [new BotMessage(reply, [])],
            Record = records.Failed(input, reply),
        };
    }

    /// <summary>The record gets the reply, the conversation remembers the question, and an answer can be rated.</summary>
    private TurnResult Finish(TurnResult result)
    {
        if (result.Output.Record is not { } question)
        {
            return result;
        }
        var record = records.WithReply(question, result.Output.Text);
        var output = result.Output with { Record = record, RateableQuestionId = result.Output.Kind == AnswerKinds.Answer ? record.Id : null };
        return result with { Output = output, State = result.State.Remember(record) };
    }
}
