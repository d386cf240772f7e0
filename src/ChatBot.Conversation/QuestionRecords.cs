using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge.Retrieval;

namespace ChatBot.Conversation;

/// <summary>
/// The one place a question record is shaped: the text cut to the stored length and redacted, the candidates the
/// bot considered, and later the reply. Every turn, and the failure path of every channel, builds records here.
/// </summary>
public sealed class QuestionRecords(AssistantOptions options)
{
    /// <summary>How many of retrieval's candidates a record keeps for staff and reports.</summary>
    public const int RecordedCandidates = 5;

    public QuestionRecord Build(TurnInput input, string text, string kind, string? reason = null, string? documentId = null, string? facet = null, RetrievalResult? retrieval = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(text);
        return new QuestionRecord
        {
            At = input.At,
            ConversationId = input.ConversationId,
            Channel = input.Channel,
            Text = Cut(Redactor.Redact(Cut(text, options.MaxStoredChars)), options.MaxStoredChars),
            Kind = kind,
            DocumentId = documentId,
            Facet = facet,
            Reason = reason,
            Candidates = retrieval?.Candidates.Take(RecordedCandidates).Select(c => new CandidateScore(c.Document.Id, c.MatchedFacet, Math.Round(c.Score, 3))).ToList() ?? [],
        };
    }

    /// <summary>The record with the bot's reply, cut to the stored length.</summary>
    public QuestionRecord WithReply(QuestionRecord record, string reply)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(reply);
        return record with { Reply = Cut(reply, options.MaxStoredReplyChars) };
    }

    /// <summary>The record of a turn that failed unexpectedly: the question is kept for staff, whatever broke.</summary>
    public QuestionRecord Failed(TurnInput input, string reply)
    {
        ArgumentNullException.ThrowIfNull(input);
        return WithReply(Build(input, Assistant.Clean(input.Text), AnswerKinds.NoAnswer, reason: "bot-error"), reply);
    }

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
