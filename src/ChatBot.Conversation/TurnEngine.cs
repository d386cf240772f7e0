using ChatBot.Conversation.Llm;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge;

namespace ChatBot.Conversation;

/// <summary>
/// The one turn function every front door runs: Direct Line, the command line, the evaluator and the tests. Pure:
/// given the conversation's state, the resident's input, the knowledge generation and what was read for the turn,
/// it returns the reply (with its finished, redacted question record), the new state and the writes to carry out.
/// The optional language model is a step of this engine, not a second path: <see cref="NextTurnAsync"/> asks it to
/// rewrite a follow-up before the pure turn and to word the answer after it, and <see cref="WithGroundedAnswer"/>
/// (pure) checks its answer and falls back to the retrieval answer on any failure.
/// </summary>
public sealed class TurnEngine(FeedbackDialog dialog, Assistant assistant, QuestionRecords records, LlmOptions? llm = null)
{
    private readonly LlmOptions llm = llm ?? new LlmOptions();

    /// <summary>A rewritten follow-up longer than this is not a question (the model ran on); the message is used as typed.</summary>
    public const int MaxStandaloneChars = 300;

    public LlmOptions LlmOptions => llm;

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
            var (output, next, grounding) = assistant.Respond(state, input, knowledge, lookups.Standalone);
            result = new TurnResult(output, next, []) { Grounding = grounding };
        }
        else if (result.PassOn)
        {
            // The dialog step is done with the message; the assistant answers it too, after the dialog's reply.
            var (answer, next, grounding) = assistant.Respond(result.State, input, knowledge, lookups.Standalone);
            result = result with
            {
                Output = answer with { Messages = [.. result.Output.Messages, .. answer.Messages] },
                State = next,
                IfEffectsFail = result.IfEffectsFail is { } failed ? answer with { Messages = [.. failed.Messages, .. answer.Messages] } : null,
                PassOn = false,
                Grounding = grounding,
            };
        }
        return Finish(result);
    }

    /// <summary>
    /// The turn with the language model's steps around the pure <see cref="NextTurn(ConversationState, TurnInput, KnowledgeState, TurnLookups)"/>:
    /// a follow-up is rewritten as a standalone question first, and an answer is worded by the model and checked after.
    /// Without a model (or with <c>Llm:Provider</c> None) it is exactly <c>NextTurn</c>. All model calls of the turn share
    /// <c>Llm:TimeoutSeconds</c>; whatever happens to them, the turn completes, at worst with the retrieval answer.
    /// </summary>
    public async Task<TurnResult> NextTurnAsync(ConversationState state, TurnInput input, KnowledgeState knowledge, TurnLookups lookups, ILanguageModel? model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lookups);
        if (model is null || !llm.Enabled)
        {
            return NextTurn(state, input, knowledge, lookups);
        }
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(llm.TimeoutSeconds));
        var calls = new List<LlmCompletion>();
        if (FollowUp(state, input) is { } followUp)
        {
            var rewrite = await Call(() => model.RewriteFollowUpAsync(followUp, budget.Token), cancellationToken).ConfigureAwait(false);
            calls.Add(rewrite);
            lookups = lookups with { Standalone = AcceptRewrite(rewrite) };
        }
        var result = NextTurn(state, input, knowledge, lookups);
        if (result.Grounding is { } grounding)
        {
            calls.Add(await Call(() => model.AnswerAsync(grounding, budget.Token), cancellationToken).ConfigureAwait(false));
        }
        return calls.Count == 0 ? result : WithGroundedAnswer(result, calls);
    }

    /// <summary>A model call that ends in a completion whatever happens, unless the caller itself gave up.</summary>
    private static async Task<LlmCompletion> Call(Func<Task<LlmCompletion>> call, CancellationToken caller)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return LlmCompletion.Failed("timeout");
        }
#pragma warning disable CA1031 // Any failure of the model degrades to the retrieval answer; the question is never lost.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return LlmCompletion.Failed(ex.GetType().Name);
        }
    }

    /// <summary>
    /// The follow-up the model should rewrite as a standalone question, or null: only a typed message in a
    /// conversation that already has a topic, outside the feedback dialog's steps, and never a message the bot
    /// recognises as social, abusive, an injection or a request for others' data (those keep their fixed replies).
    /// </summary>
    public FollowUpRequest? FollowUp(ConversationState state, TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        if (!llm.Enabled || input.IsConversationStart || input.Action is not null || state.TopicId is null || state.Recent.Count == 0
            || state.Escalation is not null || state.AwaitingCommentFor is not null || state.AwaitingScoreFor is not null)
        {
            return null;
        }
        var text = Assistant.Clean(input.Text);
        if (text.Length == 0 || text.Length > MaxStandaloneChars || Intents.DetectIn(text, Intents.Fold(text)) != SocialIntent.None)
        {
            return null;
        }
        var history = state.Recent.Take(Assistant.HistoryQuestions).Reverse().Select(q => q.Text).ToList();
        return new FollowUpRequest(Feedback.Redactor.Redact(text), history);
    }

    /// <summary>The rewritten question when it is a plain one-line question; else null (the message is used as typed).</summary>
    public static string? AcceptRewrite(LlmCompletion rewrite)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        var text = rewrite.Status == LlmStatus.Ok ? Assistant.Clean(rewrite.Text).Trim('"', '\'', '`', ' ') : "";
        return text.Length is > 0 and <= MaxStandaloneChars && !text.Contains('\n', StringComparison.Ordinal)
            && Intents.DetectIn(text, Intents.Fold(text)) == SocialIntent.None
            ? Feedback.Redactor.Redact(text)
            : null;
    }

    /// <summary>
    /// Pure: the turn with the model's answer in place of the retrieval answer when it passes
    /// <see cref="GroundedAnswerCheck"/>; otherwise the retrieval answer. Either way the record keeps what the model
    /// did and the tokens of every call of the turn.
    /// </summary>
    public TurnResult WithGroundedAnswer(TurnResult result, IReadOnlyList<LlmCompletion> calls)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(calls);
        var answer = result.Grounding is null ? null : calls[^1];
        var outcome = answer switch
        {
            null => "rewrite-only",
            { Status: LlmStatus.BudgetSpent } => "budget",
            { Status: LlmStatus.Failed } => "failed:" + (answer.Failure ?? "unknown"),
            _ => null,
        };
        var output = result.Output;
        if (outcome is null)
        {
            var check = GroundedAnswerCheck.Check(answer!.Text, result.Grounding!.Passages);
            if (check.Passed)
            {
                var text = assistant.Writer.GroundedAnswer(check.Text, check.Cited.Select(p => (p.Title, p.Url)).ToList());
                var last = output.Messages[^1];
                output = output with
                {
                    Messages = [.. output.Messages.Take(output.Messages.Count - 1), last with { Text = text }],
                    Sources = check.Cited.Select(p => new SourceRef(p.DocumentId, p.Facet, p.Title, p.Url,
                        output.Sources.FirstOrDefault(s => s.Id == p.DocumentId)?.Score ?? 0)).ToList(),
                };
                outcome = LlmUse.Shown;
            }
            else
            {
                outcome = "rejected:" + check.Failure;
            }
        }
        var tokens = calls.Sum(c => c.Tokens);
        var use = new LlmUse(outcome, tokens, Math.Round(tokens * llm.CostPerThousandTokens / 1000m, 6));
        if (output.Record is { } record)
        {
            output = output with { Record = records.WithReply(record, output.Text) with { Llm = use } };
        }
        return result with { Output = output };
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
