using ChatBot.Knowledge;
using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Ingestion;
using ChatBot.Knowledge.Loading;

namespace ChatBot.UnitTests;

public sealed class OfficeDocumentTests
{
    private static readonly KnowledgeLoader Loader = new(new KnowledgeLoaderOptions { Today = new DateOnly(2026, 11, 23) });

    private const string NoticeHtml = """
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8"><title>Thông báo nộp hồ sơ</title><script>var x = "không phải nội dung";</script></head>
        <body>
        <nav>Trang chủ · Tin tức</nav>
        <h1>Hướng dẫn nộp hồ sơ</h1>
        <p>Người dân có thể nộp hồ sơ <strong>trực tuyến</strong> hoặc trực tiếp.</p>
        <h2>Bước 1</h2>
        <p>Đăng nhập bằng tài khoản định danh điện tử.</p>
        <h2>Bước 2</h2>
        <ul><li>Điền tờ khai điện tử.</li><li>Đính kèm bản quét giấy tờ.</li></ul>
        <h3>Lưu ý</h3>
        <div>Mỗi giấy tờ một tệp.</div>
        <footer>Bộ phận Một cửa</footer>
        </body></html>
        """;

    [Fact]
    public void Html_is_split_by_heading_with_the_heading_path_and_without_page_furniture()
    {
        using var folder = new TempKnowledge().Write("documents/thong-bao.html", NoticeHtml);
        var result = Loader.LoadFile(folder.Root, "documents/thong-bao.html");

        Assert.Empty(result.Problems);
        Assert.Collection(result.Documents,
            d => Assert.Equal(("thong-bao-html-1", "Hướng dẫn nộp hồ sơ", "Người dân có thể nộp hồ sơ trực tuyến hoặc trực tiếp."), (d.Id, d.Title, d.Answer)),
            d => Assert.Equal(("thong-bao-html-2", "Hướng dẫn nộp hồ sơ › Bước 1"), (d.Id, d.Title)),
            d => Assert.Equal(("Hướng dẫn nộp hồ sơ › Bước 2", "- Điền tờ khai điện tử.\n\n- Đính kèm bản quét giấy tờ."), (d.Title, d.Answer)),
            d => Assert.Equal(("Hướng dẫn nộp hồ sơ › Bước 2 › Lưu ý", "Mỗi giấy tờ một tệp."), (d.Title, d.Answer)));
        var first = result.Documents[0];
        Assert.Equal(DocumentKind.Passage, first.Kind);
        Assert.Equal("documents/thong-bao.html", first.SourcePath);
        Assert.Equal(["Hướng dẫn nộp hồ sơ"], first.HeadingPath);
        Assert.Null(first.Page);
        Assert.Equal(new SourceLink("thong-bao.html — Hướng dẫn nộp hồ sơ", "/tai-lieu/thong-bao.html"), first.Links.Single());
        Assert.DoesNotContain(result.Documents, d => d.Answer.Contains("Trang chủ", StringComparison.Ordinal) || d.Answer.Contains("không phải nội dung", StringComparison.Ordinal) || d.Answer.Contains("Một cửa", StringComparison.Ordinal));
    }

    [Fact]
    public void Docx_headings_come_from_built_in_and_localised_heading_styles_and_list_items_keep_a_bullet()
    {
        var docx = OfficeDocumentFiles.Docx(
            ("Title", "Hướng dẫn VNeID"),
            ("", "Giới thiệu chung."),
            ("Tieude1", "Tài khoản mức độ 2"),
            ("Heading2", "Cách đăng ký"),
            ("", "Đến Công an cấp xã."),
            ("list", "Mang theo thẻ căn cước."),
            ("Heading2", "Kích hoạt"),
            ("", "Làm theo tin nhắn."));
        using var folder = new TempKnowledge().WriteBytes("documents/Hướng dẫn VNeID.docx", docx);
        var result = Loader.LoadFile(folder.Root, "documents/Hướng dẫn VNeID.docx");

        Assert.Empty(result.Problems);
        Assert.Equal(
            [
                ("huong-dan-vneid-docx-1", "Hướng dẫn VNeID", "Giới thiệu chung."),
                ("huong-dan-vneid-docx-2", "Tài khoản mức độ 2 › Cách đăng ký", "Đến Công an cấp xã.\n\n- Mang theo thẻ căn cước."),
                ("huong-dan-vneid-docx-3", "Tài khoản mức độ 2 › Kích hoạt", "Làm theo tin nhắn."),
            ],
            result.Documents.Select(d => (d.Id, d.Title, d.Answer)));
        Assert.Equal("/tai-lieu/H%C6%B0%E1%BB%9Bng%20d%E1%BA%ABn%20VNeID.docx", result.Documents[0].Links[0].Url);
    }

