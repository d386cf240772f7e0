using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChatBot.Knowledge.Ingestion;

/// <summary>
/// Reads a Word document (.docx): paragraphs styled as headings (built-in "heading N" / "Title" styles or an
/// outline level, whatever the style is called in the author's language) are headings; every other non-empty
/// paragraph, including those in tables, is a paragraph; list items keep a bullet.
/// </summary>
public sealed class DocxDocumentReader : IDocumentReader
{
    public IReadOnlyList<string> Extensions { get; } = [".docx"];

    public ReadDocument Read(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        // A .docx is a zip package; anything else (an old .doc, a renamed file) gets a clear message instead of
        // the packaging library's.
        if (content.Length < 4 || content[0] != 'P' || content[1] != 'K')
        {
            throw new DocumentReadException("the file is not a DOCX document (not a zip package); save it from Word as .docx");
        }
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var word = WordprocessingDocument.Open(stream, isEditable: false);
            var main = word.MainDocumentPart ?? throw new DocumentReadException("the DOCX package has no main document part");
            var body = main.Document?.Body;
            if (body is null)
            {
                return new ReadDocument([]);
            }
            var headingLevels = HeadingStyles(main.StyleDefinitionsPart?.Styles);
            var blocks = new List<TextBlock>();
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                var text = TextOf(paragraph);
                if (text.Length == 0)
                {
                    continue;
                }
                var properties = paragraph.ParagraphProperties;
                var level = properties?.OutlineLevel?.Val?.Value is int outline && outline < 9 ? outline + 1
                    : properties?.ParagraphStyleId?.Val?.Value is { } styleId && headingLevels.TryGetValue(styleId, out var styled) ? styled
                    : 0;
                if (level > 0)
                {
                    blocks.Add(TextBlock.Heading(text, level));
                }
                else
                {
                    blocks.Add(TextBlock.Paragraph(properties?.NumberingProperties is not null ? "- " + text : text));
                }
            }
            var title = word.PackageProperties.Title;
            return new ReadDocument(blocks, string.IsNullOrWhiteSpace(title) ? null : title.Trim());
        }
#pragma warning disable CA1031 // A damaged package makes the SDK throw many exception types; each means "unreadable".
        catch (Exception ex) when (ex is not OutOfMemoryException and not DocumentReadException)
#pragma warning restore CA1031
        {
            throw new DocumentReadException($"the DOCX document is damaged or unreadable ({ex.Message})", ex);
        }
    }

    /// <summary>Heading level of each paragraph style, from its built-in name or its outline level.</summary>
    private static Dictionary<string, int> HeadingStyles(Styles? styles)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var style in styles?.Elements<Style>() ?? [])
        {
            if (style.StyleId?.Value is not { } id)
            {
                continue;
            }
            var name = style.StyleName?.Val?.Value?.ToLowerInvariant() ?? "";
            if (name == "title")
            {
                levels[id] = 1;
            }
            else if (name.StartsWith("heading ", StringComparison.Ordinal) && int.TryParse(name.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 6)
            {
                levels[id] = n;
            }
            else if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is int outline && outline < 9)
            {
                levels[id] = outline + 1;
            }
        }
        // Documents written without a styles part still use the built-in ids.
        for (var n = 1; n <= 6; n++)
        {
            levels.TryAdd("Heading" + n.ToString(CultureInfo.InvariantCulture), n);
        }
        levels.TryAdd("Title", 1);
        return levels;
    }

    private static string TextOf(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case DocumentFormat.OpenXml.Wordprocessing.Text t:
                    text.Append(t.Text);
                    break;
                case TabChar or Break or CarriageReturn:
                    text.Append(' ');
                    break;
            }
        }
        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Normalize(NormalizationForm.FormC);
    }
}
