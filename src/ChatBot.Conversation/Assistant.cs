using System.Globalization;
using System.Text;
using ChatBot.Conversation.Prompts;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Ranking;
using ChatBot.Knowledge.Retrieval;
using ChatBot.Knowledge.Text;

namespace ChatBot.Conversation;

/// <summary>
/// The turn logic: a pure function of (conversation state, input, knowledge) that returns the reply and the
/// new state. It decides between answering, asking which procedure is meant, small talk, handing over to staff
/// and an honest "I don't know".
/// </summary>
public sealed class Assistant(PromptLibrary prompts, OfficeProfile office, AssistantOptions options)
{
    private readonly IReadOnlyDictionary<string, string> officeValues = office.AsPlaceholders();

    public (TurnOutput Output, ConversationState State) Respond(ConversationState state, TurnInput input, KnowledgeState knowledge)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(knowledge);
        if (input.IsConversationStart)
        {
            return (Welcome(), state);
        }
        var text = Clean(input.Text);
        var next = state with { Turns = state.Turns + 1 };
        if (text.Length == 0)
        {
            return (Simple(AnswerKinds.Smalltalk, prompts.Render("empty", officeValues), prompts.Labels.Welcome), next);
        }
        if (text.Length > options.MaxMessageChars)
        {
            var reply = prompts.Render("too-long", With(("max_chars", options.MaxMessageChars.ToString("N0", Vietnamese))));
            return (Simple(AnswerKinds.NoAnswer, reply, [], Record(input, text, AnswerKinds.NoAnswer, reason: "too-long")), next);
        }

        var folded = Intents.Fold(text);
        switch (Intents.Detect(folded))
        {
            case SocialIntent.Handoff:
                return (Simple(AnswerKinds.Handoff, prompts.Render("handoff", officeValues), [], Record(input, text, AnswerKinds.Handoff, reason: "asked-for-staff", documentId: state.TopicId)), next);
            case SocialIntent.OthersData:
                return (NoAnswer(input, text, null, "others-personal-data"), next);
            case SocialIntent.Injection:
                return (NoAnswer(input, text, null, "instruction-injection"), next);
            case SocialIntent.Fraud:
                return (NoAnswer(input, text, null, "fraud"), next);
            case SocialIntent.Greeting:
                return (Simple(AnswerKinds.Smalltalk, prompts.Render("smalltalk-greeting", officeValues), prompts.Labels.Welcome, Record(input, text, AnswerKinds.Smalltalk)), next);
            case SocialIntent.Thanks:
                return (Simple(AnswerKinds.Smalltalk, prompts.Render("smalltalk-thanks", officeValues), [], Record(input, text, AnswerKinds.Smalltalk)), next);
            case SocialIntent.AboutBot:
                return (Simple(AnswerKinds.Smalltalk, prompts.Render("smalltalk-about", officeValues), prompts.Labels.Welcome, Record(input, text, AnswerKinds.Smalltalk)), next);
        }

        var retrieval = knowledge.Retriever.Retrieve(text);
        var chosen = ChooseOption(state, folded, knowledge);
        if (chosen is not null)
        {
            return Answer(input, text, chosen, state.LastFacet, retrieval, next);
        }

