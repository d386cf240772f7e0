using System.Globalization;
using ChatBot.Conversation.Prompts;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Feedback.Tickets;

namespace ChatBot.Conversation;

/// <summary>
/// The turns that are about the office rather than about a procedure: passing a question to a person (question,
/// optional contact with consent, ticket code), looking up a ticket by code, rating an answer and scoring how a
/// ticket was handled. Runs before the assistant; returns null when the turn is not one of these.
/// </summary>
public sealed class FeedbackDialog(PromptLibrary prompts, OfficeProfile office, AssistantOptions options, IFeedbackStore store, TicketSpool spool, TimeProvider clock)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private readonly IReadOnlyDictionary<string, string> officeValues = office.AsPlaceholders();
    private FeedbackLabels Labels => prompts.Labels.Feedback;

    /// <summary>Raised when the store fails; the resident gets an apology and the question stays in the question log.</summary>
    public event Action<Exception>? StoreFailed;

    public async Task<(TurnOutput Output, ConversationState State)?> TryHandleAsync(ConversationState state, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        if (input.IsConversationStart)
        {
            return null;
        }
        if (input.Action is { } action)
        {
            return await HandleActionAsync(state, input, action, cancellationToken).ConfigureAwait(false);
        }
        var text = Assistant.Clean(input.Text);
        if (text.Length == 0 || text.Length > options.MaxMessageChars)
        {
            return null;
        }
        var next = state with { Turns = state.Turns + 1 };
        if (state.Escalation is { } draft)
        {
            return await ContinueEscalationAsync(next, input, text, draft, cancellationToken).ConfigureAwait(false);
        }
        if (state.AwaitingCommentFor is { } rated)
        {
            return await TakeCommentAsync(next with { AwaitingCommentFor = null }, input, text, rated, cancellationToken).ConfigureAwait(false);
        }
        if (TicketCode.Find(text) is { } code)
        {
            return await ShowTicketAsync(next, code, cancellationToken).ConfigureAwait(false);
        }
        if (Same(text, Labels.MyTickets))
        {
            return await ListTicketsAsync(next, input, cancellationToken).ConfigureAwait(false);
        }
        if (Intents.Detect(Intents.Fold(text)) == SocialIntent.Handoff)
        {
            return StartEscalation(next, input, text);
        }
        return null;
    }

    private (TurnOutput, ConversationState) StartEscalation(ConversationState state, TurnInput input, string text)
    {
        var record = Record(input, text, AnswerKinds.Handoff, "asked-for-staff", state.Recent.FirstOrDefault()?.DocumentId);
        // The question the bot just failed on is the one most residents want to pass on.
        var last = state.Recent.FirstOrDefault(q => q.Kind is AnswerKinds.NoAnswer or AnswerKinds.Clarify or AnswerKinds.Answer);
        if (last is not null)
        {
            var draft = new EscalationDraft(EscalationStep.AwaitingQuestion, last.Text, last.Id, last.DocumentId);
            var message = prompts.Render("escalate-confirm-question", With(("question", Quote(last.Text))));
            return (Reply(AnswerKinds.Handoff, message, [Labels.SendThis, Labels.Cancel], record), state with { Escalation = draft });
        }
        return (Reply(AnswerKinds.Handoff, prompts.Render("escalate-ask-question", officeValues), [Labels.Cancel], record),
            state with { Escalation = new EscalationDraft(EscalationStep.AwaitingQuestion, null, null, null) });
    }

    private async Task<(TurnOutput, ConversationState)> ContinueEscalationAsync(ConversationState state, TurnInput input, string text, EscalationDraft draft, CancellationToken cancellationToken)
    {
        if (Same(text, Labels.Cancel))
        {
            return (Reply(AnswerKinds.Smalltalk, prompts.Render("escalate-cancelled", officeValues), prompts.Labels.Welcome), state with { Escalation = null });
        }
        if (draft.Step == EscalationStep.AwaitingQuestion)
        {
            QuestionRecord? record = null;
            if (!Same(text, Labels.SendThis) || draft.Question is null)
            {
                record = Record(input, text, AnswerKinds.Handoff, "ticket-question", draft.DocumentId);
                draft = draft with { Question = record.Text, QuestionId = record.Id };
            }
            var ask = Reply(AnswerKinds.Handoff, prompts.Render("escalate-ask-contact", officeValues), [Labels.NoContact, Labels.Cancel], record);
            return (ask, state with { Escalation = draft with { Step = EscalationStep.AwaitingContact, ContactAsked = 1 } });
        }

        string? contact = null;
        if (!Same(text, Labels.NoContact))
        {
            contact = Redactor.FindContact(text);
            if (contact is null && draft.ContactAsked < 2)
            {
                var again = Reply(AnswerKinds.Handoff, prompts.Render("escalate-contact-unclear", officeValues), [Labels.NoContact, Labels.Cancel]);
                return (again, state with { Escalation = draft with { ContactAsked = draft.ContactAsked + 1 } });
            }
        }
        var ticket = new Ticket
        {
            Code = TicketCode.New(),
            CreatedAt = clock.GetUtcNow(),
            ConversationId = input.ConversationId,
            Channel = input.Channel,
            Question = draft.Question ?? "",
            QuestionId = draft.QuestionId,
            DocumentId = draft.DocumentId,
            Contact = contact,
        };
        var done = state with { Escalation = null };
        if (!await TrySaveAsync(() => store.SaveTicketAsync(ticket, cancellationToken)).ConfigureAwait(false)
            && !await TrySaveAsync(() => Task.Run(() => spool.Append(ticket), cancellationToken)).ConfigureAwait(false))
        {
            return (Reply(AnswerKinds.Handoff, prompts.Render("ticket-failed", officeValues), []), done);
        }
        var contactNote = contact is null ? "" : "- Cán bộ cũng có thể liên hệ lại theo thông tin bà con để lại.";
        var opened = prompts.Render("ticket-opened", With(("code", ticket.Code), ("contact_note", contactNote)));
        return (Reply(AnswerKinds.Handoff, opened, [Labels.MyTickets]), done);
    }

    private async Task<(TurnOutput, ConversationState)> ShowTicketAsync(ConversationState state, string code, CancellationToken cancellationToken)
    {
        Ticket? ticket = null;
        if (!await TrySaveAsync(async () => ticket = await store.FindTicketAsync(code, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false))
        {
            return (Reply(AnswerKinds.Handoff, prompts.Render("ticket-failed", officeValues), []), state);
        }
        if (ticket is null)
        {
            return (Reply(AnswerKinds.Smalltalk, prompts.Render("ticket-not-found", With(("code", code))), []), state);
        }
        return (TicketStatus(ticket), state);
    }

    private async Task<(TurnOutput, ConversationState)> ListTicketsAsync(ConversationState state, TurnInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<Ticket> tickets = [];
        if (!await TrySaveAsync(async () => tickets = await store.TicketsOfConversationAsync(input.ConversationId, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false))
        {
            return (Reply(AnswerKinds.Handoff, prompts.Render("ticket-failed", officeValues), []), state);
        }
        if (tickets.Count == 0)
        {
            return (Reply(AnswerKinds.Smalltalk, prompts.Render("tickets-none", officeValues), []), state);
        }
        var statuses = tickets.Take(3).Select(TicketStatus).ToList();
        return (new TurnOutput
        {
            Kind = AnswerKinds.Smalltalk,
            Messages = statuses.SelectMany(s => s.Messages).ToList(),
            SatisfactionTicketCode = statuses.Select(s => s.SatisfactionTicketCode).FirstOrDefault(c => c is not null),
        }, state);
    }

    private TurnOutput TicketStatus(Ticket ticket)
    {
        var status = ticket.Status switch
        {
            ReviewStatus.Open => "cán bộ đang xem, chưa có trả lời.",
            ReviewStatus.OutOfScope => "cán bộ đã xem; câu hỏi không thuộc phạm vi Bộ phận Một cửa.",
            _ => "cán bộ đã trả lời.",
        };
        var reply = ticket.Reply is { Length: > 0 } r ? $"**Trả lời của cán bộ:**\n\n{r}" : "";
        var text = prompts.Render("ticket-status", With(
            ("code", ticket.Code),
            ("date", ticket.CreatedAt.ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy", Vietnamese)),
            ("status", status),
            ("question", Quote(ticket.Question)),
            ("reply", reply)));
        var askScore = ticket.Status != ReviewStatus.Open && ticket.Satisfaction is null;
        var messages = new List<BotMessage> { new(text, []) };
        if (askScore)
        {
            messages.Add(new BotMessage(prompts.Render("satisfaction-ask", officeValues), []));
        }
        return new TurnOutput { Kind = AnswerKinds.Smalltalk, Messages = messages, SatisfactionTicketCode = askScore ? ticket.Code : null };
    }

    private async Task<(TurnOutput, ConversationState)?> HandleActionAsync(ConversationState state, TurnInput input, TurnAction action, CancellationToken cancellationToken)
    {
        switch (action.Name)
        {
            case TurnAction.Rate when Guid.TryParse(action.Target, out var questionId):
                // Only the conversation's own recent answers can be rated: the button's data comes from the client.
                var asked = state.Recent.FirstOrDefault(q => q.Id == questionId);
                if (asked is null)
                {
                    return null;
                }
                var helpful = action.Value == "up";
                var rating = new Rating
                {
                    At = clock.GetUtcNow(),
                    ConversationId = input.ConversationId,
                    Channel = input.Channel,
                    QuestionId = questionId,
                    Helpful = helpful,
                    DocumentId = asked.DocumentId,
                    Facet = asked.Facet,
                };
                if (!await TrySaveAsync(() => store.SaveRatingAsync(rating, cancellationToken)).ConfigureAwait(false))
                {
                    return (Reply(AnswerKinds.Smalltalk, prompts.Render("ticket-failed", officeValues), []), state);
                }
                return helpful
                    ? (Reply(AnswerKinds.Smalltalk, prompts.Render("rating-thanks", officeValues), []), state with { AwaitingCommentFor = null })
                    : (Reply(AnswerKinds.Smalltalk, prompts.Render("rating-ask-comment", officeValues), [Labels.Skip, prompts.Labels.Handoff]), state with { AwaitingCommentFor = questionId });
            case TurnAction.Satisfaction when int.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 1 and <= 5 && TicketCode.Find(action.Target) is { } code:
                var scored = false;
                if (!await TrySaveAsync(async () => scored = await store.RateTicketAsync(code, score, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false))
                {
                    return (Reply(AnswerKinds.Smalltalk, prompts.Render("ticket-failed", officeValues), []), state);
                }
                return (Reply(AnswerKinds.Smalltalk, scored ? prompts.Render("satisfaction-thanks", officeValues) : prompts.Render("rating-thanks", officeValues), []), state);
            default:
                return null;
        }
    }

    private async Task<(TurnOutput, ConversationState)?> TakeCommentAsync(ConversationState state, TurnInput input, string text, Guid rated, CancellationToken cancellationToken)
    {
        if (Same(text, Labels.Skip))
        {
            return (Reply(AnswerKinds.Smalltalk, prompts.Render("rating-thanks", officeValues), []), state);
        }
        if (Intents.Detect(Intents.Fold(text)) == SocialIntent.Handoff)
        {
            return StartEscalation(state, input, text);
        }
        var comment = Redactor.Redact(text.Length > 1000 ? text[..1000] : text);
        if (!await TrySaveAsync(() => store.CommentRatingAsync(rated, comment, cancellationToken)).ConfigureAwait(false))
        {
            return (Reply(AnswerKinds.Smalltalk, prompts.Render("ticket-failed", officeValues), []), state);
        }
        return (Reply(AnswerKinds.Smalltalk, prompts.Render("rating-comment-thanks", officeValues), []), state);
    }

    private async Task<bool> TrySaveAsync(Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // A storage failure becomes an apology to the resident, never a failed turn.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            StoreFailed?.Invoke(ex);
            return false;
        }
    }

    private QuestionRecord Record(TurnInput input, string text, string kind, string reason, string? documentId) => new()
    {
        At = input.At,
        ConversationId = input.ConversationId,
        Channel = input.Channel,
        Text = Redactor.Redact(text.Length > options.MaxStoredChars ? text[..options.MaxStoredChars] : text),
        Kind = kind,
        Reason = reason,
        DocumentId = documentId,
    };

    private static TurnOutput Reply(string kind, string text, IReadOnlyList<string> actions, QuestionRecord? record = null) => new()
    {
        Kind = kind,
        Messages = [new BotMessage(text, actions)],
        Record = record,
    };

    private static bool Same(string text, string label) =>
        string.Equals(Intents.Fold(text).Aggregate("", (a, b) => a + " " + b).Trim(), Intents.Fold(label).Aggregate("", (a, b) => a + " " + b).Trim(), StringComparison.Ordinal);

    private static string Quote(string text) => text.Replace("\n", " ", StringComparison.Ordinal);

    private Dictionary<string, string> With(params (string Key, string Value)[] values)
    {
        var result = new Dictionary<string, string>(officeValues, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            result[key] = value;
        }
        return result;
    }
}
