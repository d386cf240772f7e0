using ChatBot.Feedback.Staff;
using ChatBot.Feedback.Topics;

namespace ChatBot.UnitTests;

public sealed class TopicGroupingTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private static List<OpenQuestion> Questions(params string[] texts) =>
        texts.Select((t, i) => new OpenQuestion(new Guid(i + 1, 0, 0, new byte[8]), At.AddMinutes(i), t)).ToList();

    [Fact]
    public void Questions_about_the_same_thing_land_in_one_group_whatever_the_wording()
    {
        var questions = Questions(
            "đổi bằng lái xe quá hạn ở đâu",
            "doi bang lai xe qua han o dau",
            "bằng lái xe hết hạn rồi đổi thế nào",
            "cho tôi hỏi đổi bằng lái xe quá hạn",
            "xin giấy phép xây dựng nhà ở",
            "giấy phép xây dựng nhà ở cần gì",
            "xin giay phep xay dung nha o nong thon",
            "thủ tục nhận con nuôi",
            "nhận con nuôi cần giấy tờ gì",
            "lam thu tuc nhan con nuoi");

        var topics = new TopicGrouping().Group(questions);

        var licence = topics.Single(t => t.QuestionIds.Contains(questions[0].Id));
        Assert.True(licence.QuestionIds.Contains(questions[1].Id), string.Join(" | ", topics.Select(t => $"{t.Label} ({t.Count}): {string.Join(", ", t.Examples)}")));
        Assert.Contains(questions[3].Id, licence.QuestionIds);
        Assert.DoesNotContain(questions[4].Id, licence.QuestionIds);
        var adoption = topics.Single(t => t.QuestionIds.Contains(questions[7].Id));
        Assert.Contains(questions[9].Id, adoption.QuestionIds);
        Assert.DoesNotContain(questions[0].Id, adoption.QuestionIds);
        Assert.Equal(questions.Count, topics.Sum(t => t.Count));
        Assert.All(topics, t => Assert.Equal(t.Count, t.QuestionIds.Count));
    }

    [Fact]
    public void Grouping_is_deterministic_and_labelled_by_a_member_question()
    {
        var questions = Questions(Enumerable.Range(0, 60).Select(i => (i % 3) switch
        {
            0 => $"đăng ký kết hôn với người nước ngoài lần {i}",
            1 => $"chuyển mục đích sử dụng đất vườn số {i}",
            _ => $"xin cấp hộ chiếu cho con {i} tuổi",
        }).ToArray());

        var first = new TopicGrouping().Group(questions);
        var second = new TopicGrouping().Group(questions);

        Assert.Equal(first.Select(t => (t.Label, t.Count)), second.Select(t => (t.Label, t.Count)));
        Assert.All(first, t => Assert.Contains(t.Label, questions.Select(q => q.Text)));
        Assert.True(first.SequenceEqual(first.OrderByDescending(t => t.Count)), "largest groups come first");
    }

    [Fact]
    public void Identical_questions_count_as_many_but_cluster_as_one()
    {
        var questions = Questions([.. Enumerable.Repeat("hộ chiếu làm ở đâu", 40), "giấy phép kinh doanh rượu", "giay phep kinh doanh ruou"]);

        var topics = new TopicGrouping().Group(questions);

        Assert.Equal(40, topics[0].Count);
        Assert.Equal("hộ chiếu làm ở đâu", topics[0].Label);
    }

    [Fact]
    public void Redaction_marks_do_not_pull_unrelated_questions_together()
    {
        Assert.Equal("ho chieu", TopicGrouping.Prepare("tôi [số điện thoại] hỏi hộ chiếu"));
        Assert.Empty(new TopicGrouping().Group([]));
    }
}
