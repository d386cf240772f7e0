using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Loading;

namespace ChatBot.UnitTests;

public sealed class KnowledgeLoaderTests
{
    private static readonly KnowledgeLoader Loader = new(new KnowledgeLoaderOptions { Today = new DateOnly(2026, 11, 23) });

    private static string SixPhrasings => TempKnowledge.Phrasings("làm giấy khai sinh", "khai sinh cho con", "đăng ký khai sinh cho bé", "làm khai sinh ở đâu", "bé mới sinh làm giấy gì", "giấy khai sinh cho trẻ");

    [Fact]
    public void A_procedure_guide_loads_with_every_facet()
    {
        using var folder = new TempKnowledge().Write("procedures/dang-ky-khai-sinh.md", TempKnowledge.Procedure("dang-ky-khai-sinh", "Đăng ký khai sinh", SixPhrasings));
        var snapshot = Loader.LoadFolder(folder.Root);

        Assert.Empty(snapshot.Problems);
        var document = Assert.Single(snapshot.Documents);
        Assert.Equal(DocumentKind.Procedure, document.Kind);
        Assert.Equal(8, document.Sections.Count);
        Assert.Equal("Miễn lệ phí khi đăng ký đúng hạn.", document.Section(Facets.Fee)!.Text);
        Assert.Equal(new DateOnly(2026, 11, 20), document.Checked);
        Assert.Equal(6, document.Questions.Count);
    }

