using System.Text;
using ChatBot.Conversation.Llm;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Text;

namespace ChatBot.Conversation;

/// <summary>
/// The procedure side of a turn: a pure function of (conversation state, input, knowledge) that returns the reply
/// and the new state. <see cref="AnswerPolicy"/> decides between answering, asking which procedure is meant,
/// small talk, handing over to staff and an honest "I don't know"; <see cref="AnswerWriter"/> words it.
/// When a language model is configured, an answer also carries the <see cref="GroundingRequest"/> the model may word
/// it from; the retrieval answer stays the reply until the model's answer has passed its checks.
/// </summary>
public sealed class Assistant(AnswerPolicy policy, AnswerWriter writer, AssistantOptions options, LlmOptions? llm = null)
{
    /// <summary>Runners-up scoring at least this share of the answer's own document are passages the model may use too.</summary>
    public const double RunnerUpPassageShare = 0.5;

    /// <summary>How many of the resident's earlier (redacted) questions the model sees.</summary>
    public const int HistoryQuestions = 3;

    public AnswerWriter Writer => writer;

    /// <param name="standalone">The follow-up rewritten as a standalone question by the model, read before the turn; null when not rewritten.</param>
    public (TurnOutput Output, ConversationState State, GroundingRequest? Grounding) Respond(ConversationState state, TurnInput input, KnowledgeState knowledge, string? standalone = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(knowledge);
        if (input.IsConversationStart)
        {
            return (writer.Welcome(), state, null);
        }
        var text = Clean(input.Text);
        var next = state with { Turns = state.Turns + 1 };
        if (text.Length == 0)
        {
            return (writer.Empty(), next, null);
        }
        if (text.Length > options.MaxMessageChars)
        {
            return (writer.TooLong(input, text), next, null);
        }

        // Numbers, e-mails and addresses carry no topic and drown the question ("Số CCCD của tôi là …, tôi muốn đăng
        // ký thường trú"): the policy reads the message without them, and the resident is told once to leave them out.
        var question = WithoutPersonalData(text);
        var asked = standalone is { Length: > 0 } ? WithoutPersonalData(standalone) : question;
        var (output, after, grounding) = Decide(state, next, input, text, asked, knowledge, standalone);
        if (question != text && !state.PersonalDataNoted)
        {
            var note = new BotMessage(writer.Prompts.Render("personal-data-removed", writer.OfficeValues), []);
            output = output with { Messages = [note, .. output.Messages] };
            after = after with { PersonalDataNoted = true };
        }
        return (output, after, grounding);
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

    private (TurnOutput Output, ConversationState State, GroundingRequest? Grounding) Decide(ConversationState state, ConversationState next, TurnInput input, string text, string question, KnowledgeState knowledge, string? standalone)
    {
        var decision = policy.Decide(state, question, Intents.Fold(question), knowledge);
        if (decision is AnswerDecision answer)
        {
            // Only an answer may be worded by the model; declines, clarifications and social turns never reach it.
            var (output, usedFacet) = writer.Answer(input, text, answer.Document, answer.Facet, answer.Retrieval);
            var grounding = llm is { Enabled: true } ? Grounding(state, input, standalone ?? text, answer, usedFacet) : null;
            return (output, next with { TopicId = answer.Document.Id, LastFacet = usedFacet ?? answer.Facet, ClarifyOptions = [] }, grounding);
        }
        var (other, after) = Word(decision, state, next, input, text);
        return (other, after, null);
    }

    /// <summary>The passages the model may answer from: the answer's own section, then close runners-up.</summary>
    private GroundingRequest Grounding(ConversationState state, TurnInput input, string question, AnswerDecision answer, string? usedFacet)
    {
        var today = VietnamTime.Today(input.At);
        var passages = new List<GroundingPassage>();
        void Add(KnowledgeDocument document, string? facet)
        {
            var (body, shownFacet, link) = writer.Passage(document, facet, today);
            var (text, withheld) = GroundedAnswerCheck.Sanitize(body);
            passages.Add(new GroundingPassage($"P{passages.Count + 1}", document.Id, shownFacet, writer.PassageTitle(document, shownFacet), link.Url, text, withheld));
        }
        Add(answer.Document, usedFacet);
        var best = answer.Retrieval.Candidates.FirstOrDefault(c => c.Document.Id == answer.Document.Id)?.Score ?? answer.Retrieval.Top?.Score ?? 0;
        foreach (var runnerUp in answer.Retrieval.Candidates
            .Where(c => c.Document.Id != answer.Document.Id && c.Score >= best * RunnerUpPassageShare)
            .Take(Math.Max(0, llm!.MaxPassages - 1)))
        {
            Add(runnerUp.Document, runnerUp.MatchedFacet ?? answer.Facet);
        }
        var history = state.Recent.Take(HistoryQuestions).Reverse().Select(q => q.Text).ToList();
        return new GroundingRequest(Redactor.Redact(question), history, passages);
    }

    private (TurnOutput Output, ConversationState State) Word(Decision decision, ConversationState state, ConversationState next, TurnInput input, string text)
    {
        switch (decision)
        {
            case SocialDecision social:
                return (writer.Social(social.Intent, input, text, state.TopicId), next);
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