    [Fact]
    public void Pdf_headings_are_recognised_by_size_and_each_passage_keeps_its_page()
    {
        var pdf = OfficeDocumentFiles.Pdf(
            [(16, "THONG BAO"), (13, "1. Gio tiep nhan ho so"), (11, "Bo phan Mot cua tiep nhan ho so trong gio hanh chinh."), (11, "Cac ngay lam viec trong tuan.")],
            [(13, "2. Lich tiep cong dan"), (11, "Lanh dao xa tiep cong dan dinh ky theo lich niem yet.")]);
        using var folder = new TempKnowledge().WriteBytes("documents/thong-bao-cu.pdf", pdf);
        var result = Loader.LoadFile(folder.Root, "documents/thong-bao-cu.pdf");

        Assert.Empty(result.Problems);
        Assert.Equal(
            [
                ("THONG BAO › 1. Gio tiep nhan ho so", 1, "Bo phan Mot cua tiep nhan ho so trong gio hanh chinh. Cac ngay lam viec trong tuan."),
                ("THONG BAO › 2. Lich tiep cong dan", 2, "Lanh dao xa tiep cong dan dinh ky theo lich niem yet."),
            ],
            result.Documents.Select(d => (d.Title, d.Page ?? 0, d.Answer)));
        Assert.Equal("thong-bao-cu.pdf — THONG BAO › 2. Lich tiep cong dan, trang 2", result.Documents[1].Links[0].Title);
    }

    [Fact]
    public void A_passage_typed_without_diacritics_is_found_by_a_question_with_diacritics_and_curated_entries_win_ties()
    {
        var pdf = OfficeDocumentFiles.Pdf(
            [(14, "Lich tiep cong dan"), (11, "Lanh dao xa tiep cong dan dinh ky theo lich niem yet tai tru so."), (11, "Nguoi dan mang theo giay to tuy than.")]);
        using var folder = new TempKnowledge()
            .WriteBytes("documents/scan.pdf", pdf)
            .Write("faq/gio-lam-viec.yaml", """
                id: gio-lam-viec
                question: Bộ phận Một cửa làm việc giờ nào?
                questions: [giờ làm việc, mấy giờ mở cửa, làm việc thứ bảy không, giờ tiếp nhận hồ sơ, nghỉ trưa mấy giờ, chủ nhật có làm không]
                answer: Theo giờ hành chính.
                checked: 2026-11-20
                """);
        using var knowledge = new KnowledgeBase(folder.Root, new KnowledgeOptions { Watch = false });
        var state = knowledge.Reload();
        Assert.False(state.HasErrors, string.Join("\n", state.Problems));

        var result = state.Retriever.Retrieve("lịch tiếp công dân của lãnh đạo xã");
        Assert.True(result.Top!.Document.Id == "scan-pdf-1", string.Join(", ", result.Candidates.Select(c => $"{c.Document.Id} {c.Score:0.00}")));
        Assert.Equal(1, result.Top.Document.Page);

        // The same words in a curated entry and a passage: the curated entry comes first.
        using var tie = new TempKnowledge()
            .Write("documents/tie.html", "<h1>Giờ làm việc</h1><p>Bộ phận Một cửa làm việc theo giờ hành chính.</p>")
            .Write("faq/gio-lam-viec.yaml", """
                id: gio-lam-viec
                question: Giờ làm việc
                questions: [giờ làm việc, giờ hành chính, làm việc giờ nào, giờ mở cửa, nghỉ trưa mấy giờ, chủ nhật có làm không]
                answer: Bộ phận Một cửa làm việc theo giờ hành chính.
                checked: 2026-11-20
                """);
        using var tieBase = new KnowledgeBase(tie.Root, new KnowledgeOptions { Watch = false });
        Assert.Equal("gio-lam-viec", tieBase.Reload().Retriever.Retrieve("giờ làm việc").Top!.Document.Id);
    }

