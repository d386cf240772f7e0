namespace ChatBot.Conversation;

/// <summary>Limits and answer-policy thresholds, overridable from configuration (section "Assistant").</summary>
public sealed record AssistantOptions
{
    /// <summary>
    /// Ticket codes are bearer secrets: after this many codes that match no ticket within
    /// <see cref="TicketLookupWindowMinutes"/>, a conversation's further look-ups are refused without reading the store.
    /// </summary>
    public int TicketLookupMisses { get; init; } = 5;

    /// <summary>The window, in minutes, in which <see cref="TicketLookupMisses"/> are counted.</summary>
    public int TicketLookupWindowMinutes { get; init; } = 10;

    /// <summary>Longer messages get a polite "too long" reply.</summary>
    public int MaxMessageChars { get; init; } = 1000;

    /// <summary>At most this much of a question is stored.</summary>
    public int MaxStoredChars { get; init; } = 1000;

    /// <summary>At most this much of the bot's reply is kept with the question for the staff transcript.</summary>
    public int MaxStoredReplyChars { get; init; } = 4000;

    /// <summary>Answers longer than this are cut at a paragraph and point to the source.</summary>
    public int MaxAnswerChars { get; init; } = 1500;

    /// <summary>Share of the question's topic words the best document's name must contain.</summary>
    public double MinNameCoverage { get; init; } = 0.5;

    /// <summary>Share of all content words the best document must contain somewhere.</summary>
    public double MinCoverage { get; init; } = 0.5;

    /// <summary>Minimum BM25 score of the best unit.</summary>
    public double MinScore { get; init; } = 3.0;

    /// <summary>The intent classifier agreeing with retrieval at this probability is enough to answer.</summary>
    public double MinIntentProbability { get; init; } = 0.1;

    /// <summary>
    /// Decline when the closest out-of-scope example scores at least this share of the best document's score:
    /// the question reads more like a known off-topic or uncovered procedure than like our guides.
    /// </summary>
    public double MaxOutOfScopeRatio { get; init; } = 0.8;

    /// <summary>
    /// A document that holds every topic word and word pair of the question is taken as explaining it, however close
    /// an out-of-scope example comes, unless that example scores at least this many times the document's score.
    /// </summary>
    public double ExplainedOutOfScopeLimit { get; init; } = 1.5;

    /// <summary>
    /// A question whose words are all facet cues ("bản điện tử có giá trị không") is answered without a conversation
    /// topic only when the classifier picks the same document at least this surely.
    /// </summary>
    public double MinIntentProbabilityWithoutTopic { get; init; } = 0.3;

    /// <summary>Below this out-of-scope share the question is clearly about our topics ...</summary>
    public double InScopeRatio { get; init; } = 0.6;

    /// <summary>... and the best document needs to contain only this share of its content words to be answered.</summary>
    public double MinCoverageInScope { get; init; } = 0.3;

    /// <summary>
    /// The classifier's "out of scope" class at this probability or more means no answer. Raised from 0.4 when the
    /// out-of-scope examples grew by a third (office premises, private matters): the larger class lifts every
    /// question's "none" probability a little, and in-scope colloquial questions began to cross 0.4.
    /// </summary>
    public double MaxNoneProbability { get; init; } = 0.45;

    /// <summary>The same veto when the question's words do match a document: the classifier must be surer.</summary>
    public double MaxNoneProbabilityWhenWordsMatch { get; init; } = 0.8;

    /// <summary>
    /// An answer nothing backs is declined: the closest out-of-scope example scores at least this share of the best
    /// document's score, ...
    /// </summary>
    public double UnbackedOutOfScopeRatio { get; init; } = 0.6;

    /// <summary>... the classifier gives that document less than this probability, ...</summary>
    public double UnbackedIntentProbability { get; init; } = 0.15;

    /// <summary>... the document contains less than this share of the question's topic-word pairs, ...</summary>
    public double UnbackedBigramCoverage { get; init; } = 0.3;

    /// <summary>... and the classifier's "out of scope" probability is at least this.</summary>
    public double UnbackedNoneProbability { get; init; } = 0.3;

    /// <summary>When the runner-up scores within this ratio of the best, ask which one is meant.</summary>
    public double ClarifyMargin { get; init; } = 1.1;

    /// <summary>
    /// A national catalogue record answers (when no curated guide does) only if its BM25 score over record names is
    /// at least this (off-topic questions score 5–15 on whatever record shares a word; real ones 20–50) ...
    /// </summary>
    public double CatalogueMinScore { get; init; } = 24.0;

    /// <summary>... and its name holds at least this share of the question's topic words ...</summary>
    public double CatalogueMinNameCoverage { get; init; } = 0.5;

    /// <summary>... or at least this share of the question's word pairs.</summary>
    public double CatalogueMinBigramCoverage { get; init; } = 0.3;

    /// <summary>
    /// A short question may score low and still be certain: a record also answers when it scores at least this ...
    /// </summary>
    public double CatalogueShortMinScore { get; init; } = 12.0;

    /// <summary>
    /// ... and either its name explains every topic word of the question with at least this much IDF in all
    /// ("làm hộ chiếu": "hộ chiếu" ≈ 8; one common word ≈ 3–5) and half the word pairs, ...
    /// </summary>
    public double CatalogueShortMinMatchedWeight { get; init; } = 7.0;

    /// <summary>The share of the question's word pairs such a short question's record name must hold.</summary>
    public double CatalogueShortMinBigramCoverage { get; init; } = 0.5;

    /// <summary>
    /// ... or the question holds all of the name's head ("tách hộ riêng …" names "Tách hộ") and the head is specific:
    /// at least this much IDF in all ("cấp giấy phép" alone, shared by hundreds of records, is not).
    /// </summary>
    public double CatalogueNamedMinHeadWeight { get; init; } = 6.0;

    /// <summary>
    /// A record replaces a curated guide for the variant asked ("cấp lại" for the guide on "cấp đổi") only when its name
    /// holds at least this IDF-weighted share of the guide's title: the same procedure in another variant, not
    /// another procedure that shares a word.
    /// </summary>
    public double CatalogueVariantMinTitleShare { get; init; } = 0.5;

    /// <summary>... or when the record's name explains the question's words by at least this much more than the guide's.</summary>
    public double CatalogueVariantCoverageMargin { get; init; } = 0.3;

    /// <summary>A catalogue answer's body is cut here (the full text is one link away on the portal).</summary>
    public int CatalogueAnswerChars { get; init; } = 700;

    /// <summary>
    /// A catalogue record replaces a curated answer only when it scores at least this over record names ...
    /// </summary>
    public double CatalogueOverrideScore { get; init; } = 40.0;

    /// <summary>... holds at least this share of the question's word pairs ...</summary>
    public double CatalogueOverrideBigramCoverage { get; init; } = 0.5;

    /// <summary>... and its name holds this much more of the question's topic words than the guide's name does.</summary>
    public double CatalogueOverrideNameLead { get; init; } = 0.2;
}
