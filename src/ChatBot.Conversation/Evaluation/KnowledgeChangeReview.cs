using System.Diagnostics;
using ChatBot.Feedback;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Authoring;
using ChatBot.Knowledge.Loading;

namespace ChatBot.Conversation.Evaluation;

/// <summary>How a knowledge change would behave: does it load, does it answer the question, what does it break.</summary>
public sealed record ChangeReview(
    KnowledgeChange Change,
    IReadOnlyList<KnowledgeProblem> Problems,
    bool AnswersQuestion,
    string AnswerKind,
    string? AnswerTopId,
    IReadOnlyList<(EvaluationOutcome Before, EvaluationOutcome After)> Regressions,
    int Fixed,
    int Evaluated,
    TimeSpan Took)
{
    public bool Loads => !Problems.Any(p => p.Severity == ProblemSeverity.Error);
}

/// <summary>
/// Tries a staff change on a copy of the knowledge folder before it goes live: builds the index from the copy,
/// asks the new question, and runs the project's evaluation set against both generations to list every question
/// that was answered correctly before and would go wrong after.
/// </summary>
public sealed class KnowledgeChangeReview(TurnEngine engine, KnowledgeBase knowledge, KnowledgeOptions options, string? evaluationSetPath)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public bool HasEvaluationSet => evaluationSetPath is not null && File.Exists(evaluationSetPath);

    public async Task<ChangeReview> ReviewAsync(KnowledgeChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var staging = Path.Combine(Path.GetTempPath(), "chatbot-staging-" + Guid.NewGuid().ToString("N"));
        try
        {
            var started = Stopwatch.GetTimestamp();
            KnowledgeFolder.Copy(knowledge.Root, staging);
            var target = Path.Combine(staging, change.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, change.Content, cancellationToken).ConfigureAwait(false);
            using var candidateBase = new KnowledgeBase(staging, options with { Watch = false });
            var candidate = candidateBase.Reload();
            var before = knowledge.Current;
            var problems = candidate.Problems.Where(p => p.Path.Replace('\\', '/') == change.RelativePath).ToList();

            var answer = Evaluator.Evaluate(engine, candidate, [new EvaluationItem(change.Question, null, change.DocumentId, null, AnswerKinds.Answer, null)]).Outcomes[0];
            var top = answer.Sources.FirstOrDefault()?.Id;
            var answers = answer.Kind == AnswerKinds.Answer && top == change.DocumentId;

            var regressions = new List<(EvaluationOutcome, EvaluationOutcome)>();
            var fixedCount = 0;
            var evaluated = 0;
            if (HasEvaluationSet)
            {
                var items = Evaluator.Load(evaluationSetPath!);
                var old = Evaluator.Evaluate(engine, before, items).Outcomes;
                var now = Evaluator.Evaluate(engine, candidate, items).Outcomes;
                evaluated = items.Count;
                for (var i = 0; i < items.Count; i++)
                {
                    if (old[i].Correct && !now[i].Correct)
                    {
                        regressions.Add((old[i], now[i]));
                    }
                    else if (!old[i].Correct && now[i].Correct)
                    {
                        fixedCount++;
                    }
                }
            }
            return new ChangeReview(change, problems, answers, answer.Kind, top, regressions, fixedCount, evaluated, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            gate.Release();
            TryDelete(staging);
        }
    }

    /// <summary>Writes the change into the live folder (the watcher reindexes it); replaces the file atomically.</summary>
    public async Task ApplyAsync(KnowledgeChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var target = Path.GetFullPath(Path.Combine(knowledge.Root, change.RelativePath));
        if (!target.StartsWith(knowledge.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new AuthoringException("Đường dẫn tệp không hợp lệ.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".saving";
        await File.WriteAllTextAsync(temporary, change.Content, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, target, overwrite: true);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the next review uses a new one.
        }
    }
}