    [Fact]
    public void Long_runs_are_split_under_the_word_limit_and_ids_are_stable()
    {
        var sentence = "Người dân nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia. ";
        var blocks = new List<TextBlock>
        {
            TextBlock.Heading("Hướng dẫn", 1),
            TextBlock.Paragraph(string.Concat(Enumerable.Repeat(sentence, 30)).Trim()),
            TextBlock.Paragraph("Đoạn ngắn."),
            TextBlock.Heading("Chỉ có tiêu đề", 2),
            TextBlock.Heading("Phần sau", 2),
            TextBlock.Paragraph("Trang một.", page: 1),
            TextBlock.Paragraph("Trang hai.", page: 2),
        };
        var passages = new PassageSplitter(maxWords: 50).Split(blocks);

        Assert.All(passages, p => Assert.True(p.Text.Split(' ').Length <= 50, p.Text));
        Assert.True(passages.Count(p => p.HeadingPath.SequenceEqual(["Hướng dẫn"])) >= 6);
        Assert.EndsWith("Đoạn ngắn.", passages.Last(p => p.HeadingPath.SequenceEqual(["Hướng dẫn"])).Text, StringComparison.Ordinal);
        Assert.DoesNotContain(passages, p => p.HeadingPath.Contains("Chỉ có tiêu đề"));
        Assert.Equal([(1, "Trang một."), (2, "Trang hai.")], passages.Where(p => p.HeadingPath.Contains("Phần sau")).Select(p => (p.Page ?? 0, p.Text)));
        Assert.Equal(Enumerable.Range(1, passages.Count), passages.Select(p => p.Ordinal));

        var again = OfficeDocuments.ToDocuments("documents/Thông báo số 5.pdf", new ReadDocument(blocks), new PassageSplitter(50));
        Assert.Equal("thong-bao-so-5-pdf-3", again[2].Id);
        Assert.Equal(again.Select(d => d.Id), OfficeDocuments.ToDocuments("documents/Thông báo số 5.pdf", new ReadDocument(blocks), new PassageSplitter(50)).Select(d => d.Id));
    }

    [Fact]
    public void Bad_files_each_give_a_problem_naming_the_file_and_the_rest_of_the_folder_is_indexed()
    {
        using var folder = new TempKnowledge()
            .Write("documents/tot.html", NoticeHtml)
            .Write("documents/hong.pdf", "%PDF-1.7\nnot really a PDF body\n%%EOF\n")
            .WriteBytes("documents/khong-phai-pdf.pdf", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3])
            .WriteBytes("documents/rong.docx", [])
            .WriteBytes("documents/sai-ma.html", [0x3C, 0x70, 0x3E, 0xC3, 0x28, 0xA0, 0xA1, 0x3C, 0x2F, 0x70, 0x3E])
            .Write("documents/ghi-chu.txt", "một ghi chú")
            .Write("documents/cu.doc", "old word file")
            .WriteBytes("documents/mat-khau.pdf", OfficeDocumentFiles.PasswordProtectedPdf())
            .Write("documents/khong-phai-zip.docx", "<w:document>plain XML, not a package</w:document>")
            .WriteBytes("documents/zip-hong.docx", [(byte)'P', (byte)'K', 3, 4, 9, 9, 9, 9, 9, 9])
            .Write("documents/.gitkeep", "")
            .Write("documents/~$tot.docx", "Word's lock file");
        var snapshot = Loader.LoadFolder(folder.Root);

