using ChatBot.Conversation;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Documents;

namespace ChatBot.UnitTests;

/// <summary>What residents read, for every document of the repository's knowledge.</summary>
[Collection(RepositoryKnowledgeCollection.Name)]
public sealed class AnswerWritingTests(RepositoryKnowledge repository)
{
    private static readonly OfficeProfile Office = new()
    {
        Name = "Bộ phận Một cửa phường Thử",
        Address = "Số 1 đường Thử",
        Hours = "7 giờ 30 – 17 giờ",
        Hotline = "0200.000.000",
        Email = "motcua@thu.example",
    };

    private readonly KnowledgeState knowledge = repository.State;

    [Fact]
    public void No_placeholder_reaches_a_resident_from_any_section_of_any_guide_or_entry()
    {
        var writer = TestTurns.Writer(Office);
        var shown = 0;
        foreach (var document in knowledge.Documents)
        {
            foreach (var facet in document.Sections.Select(s => (string?)s.FacetId).Prepend(null))
            {
                var (message, _, _) = writer.Compose(document, facet, new DateOnly(2026, 12, 3));
                Assert.False(message.Contains("{{", StringComparison.Ordinal) || message.Contains("}}", StringComparison.Ordinal), $"{document.Id}#{facet}: {message}");
                shown++;
            }
        }
        Assert.True(shown > 300, $"{shown} answers written");
    }

    [Fact]
    public void The_office_details_are_filled_into_procedure_sections()
    {
        var marriage = knowledge.Find("dang-ky-ket-hon")!;
        var (message, facet, _) = TestTurns.Writer(Office).Compose(marriage, Facets.WhereToApply, new DateOnly(2026, 12, 3));
        Assert.Equal(Facets.WhereToApply, facet);
        Assert.Contains(Office.Name, message, StringComparison.Ordinal);
        Assert.Contains(Office.Hours, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_bound_line_is_shown_until_its_day_and_never_after()
    {
        var guide = knowledge.Find("dang-ky-ket-hon")! with
        {
            Sections = [new FacetSection(Facets.Fee, "Lệ phí", "- Lệ phí thường: 10.000 đồng.\n- Miễn lệ phí khi nộp qua VNeID mức 2 (đến hết 28/02/2027). {{until:2027-02-28}}")],
        };
        var writer = TestTurns.Writer(Office);
        var before = writer.Compose(guide, Facets.Fee, new DateOnly(2027, 2, 28)).Message;
        var after = writer.Compose(guide, Facets.Fee, new DateOnly(2027, 3, 1)).Message;

        Assert.Contains("Miễn lệ phí khi nộp qua VNeID mức 2", before, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Miễn lệ phí", after, StringComparison.Ordinal);
        Assert.Contains("10.000 đồng", after, StringComparison.Ordinal);
    }
}
