using System.Text;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge;

namespace ChatBot.Conversation;

/// <summary>
/// The procedure side of a turn: a pure function of (conversation state, input, knowledge) that returns the reply
/// and the new state. <see cref="AnswerPolicy"/> decides between answering, asking which procedure is meant,
/// small talk, handing over to staff and an honest "I don't know"; <see cref="AnswerWriter"/> words it.
/// </summary>
public sealed class Assistant(AnswerPolicy policy, AnswerWriter writer, AssistantOptions options)
{
    public AnswerWriter Writer => writer;

    public (TurnOutput Output, ConversationState State) Respond(ConversationState state, TurnInput input, KnowledgeState knowledge)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(knowledge);
        if (input.IsConversationStart)
        {
            return (writer.Welcome(), state);
        }
        var text = Clean(input.Text);
        var next = state with { Turns = state.Turns + 1 };
        if (text.Length == 0)
        {
            return (writer.Empty(), next);
        }
        if (text.Length > options.MaxMessageChars)
        {
            return (writer.TooLong(input, text), next);
        }

        // Numbers, e-mails and addresses carry no topic and drown the question ("Số CCCD của tôi là …, tôi muốn đăng
        // ký thường trú"): the policy reads the message without them, and the resident is told once to leave them out.
        var question = WithoutPersonalData(text);
        var (output, after) = Decide(state, next, input, text, question, knowledge);
        if (question != text && !state.PersonalDataNoted)
        {
            var note = new BotMessage(writer.Prompts.Render("personal-data-removed", writer.OfficeValues), []);
            output = output with { Messages = [note, .. output.Messages] };
            after = after with { PersonalDataNoted = true };
        }
        return (output, after);
    }

    /// <summary>The message without the clauses that held personal data, or with the data cut out when every clause did.</summary>
    private static string WithoutPersonalData(string text)
    {
        var redacted = Redactor.Redact(text);
        if (redacted == text)
        {
            return text;
        }
        string[] marks = [Redactor.IdMark, Redactor.PhoneMark, Redactor.EmailMark, Redactor.AddressMark];
        var clauses = redacted.Split([',', ';', '.', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var kept = clauses.Where(c => !marks.Any(m => c.Contains(m, StringComparison.Ordinal))).ToList();
        if (kept.Count > 0)
        {
            return string.Join(", ", kept);
        }
        foreach (var mark in marks)
        {
            redacted = redacted.Replace(mark, " ", StringComparison.Ordinal);
        }
        return string.Join(' ', redacted.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private (TurnOutput Output, ConversationState State) Decide(ConversationState state, ConversationState next, TurnInput input, string text, string question, KnowledgeState knowledge)
    {
        switch (policy.Decide(state, question, Intents.Fold(question), knowledge))
        {
            case SocialDecision social:
                return (writer.Social(social.Intent, input, text, state.TopicId), next);
            case AnswerDecision answer:
                var (output, usedFacet) = writer.Answer(input, text, answer.Document, answer.Facet, answer.Retrieval);
                return (output, next with { TopicId = answer.Document.Id, LastFacet = usedFacet ?? answer.Facet, ClarifyOptions = [] });
            case CatalogueDecision catalogue:
                var (fromCatalogue, catalogueFacet) = writer.CatalogueAnswer(input, text, catalogue);
                return (fromCatalogue, next with
                {
                    TopicId = catalogue.Record.Id,
                    LastFacet = catalogueFacet ?? catalogue.Facet,
                    ClarifyOptions = catalogue.Others.Select(o => o.Id).ToList(),
                });
            case ClarifyDecision clarify:
                return (writer.Clarify(input, text, clarify.Options, clarify.Retrieval),
                    next with { ClarifyOptions = clarify.Options.Select(c => c.Document.Id).ToList(), LastFacet = clarify.Retrieval.Facet });
            case DeclineDecision decline:
                return (writer.NoAnswer(input, text, decline.Retrieval, decline.Reason),
                    next with { ClarifyOptions = [], TopicId = decline.KeepTopic ? state.TopicId : null });
            default:
                throw new InvalidOperationException("unknown decision");
        }
    }

    /// <summary>Drops control characters and surrounding space; keeps line breaks.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (!char.IsControl(c) || c is '\n' or '\t')
            {
                builder.Append(c);
            }
        }
        return builder.ToString().Trim();
    }
}
