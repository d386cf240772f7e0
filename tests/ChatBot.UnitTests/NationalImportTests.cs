using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Import;
using ChatBot.Knowledge.Loading;

namespace ChatBot.UnitTests;

public sealed class NationalImportTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "national-records.jsonl"));

    [Fact]
    public void Time_and_fee_are_recovered_per_channel_from_the_flattened_cell()
    {
        var record = NationalRecordsImporter.Parse(Lines[0]);
        var channels = NationalRecordsImporter.Channels(record.CachThucThucHien);
        Assert.Equal(2, channels.Count);
        Assert.Equal(new ChannelTerms("Trực tiếp", "5 ngày làm việc", "20,000 Việt Nam Đồng", "Mức do Hội đồng nhân dân tỉnh quy định"), channels[0]);
        Assert.Equal(new ChannelTerms("Trực tuyến", "3 ngày làm việc", "10,000 Việt Nam Đồng", "Giảm một nửa khi nộp trực tuyến"), channels[1]);
    }

    [Fact]
    public void Levels_filter_the_records()
    {
        var commune = NationalRecordsImporter.Parse(Lines[0]);
        var ministry = NationalRecordsImporter.Parse(Lines[1]);
        Assert.True(NationalRecordsImporter.AtLevels(commune, ["xa", "tinh"]));
        Assert.False(NationalRecordsImporter.AtLevels(ministry, ["xa", "tinh"]));
        Assert.True(NationalRecordsImporter.AtLevels(ministry, []));
    }

    [Fact]
    public void An_imported_guide_loads_as_valid_knowledge_with_its_facets_and_portal_link()
    {
        using var folder = new TempKnowledge();
        var record = NationalRecordsImporter.Parse(Lines[0]);
        folder.Write($"procedures/imported/{NationalRecordsImporter.IdOf(record)}.md", NationalRecordsImporter.ToGuide(record, new DateOnly(2026, 11, 23))!);
        var snapshot = new KnowledgeLoader(new KnowledgeLoaderOptions { Today = new DateOnly(2026, 11, 23) }).LoadFolder(folder.Root);

        Assert.Empty(snapshot.Problems);
        var guide = Assert.Single(snapshot.Documents);
        Assert.Equal("tthc-9-990001", guide.Id);
        Assert.True(guide.Imported);
        Assert.Equal("Cấp giấy phép sử dụng nhà văn hóa thôn (ví dụ)", guide.Title);
        Assert.Equal("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/vi-du-9990001", guide.Links[0].Url);
        Assert.Contains("- Trực tuyến: 10,000 Việt Nam Đồng", guide.Section(Facets.Fee)!.Text, StringComparison.Ordinal);
        Assert.Contains("- Trực tiếp: 5 ngày làm việc", guide.Section(Facets.TimeLimit)!.Text, StringComparison.Ordinal);
        Assert.Contains("Đơn đề nghị sử dụng nhà văn hóa (1 bản chính)", guide.Section(Facets.Documents)!.Text, StringComparison.Ordinal);
        Assert.Equal(["Nghị định ví dụ về nhà văn hóa (999/2025/NĐ-CP)", "Thông tư ví dụ hướng dẫn (99/2026/TT-BVHTTDL)"], guide.LegalBasis);
        Assert.Equal("Giấy phép sử dụng nhà văn hóa", guide.Section(Facets.Result)!.Text);
    }

    [Fact]
    public void A_broken_line_is_reported_not_fatal() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => NationalRecordsImporter.Parse(Lines[2]));

    [Fact]
    public void A_file_import_writes_the_records_at_the_levels_asked_for_and_names_the_broken_line()
    {
        using var folder = new TempKnowledge();
        var output = Path.Combine(folder.Root, "procedures", "imported");
        var problems = new List<string>();

        var summary = NationalRecordsFile.Import(Path.Combine(AppContext.BaseDirectory, "Fixtures", "national-records.jsonl"), output, ["xa", "tinh"], new DateOnly(2026, 11, 23), problems.Add);

        Assert.Equal(new NationalImportSummary(Read: 3, Written: 1, AtOtherLevels: 1, Unusable: 1), summary);
        Assert.Equal(["tthc-9-990001.md"], Directory.GetFiles(output).Select(Path.GetFileName));
        Assert.Contains(":3: skipped, not a record", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Empty(new KnowledgeLoader(new KnowledgeLoaderOptions { Today = new DateOnly(2026, 11, 23) }).LoadFolder(folder.Root).Problems);
    }
}