        var confident = IsConfident(retrieval);
        if (!confident && LastSentence(text) is { } question)
        {
            // A story: background first, the question last. The background's words can drown the question, so
            // the question alone decides, if it points to a document the whole story also ranked near the top.
            var focused = knowledge.Retriever.Retrieve(question);
            if (IsConfident(focused) && HasTopic(focused) && retrieval.Candidates.Take(3).Any(c => c.Document.Id == focused.Top!.Document.Id))
            {
                retrieval = focused;
                confident = true;
            }
        }
        var topic = state.TopicId is null ? null : knowledge.Find(state.TopicId);
        if (topic is not null && IsFollowUp(retrieval, confident, topic, knowledge))
        {
            return Answer(input, text, topic, retrieval.Facet, retrieval, next);
        }
        // After a question we declined, "lệ phí bao nhiêu" asks about that declined topic, not about whatever guide
        // the fee words alone point to.
        var continuesDeclined = state.Recent.FirstOrDefault() is { Kind: AnswerKinds.NoAnswer, DocumentId: null };
        if (topic is null && !HasTopic(retrieval) && (continuesDeclined || !ClassifierAgrees(retrieval, options.MinIntentProbabilityWithoutTopic)))
        {
            // "cần giấy tờ gì" with nothing before it (or after a question we declined): any guide would be a guess.
            return (NoAnswer(input, text, retrieval, "no-topic"), next with { ClarifyOptions = [] });
        }
        if (!confident)
        {
            // A resident who has moved on to something we cannot answer means that with a bare follow-up, not the
            // procedure discussed before; one who adds details ("bằng của tôi cấp năm 2005") has not moved on.
            var stillAbout = state.TopicId is not null && (!HasTopic(retrieval) || retrieval.Top?.Document.Id == state.TopicId);
            return (NoAnswer(input, text, retrieval, "low-confidence"), next with { ClarifyOptions = [], TopicId = stillAbout ? state.TopicId : null });
        }
        var close = CloseCandidates(retrieval);
        if (close.Count > 1)
        {
            return (Clarify(input, text, close, retrieval), next with { ClarifyOptions = close.Select(c => c.Document.Id).ToList(), LastFacet = retrieval.Facet });
        }
        var inheritedFacet = retrieval.Facet ?? (StartsLikeFollowUp(folded) ? state.LastFacet : null);
        return Answer(input, text, retrieval.Top!.Document, inheritedFacet, retrieval, next);
    }

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>
    /// Answer when the question is closer to the knowledge than to the out-of-scope examples and either the words
    /// line up (the best document covers the question's topic words), the intent classifier independently picks
    /// the same document, or the question is clearly in scope and the document explains a fair share of its words.
    /// Never when the classifier calls it out of scope with enough confidence.
    /// </summary>
    private bool IsConfident(RetrievalResult r)
    {
        if (r.Top is null || r.Top.Score < options.MinScore)
        {
            return false;
        }
        // Scores of one query are comparable across units, so the ratio tells how much better the best real
        // document fits than the closest known out-of-scope question (lương hưu, ly hôn, hộ chiếu...).
        // A document whose name holds every topic word, in the same word pairs, leaves nothing for the example to explain.
        // Unless the example itself fits far better: "thủ tục ly hôn" is every word of "thủ tục ly hôn đơn phương", and
        // only a few words of the marriage guide that mentions divorce papers.
        var explained = r.NameCoverage >= 0.999 && r.BigramCoverage >= 0.999 && r.OutOfScopeScore < r.Top.Score * options.ExplainedOutOfScopeLimit;
        var outOfScope = explained ? 0 : r.OutOfScopeScore / r.Top.Score;
        if (outOfScope >= options.MaxOutOfScopeRatio)
        {
            return false;
        }
        var lexical = r.Coverage >= options.MinCoverage && (r.TopicTerms.Count == 0 ? r.Facet is not null : r.NameCoverage >= options.MinNameCoverage);
        var intent = r.Intents.FirstOrDefault(i => i.Id != IntentClassifier.None);
        var noneFirst = r.Intents.Count > 0 && r.Intents[0].Id == IntentClassifier.None;
        if (noneFirst && r.NoneProbability >= (lexical ? options.MaxNoneProbabilityWhenWordsMatch : options.MaxNoneProbability))
        {
            return false;
        }
        // Each signal alone is weak and many good answers fail one of them; all four together mean nothing backs the
        // guide: an off-topic example scores close to it, the classifier neither picks it nor rules out "none", and
        // the guide never uses the question's word pairs ("gửi xe máy" in the vehicle-registration guide).
        var topIntent = r.Intents.FirstOrDefault(i => i.Id == r.Top.Document.Id)?.Probability ?? 0;
        if (outOfScope >= options.UnbackedOutOfScopeRatio && topIntent < options.UnbackedIntentProbability
            && r.BigramCoverage < options.UnbackedBigramCoverage && r.NoneProbability >= options.UnbackedNoneProbability)
        {
            return false;
        }
        var agrees = intent is not null && intent.Id == r.Top.Document.Id && intent.Probability >= options.MinIntentProbability;
        var inScope = outOfScope < options.InScopeRatio && r.Coverage >= options.MinCoverageInScope;
        return lexical || agrees || inScope;
    }

    /// <summary>
    /// A follow-up names no new topic: its words are facet cues and fillers ("còn lệ phí thì sao?"); or it asks
    /// about a facet and the conversation's procedure explains its words at least as well as any other ("mấy ngày
    /// thì có giấy?"); or it is too weak to stand on its own but asks about a facet.
    /// </summary>
    private static bool IsFollowUp(RetrievalResult r, bool confident, KnowledgeDocument topic, KnowledgeState knowledge)
    {
        var topicWords = r.TopicTerms.Where(t => !FollowUpWords.Contains(t.Folded)).ToList();
        if (topicWords.Count == 0 || (!confident && r.Facet is not null))
        {
            return true;
        }
        if (r.Facet is null || r.Top is null || r.Top.Document.Id == topic.Id)
        {
            return r.Top?.Document.Id == topic.Id && r.Facet is not null;
        }
        var staying = knowledge.Retriever.NameCoverage(topicWords, r.Query, topic.Id);
        var switching = knowledge.Retriever.NameCoverage(topicWords, r.Query, r.Top.Document.Id);
        return staying >= switching;
    }

    private static bool ClassifierAgrees(RetrievalResult r, double atLeast) =>
        r.Top is not null && r.Intents.FirstOrDefault(i => i.Id != IntentClassifier.None) is { } intent && intent.Id == r.Top.Document.Id && intent.Probability >= atLeast;

    /// <summary>The last sentence of a message of several sentences, when it is long enough to stand alone; or null.</summary>
    private static string? LastSentence(string text) =>
        VietnameseText.LastSentence(text) is { } last && last.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3 ? last : null;

    private static bool HasTopic(RetrievalResult r) => r.TopicTerms.Any(t => !FollowUpWords.Contains(t.Folded));

    /// <summary>Words of a follow-up that name no topic: "thì sao", "còn", "vậy", "thế", "nữa".</summary>
    private static readonly HashSet<string> FollowUpWords = new(StringComparer.Ordinal) { "sao", "con", "vay", "the", "nua", "thi", "giay", "do", "nay", "cai" };

    private static bool StartsLikeFollowUp(IReadOnlyList<string> folded) =>
        folded.Count > 0 && folded.Count <= 10 && (folded[0] is "con" or "vay" or "the" || folded.Take(2).SequenceEqual(["the", "con"]) || folded.Take(2).SequenceEqual(["vay", "con"]));

    private List<DocumentCandidate> CloseCandidates(RetrievalResult r)
    {
        var top = r.Top!;
        return r.Candidates
            .Where(c => c.Document.Id == top.Document.Id || c.Score * options.ClarifyMargin >= top.Score)
            .Where(c => c.Document.Id == top.Document.Id || r.TopicTerms.Count > 0)
            .Take(3)
            .ToList();
    }

    /// <summary>A click on one of the options of the previous clarifying question.</summary>
    private static KnowledgeDocument? ChooseOption(ConversationState state, IReadOnlyList<string> folded, KnowledgeState knowledge)
    {
        if (state.ClarifyOptions.Count == 0)
        {
            return null;
        }
        var said = string.Join(' ', folded);
        return state.ClarifyOptions
            .Select(knowledge.Find)
            .OfType<KnowledgeDocument>()
            .FirstOrDefault(d => string.Join(' ', Intents.Fold(d.Title)) == said);
    }

    private TurnOutput Welcome() => new()
    {
        Kind = AnswerKinds.Smalltalk,
        Messages =
        [
            new BotMessage(prompts.Render("welcome", officeValues), []),
            new BotMessage(prompts.Render("privacy-notice", officeValues), prompts.Labels.Welcome),
        ],
    };

    private (TurnOutput, ConversationState) Answer(TurnInput input, string text, KnowledgeDocument document, string? facet, RetrievalResult retrieval, ConversationState next)
    {
        var section = facet is null || document.Kind != DocumentKind.Procedure ? null : document.Section(facet);
        var usedFacet = section?.FacetId;
        var link = document.Links.FirstOrDefault() ?? new SourceLink("Cổng Dịch vụ công quốc gia", office.Portal);
        var heading = section is null ? document.Title : $"{document.Title} — {Facets.Label(section.FacetId)}";
        // Guides, their sections and FAQ answers may name the office ({{office.name}}…); filled here, for every kind.
        var body = Placeholders.Fill(
            section is not null ? section.Text : document.Kind == DocumentKind.Procedure ? Overview(document) : document.Answer,
            officeValues);
        var onlineNote = document.Kind == DocumentKind.Procedure && usedFacet is null or Facets.WhereToApply or Facets.Steps
            ? OnlineNote(document, link)
            : "";
        var message = prompts.Render("answer", With(
            ("heading", Placeholders.Fill(heading, officeValues)),
            ("body", Shorten(body)),
            ("online_note", onlineNote),
            ("source_title", link.Title),
            ("source_url", link.Url),
            ("checked", document.Checked?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "chưa rõ")));
        var suggestions = document.Kind == DocumentKind.Procedure
            ? NextFacets(document, usedFacet).Append(prompts.Labels.Handoff).ToList()
            : [prompts.Labels.Handoff];
        var score = retrieval.Candidates.FirstOrDefault(c => c.Document.Id == document.Id)?.Score ?? 0;
        // The answer's own source first, then the runners-up, so callers see what else was considered.
        var sources = new List<SourceRef> { new(document.Id, usedFacet, document.Title, link.Url, Math.Round(score, 3)) };
        sources.AddRange(retrieval.Candidates.Where(c => c.Document.Id != document.Id).Take(2)
            .Select(c => new SourceRef(c.Document.Id, null, c.Document.Title, c.Document.Links.FirstOrDefault()?.Url ?? office.Portal, Math.Round(c.Score, 3))));
        var output = new TurnOutput
        {
            Kind = AnswerKinds.Answer,
            Messages = [new BotMessage(message, suggestions)],
            Sources = sources,
            Record = Record(input, text, AnswerKinds.Answer, retrieval, document.Id, usedFacet),
        };
        return (output, next with { TopicId = document.Id, LastFacet = usedFacet ?? facet, ClarifyOptions = [] });
    }

    private static string Overview(KnowledgeDocument document)
    {
        var builder = new StringBuilder(document.Summary);
        if (document.Agency.Length > 0)
        {
            builder.Append("\n\n- Cơ quan giải quyết: ").Append(document.Agency);
        }
        return builder.ToString();
    }

    private static string OnlineNote(KnowledgeDocument document, SourceLink link) => document.Online switch
    {
        "toan-trinh" => $"Thủ tục này làm được **trực tuyến toàn trình**: [{link.Title}]({link.Url})",
        "mot-phan" => $"Thủ tục này nộp được **trực tuyến một phần** (nộp hồ sơ trên mạng, có bước phải đến cơ quan): [{link.Title}]({link.Url})",
        _ => "",
    };

    private IEnumerable<string> NextFacets(KnowledgeDocument document, string? current)
    {
        string[] preferred = [Facets.Documents, Facets.Fee, Facets.WhereToApply, Facets.TimeLimit, Facets.Steps, Facets.Eligibility];
        return preferred
            .Where(f => f != current && document.Section(f) is not null && prompts.Labels.Facets.ContainsKey(f))
            .Take(3)
            .Select(f => prompts.Labels.Facets[f]);
    }

    private string Shorten(string body)
    {
        if (body.Length <= options.MaxAnswerChars)
        {
            return body;
        }
        var cut = body.LastIndexOf('\n', options.MaxAnswerChars);
        return body[..(cut > options.MaxAnswerChars / 2 ? cut : options.MaxAnswerChars)].TrimEnd() + "\n\n…(xem đầy đủ tại nguồn bên dưới)";
    }

    private TurnOutput Clarify(TurnInput input, string text, List<DocumentCandidate> close, RetrievalResult retrieval) => new()
    {
        // Buttons offer the close options; the sources list them first, then the runners-up (up to three), as answers do.
        Kind = AnswerKinds.Clarify,
        Messages = [new BotMessage(prompts.Render("clarify", officeValues), close.Select(c => c.Document.Title).Append(prompts.Labels.Handoff).ToList())],
        // The facet asked about applies to whichever option the resident picks (the answer shows that section).
        Sources = close.Concat(retrieval.Candidates.Where(c => !close.Contains(c))).Take(Math.Max(3, close.Count)).Select(c => new SourceRef(c.Document.Id, retrieval.Facet is { } f && c.Document.Section(f) is not null ? f : null, c.Document.Title, c.Document.Links.FirstOrDefault()?.Url ?? office.Portal, Math.Round(c.Score, 3))).ToList(),
        Record = Record(input, text, AnswerKinds.Clarify, retrieval, reason: "ambiguous"),
    };

    private TurnOutput NoAnswer(TurnInput input, string text, RetrievalResult? retrieval, string reason) => new()
    {
        Kind = AnswerKinds.NoAnswer,
        Messages = [new BotMessage(prompts.Render("no-answer", officeValues), prompts.Labels.NoAnswer)],
        Record = Record(input, text, AnswerKinds.NoAnswer, retrieval, reason: reason),
    };

    private static TurnOutput Simple(string kind, string text, IReadOnlyList<string> suggestions, QuestionRecord? record = null) => new()
    {
        Kind = kind,
        Messages = [new BotMessage(text, suggestions)],
        Record = record,
    };

    private QuestionRecord Record(TurnInput input, string text, string kind, RetrievalResult? retrieval = null, string? documentId = null, string? facet = null, string? reason = null) => new()
    {
        At = input.At,
        ConversationId = input.ConversationId,
        Channel = input.Channel,
        Text = Truncate(Redactor.Redact(text.Length > options.MaxStoredChars ? text[..options.MaxStoredChars] : text)),
        Kind = kind,
        DocumentId = documentId,
        Facet = facet,
        Reason = reason,
        Candidates = retrieval?.Candidates.Take(5).Select(c => new CandidateScore(c.Document.Id, c.MatchedFacet, Math.Round(c.Score, 3))).ToList() ?? [],
    };

    private string Truncate(string text) => text.Length > options.MaxStoredChars ? text[..options.MaxStoredChars] : text;

    private Dictionary<string, string> With(params (string Key, string Value)[] values)
    {
        var all = new Dictionary<string, string>(officeValues, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            all[key] = value;
        }
        return all;
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
