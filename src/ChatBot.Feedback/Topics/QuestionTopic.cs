using ChatBot.Feedback.Staff;

namespace ChatBot.Feedback.Topics;

/// <summary>
/// A group of unanswered questions that ask about the same thing, labelled by its most typical question, so staff
/// see "37 questions like 'đổi bằng lái xe quá hạn'" instead of 37 rows.
/// </summary>
public sealed record QuestionTopic(string Label, int Count, IReadOnlyList<Guid> QuestionIds, IReadOnlyList<string> Examples);

/// <summary>The latest grouping of open unanswered questions, refreshed in the background.</summary>
public interface IUnansweredTopics
{
    /// <summary>The groups, largest first; empty until the first grouping has finished.</summary>
    IReadOnlyList<QuestionTopic> Current { get; }

    DateTimeOffset? GroupedAt { get; }

    /// <summary>Groups the given questions now (the background refresh and the benchmark call this).</summary>
    IReadOnlyList<QuestionTopic> Group(IReadOnlyList<OpenQuestion> questions);
}
