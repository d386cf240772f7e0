using ChatBot.Conversation.Turns;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Catalogue;
using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Ranking;
using ChatBot.Knowledge.Retrieval;
using ChatBot.Knowledge.Text;

namespace ChatBot.Conversation;

/// <summary>What the answer policy decided for a question; the writer turns it into words.</summary>
public abstract record Decision;

/// <summary>A social turn (hello, thanks, who are you, hand-off) or a request that is never served (others' data, injection, fraud).</summary>
public sealed record SocialDecision(SocialIntent Intent) : Decision;

/// <summary>Answer from this document; <paramref name="Facet"/> is the section asked about, if any.</summary>
public sealed record AnswerDecision(KnowledgeDocument Document, string? Facet, RetrievalResult Retrieval) : Decision;

/// <summary>Ask which of these documents is meant.</summary>
public sealed record ClarifyDecision(IReadOnlyList<DocumentCandidate> Options, RetrievalResult Retrieval) : Decision;

/// <summary>
/// Answer from a national catalogue record (no curated guide answers); <paramref name="Others"/> are the same
/// procedure's other variants (another level, a foreign element), offered as buttons.
/// </summary>
public sealed record CatalogueDecision(CatalogueRecord Record, string? Facet, double Score, IReadOnlyList<CatalogueRecord> Others, RetrievalResult Retrieval) : Decision;

/// <summary>An honest "I don't know"; <paramref name="KeepTopic"/>: the conversation is still about its procedure.</summary>
public sealed record DeclineDecision(string Reason, RetrievalResult Retrieval, bool KeepTopic) : Decision;

/// <summary>
/// Decides between answering, asking which procedure is meant and declining, from retrieval's signals and the
/// conversation so far. It writes nothing and says nothing: <see cref="AnswerWriter"/> words the decision.
/// Thresholds are in <see cref="AssistantOptions"/> (fitted on knowledge/eval/dev.jsonl, checked on the other sets);
/// the fixed limits below are shapes of Vietnamese questions rather than tuned values.
/// </summary>
public sealed partial class AnswerPolicy(AssistantOptions options, OfficeProfile office)
{
    /// <summary>How many catalogue hits are read for one question.</summary>
    public const int CatalogueHits = 3;

    /// <summary>At most this many procedures are offered in a clarifying question (buttons on a phone screen).</summary>
    public const int MaxClarifyOptions = 3;

    /// <summary>A story's last sentence decides only if the whole story ranked its document at least this high.</summary>
    public const int StoryFocusRank = 3;

    /// <summary>A story's last sentence stands alone as the question only with at least this many words.</summary>
    public const int MinQuestionSentenceWords = 3;

    /// <summary>"còn …", "vậy …", "thế còn …" begin a follow-up only in a short message (syllables).</summary>
    public const int MaxFollowUpSyllables = 10;

    /// <summary>A coverage at least this counts as complete (coverages are ratios of small counts).</summary>
    public const double Complete = 0.999;

    /// <summary>Words of a follow-up that name no topic: "thì sao", "còn", "vậy", "thế", "nữa".</summary>
    private static readonly HashSet<string> FollowUpWords = new(StringComparer.Ordinal) { "sao", "con", "vay", "the", "nua", "thi", "giay", "do", "nay", "cai" };