    [Fact]
    public void An_unknown_placeholder_is_an_error_and_office_fields_are_allowed()
    {
        using var folder = new TempKnowledge()
            .Write("faq/gio-lam-viec.yaml", "id: gio-lam-viec\nquestion: Giờ làm việc?\nquestions: [giờ làm việc, mấy giờ mở cửa, hotline, địa chỉ, thứ bảy, số điện thoại]\nanswer: \"{{office.name}} mở {{office.hours}}; {{office.phone}} hoặc {{ Office.Email }}.\"\nchecked: 2026-11-20\n");
        var problems = Loader.LoadFolder(folder.Root).Problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Message.Contains("{{office.phone}}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("{{Office.Email}}", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Message.Contains("unknown placeholder {{office.name}}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_validity_marker_is_checked_and_warned_about_before_and_after_it_lapses()
    {
        using var folder = new TempKnowledge()
            .Write("faq/mien-phi.yaml", "id: mien-phi\nquestion: Có được miễn phí?\nquestions: [miễn phí, giảm phí, lệ phí, có mất tiền, phí bao nhiêu, có thu phí không]\nanswer: \"Miễn phí đến hết 20/12/2026. {{until:2026-12-20}}\\nGiảm 50 %. {{until:2026-11-01}}\\nSai. {{until:2026-13-01}}\"\nchecked: 2026-11-20\n");
        var problems = Loader.LoadFolder(folder.Root).Problems;

        Assert.Contains(problems, p => p.Severity == ProblemSeverity.Warning && p.Message.StartsWith("expires soon", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Severity == ProblemSeverity.Warning && p.Message.StartsWith("expired", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Severity == ProblemSeverity.Error && p.Message.Contains("until:2026-13-01", StringComparison.Ordinal));
    }

    [Fact]
    public void A_faq_entry_loads_and_counts_its_main_question_as_a_phrasing()
    {
        using var folder = new TempKnowledge().Write("faq/tra-cuu-ho-so.yaml", """
            id: tra-cuu-ho-so
            question: Làm sao tra cứu hồ sơ?
            questions: [tra cứu hồ sơ, xem hồ sơ đến đâu, hồ sơ của tôi thế nào, kiểm tra tiến độ hồ sơ, mã hồ sơ tra ở đâu, theo dõi hồ sơ]
            answer: Vào Cổng Dịch vụ công, chọn Tra cứu hồ sơ.
            checked: 2026-11-20
            """);
        var document = Assert.Single(Loader.LoadFolder(folder.Root).Documents);
        Assert.Equal(DocumentKind.Faq, document.Kind);
        Assert.Equal("Làm sao tra cứu hồ sơ?", document.Questions[0]);
        Assert.Equal(7, document.Questions.Count);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_file_and_line()
    {
        using var folder = new TempKnowledge().Write("faq/loi.yaml", "id: loi\nquestion: [không đóng\nanswer: x\n");
        var problem = Assert.Single(Loader.LoadFolder(folder.Root).Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal("faq/loi.yaml", problem.Path);
        Assert.True(problem.Line >= 2, problem.ToString());
        Assert.Contains("broken YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_facet_heading_missing_field_bad_link_and_empty_section_are_errors_with_lines()
    {
        var text = TempKnowledge.Procedure("sai", "Thủ tục sai", SixPhrasings, extraSections: "\n## Ghi chú thêm\nabc\n\n## Lệ phí lần hai {#le-phi}\n\n")
            .Replace("url: https://dichvucong.gov.vn", "url: ftp://example.org", StringComparison.Ordinal)
            .Replace("agency: Ủy ban nhân dân cấp xã\n", "", StringComparison.Ordinal);
        using var folder = new TempKnowledge().Write("procedures/sai.md", text);
        var errors = Loader.LoadFolder(folder.Root).Problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();

        Assert.Contains(errors, p => p.Message.Contains("unknown facet heading 'Ghi chú thêm'", StringComparison.Ordinal) && p.Line > 20);
        Assert.Contains(errors, p => p.Message.Contains("missing required field 'agency'", StringComparison.Ordinal));
        Assert.Contains(errors, p => p.Message.Contains("ftp://example.org", StringComparison.Ordinal) && p.Line > 1);
        Assert.Contains(errors, p => p.Message.Contains("is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Id_must_match_the_file_name_and_be_unique()
    {
        using var folder = new TempKnowledge()
            .Write("procedures/a.md", TempKnowledge.Procedure("b", "Thủ tục A", SixPhrasings))
            .Write("procedures/c.md", TempKnowledge.Procedure("c", "Thủ tục C", SixPhrasings))
            .Write("faq/c.yaml", "id: c\nquestion: C?\nanswer: C.\nchecked: 2026-11-20\n");
        var errors = Loader.LoadFolder(folder.Root).Problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        Assert.Contains(errors, p => p.Path == "procedures/a.md" && p.Message.Contains("does not match the file name", StringComparison.Ordinal));
        Assert.Contains(errors, p => p.Message.Contains("duplicate id 'c'", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_file_and_invalid_utf8_are_named_and_the_rest_still_loads()
    {
        using var folder = new TempKnowledge()
            .Write("procedures/tot.md", TempKnowledge.Procedure("tot", "Thủ tục tốt", SixPhrasings))
            .Write("faq/rong.yaml", "")
            .WriteBytes("faq/hong.yaml", [0x69, 0x64, 0x3A, 0x20, 0xC3, 0x28, 0xFF]);
        var snapshot = Loader.LoadFolder(folder.Root);
        Assert.Equal("tot", Assert.Single(snapshot.Documents).Id);
        Assert.Contains(snapshot.Problems, p => p.Path == "faq/rong.yaml" && p.Message.Contains("empty", StringComparison.Ordinal));
        Assert.Contains(snapshot.Problems, p => p.Path == "faq/hong.yaml" && p.Message.Contains("UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void A_guide_checked_long_ago_is_a_stale_warning_not_an_error()
    {
        using var folder = new TempKnowledge().Write("procedures/cu.md", TempKnowledge.Procedure("cu", "Thủ tục cũ", SixPhrasings, checkedDate: "2025-01-01"));
        var snapshot = Loader.LoadFolder(folder.Root);
        Assert.Single(snapshot.Documents);
        var stale = Assert.Single(snapshot.Problems);
        Assert.Equal(ProblemSeverity.Warning, stale.Severity);
        Assert.StartsWith("stale", stale.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalogue_id_without_a_document_is_an_error()
    {
        using var folder = new TempKnowledge()
            .Write("procedures/co.md", TempKnowledge.Procedure("co", "Thủ tục có", SixPhrasings))
            .Write("catalogue-ids.txt", "# ids\nco\tprocedure\nthieu\tfaq\n");
        var problem = Assert.Single(Loader.LoadFolder(folder.Root).Problems);
        Assert.Contains("'thieu'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_knowledge_folder_is_valid()
    {
        var root = ChatBot.ServiceDefaults.ContentRoot.Find();
        var snapshot = Loader.LoadFolder(Path.Combine(root, "knowledge"));
        Assert.True(!snapshot.HasErrors, string.Join("\n", snapshot.Problems.Where(p => p.Severity == ProblemSeverity.Error)));
        Assert.NotEmpty(snapshot.CatalogueIds);
        Assert.All(snapshot.CatalogueIds, id => Assert.Contains(snapshot.Documents, d => d.Id == id));
    }

    [Fact]
    public void A_broken_out_of_scope_file_fails_the_check_and_a_live_reload_keeps_its_last_good_version()
    {
        using var folder = new TempKnowledge()
            .Write("procedures/co.md", TempKnowledge.Procedure("co", "Thủ tục có", SixPhrasings))
            .Write(KnowledgeLoader.OutOfScopeFile, "examples:\n  - thời tiết ngày mai thế nào\n");
        var live = new KnowledgeLoader();
        Assert.Equal(["thời tiết ngày mai thế nào"], live.LoadFolder(folder.Root).OutOfScope);

        folder.Write(KnowledgeLoader.OutOfScopeFile, "examples: [thời tiết\n  - broken: {\n");
        var check = new KnowledgeLoader().LoadFolder(folder.Root);
        Assert.Contains(check.Problems, p => p.Path == KnowledgeLoader.OutOfScopeFile && p.Severity == ProblemSeverity.Error);
        Assert.True(check.HasErrors);
        Assert.Empty(check.OutOfScope);

        var reloaded = live.LoadFolder(folder.Root);
        Assert.Equal(["thời tiết ngày mai thế nào"], reloaded.OutOfScope);
        Assert.Contains(reloaded.Problems, p => p.Path == KnowledgeLoader.OutOfScopeFile && p.Message.Contains("last good", StringComparison.Ordinal));
    }

    [Fact]
    public void A_live_reload_keeps_the_last_good_version_of_a_broken_guide()
    {
        using var folder = new TempKnowledge().Write("procedures/co.md", TempKnowledge.Procedure("co", "Thủ tục có", SixPhrasings));
        var live = new KnowledgeLoader();
        Assert.Single(live.LoadFolder(folder.Root).Documents);

        folder.Write("procedures/co.md", "no front matter");
        Assert.Empty(new KnowledgeLoader().LoadFolder(folder.Root).Documents);
        var reloaded = live.LoadFolder(folder.Root);
        Assert.Equal("co", Assert.Single(reloaded.Documents).Id);
        Assert.True(reloaded.HasErrors);
    }
}
