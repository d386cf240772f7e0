using System.Text;

namespace ChatBot.UnitTests;

/// <summary>A knowledge folder in a temporary directory, deleted after the test.</summary>
public sealed class TempKnowledge : IDisposable
{
    public TempKnowledge()
    {
        Root = Path.Combine(Path.GetTempPath(), "chatbot-knowledge-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "procedures"));
        Directory.CreateDirectory(Path.Combine(Root, "faq"));
        Directory.CreateDirectory(Path.Combine(Root, "lexicon"));
    }

    public string Root { get; }

    public TempKnowledge Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return this;
    }

    public TempKnowledge WriteBytes(string relativePath, byte[] content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return this;
    }

    public static string Procedure(string id, string title, string questions, string checkedDate = "2026-11-20", string extraSections = "") => $"""
        ---
        id: {id}
        title: {title}
        summary: Thủ tục {title.ToLowerInvariant()} làm tại Ủy ban nhân dân cấp xã.
        agency: Ủy ban nhân dân cấp xã
        levels: [xa]
        online: toan-trinh
        links:
          - title: Cổng Dịch vụ công quốc gia
            url: https://dichvucong.gov.vn
        legal_basis:
          - Luật Hộ tịch 2014
        checked: {checkedDate}
        questions:
        {questions}
        ---

        ## Đối tượng, điều kiện {"{#doi-tuong}"}
        Công dân Việt Nam.

        ## Hồ sơ cần chuẩn bị {"{#ho-so}"}
        - Tờ khai theo mẫu.
        - Giấy chứng sinh của {title.ToLowerInvariant()}.

        ## Các bước thực hiện {"{#trinh-tu}"}
        Nộp hồ sơ, nhận kết quả.

        ## Nơi nộp, cách nộp {"{#noi-nop}"}
        Nộp trực tuyến trên Cổng Dịch vụ công.

        ## Thời hạn giải quyết {"{#thoi-han}"}
        Trong ngày làm việc.

        ## Phí, lệ phí {"{#le-phi}"}
        Miễn lệ phí khi đăng ký đúng hạn.

        ## Kết quả nhận được {"{#ket-qua}"}
        Bản chính giấy tờ.

        ## Căn cứ pháp lý {"{#can-cu}"}
        Luật Hộ tịch 2014.
        {extraSections}
        """;

    public static string Phrasings(params string[] questions) => string.Join("\n", questions.Select(q => "  - " + q));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