    public Decision Decide(ConversationState state, string text, IReadOnlyList<string> folded, KnowledgeState knowledge)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(knowledge);
        if (Intents.DetectIn(text, folded) is var intent && intent != SocialIntent.None)
        {
            return new SocialDecision(intent);
        }
        var retrieval = knowledge.Retriever.Retrieve(text);
        if (ChooseCatalogueOption(state, folded, knowledge) is { } picked)
        {
            return Catalogue(picked, state.LastFacet, 0, retrieval, knowledge);
        }
        // "lệ phí bao nhiêu" after a catalogue answer asks about that procedure, not about whatever guide fee words find.
        if (!HasTopic(retrieval) && retrieval.Facet is not null && state.TopicId is { } topicId && knowledge.Find(topicId) is null
            && knowledge.Catalogue.Find(topicId) is { } continued)
        {
            return Catalogue(continued, retrieval.Facet, 0, retrieval, knowledge);
        }
        var curated = DecideCurated(state, text, folded, retrieval, knowledge);
        // Tiers: the curated guides and the office's documents first; the national catalogue when they have no answer,
        // or when a record's name explains the question clearly better than the guide picked ("kết hôn với người nước
        // ngoài" is its own procedure, not the guide for marriage between Vietnamese citizens).
        return curated switch
        {
            DeclineDecision decline => FromCatalogue(text, decline, knowledge) ?? curated,
            AnswerDecision answer when answer.Document.Id != state.TopicId && knowledge.Catalogue.Count > 0
                => Sharper(text, answer.Retrieval, knowledge) ?? Variant(text, answer.Document.Title, answer.Retrieval, knowledge) ?? curated,
            ClarifyDecision clarify when knowledge.Catalogue.Count > 0
                => Sharper(text, clarify.Retrieval, knowledge) ?? Variant(text, clarify.Options[0].Document.Title, clarify.Retrieval, knowledge) ?? curated,
            _ => curated,
        };
    }

    /// <summary>A catalogue record whose name fits the question far better than the curated tier's best guide, or null.</summary>
    private CatalogueDecision? Sharper(string text, RetrievalResult retrieval, KnowledgeState knowledge)
    {
        var hits = knowledge.Catalogue.Search(CatalogueQuestion(text), CatalogueHits);
        return hits.Count > 0 && hits[0] is var best && best.Score >= options.CatalogueOverrideScore
            && best.BigramCoverage >= options.CatalogueOverrideBigramCoverage
            && best.NameCoverage >= retrieval.NameCoverage + options.CatalogueOverrideNameLead
            ? Catalogue(best.Record, retrieval.Facet, best.Score, retrieval, knowledge)
            : null;
    }

    /// <summary>
    /// A catalogue record for the variant the resident asked about when the guide picked is not that variant: "mất
    /// bằng lái làm lại" is "Cấp lại giấy phép lái xe", not the guide for exchanging a licence; "tạm ngừng hộ kinh
    /// doanh", "kết hôn với người nước ngoài" likewise. The record must name the variant the guide's title lacks and
    /// explain the question at least as well as the guide's name does, and either be the guide's procedure (most of its
    /// title) or explain the question clearly better than the guide ("kết hôn với người nước ngoài" is not the guide on
    /// the certificate of marital status that mentions it).
    /// </summary>
    private CatalogueDecision? Variant(string text, string guideTitle, RetrievalResult retrieval, KnowledgeState knowledge)
    {
        var question = CatalogueQuestion(text);
        var asked = knowledge.Catalogue.VariantsIn(question);
        if (asked.Count == 0)
        {
            return null;
        }
        var missing = asked.Except(knowledge.Catalogue.VariantsIn(guideTitle)).ToList();
        if (missing.Count == 0)
        {
            return null;
        }
        var hits = knowledge.Catalogue.Search(question, CatalogueHits);
        return hits.Count > 0 && hits[0] is var best && best.Variants is { } variants && variants.Intersect(missing).Any()
            && (knowledge.Catalogue.TitleShare(guideTitle, best.Record) >= options.CatalogueVariantMinTitleShare
                || best.NameCoverage >= retrieval.NameCoverage + options.CatalogueVariantCoverageMargin)
            && (AnswersAlone(best) || (best.Score >= options.CatalogueShortMinScore && best.NameCoverage >= retrieval.NameCoverage))
            ? Catalogue(best.Record, retrieval.Facet, best.Score, retrieval, knowledge)
            : null;
    }

    /// <summary>
    /// A catalogue answer when the curated tier declined: a record whose name explains the question's words well
    /// enough. (A bare facet follow-up on the conversation's catalogue procedure was handled before the curated tier.)
    /// </summary>
    private CatalogueDecision? FromCatalogue(string text, DeclineDecision decline, KnowledgeState knowledge)
    {
        var retrieval = decline.Retrieval;
        if (knowledge.Catalogue.Count == 0 || !HasTopic(retrieval))
        {
            return null;
        }
        // A story is tried again on its last sentence, as the curated tier does.
        foreach (var question in LastSentence(text) is { } last ? new[] { text, last } : [text])
        {
            var hits = knowledge.Catalogue.Search(CatalogueQuestion(question), CatalogueHits);
            if (hits.Count > 0 && hits[0] is var best && AnswersAlone(best))
            {
                return Catalogue(best.Record, retrieval.Facet, best.Score, retrieval, knowledge);
            }
        }
        return null;
    }

    /// <summary>
    /// Whether a record answers a question no curated guide answers: a high score with a fair share of the question's
    /// words in its name; or, for a short question, every topic word explained (and enough of them to say something);
    /// or the whole head of the record's name said in the question.
    /// </summary>
    private bool AnswersAlone(CatalogueHit hit) =>
        (hit.Score >= options.CatalogueMinScore
            && (hit.NameCoverage >= options.CatalogueMinNameCoverage || hit.BigramCoverage >= options.CatalogueMinBigramCoverage))
        || (hit.Score >= options.CatalogueShortMinScore
            && ((hit.NameCoverage >= Complete && hit.BigramCoverage >= options.CatalogueShortMinBigramCoverage && hit.MatchedWeight >= options.CatalogueShortMinMatchedWeight)
                || (hit.NameRecall >= Complete && hit.HeadWeight >= options.CatalogueNamedMinHeadWeight)));

    /// <summary>
    /// The question as the catalogue reads it: "mất" in "mất bao lâu", "mất bao nhiêu tiền" asks how long or how much,
    /// and would otherwise pick the "trình báo mất …" (report a loss) records.
    /// </summary>
    private static string CatalogueQuestion(string text) => CostWords().Replace(text, " ");

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(mất|mat)\s+(?=(bao|mấy|may|nhiêu|nhieu|tiền|tien|phí|phi|thời|thoi|bn|bnh|khoảng|khoang)\b)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex CostWords();

    /// <summary>One answer per procedure: the variant the office handles when the group has several, the rest as buttons.</summary>
    private CatalogueDecision Catalogue(CatalogueRecord record, string? facet, double score, RetrievalResult retrieval, KnowledgeState knowledge)
    {
        var group = knowledge.Catalogue.GroupOf(record);
        var chosen = record;
        if (!group.IsSingle && !record.Levels.Intersect(office.HandledLevels).Any()
            && group.Variants.FirstOrDefault(v => v.ForeignElement == group.VariantOf(record).ForeignElement && v.Levels.Intersect(office.HandledLevels).Any()) is { } local)
        {
            chosen = local.Record;
        }
        var others = group.Records.Where(r => r.Code != chosen.Code).Take(MaxClarifyOptions).ToList();
        return new CatalogueDecision(chosen, facet, score, others, retrieval);
    }

    /// <summary>A click on a button naming another variant of a catalogue procedure.</summary>
    private static CatalogueRecord? ChooseCatalogueOption(ConversationState state, IReadOnlyList<string> folded, KnowledgeState knowledge)
    {
        if (state.ClarifyOptions.Count == 0)
        {
            return null;
        }
        var said = string.Join(' ', folded);
        return state.ClarifyOptions
            .Where(id => knowledge.Find(id) is null)
            .Select(knowledge.Catalogue.Find)
            .OfType<CatalogueRecord>()
            .FirstOrDefault(r => string.Join(' ', Intents.Fold(r.Name)) == said);
    }

    private Decision DecideCurated(ConversationState state, string text, IReadOnlyList<string> folded, RetrievalResult retrieval, KnowledgeState knowledge)
    {
        if (ChooseOption(state, folded, knowledge) is { } chosen)
        {
            return new AnswerDecision(chosen, state.LastFacet, retrieval);
        }

        var confident = IsConfident(retrieval);
        if (!confident && LastSentence(text) is { } question)
        {
            // A story: background first, the question last. The background's words can drown the question, so
            // the question alone decides, if it points to a document the whole story also ranked near the top.
            var focused = knowledge.Retriever.Retrieve(question);
            if (IsConfident(focused) && HasTopic(focused) && retrieval.Candidates.Take(StoryFocusRank).Any(c => c.Document.Id == focused.Top!.Document.Id))
            {
                retrieval = focused;
                confident = true;
            }
        }
        var topic = state.TopicId is null ? null : knowledge.Find(state.TopicId);
        if (topic is not null && IsFollowUp(retrieval, confident, topic, knowledge))
        {
            return new AnswerDecision(topic, retrieval.Facet, retrieval);
        }
        // After a question we declined, "lệ phí bao nhiêu" asks about that declined topic, not about whatever guide
        // the fee words alone point to.
        var continuesDeclined = state.Recent.FirstOrDefault() is { Kind: Feedback.AnswerKinds.NoAnswer, DocumentId: null };
        if (topic is null && !HasTopic(retrieval) && (continuesDeclined || !ClassifierAgrees(retrieval, options.MinIntentProbabilityWithoutTopic)))
        {
            // "cần giấy tờ gì" with nothing before it (or after a question we declined): any guide would be a guess.
            return new DeclineDecision("no-topic", retrieval, KeepTopic: true);
        }
        if (!confident)
        {
            // A resident who has moved on to something we cannot answer means that with a bare follow-up, not the
            // procedure discussed before; one who adds details ("bằng của tôi cấp năm 2005") has not moved on.
            var stillAbout = state.TopicId is not null && (!HasTopic(retrieval) || retrieval.Top?.Document.Id == state.TopicId);
            return new DeclineDecision("low-confidence", retrieval, stillAbout);
        }
        var close = CloseCandidates(retrieval);
        if (close.Count > 1)
        {
            return new ClarifyDecision(close, retrieval);
        }
        var inheritedFacet = retrieval.Facet ?? (StartsLikeFollowUp(folded) ? state.LastFacet : null);
        return new AnswerDecision(retrieval.Top!.Document, inheritedFacet, retrieval);
    }

    /// <summary>
    /// Answer when the question is closer to the knowledge than to the out-of-scope examples and either the words
    /// line up (the best document covers the question's topic words), the intent classifier independently picks
    /// the same document, or the question is clearly in scope and the document explains a fair share of its words.
    /// Never when the classifier calls it out of scope with enough confidence.
    /// </summary>
    public bool IsConfident(RetrievalResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Top is null || r.Top.Score < options.MinScore)
        {
            return false;
        }
        // Scores of one query are comparable across units, so the ratio tells how much better the best real
        // document fits than the closest known out-of-scope question (lương hưu, ly hôn, hộ chiếu...).
        // A document whose name holds every topic word, in the same word pairs, leaves nothing for the example to explain.
        // Unless the example itself fits far better: "thủ tục ly hôn" is every word of "thủ tục ly hôn đơn phương", and
        // only a few words of the marriage guide that mentions divorce papers.
        var explained = r.NameCoverage >= Complete && r.BigramCoverage >= Complete && r.OutOfScopeScore < r.Top.Score * options.ExplainedOutOfScopeLimit;
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
        VietnameseText.LastSentence(text) is { } last && last.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= MinQuestionSentenceWords ? last : null;

    private static bool HasTopic(RetrievalResult r) => r.TopicTerms.Any(t => !FollowUpWords.Contains(t.Folded));

    private static bool StartsLikeFollowUp(IReadOnlyList<string> folded) =>
        folded.Count > 0 && folded.Count <= MaxFollowUpSyllables && (folded[0] is "con" or "vay" or "the" || folded.Take(2).SequenceEqual(["the", "con"]) || folded.Take(2).SequenceEqual(["vay", "con"]));

    private List<DocumentCandidate> CloseCandidates(RetrievalResult r)
    {
        var top = r.Top!;
        return r.Candidates
            .Where(c => c.Document.Id == top.Document.Id || c.Score * options.ClarifyMargin >= top.Score)
            .Where(c => c.Document.Id == top.Document.Id || r.TopicTerms.Count > 0)
            .Take(MaxClarifyOptions)
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
}
