using ChatBot.Knowledge;

namespace ChatBot.UnitTests;

public sealed class StaleDocumentsTests
{
    private static string Phrasings => TempKnowledge.Phrasings("câu một", "câu hai", "câu ba", "câu bốn", "câu năm", "câu sáu");

    [Fact]
    public void Stale_documents_are_listed_oldest_first_with_id_title_date_and_path()
    {
        using var folder = new TempKnowledge()
            .Write("procedures/cu-nhat.md", TempKnowledge.Procedure("cu-nhat", "Thủ tục cũ nhất", Phrasings, checkedDate: "2024-01-15"))
            .Write("procedures/moi.md", TempKnowledge.Procedure("moi", "Thủ tục mới", Phrasings, checkedDate: "2026-11-01"))
            .Write("procedures/vua-qua-han.md", TempKnowledge.Procedure("vua-qua-han", "Thủ tục vừa quá hạn", Phrasings, checkedDate: "2025-11-22"))
            .Write("procedures/dung-han.md", TempKnowledge.Procedure("dung-han", "Thủ tục đúng hạn", Phrasings, checkedDate: "2025-11-23"))
            .Write("faq/hoi-cu.yaml", "id: hoi-cu\nquestion: Câu hỏi cũ?\nanswer: Trả lời.\nchecked: 2025-03-01\n")
            .Write("documents/thong-bao.html", "<h1>Thông báo</h1><p>Nội dung không có ngày kiểm tra.</p>");
        using var knowledge = new KnowledgeBase(folder.Root, new KnowledgeOptions { Watch = false });

        var stale = knowledge.Reload().StaleDocuments(new DateOnly(2026, 11, 23), months: 12);

        Assert.Equal(
            [
                new StaleDocument("cu-nhat", "Thủ tục cũ nhất", new DateOnly(2024, 1, 15), "procedures/cu-nhat.md"),
                new StaleDocument("hoi-cu", "Câu hỏi cũ?", new DateOnly(2025, 3, 1), "faq/hoi-cu.yaml"),
                new StaleDocument("vua-qua-han", "Thủ tục vừa quá hạn", new DateOnly(2025, 11, 22), "procedures/vua-qua-han.md"),
            ],
            stale);
        Assert.Equal(["cu-nhat"], knowledge.Current.StaleDocuments(new DateOnly(2026, 11, 23), months: 24).Select(d => d.Id));
    }
}
