namespace ChatBot.Knowledge.Retrieval;

/// <summary>A question broken into what retrieval needs: normalised syllables, content terms and expansions.</summary>
public sealed record AnalyzedQuery
{
    public required string Text { get; init; }

    /// <summary>All syllables, NFC lower case with canonical tones.</summary>
    public required IReadOnlyList<string> Syllables { get; init; }

    /// <summary>All syllables, folded (no diacritics).</summary>
    public required IReadOnlyList<string> Folded { get; init; }

    /// <summary>Syllables that carry meaning (fillers removed), as (accented, folded) pairs.</summary>
    public required IReadOnlyList<QueryTerm> ContentTerms { get; init; }

    /// <summary>Folded bigrams of adjacent syllables that are not both fillers.</summary>
    public required IReadOnlyList<string> Bigrams { get; init; }

    /// <summary>Synonym expansions from the lexicon: what the question said and what it may also mean.</summary>
    public required IReadOnlyList<Expansion> Expansions { get; init; }

    public bool TypedWithDiacritics { get; init; }

    /// <summary>The facet the question asks about (fee, time limit, ...), or null for a general question.</summary>
    public string? Facet { get; init; }

    /// <summary>Which syllables were facet cues ("lệ phí", "bao lâu") rather than words naming the topic.</summary>
    public IReadOnlyList<bool> CuePositions { get; init; } = [];
}

/// <summary>A content syllable and its position among <see cref="AnalyzedQuery.Syllables"/>.</summary>
public sealed record QueryTerm(string Accented, string Folded, int Position)
{
    public bool HasDiacritics => !ReferenceEquals(Accented, Folded) && Accented != Folded;
}

/// <summary>A lexicon term found in the question (<paramref name="Matched"/>) and one equivalent term.</summary>
public sealed record Expansion(string[] Matched, string[] Terms);