        string ErrorFor(string file) => Assert.Single(snapshot.Problems, p => p.Path == "documents/" + file && p.Severity == ProblemSeverity.Error).Message;
        Assert.Contains("damaged or unreadable", ErrorFor("hong.pdf"), StringComparison.Ordinal);
        Assert.Contains("not a PDF", ErrorFor("khong-phai-pdf.pdf"), StringComparison.Ordinal);
        Assert.Contains("empty", ErrorFor("rong.docx"), StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", ErrorFor("sai-ma.html"), StringComparison.Ordinal);
        Assert.Contains("'.txt' files are not read", ErrorFor("ghi-chu.txt"), StringComparison.Ordinal);
        Assert.Contains("save it as .docx", ErrorFor("cu.doc"), StringComparison.Ordinal);
        Assert.Contains("password-protected", ErrorFor("mat-khau.pdf"), StringComparison.Ordinal);
        Assert.Contains("not a DOCX document", ErrorFor("khong-phai-zip.docx"), StringComparison.Ordinal);
        Assert.Contains("damaged or unreadable", ErrorFor("zip-hong.docx"), StringComparison.Ordinal);
        Assert.DoesNotContain(snapshot.Problems, p => p.Path.Contains("gitkeep", StringComparison.Ordinal) || p.Path.Contains("~$", StringComparison.Ordinal));
        Assert.Equal(9, snapshot.Problems.Count(p => p.Severity == ProblemSeverity.Error));
        Assert.True(snapshot.HasErrors);
        Assert.Equal(4, snapshot.Documents.Count(d => d.SourcePath == "documents/tot.html"));
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_without_being_read()
    {
        using var folder = new TempKnowledge().Write("documents/tot.html", NoticeHtml);
        var path = Path.Combine(folder.Root, "documents", "qua-lon.pdf");
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            // 50 MB, sparse where the file system allows: the loader must refuse it by size alone.
            file.SetLength(50L * 1024 * 1024);
        }
        try
        {
            var snapshot = Loader.LoadFolder(folder.Root);
            var problem = Assert.Single(snapshot.Problems, p => p.Severity == ProblemSeverity.Error);
            Assert.Equal("documents/qua-lon.pdf", problem.Path);
            Assert.Contains("50 MB", problem.Message, StringComparison.Ordinal);
            Assert.Contains("at most 20 MB", problem.Message, StringComparison.Ordinal);
            Assert.Equal(4, snapshot.Documents.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_scanned_pdf_without_a_text_layer_is_a_warning_not_an_error()
    {
        using var folder = new TempKnowledge().WriteBytes("documents/anh-chup.pdf", OfficeDocumentFiles.Pdf([]));
        var result = Loader.LoadFile(folder.Root, "documents/anh-chup.pdf");
        Assert.Empty(result.Documents);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Contains("OCR", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Knowledge_files_include_every_file_directly_in_documents()
    {
        using var folder = new TempKnowledge()
            .Write("documents/a.pdf", "x").Write("documents/b.HTM", "x").Write("documents/c.xlsx", "x")
            .Write("documents/sub/d.pdf", "x").Write("faq/e.yaml", "x");
        Assert.Equal(["documents/a.pdf", "documents/b.HTM", "documents/c.xlsx", "faq/e.yaml"], KnowledgeLoader.KnowledgeFiles(folder.Root));
    }

    [Fact]
    public async Task A_document_dropped_into_the_folder_is_picked_up_by_the_live_reload()
    {
        using var folder = new TempKnowledge().Write("documents/.keep", "");
        using var knowledge = new KnowledgeBase(folder.Root, new KnowledgeOptions { ReloadDebounceMilliseconds = 50 });
        knowledge.Reload();
        var reloaded = new TaskCompletionSource<KnowledgeState>(TaskCreationOptions.RunContinuationsAsynchronously);
        knowledge.Reloaded += state =>
        {
            if (state.Find("thong-bao-html-1") is not null)
            {
                reloaded.TrySetResult(state);
            }
        };
        knowledge.StartWatching();

        folder.Write("documents/thong-bao.html", NoticeHtml);
        var state = await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("Hướng dẫn nộp hồ sơ › Bước 1", state.Find("thong-bao-html-2")!.Title);
    }

    [Theory]
    [InlineData("thong-bao.pdf", true)]
    [InlineData("../procedures/x.pdf", false)]
    [InlineData("..%2Fsecret.pdf", false)]
    [InlineData("sub/y.pdf", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData(".an.pdf", false)]
    [InlineData("ghi-chu.txt", false)]
    [InlineData("khong-co.pdf", false)]
    [InlineData("", false)]
    public void Only_existing_documents_of_accepted_types_directly_in_the_folder_can_be_served(string name, bool served)
    {
        using var folder = new TempKnowledge()
            .Write("documents/thong-bao.pdf", "%PDF-").Write("documents/ghi-chu.txt", "x").Write("documents/.an.pdf", "x")
            .Write("documents/sub/y.pdf", "x").Write("procedures/x.pdf", "x");
        var path = OfficeDocuments.Resolve(folder.Root, name);
        Assert.Equal(served, path is not null);
        if (path is not null)
        {
            Assert.Equal(Path.Combine(folder.Root, "documents", "thong-bao.pdf"), path);
        }
    }
}
