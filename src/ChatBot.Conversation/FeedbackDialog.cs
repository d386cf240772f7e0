using System.Globalization;
using ChatBot.Conversation.Prompts;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Feedback.Tickets;
using ChatBot.Knowledge.Text;

namespace ChatBot.Conversation;

/// <summary>
/// The turns that are about the office rather than about a procedure: passing a question to a person (question,
/// optional contact with consent, ticket code), looking up a ticket by code, rating an answer and scoring how a
/// ticket was handled. Runs before the assistant; returns null when the turn is not one of these. Pure: what it
/// must read is named by <see cref="Needs"/> and handed in; what it writes comes back as effects.
/// </summary>
public sealed class FeedbackDialog(PromptLibrary prompts, OfficeProfile office, AssistantOptions options, QuestionRecords records)
{
    /// <summary>How many of a conversation's tickets "Xem câu hỏi đã gửi" shows.</summary>
    public const int ListedTickets = 3;

    /// <summary>A message of at least this many syllables at the contact step is a new question, not a failed contact.</summary>
    public const int MinQuestionSyllables = 4;

    /// <summary>The longest rating comment kept.</summary>
    public const int MaxCommentChars = 1000;

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private readonly IReadOnlyDictionary<string, string> officeValues = office.AsPlaceholders();
    private FeedbackLabels Labels => prompts.Labels.Feedback;

    /// <summary>What <see cref="TryHandle"/> will need to read for this turn; the same branches in the same order.</summary>
    public TurnNeeds Needs(ConversationState state, TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        if (input.IsConversationStart)
        {
            return TurnNeeds.Nothing;
        }
        if (input.Action is { } action)
        {
            return SatisfactionCode(action) is { } scored ? new TurnNeeds(scored.Code, false) : TurnNeeds.Nothing;
        }
        var text = Assistant.Clean(input.Text);
        if (text.Length == 0 || text.Length > options.MaxMessageChars)
        {
            return TurnNeeds.Nothing;
        }
        if (state.AwaitingScoreFor is { } awaiting && TypedScore(text) is not null)
        {
            return new TurnNeeds(awaiting, false);
        }
        if (state.Escalation is not null || state.AwaitingCommentFor is not null)
        {
            return TurnNeeds.Nothing;
        }
        if (TicketCode.Find(text) is { } code)
        {
            return RecentMisses(state, input.At).Count >= options.TicketLookupMisses ? TurnNeeds.Nothing : new TurnNeeds(code, false);
        }
        return Same(text, Labels.MyTickets) ? new TurnNeeds(null, true) : TurnNeeds.Nothing;
    }

