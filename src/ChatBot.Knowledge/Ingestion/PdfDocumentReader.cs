using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace ChatBot.Knowledge.Ingestion;

/// <summary>
/// Reads the text layer of a PDF. PDFs carry no heading markup, so headings are recognised by type size: a line
/// set noticeably larger than the body text is a heading, larger sizes ranking higher. Lines close together form
/// a paragraph; a wider gap or a change between heading and body size starts a new one. Scanned PDFs without a
/// text layer yield nothing (the loader warns).
/// </summary>
public sealed class PdfDocumentReader : IDocumentReader
{
    /// <summary>A line this much larger than the body size is a heading.</summary>
    private const double HeadingSizeRatio = 1.15;

    /// <summary>A gap between lines larger than this many line heights starts a new paragraph.</summary>
    private const double ParagraphGapRatio = 1.75;

    public IReadOnlyList<string> Extensions { get; } = [".pdf"];

    private sealed record Line(string Text, double Size, double Baseline, int Page);

    public ReadDocument Read(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!StartsLikePdf(content))
        {
            throw new DocumentReadException("the file is not a PDF (no '%PDF-' header); it may be damaged or have the wrong extension");
        }
        var lines = new List<Line>();
        try
        {
            using var pdf = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            foreach (var page in pdf.GetPages())
            {
                lines.AddRange(LinesOf(page));
            }
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentReadException("the PDF is password-protected; save a copy without a password", ex);
        }
#pragma warning disable CA1031 // A damaged PDF makes the parser throw many exception types; each means "unreadable".
        catch (Exception ex) when (ex is not OutOfMemoryException and not DocumentReadException)
#pragma warning restore CA1031
        {
            throw new DocumentReadException($"the PDF is damaged or unreadable ({ex.Message})", ex);
        }
        return new ReadDocument(Blocks(lines));
    }

    private static bool StartsLikePdf(byte[] content)
    {
        // The header may follow a little junk; readers accept it within the first kilobyte.
        var head = Encoding.ASCII.GetString(content, 0, Math.Min(content.Length, 1024));
        return head.Contains("%PDF-", StringComparison.Ordinal);
    }

    /// <summary>Words grouped into lines by baseline, top of the page first.</summary>
    private static IEnumerable<Line> LinesOf(Page page)
    {
        var words = page.GetWords()
            .Where(w => !string.IsNullOrWhiteSpace(w.Text) && w.Letters.Count > 0)
            .Select(w => (Word: w, Baseline: w.Letters[0].StartBaseLine.Y, Size: w.Letters.Max(l => l.PointSize)))
            .OrderByDescending(w => w.Baseline)
            .ThenBy(w => w.Word.BoundingBox.Left)
            .ToList();
        var current = new List<(Word Word, double Baseline, double Size)>();
        foreach (var word in words)
        {
            if (current.Count > 0 && Math.Abs(current[0].Baseline - word.Baseline) > Math.Max(current[0].Size, 1) * 0.4)
            {
                yield return ToLine(current, page.Number);
                current.Clear();
            }
            current.Add(word);
        }
        if (current.Count > 0)
        {
            yield return ToLine(current, page.Number);
        }
    }

    private static Line ToLine(List<(Word Word, double Baseline, double Size)> words, int page)
    {
        var ordered = words.OrderBy(w => w.Word.BoundingBox.Left).ToList();
        var text = string.Join(' ', ordered.Select(w => w.Word.Text)).Normalize(NormalizationForm.FormC);
        return new Line(text, words.Max(w => w.Size), words.Average(w => w.Baseline), page);
    }

    private static List<TextBlock> Blocks(List<Line> lines)
    {
        if (lines.Count == 0)
        {
            return [];
        }
        // The body size is the size most of the text is set in.
        var bodySize = lines.GroupBy(l => Math.Round(l.Size, 1)).OrderByDescending(g => g.Sum(l => l.Text.Length)).First().Key;
        var headingSizes = lines.Select(l => Math.Round(l.Size, 1)).Where(s => s >= bodySize * HeadingSizeRatio).Distinct().OrderDescending().ToList();
        int LevelOf(Line line) => headingSizes.IndexOf(Math.Round(line.Size, 1)) + 1;

        var blocks = new List<TextBlock>();
        var text = new StringBuilder();
        Line? previous = null;
        Line? first = null;
        void Flush()
        {
            if (first is not null && text.Length > 0)
            {
                var level = LevelOf(first);
                blocks.Add(level > 0 ? TextBlock.Heading(text.ToString(), level, first.Page) : TextBlock.Paragraph(text.ToString(), first.Page));
            }
            text.Clear();
            first = null;
        }
        foreach (var line in lines)
        {
            var continues = previous is not null && first is not null
                && previous.Page == line.Page
                && LevelOf(line) == LevelOf(first)
                && previous.Baseline - line.Baseline <= Math.Max(previous.Size, line.Size) * ParagraphGapRatio
                && !StartsListItem(line.Text);
            if (!continues)
            {
                Flush();
                first = line;
            }
            else
            {
                text.Append(' ');
            }
            text.Append(line.Text);
            previous = line;
        }
        Flush();
        return blocks;
    }

    private static bool StartsListItem(string text) =>
        text.Length > 1 && (text[0] is '-' or '•' or '–' || (char.IsAsciiDigit(text[0]) && text.IndexOf('.', StringComparison.Ordinal) is > 0 and < 3));
}
