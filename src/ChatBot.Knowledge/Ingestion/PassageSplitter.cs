using System.Text;

namespace ChatBot.Knowledge.Ingestion;

/// <summary>One answerable piece of an office document.</summary>
/// <param name="Ordinal">1-based position in the file; with the file name it makes the passage's id.</param>
/// <param name="HeadingPath">The headings above the passage, outermost first.</param>
public sealed record Passage(int Ordinal, IReadOnlyList<string> HeadingPath, string Text, int? Page);

/// <summary>
/// Splits a document's blocks into passages: each heading starts a new passage holding the paragraphs under it,
/// up to <see cref="MaxWords"/> words (a resident reads one passage as an answer, and BM25 favours focused
/// units). Longer runs are split at paragraph boundaries, and a single long paragraph at sentence boundaries.
/// A page break also starts a new passage so that the page shown as the source is right.
/// </summary>
public sealed class PassageSplitter(int maxWords = PassageSplitter.DefaultMaxWords)
{
    public const int DefaultMaxWords = 220;

    public int MaxWords { get; } = maxWords;

    public IReadOnlyList<Passage> Split(IReadOnlyList<TextBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var passages = new List<Passage>();
        var headings = new List<(int Level, string Text)>();
        var paragraphs = new List<string>();
        var words = 0;
        int? page = null;

        void Flush()
        {
            if (paragraphs.Count > 0)
            {
                passages.Add(new Passage(passages.Count + 1, headings.Select(h => h.Text).ToList(), string.Join("\n\n", paragraphs), page));
            }
            paragraphs.Clear();
            words = 0;
            page = null;
        }

        foreach (var block in blocks)
        {
            if (block.IsHeading)
            {
                Flush();
                headings.RemoveAll(h => h.Level >= block.HeadingLevel);
                headings.Add((block.HeadingLevel, block.Text));
                continue;
            }
            foreach (var piece in Pieces(block.Text))
            {
                var count = WordCount(piece);
                if (paragraphs.Count > 0 && (words + count > MaxWords || (block.Page is not null && page is not null && block.Page != page)))
                {
                    Flush();
                }
                page ??= block.Page;
                paragraphs.Add(piece);
                words += count;
            }
        }
        Flush();
        return passages;
    }

    /// <summary>The paragraph itself, or sentence groups of at most MaxWords when it is longer.</summary>
    private IEnumerable<string> Pieces(string paragraph)
    {
        if (WordCount(paragraph) <= MaxWords)
        {
            yield return paragraph;
            yield break;
        }
        var piece = new StringBuilder();
        var words = 0;
        foreach (var sentence in Sentences(paragraph))
        {
            var count = WordCount(sentence);
            if (piece.Length > 0 && words + count > MaxWords)
            {
                yield return piece.ToString();
                piece.Clear();
                words = 0;
            }
            // A "sentence" longer than the limit (a list run together, no full stops) is cut by words.
            if (count > MaxWords)
            {
                var all = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < all.Length; i += MaxWords)
                {
                    yield return string.Join(' ', all.Skip(i).Take(MaxWords));
                }
                continue;
            }
            piece.Append(piece.Length > 0 ? " " : "").Append(sentence);
            words += count;
        }
        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '.' or '!' or '?' or ';' && (i + 1 == text.Length || text[i + 1] == ' '))
            {
                yield return text[start..(i + 1)].Trim();
                start = i + 1;
            }
        }
        if (start < text.Length && text[start..].Trim() is { Length: > 0 } rest)
        {
            yield return rest;
        }
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
