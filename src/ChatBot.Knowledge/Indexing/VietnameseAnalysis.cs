using ChatBot.Knowledge.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Shingle;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace ChatBot.Knowledge.Indexing;

/// <summary>Field names of the retrieval index and the analysis each one gets.</summary>
public static class IndexFields
{
    /// <summary>Title and alternative phrasings: accented and folded syllables stacked at one position.</summary>
    public const string Title = "title";

    /// <summary>Folded syllable bigrams of the title and phrasings, so "khai sinh" matches as a unit.</summary>
    public const string TitleBigrams = "title_bi";

    /// <summary>Body text (summary, section text, FAQ answer): accented and folded stacked.</summary>
    public const string Body = "body";

    /// <summary>Folded syllable bigrams of the body.</summary>
    public const string BodyBigrams = "body_bi";

    public const string DocumentId = "doc";
    public const string Facet = "facet";
    public const string Unit = "unit";

    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static Analyzer CreateAnalyzer() => new VietnameseAnalyzer();
}

/// <summary>
/// Splits NFC lower-case text into syllables (runs of letters, digits and combining marks), normalises
/// tone placement, then either stacks the folded form (mixed fields) or emits folded bigrams (bigram fields).
/// Input text must already be NFC lower case (<see cref="VietnameseText.NormalizeForm"/>).
/// </summary>
public sealed class VietnameseAnalyzer : Analyzer
{
    public VietnameseAnalyzer() : base(PER_FIELD_REUSE_STRATEGY)
    {
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new SyllableTokenizer(IndexFields.Version, reader);
        TokenStream stream = new SyllableNormalizeFilter(tokenizer);
        if (fieldName is IndexFields.TitleBigrams or IndexFields.BodyBigrams)
        {
            var shingles = new ShingleFilter(new FoldFilter(stream), 2, 2);
            shingles.SetOutputUnigrams(false);
            return new TokenStreamComponents(tokenizer, shingles);
        }
        return new TokenStreamComponents(tokenizer, new FoldStackFilter(stream));
    }
}

public sealed class SyllableTokenizer(LuceneVersion version, TextReader reader) : CharTokenizer(version, reader)
{
    protected override bool IsTokenChar(int c) => c <= char.MaxValue && VietnameseText.IsWordChar((char)c);
}

/// <summary>Normalises each syllable to the canonical tone placement and i/y spelling.</summary>
public sealed class SyllableNormalizeFilter : TokenFilter
{
    private readonly ICharTermAttribute term;

    public SyllableNormalizeFilter(TokenStream input) : base(input) => term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        var original = term.ToString();
        var normalized = VietnameseText.NormalizeSyllable(original);
        if (!ReferenceEquals(original, normalized) && normalized != original)
        {
            term.SetEmpty().Append(normalized);
        }
        return true;
    }
}

/// <summary>Replaces each token with its diacritic-free form.</summary>
public sealed class FoldFilter : TokenFilter
{
    private readonly ICharTermAttribute term;

    public FoldFilter(TokenStream input) : base(input) => term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        var original = term.ToString();
        var folded = VietnameseText.Fold(original);
        if (folded != original)
        {
            term.SetEmpty().Append(folded);
        }
        return true;
    }
}

/// <summary>
/// Emits the folded form at the same position after an accented token, so an unaccented question matches the
/// folded term and an accented one matches both (rewarding the exact accents).
/// </summary>
public sealed class FoldStackFilter : TokenFilter
{
    private readonly ICharTermAttribute term;
    private readonly IPositionIncrementAttribute position;
    private string? pending;
    private State? saved;

    public FoldStackFilter(TokenStream input) : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
        position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (pending is not null)
        {
            RestoreState(saved);
            term.SetEmpty().Append(pending);
            position.PositionIncrement = 0;
            pending = null;
            return true;
        }
        if (!m_input.IncrementToken())
        {
            return false;
        }
        var original = term.ToString();
        var folded = VietnameseText.Fold(original);
        if (folded != original)
        {
            pending = folded;
            saved = CaptureState();
        }
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        pending = null;
        saved = null;
    }
}
