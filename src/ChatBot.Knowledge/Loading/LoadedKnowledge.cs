using ChatBot.Knowledge.Catalogue;
using ChatBot.Knowledge.Documents;

namespace ChatBot.Knowledge.Loading;

/// <summary>
/// Everything read and validated from a knowledge folder, before indexing: what <see cref="KnowledgeLoader.LoadFolder(string)"/>
/// returns to both `index --check` and <see cref="KnowledgeBase.Reload"/>. <see cref="KnowledgeState"/> is the
/// indexed generation built from it.
/// </summary>
/// <param name="Documents">Guides, FAQ entries and office-document passages (a file with errors contributes its last good version, or nothing).</param>
/// <param name="Lexicon">Synonyms (lexicon/synonyms.yaml).</param>
/// <param name="CatalogueIds">Curated ids the office promises (catalogue-ids.txt).</param>
/// <param name="OutOfScope">Examples of questions to decline (lexicon/out-of-scope.yaml).</param>
/// <param name="Catalogue">The national catalogue tier (catalogue/procedures.jsonl); empty when absent or turned off.</param>
/// <param name="Problems">Everything wrong, per file and for the folder as a whole.</param>
public sealed record LoadedKnowledge(
    IReadOnlyList<KnowledgeDocument> Documents,
    Lexicon Lexicon,
    IReadOnlyList<string> CatalogueIds,
    IReadOnlyList<string> OutOfScope,
    CatalogueTier Catalogue,
    IReadOnlyList<KnowledgeProblem> Problems)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}