    public TurnResult? TryHandle(ConversationState state, TurnInput input, TurnLookups lookups)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lookups);
        if (input.IsConversationStart)
        {
            return null;
        }
        if (input.Action is { } action)
        {
            return HandleAction(state, input, action, lookups);
        }
        var text = Assistant.Clean(input.Text);
        if (text.Length == 0 || text.Length > options.MaxMessageChars)
        {
            return null;
        }
        var next = state with { Turns = state.Turns + 1, AwaitingScoreFor = null };
        if (state.AwaitingScoreFor is { } awaiting && TypedScore(text) is { } typed)
        {
            // "5" after "1 = không hài lòng, 5 = rất hài lòng" is the score, as if the button was pressed.
            return Score(next, input.ConversationId, awaiting, typed, lookups);
        }
        if (state.Escalation is { } draft)
        {
            return ContinueEscalation(next, input, text, draft);
        }
        if (state.AwaitingCommentFor is { } rated)
        {
            return TakeComment(next with { AwaitingCommentFor = null }, input, text, rated);
        }
        if (TicketCode.Find(text) is { } code)
        {
            // Too many codes that match nothing: guessing is refused without reading the store.
            var misses = RecentMisses(state, input.At);
            if (misses.Count >= options.TicketLookupMisses)
            {
                var minutes = options.TicketLookupWindowMinutes.ToString(CultureInfo.InvariantCulture);
                return Done(Reply(AnswerKinds.Smalltalk, prompts.Render("ticket-lookup-throttled", With(("minutes", minutes))), []), next with { MissedTicketLookups = misses });
            }
            return lookups.Failed ? Done(LookupFailed(), next)
                : lookups.Ticket is { } ticket ? Shown(TicketStatus(ticket, input.ConversationId), next)
                : Done(Reply(AnswerKinds.Smalltalk, prompts.Render("ticket-not-found", With(("code", code))), []), next with { MissedTicketLookups = [.. misses, input.At] });
        }
        if (Same(text, Labels.MyTickets))
        {
            return Shown(lookups.Failed ? LookupFailed() : ListTickets(lookups.ConversationTickets, input.ConversationId), next);
        }
        if (Intents.Detect(Intents.Fold(text)) == SocialIntent.Handoff)
        {
            return StartEscalation(next, input, text);
        }
        return null;
    }

    private TurnResult StartEscalation(ConversationState state, TurnInput input, string text)
    {
        var record = records.Build(input, text, AnswerKinds.Handoff, "asked-for-staff", state.Recent.FirstOrDefault()?.DocumentId);
        // The question the bot just failed on is the one most residents want to pass on.
        var last = state.Recent.FirstOrDefault(q => q.Kind is AnswerKinds.NoAnswer or AnswerKinds.Clarify or AnswerKinds.Answer);
        if (last is not null)
        {
            var draft = new EscalationDraft(EscalationStep.AwaitingQuestion, last.Text, last.Id, last.DocumentId);
            var message = prompts.Render("escalate-confirm-question", With(("question", Quote(last.Text))));
            return Done(Reply(AnswerKinds.Handoff, message, [Labels.SendThis, Labels.Cancel], record), state with { Escalation = draft });
        }
        return Done(Reply(AnswerKinds.Handoff, prompts.Render("escalate-ask-question", officeValues), [Labels.Cancel], record),
            state with { Escalation = new EscalationDraft(EscalationStep.AwaitingQuestion, null, null, null) });
    }

    private TurnResult ContinueEscalation(ConversationState state, TurnInput input, string text, EscalationDraft draft)
    {
        var said = UnderstoodReplies.Fold(text);
        var words = prompts.Labels.Understood;
        // "thôi", "không cần nữa" before the question is sent mean: do not send it.
        if (Same(text, Labels.Cancel) || words.Cancel.Contains(said) || (draft.Step == EscalationStep.AwaitingQuestion && words.Skip.Contains(said)))
        {
            return Done(Reply(AnswerKinds.Smalltalk, prompts.Render("escalate-cancelled", officeValues), prompts.Labels.Welcome), state with { Escalation = null });
        }
        if (draft.Step == EscalationStep.AwaitingQuestion)
        {
            QuestionRecord? record = null;
            var confirmed = Same(text, Labels.SendThis) || words.Yes.Contains(said);
            if (!confirmed || draft.Question is null)
            {
                record = records.Build(input, text, AnswerKinds.Handoff, "ticket-question", draft.DocumentId);
                draft = draft with { Question = record.Text, QuestionId = record.Id };
            }
            var ask = Reply(AnswerKinds.Handoff, prompts.Render("escalate-ask-contact", officeValues), [Labels.NoContact, Labels.Cancel], record);
            return Done(ask, state with { Escalation = draft with { Step = EscalationStep.AwaitingContact, ContactAsked = 1 } });
        }

        string? contact = null;
        var passOn = false;
        if (!Same(text, Labels.NoContact) && !words.Skip.Contains(said))
        {
            contact = Redactor.FindContact(text);
            // A new question instead of a contact: the ticket goes without one, and the question is answered.
            passOn = contact is null && said.Split(' ').Length >= MinQuestionSyllables;
            if (contact is null && !passOn && draft.ContactAsked < 2)
            {
                var again = Reply(AnswerKinds.Handoff, prompts.Render("escalate-contact-unclear", officeValues), [Labels.NoContact, Labels.Cancel]);
                return Done(again, state with { Escalation = draft with { ContactAsked = draft.ContactAsked + 1 } });
            }
        }
        var ticket = new Ticket
        {
            Code = TicketCode.New(),
            CreatedAt = input.At,
            ConversationId = input.ConversationId,
            Channel = input.Channel,
            Question = draft.Question ?? "",
            QuestionId = draft.QuestionId,
            DocumentId = draft.DocumentId,
            Contact = contact,
        };
        var contactNote = contact is null ? "" : prompts.Render("ticket-contact-note", officeValues);
        var opened = prompts.Render("ticket-opened", With(("code", ticket.Code), ("contact_note", contactNote)));
        return new TurnResult(
            Reply(AnswerKinds.Handoff, opened, [Labels.MyTickets]),
            state with { Escalation = null },
            [new OpenTicket(ticket)],
            Reply(AnswerKinds.Handoff, prompts.Render("ticket-failed", officeValues), []))
        { PassOn = passOn };
    }

    private TurnOutput ListTickets(IReadOnlyList<Ticket> tickets, string conversationId)
    {
        if (tickets.Count == 0)
        {
            return Reply(AnswerKinds.Smalltalk, prompts.Render("tickets-none", officeValues), []);
        }
        var statuses = tickets.Take(ListedTickets).Select(t => TicketStatus(t, conversationId)).ToList();
        return new TurnOutput
        {
            Kind = AnswerKinds.Smalltalk,
            Messages = statuses.SelectMany(s => s.Messages).ToList(),
            SatisfactionTicketCode = statuses.Select(s => s.SatisfactionTicketCode).FirstOrDefault(c => c is not null),
        };
    }

    /// <summary>The ticket's status; the satisfaction score is asked for only in the conversation that opened it.</summary>
    private TurnOutput TicketStatus(Ticket ticket, string conversationId)
    {
        var status = ticket.Status switch
        {
            ReviewStatus.Open => prompts.Render("ticket-status-open", officeValues),
            ReviewStatus.OutOfScope => prompts.Render("ticket-status-out-of-scope", officeValues),
            _ => prompts.Render("ticket-status-answered", officeValues),
        };
        var reply = ticket.Reply is { Length: > 0 } r ? prompts.Render("ticket-reply", With(("reply", r))) : "";
        var text = prompts.Render("ticket-status", With(
            ("code", ticket.Code),
            ("date", VietnamTime.Of(ticket.CreatedAt).ToString("dd/MM/yyyy", Vietnamese)),
            ("status", status),
            ("question", Quote(ticket.Question)),
            ("reply", reply)));
        var askScore = ticket.Status != ReviewStatus.Open && ticket.Satisfaction is null && OwnTicket(ticket, conversationId);
        var messages = new List<BotMessage> { new(text, []) };
        if (askScore)
        {
            messages.Add(new BotMessage(prompts.Render("satisfaction-ask", officeValues), []));
        }
        return new TurnOutput { Kind = AnswerKinds.Smalltalk, Messages = messages, SatisfactionTicketCode = askScore ? ticket.Code : null };
    }

    private static (string Code, int Score)? SatisfactionCode(TurnAction action) =>
        action.Name == TurnAction.Satisfaction && int.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 1 and <= 5 && TicketCode.Find(action.Target) is { } code
            ? (code, score)
            : null;

    private TurnResult? HandleAction(ConversationState state, TurnInput input, TurnAction action, TurnLookups lookups)
    {
        if (action.Name == TurnAction.Rate && Guid.TryParse(action.Target, out var questionId))
        {
            // Only the conversation's own recent answers can be rated: the button's data comes from the client.
            var asked = state.Recent.FirstOrDefault(q => q.Id == questionId);
            if (asked is null)
            {
                return null;
            }
            var helpful = action.Value == "up";
            var rating = new Rating
            {
                At = input.At,
                ConversationId = input.ConversationId,
                Channel = input.Channel,
                QuestionId = questionId,
                Helpful = helpful,
                DocumentId = asked.DocumentId,
                Facet = asked.Facet,
            };
            var (output, next) = helpful
                ? (Reply(AnswerKinds.Smalltalk, prompts.Render("rating-thanks", officeValues), []), state with { AwaitingCommentFor = null })
                : (Reply(AnswerKinds.Smalltalk, prompts.Render("rating-ask-comment", officeValues), [Labels.Skip, prompts.Labels.Handoff]), state with { AwaitingCommentFor = questionId });
            return new TurnResult(output, next, [new SaveRating(rating)], FeedbackFailed());
        }
        return SatisfactionCode(action) is { } scored ? Score(state, input.ConversationId, scored.Code, scored.Score, lookups) : null;
    }

    private TurnResult Score(ConversationState state, string conversationId, string code, int score, TurnLookups lookups)
    {
        if (lookups.Failed)
        {
            return Done(FeedbackFailed(), state);
        }
        // A code is a bearer secret: whoever has it may read the ticket, but only the conversation that opened it
        // may score it (the score feeds the public page). An unknown code gets the same refusal, so a score button
        // says nothing about which codes exist.
        if (lookups.Ticket is not { } own || !OwnTicket(own, conversationId))
        {
            return Done(Reply(AnswerKinds.Smalltalk, prompts.Render("satisfaction-not-yours", officeValues), []), state);
        }
        // The store takes a score only for a handled ticket that has none yet; anything else is thanked plainly.
        var takes = lookups.Ticket is { } ticket && ticket.Status != ReviewStatus.Open && ticket.Satisfaction is null;
        var thanks = Reply(AnswerKinds.Smalltalk, prompts.Render(takes ? "satisfaction-thanks" : "rating-thanks", officeValues), []);
        return takes ? new TurnResult(thanks, state, [new ScoreTicket(code, score)], FeedbackFailed()) : Done(thanks, state);
    }

    /// <summary>A score typed as a number: "5", "5 sao", "mức 4", "3 điểm"; null for anything else.</summary>
    public static int? TypedScore(string text)
    {
        var words = Intents.Fold(text);
        var numbers = words.Where(w => w.Length == 1 && w[0] is >= '1' and <= '5').ToList();
        return numbers.Count == 1 && words.All(w => w == numbers[0] || w is "sao" or "diem" or "muc" or "cham") ? numbers[0][0] - '0' : null;
    }

    /// <summary>A reply that asks for a satisfaction score: the next message may be the score, typed.</summary>
    private static TurnResult Shown(TurnOutput output, ConversationState state) => Done(output, state with { AwaitingScoreFor = output.SatisfactionTicketCode });

    private TurnResult TakeComment(ConversationState state, TurnInput input, string text, Guid rated)
    {
        if (Same(text, Labels.Skip))
        {
            return Done(Reply(AnswerKinds.Smalltalk, prompts.Render("rating-thanks", officeValues), []), state);
        }
        if (Intents.Detect(Intents.Fold(text)) == SocialIntent.Handoff)
        {
            return StartEscalation(state, input, text);
        }
        var comment = Redactor.Redact(text.Length > MaxCommentChars ? text[..MaxCommentChars] : text);
        return new TurnResult(
            Reply(AnswerKinds.Smalltalk, prompts.Render("rating-comment-thanks", officeValues), []),
            state,
            [new CommentRating(rated, comment)],
            FeedbackFailed());
    }

    private TurnOutput LookupFailed() => Reply(AnswerKinds.Handoff, prompts.Render("ticket-lookup-failed", officeValues), []);

    private TurnOutput FeedbackFailed() => Reply(AnswerKinds.Smalltalk, prompts.Render("feedback-failed", officeValues), []);

    private static TurnResult Done(TurnOutput output, ConversationState state) => new(output, state, []);

    private static TurnOutput Reply(string kind, string text, IReadOnlyList<string> actions, QuestionRecord? record = null) => new()
    {
        Kind = kind,
        Messages = [new BotMessage(text, actions)],
        Record = record,
    };

    /// <summary>The conversation's look-ups of codes that matched no ticket, inside the throttling window.</summary>
    private List<DateTimeOffset> RecentMisses(ConversationState state, DateTimeOffset at)
    {
        var since = at - TimeSpan.FromMinutes(options.TicketLookupWindowMinutes);
        return state.MissedTicketLookups.Where(t => t > since).ToList();
    }

    private static bool OwnTicket(Ticket ticket, string conversationId) =>
        string.Equals(ticket.ConversationId, conversationId, StringComparison.Ordinal);

    private static bool Same(string text, string label) =>
        string.Equals(string.Join(' ', Intents.Fold(text)), string.Join(' ', Intents.Fold(label)), StringComparison.Ordinal);

    /// <summary>A resident's text re-displayed inside a bot message: one line, shown as typed (never as Markdown).</summary>
    private static string Quote(string text) => MarkdownText.Literal(text.Replace("\n", " ", StringComparison.Ordinal));

    private Dictionary<string, string> With(params (string Key, string Value)[] values) => PromptLibrary.With(officeValues, values);
}
