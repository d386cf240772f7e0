using ChatBot.Knowledge.Authoring;
using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Loading;

namespace ChatBot.UnitTests;

public sealed class KnowledgeAuthoringTests : IDisposable
{
    private readonly TempKnowledge folder = new();

    [Fact]
    public void A_new_faq_written_by_staff_loads_without_errors_and_keeps_tricky_text_intact()
    {
        var change = KnowledgeAuthoring.NewFaq(folder.Root, ["gio-lam-viec"], "", "Nhận con nuôi: hỏi ở đâu? #1", ["con nuôi \"đích danh\"", "- nhan con nuoi"], "Bước 1: hỏi Một cửa.\nBước 2: nộp hồ sơ: đủ giấy tờ.", new DateOnly(2026, 11, 24));
        folder.Write(change.RelativePath, change.Content);

        var result = new KnowledgeLoader().LoadFile(folder.Root, change.RelativePath);

        Assert.DoesNotContain(result.Problems, p => p.Severity == ProblemSeverity.Error);
        var faq = Assert.Single(result.Documents);
        Assert.Equal(DocumentKind.Faq, faq.Kind);
        Assert.Equal(change.DocumentId, faq.Id);
        Assert.Equal("nhan-con-nuoi-hoi-o-dau-1", faq.Id);
        Assert.Equal(["Nhận con nuôi: hỏi ở đâu? #1", "con nuôi \"đích danh\"", "- nhan con nuoi"], faq.Questions);
        Assert.Equal("Bước 1: hỏi Một cửa.\nBước 2: nộp hồ sơ: đủ giấy tờ.", faq.Answer);
        Assert.Equal(new DateOnly(2026, 11, 24), faq.Checked);
    }

    [Fact]
    public void New_faq_ids_never_overwrite_an_existing_document()
    {
        var first = KnowledgeAuthoring.NewFaq(folder.Root, ["gio-lam-viec"], "Giờ làm việc", "giờ làm việc", [], "7 giờ", new DateOnly(2026, 11, 24));
        Assert.Equal("gio-lam-viec-2", first.DocumentId);
        Assert.Throws<AuthoringException>(() => KnowledgeAuthoring.NewFaq(folder.Root, [], "", "  ", [], "x", new DateOnly(2026, 11, 24)));
        Assert.Throws<AuthoringException>(() => KnowledgeAuthoring.NewFaq(folder.Root, [], "", "hỏi", [], new string('x', 3001), new DateOnly(2026, 11, 24)));
    }

    [Fact]
    public void A_phrasing_is_added_to_the_questions_list_and_the_rest_of_the_file_is_untouched()
    {
        var original = TempKnowledge.Procedure("dang-ky-khai-sinh", "Đăng ký khai sinh", TempKnowledge.Phrasings("làm giấy khai sinh cho con", "khai sinh cho bé", "đăng ký khai sinh ở đâu", "con mới sinh", "khai sinh mất bao lâu", "khai sinh online"));
        folder.Write("procedures/dang-ky-khai-sinh.md", original);

        var change = KnowledgeAuthoring.AddPhrasing("procedures/dang-ky-khai-sinh.md", original, "dang-ky-khai-sinh", "đẻ con xong làm giấy gì: khai sinh?");
        folder.Write(change.RelativePath, change.Content);

        var added = change.Content.Split('\n').Except(original.Split('\n')).ToList();
        Assert.Equal(["  - \"đẻ con xong làm giấy gì: khai sinh?\""], added);
        Assert.Equal(original.Split('\n').Length + 1, change.Content.Split('\n').Length);
        var document = Assert.Single(new KnowledgeLoader().LoadFile(folder.Root, change.RelativePath).Documents);
        Assert.Contains("đẻ con xong làm giấy gì: khai sinh?", document.Questions);
        Assert.Throws<AuthoringException>(() => KnowledgeAuthoring.AddPhrasing(change.RelativePath, change.Content, "dang-ky-khai-sinh", "de con xong lam giay gi: khai sinh?"));
        Assert.Throws<AuthoringException>(() => KnowledgeAuthoring.AddPhrasing("faq/x.yaml", "id: x\nquestions: [a, b]\n", "x", "c"));
    }

    public void Dispose() => folder.Dispose();
}
