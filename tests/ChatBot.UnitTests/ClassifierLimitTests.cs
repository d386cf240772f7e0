using ChatBot.Knowledge;
using ChatBot.Knowledge.Loading;

namespace ChatBot.UnitTests;

public sealed class ClassifierLimitTests
{
    private static string Phrasings(string topic) => TempKnowledge.Phrasings($"{topic} một", $"{topic} hai", $"{topic} ba", $"{topic} bốn", $"{topic} năm", $"{topic} sáu");

    [Fact]
    public void Above_the_limit_the_classifier_is_off_and_the_reload_says_so()
    {
        using var folder = new TempKnowledge()
            .Write("procedures/khai-sinh.md", TempKnowledge.Procedure("khai-sinh", "Đăng ký khai sinh", Phrasings("khai sinh")))
            .Write("procedures/ket-hon.md", TempKnowledge.Procedure("ket-hon", "Đăng ký kết hôn", Phrasings("kết hôn")))
            .Write("documents/thong-bao.html", "<h1>Thông báo</h1><p>Đoạn văn của tài liệu không tính vào giới hạn.</p>");

        using (var within = new KnowledgeBase(folder.Root, new KnowledgeOptions { Watch = false, MaxClassifierDocuments = 2 }))
        {
            var state = within.Reload();
            Assert.NotEmpty(state.Retriever.Retrieve("khai sinh cho con").Intents);
            Assert.DoesNotContain(state.Problems, p => p.Message.Contains("classifier", StringComparison.Ordinal));
        }

        using var above = new KnowledgeBase(folder.Root, new KnowledgeOptions { Watch = false, MaxClassifierDocuments = 1 });
        var off = above.Reload();
        Assert.Empty(off.Retriever.Retrieve("khai sinh cho con").Intents);
        Assert.Equal("khai-sinh", off.Retriever.Retrieve("khai sinh cho con").Top!.Document.Id);
        var warning = Assert.Single(off.Problems, p => p.Message.Contains("classifier", StringComparison.Ordinal));
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Contains("2 curated guides and FAQ entries exceed its limit of 1", warning.Message, StringComparison.Ordinal);
    }
}
