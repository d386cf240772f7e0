namespace ChatBot.Knowledge.Documents;

public enum DocumentKind
{
    Procedure,
    Faq,
    Passage,
}

public sealed record SourceLink(string Title, string Url);

/// <summary>One section of a procedure guide, answering one facet (fee, time limit, documents, ...).</summary>
public sealed record FacetSection(string FacetId, string Heading, string Text);

/// <summary>
/// A unit of knowledge the bot can answer from: a procedure guide, an FAQ entry, or a passage of one of the
/// office's own documents. Immutable; a reload builds new instances.
/// </summary>
public sealed record KnowledgeDocument
{
    public required string Id { get; init; }
    public required DocumentKind Kind { get; init; }
    public required string Title { get; init; }
    public string Summary { get; init; } = "";
    public string Agency { get; init; } = "";
    public IReadOnlyList<string> Levels { get; init; } = [];
    public string Online { get; init; } = "";
    public string Code { get; init; } = "";
    public IReadOnlyList<SourceLink> Links { get; init; } = [];
    public IReadOnlyList<string> LegalBasis { get; init; } = [];
    public DateOnly? Checked { get; init; }
    public IReadOnlyList<string> Questions { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<FacetSection> Sections { get; init; } = [];

    /// <summary>The answer text of an FAQ entry or a passage; may contain {{office.*}} placeholders.</summary>
    public string Answer { get; init; } = "";

    /// <summary>Path relative to the knowledge folder, shown to staff and in errors.</summary>
    public string SourcePath { get; init; } = "";

    /// <summary>Imported from the national records rather than curated; a curated guide wins a tie.</summary>
    public bool Imported { get; init; }

    /// <summary>For a passage: the headings above it in its file, outermost first.</summary>
    public IReadOnlyList<string> HeadingPath { get; init; } = [];

    /// <summary>For a passage of a PDF: the page it starts on.</summary>
    public int? Page { get; init; }

    public FacetSection? Section(string facetId) => Sections.FirstOrDefault(s => s.FacetId == facetId);
}
