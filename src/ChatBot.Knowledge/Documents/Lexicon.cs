using ChatBot.Knowledge.Text;

namespace ChatBot.Knowledge.Documents;

/// <summary>
/// Groups of words residents use for the same thing (CCCD, căn cước; GPLX, bằng lái). Stored folded so a
/// question matches with or without diacritics.
/// </summary>
public sealed class Lexicon
{
    public static readonly Lexicon Empty = new(Array.Empty<IReadOnlyList<string>>());

    /// <param name="groups">The groups' terms as written.</param>
    /// <param name="minTerms">Groups with fewer distinct terms are dropped: a synonym group needs two, a variant-word group one.</param>
    public Lexicon(IEnumerable<IReadOnlyList<string>> groups, int minTerms = 2)
    {
        Groups = groups
            .Select(g => (IReadOnlyList<string[]>)g.Select(term => VietnameseText.FoldedSyllables(term).ToArray()).Where(t => t.Length > 0).Distinct(new SequenceComparer()).ToList())
            .Where(g => g.Count >= minTerms)
            .ToList();
    }

    private Lexicon(List<IReadOnlyList<string[]>> folded) => Groups = folded;

    /// <summary>This lexicon's groups followed by the other's (the catalogue tier adds its own synonyms).</summary>
    public Lexicon Merge(Lexicon other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Groups.Count == 0 ? this : new Lexicon([.. Groups, .. other.Groups]);
    }

    /// <summary>Each group holds its terms as folded syllable sequences; the first is canonical.</summary>
    public IReadOnlyList<IReadOnlyList<string[]>> Groups { get; }

    private sealed class SequenceComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] obj) => string.Join(' ', obj).GetHashCode(StringComparison.Ordinal);
    }
}
