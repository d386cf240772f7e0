using System.Text;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Documents;

namespace ChatBot.UnitTests;

public sealed class RetrievalTests : IDisposable
{
    private readonly TempKnowledge folder = new();
    private readonly KnowledgeBase knowledge;

    public RetrievalTests()
    {
        folder
            .Write("procedures/dang-ky-khai-sinh.md", TempKnowledge.Procedure("dang-ky-khai-sinh", "Đăng ký khai sinh", TempKnowledge.Phrasings("làm giấy khai sinh cho con", "khai sinh cho bé mới đẻ", "đăng ký khai sinh ở đâu", "con mới sinh cần làm giấy tờ gì", "làm giấy khai sinh mất bao lâu", "làm khai sinh online")))
            .Write("procedures/dang-ky-ket-hon.md", TempKnowledge.Procedure("dang-ky-ket-hon", "Đăng ký kết hôn", TempKnowledge.Phrasings("làm giấy đăng ký kết hôn", "cưới vợ cần giấy tờ gì", "thủ tục lấy chồng", "đăng ký kết hôn ở xã", "giấy chứng nhận kết hôn", "hai đứa muốn cưới nhau làm giấy")))
            .Write("procedures/cap-the-can-cuoc.md", TempKnowledge.Procedure("cap-the-can-cuoc", "Cấp đổi, cấp lại thẻ căn cước", TempKnowledge.Phrasings("làm lại thẻ căn cước bị mất", "đổi thẻ căn cước", "cấp lại căn cước", "mất căn cước làm sao", "làm căn cước cho con", "thẻ căn cước hết hạn")))
            .Write("lexicon/synonyms.yaml", "groups:\n  - [căn cước, cccd, chứng minh nhân dân, cmnd]\n  - [kết hôn, cưới, lấy vợ, lấy chồng]\n");
        knowledge = new KnowledgeBase(folder.Root, new KnowledgeOptions { Watch = false });
    }

    private string Top(string question) => knowledge.Current.Retriever.Retrieve(question).Top?.Document.Id ?? "(none)";

    [Theory]
    [InlineData("làm giấy khai sinh cần gì")]
    [InlineData("lam giay khai sinh can giay to gi")]
    [InlineData("LÀM GIẤY KHAI SINH")]
    [InlineData("lam giay khia sinh")]
    public void Accented_unaccented_upper_case_and_misspelt_questions_find_the_same_guide(string question) =>
        Assert.Equal("dang-ky-khai-sinh", Top(question));

    [Fact]
    public void A_decomposed_nfd_question_finds_the_guide() =>
        Assert.Equal("dang-ky-khai-sinh", Top("đăng ký khai sinh".Normalize(NormalizationForm.FormD)));

    [Theory]
    [InlineData("mat cccd lam lai the nao")]
    [InlineData("cmnd cũ đổi sang thẻ mới")]
    public void Abbreviations_expand_through_the_lexicon(string question) => Assert.Equal("cap-the-can-cuoc", Top(question));

    [Theory]
    [InlineData("lệ phí khai sinh bao nhiêu", Facets.Fee)]
    [InlineData("le phi khai sinh", Facets.Fee)]
    [InlineData("làm khai sinh mất mấy ngày", Facets.TimeLimit)]
    [InlineData("cưới vợ cần mang giấy tờ gì", Facets.Documents)]
    [InlineData("nộp ở đâu", Facets.WhereToApply)]
    [InlineData("lam online duoc khong", Facets.WhereToApply)]
    [InlineData("thủ tục khai sinh", null)]
    public void The_facet_asked_about_is_recognised(string question, string? facet) =>
        Assert.Equal(facet, knowledge.Current.Retriever.Retrieve(question).Facet);

    [Fact]
    public void Words_the_knowledge_does_not_contain_cover_nothing()
    {
        var result = knowledge.Current.Retriever.Retrieve("thời tiết hôm nay mưa không");
        Assert.True(result.NameCoverage < 0.5, $"name coverage {result.NameCoverage}");
    }

    [Fact]
    public void Reload_reflects_a_new_file_and_keeps_the_last_good_version_of_a_broken_one()
    {
        Assert.Equal("dang-ky-khai-sinh", Top("khai sinh"));
        folder.Write("procedures/dang-ky-khai-sinh.md", "---\nid: [broken\n---\n");
        folder.Write("faq/tra-cuu-ho-so.yaml", "id: tra-cuu-ho-so\nquestion: Tra cứu hồ sơ thế nào?\nquestions: [xem hồ sơ đến đâu rồi]\nanswer: Vào mục tra cứu.\nchecked: 2026-11-20\n");
        var state = knowledge.Reload();

        Assert.Equal("dang-ky-khai-sinh", Top("khai sinh"));
        Assert.Equal("tra-cuu-ho-so", Top("xem ho so den dau roi"));
        Assert.Contains(state.Problems, p => p.Path == "procedures/dang-ky-khai-sinh.md" && p.Message.Contains("last good", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        knowledge.Dispose();
        folder.Dispose();
    }
}

public sealed class ScoringEquivalenceTests
{
    [Fact]
    public void The_fast_scorer_ranks_and_scores_exactly_like_lucenes_boolean_query()
    {
        using var knowledge = new KnowledgeBase(Path.Combine(ChatBot.ServiceDefaults.ContentRoot.Find(), "knowledge"), new KnowledgeOptions { Watch = false });
        var retriever = knowledge.Reload().Retriever;
        string[] questions =
        [
            "lam giay khai sinh can giay to gi", "lệ phí đổi bằng lái xe bao nhiêu", "mat cccd lam lai o dau",
            "sổ đỏ lần đầu cần gì", "dang ky tam tru online", "xin chao", "thoi tiet hom nay", "ddawng kys khia sinh",
        ];
        foreach (var question in questions)
        {
            var query = retriever.Analyzer.Analyze(question);
            var fast = retriever.Index.Search(query, 10);
            var lucene = retriever.Index.SearchWithBooleanQuery(query, 10);
            Assert.Equal(lucene.Count, fast.Count);
            for (var i = 0; i < fast.Count; i++)
            {
                Assert.Equal(lucene[i].Score, fast[i].Score, 3);
                if (i == 0 || Math.Abs(lucene[i].Score - lucene[i - 1].Score) > 1e-3)
                {
                    Assert.Equal((lucene[i].Document.Id, lucene[i].Facet), (fast[i].Document.Id, fast[i].Facet));
                }
            }
        }
    }
}

public sealed class EmptyKnowledgeTests
{
    [Fact]
    public void An_empty_knowledge_folder_loads_and_answers_nothing_without_failing()
    {
        using var folder = new TempKnowledge();
        using var knowledge = new KnowledgeBase(folder.Root, new KnowledgeOptions { Watch = false });
        var state = knowledge.Reload();
        Assert.Empty(state.Documents);
        Assert.Null(state.Retriever.Retrieve("làm giấy khai sinh").Top);
    }
}
