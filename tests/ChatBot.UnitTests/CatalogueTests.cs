using ChatBot.Knowledge;
using ChatBot.Knowledge.Catalogue;
using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Import;
using ChatBot.Knowledge.Loading;

namespace ChatBot.UnitTests;

/// <summary>The national catalogue tier: conversion, file checks, search, grouping and reuse across reloads.</summary>
public sealed class CatalogueTests
{
    private static readonly string FixtureLines = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "catalogue.jsonl"));

    /// <summary>The fixture catalogue (15 records taken from the real one) in a knowledge folder with the repository's lexicons.</summary>
    private static TempKnowledge FixtureFolder()
    {
        var repository = Path.Combine(ChatBot.ServiceDefaults.ContentRoot.Find(), "knowledge");
        return new TempKnowledge()
            .Write(CatalogueFile.RecordsPath, FixtureLines)
            .Write(CatalogueFile.SynonymsPath, File.ReadAllText(Path.Combine(repository, CatalogueFile.SynonymsPath)))
            .Write(KnowledgeLoader.LexiconFile, File.ReadAllText(Path.Combine(repository, KnowledgeLoader.LexiconFile)));
    }

    private static CatalogueTier FixtureTier(TempKnowledge folder) => new KnowledgeLoader().LoadFolder(folder.Root).Catalogue;

    public static TheoryData<string, string> FixtureQuestions => new()
    {
        { "cấp hộ chiếu phổ thông", "1.001456" },
        { "lam ho chieu", "1.001456" },
        { "muốn đi nước ngoài thì xin hộ chiếu thế nào", "1.001456" },
        { "đăng ký việc nuôi con nuôi", "2.001263" },
        { "dang ky nhan con nuoi", "2.001263" },
        { "vợ chồng tôi muốn nhận con nuôi cần giấy tờ gì", "2.001263" },
        { "đăng ký giám hộ", "1.004837" },
        { "dang ky giam ho cho chau", "1.004837" },
        { "ông bà muốn làm người giám hộ cho cháu thì làm sao", "1.004837" },
        { "cấp giấy phép lái xe quốc tế", "3.000353" },
        { "lam bang lai quoc te", "3.000353" },
        { "đi nước ngoài muốn lái xe thì làm bằng lái quốc tế ở đâu", "3.000353" },
        { "chuyển mục đích sử dụng đất", "1.013992" },
        { "chuyen muc dich su dung dat", "1.013992" },
        { "chuyển đất ruộng lên thổ cư cần làm gì", "1.013949" },
    };

    [Theory]
    [MemberData(nameof(FixtureQuestions))]
    public void Plain_unaccented_and_colloquial_questions_find_the_record_in_the_top_three(string question, string code)
    {
        using var folder = FixtureFolder();
        var hits = FixtureTier(folder).Search(question, 3);
        Assert.Contains(hits, h => h.Record.Code == code || h.Group.Records.Any(r => r.Code == code));
    }

    [Fact]
    public void A_variant_the_question_does_not_ask_costs_a_record_its_place()
    {
        using var folder = FixtureFolder();
        var tier = FixtureTier(folder);
        // "mất" (report a loss) is a variant word: a plain passport question gets the issuing record, a loss the report.
        Assert.Equal("1.001456", tier.Search("xin cấp hộ chiếu phổ thông", 3)[0].Record.Code);
        Assert.Contains(tier.Search("bị mất hộ chiếu phổ thông", 1)[0].Record.Code, new[] { "1.001445", "2.000539" });
        Assert.Equal("3.000348", tier.Search("cấp lại giấy phép lái xe", 1)[0].Record.Code);
        Assert.NotEqual("3.000348", tier.Search("cấp giấy phép lái xe quốc tế", 1)[0].Record.Code);
    }

    [Fact]
    public void Search_gives_one_hit_per_group()
    {
        using var folder = FixtureFolder();
        var hits = FixtureTier(folder).Search("hộ chiếu phổ thông", 10);
        Assert.Equal(hits.Count, hits.Select(h => h.Group).Distinct().Count());
        Assert.Single(hits, h => h.Group.Records.Any(r => r.Code == "1.001471"));
    }

    [Fact]
    public void Variant_words_are_found_in_questions_and_record_names_and_titles_are_compared_by_their_words()
    {
        using var folder = FixtureFolder();
        var tier = FixtureTier(folder);
        Assert.NotEmpty(tier.VariantsIn("mất bằng lái xe thì làm lại thế nào"));
        Assert.Empty(tier.VariantsIn("làm giấy khai sinh cho con"));
        var reissue = tier.Find("3.000348")!;
        Assert.NotEmpty(tier.Search("cấp lại giấy phép lái xe", 1)[0].Variants!);
        Assert.True(tier.TitleShare("Cấp đổi giấy phép lái xe", reissue) >= 0.5);
        Assert.True(tier.TitleShare("Cấp Giấy xác nhận tình trạng hôn nhân", tier.Find("2.001263")!) < 0.5);
    }

    [Fact]
    public void A_short_question_that_names_a_procedure_reports_the_head_it_said_and_how_specific_it_is()
    {
        using var folder = FixtureFolder();
        var guardianship = FixtureTier(folder).Search("thủ tục đăng ký giám hộ cho cháu mồ côi", 1)[0];
        Assert.Equal("1.004837", guardianship.Record.Code);
        Assert.True(guardianship.NameRecall >= 0.999);
        Assert.True(guardianship.HeadWeight > 0);
        var partial = FixtureTier(folder).Search("giám hộ", 3).First(h => h.Record.Code == "1.004837");
        Assert.True(partial.NameRecall < guardianship.NameRecall);
    }

    [Fact]
    public void The_variants_list_is_optional_and_read_from_its_own_key()
    {
        using var folder = new TempKnowledge()
            .Write("a.yaml", "groups:\n  - [hộ chiếu, passport]\nvariants:\n  - [cấp lại, làm lại]\n  - [mất]\n")
            .Write("b.yaml", "groups:\n  - [hộ chiếu, passport]\n");
        var problems = new List<KnowledgeProblem>();
        Assert.Equal(2, LexiconReader.Read(Path.Combine(folder.Root, "a.yaml"), "a.yaml", problems, LexiconReader.VariantsKey).Groups.Count);
        Assert.Empty(LexiconReader.Read(Path.Combine(folder.Root, "b.yaml"), "b.yaml", problems, LexiconReader.VariantsKey).Groups);
        Assert.Empty(problems);
        LexiconReader.Read(Path.Combine(folder.Root, "b.yaml"), "b.yaml", problems, "nothing-here");
        Assert.Empty(problems);
        using var noGroups = new TempKnowledge().Write("c.yaml", "variants:\n  - [mất]\n");
        LexiconReader.Read(Path.Combine(noGroups.Root, "c.yaml"), "c.yaml", problems);
        Assert.Single(problems);
    }

    [Fact]
    public void A_record_whose_time_lost_its_unit_is_flagged_and_its_facet_says_so()
    {
        using var folder = FixtureFolder();
        var tier = FixtureTier(folder);
        var birth = tier.Find("1.001193")!;
        Assert.True(birth.TimeUnitMissing);
        Assert.All(birth.Channels, c => Assert.Equal("1", c.Time));
        Assert.Contains("(không ghi đơn vị)", birth.Facet(Facets.TimeLimit), StringComparison.Ordinal);
        var passport = tier.Find("tthc-1-001456")!;
        Assert.False(passport.TimeUnitMissing);
        Assert.Contains("8 ngày làm việc", passport.Facet(Facets.TimeLimit), StringComparison.Ordinal);
        Assert.StartsWith("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/", passport.Url, StringComparison.Ordinal);
        Assert.All(Facets.All, f => Assert.NotNull(passport.Facet(f.Id)));
    }

    [Fact]
    public void The_same_procedure_at_several_levels_or_with_a_foreign_element_forms_one_group()
    {
        using var folder = FixtureFolder();
        var tier = FixtureTier(folder);

        var passport = tier.GroupOf(tier.Find("1.001456")!);
        Assert.Equal(["1.001456", "1.001471"], passport.Records.Select(r => r.Code));
        Assert.Equal(["tinh"], passport.VariantOf(tier.Find("1.001456")!).Levels);
        Assert.Equal("thực hiện tại cấp trung ương", passport.VariantOf(tier.Find("1.001471")!).Qualifier);

        var guardianship = tier.GroupOf(tier.Find("1.004837")!);
        Assert.Equal(["1.004837", "1.001669"], guardianship.Records.Select(r => r.Code));
        Assert.True(guardianship.VariantOf(tier.Find("1.001669")!).ForeignElement);
        Assert.False(guardianship.VariantOf(tier.Find("1.004837")!).ForeignElement);

        Assert.True(tier.GroupOf(tier.Find("3.000353")!).IsSingle);
    }

    [Fact]
    public void The_tier_is_reused_across_reloads_while_its_files_are_unchanged()
    {
        using var folder = FixtureFolder().Write("faq/mot.yaml", Faq("mot", "Câu hỏi thứ nhất"));
        using var knowledge = new KnowledgeBase(folder.Root, new KnowledgeOptions { Watch = false });
        var before = knowledge.Reload();
        Assert.Equal(15, before.Catalogue.Count);

        folder.Write("faq/hai.yaml", Faq("hai", "Câu hỏi thứ hai"));
        var after = knowledge.Reload();
        Assert.Equal(2, after.Documents.Count);
        Assert.Same(before.Catalogue, after.Catalogue);

        folder.Write(CatalogueFile.RecordsPath, string.Join('\n', FixtureLines.Split('\n').Skip(1)));
        var changed = knowledge.Reload();
        Assert.NotSame(before.Catalogue, changed.Catalogue);
        Assert.Equal(14, changed.Catalogue.Count);
    }

    [Fact]
    public void Index_check_reports_broken_lines_and_records_without_name_or_url_with_their_line_numbers()
    {
        var lines = FixtureLines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(2).ToList();
        lines.Insert(1, "{\"code\": \"9.000001\", \"name\": \"Thiếu đường dẫn\"}");
        lines.Insert(2, "{\"code\": \"9.000002\", \"url\": \"https://dichvucong.gov.vn/x\"}");
        lines.Insert(3, "{not json");
        using var folder = new TempKnowledge().Write(CatalogueFile.RecordsPath, string.Join('\n', lines));

        var loaded = new KnowledgeLoader().LoadFolder(folder.Root);

        Assert.Equal(2, loaded.Catalogue.Count);
        var errors = loaded.Problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        Assert.Equal([2, 3, 4], errors.Select(p => p.Line));
        Assert.All(errors, p => Assert.Equal(CatalogueFile.RecordsPath, p.Path));
        Assert.Contains("url", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("name", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_national_record_converts_with_per_channel_terms_and_the_fee_description()
    {
        var record = NationalRecordsImporter.Parse(File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "national-records.jsonl")).First());
        var converted = CatalogueConversion.ToRecord(record)!;
        Assert.Equal("Cấp giấy phép sử dụng nhà văn hóa thôn (ví dụ)", converted.Name);
        Assert.Equal("tthc-9-990001", converted.Id);
        Assert.Equal(["xa"], converted.Levels);
        Assert.Equal("- Trực tiếp: 20,000 Việt Nam Đồng (Mức do Hội đồng nhân dân tỉnh quy định)\n- Trực tuyến: 10,000 Việt Nam Đồng (Giảm một nửa khi nộp trực tuyến)", converted.Facet(Facets.Fee));
        Assert.Equal("Giấy phép sử dụng nhà văn hóa", converted.Result);
        var line = CatalogueFile.ToLine(converted);
        Assert.DoesNotContain("\\u", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\"", line, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[]> RealQuestions => new()
    {
        { "làm hộ chiếu", ["1.001456", "1.001471"] },
        { "lam ho chieu o dau", ["1.001456", "1.001471"] },
        { "muốn đi nước ngoài thì xin hộ chiếu phổ thông thế nào", ["1.001456", "1.001471"] },
        { "đăng ký nuôi con nuôi", ["2.001263"] },
        { "dang ky nhan con nuoi trong nuoc", ["2.001263"] },
        { "vợ chồng tôi muốn nhận con nuôi cần giấy tờ gì", ["2.001263"] },
        { "đăng ký giám hộ", ["1.004837", "1.001669"] },
        { "dang ky giam ho cho chau", ["1.004837", "1.001669"] },
        { "ông bà muốn làm người giám hộ cho cháu mồ côi thì làm sao", ["1.004837", "1.001669"] },
        { "cấp giấy phép lái xe quốc tế", ["3.000353"] },
        { "lam bang lai quoc te", ["3.000353"] },
        { "đi nước ngoài muốn lái xe thì làm bằng lái quốc tế ở đâu", ["3.000353"] },
        { "chuyển mục đích sử dụng đất", ["1.013823", "1.013949", "1.013992"] },
        { "chuyen dat ruong len tho cu", ["1.013823", "1.013949", "1.013992"] },
        { "chuyển đất ruộng lên thổ cư cần làm gì", ["1.013823", "1.013949", "1.013992"] },
    };

    [Fact]
    public void The_repository_catalogue_finds_the_long_tail_procedures_in_the_top_three()
    {
        var loaded = new KnowledgeLoader().LoadFolder(Path.Combine(ChatBot.ServiceDefaults.ContentRoot.Find(), "knowledge"));
        Assert.True(loaded.Catalogue.Count > 2600, $"{loaded.Catalogue.Count} records");
        Assert.DoesNotContain(loaded.Problems, p => p.Path.StartsWith("catalogue/", StringComparison.Ordinal));
        var misses = RealQuestions
            .Select(row => ((string)row[0], (string[])row[1]))
            .Where(row => !loaded.Catalogue.Search(row.Item1, 3).Any(h => row.Item2.Contains(h.Record.Code)))
            .Select(row => row.Item1)
            .ToList();
        Assert.Empty(misses);
    }

    private static string Faq(string id, string question) => $"""
        id: {id}
        question: {question}
        answer: Trả lời.
        checked: 2026-11-20
        questions:
          - {question} một
          - {question} hai
          - {question} ba
          - {question} bốn
          - {question} năm
          - {question} sáu
        """;
}
