using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ChatBot.Knowledge.Ingestion;

/// <summary>
/// Reads an HTML page (UTF-8): h1–h6 are headings; paragraphs, list items, table cells and loose text are
/// paragraphs. Scripts, styles and navigation are left out: they are page furniture, not the office's words.
/// </summary>
public sealed class HtmlDocumentReader : IDocumentReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "script", "style", "noscript", "template", "nav", "footer", "svg", "iframe", "form", "button", "select" };

    private static readonly HashSet<string> TextBlocks = new(StringComparer.Ordinal) { "p", "li", "dd", "dt", "pre", "td", "th", "caption", "figcaption", "blockquote", "address" };

    private static readonly HashSet<string> Containers = new(StringComparer.Ordinal)
    {
        "p", "li", "dd", "dt", "pre", "td", "th", "caption", "figcaption", "blockquote", "address",
        "div", "section", "article", "main", "aside", "header", "footer", "ul", "ol", "dl", "table", "thead", "tbody", "tr",
        "h1", "h2", "h3", "h4", "h5", "h6",
    };

    public IReadOnlyList<string> Extensions { get; } = [".html", ".htm"];

    public ReadDocument Read(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        string html;
        try
        {
            html = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException ex)
        {
            throw new DocumentReadException("the page is not valid UTF-8 text; save it as UTF-8", ex);
        }
        var document = new HtmlParser().ParseDocument(html.TrimStart('\uFEFF'));
        var blocks = new List<TextBlock>();
        if (document.Body is { } body)
        {
            Walk(body, blocks);
        }
        var title = Clean(document.Title ?? "");
        return new ReadDocument(blocks, title.Length > 0 ? title : null);
    }

    private static void Walk(IElement element, List<TextBlock> blocks)
    {
        var loose = new StringBuilder();
        void FlushLoose()
        {
            var text = Clean(loose.ToString());
            if (text.Length > 0)
            {
                blocks.Add(TextBlock.Paragraph(text));
            }
            loose.Clear();
        }

        foreach (var node in element.ChildNodes)
        {
            if (node is not IElement child)
            {
                if (node.NodeType == NodeType.Text)
                {
                    loose.Append(node.TextContent);
                }
                continue;
            }
            var name = child.LocalName;
            if (Skipped.Contains(name) || child.HasAttribute("hidden"))
            {
                continue;
            }
            if (name is "br")
            {
                FlushLoose();
                continue;
            }
            if (!Containers.Contains(name))
            {
                // Inline markup (a, strong, span, ...) belongs to the surrounding text.
                loose.Append(child.TextContent);
                continue;
            }
            FlushLoose();
            if (name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6')
            {
                var heading = Clean(child.TextContent);
                if (heading.Length > 0)
                {
                    blocks.Add(TextBlock.Heading(heading, name[1] - '0'));
                }
            }
            else if (TextBlocks.Contains(name) && !child.Children.Any(c => Containers.Contains(c.LocalName)))
            {
                var text = Clean(child.TextContent);
                if (text.Length > 0)
                {
                    blocks.Add(TextBlock.Paragraph(name == "li" ? "- " + text : text));
                }
            }
            else
            {
                Walk(child, blocks);
            }
        }
        FlushLoose();
    }

    /// <summary>Collapses the whitespace HTML ignores.</summary>
    private static string Clean(string text) =>
        string.Join(' ', text.Split([' ', '\t', '\r', '\n', '\u00A0'], StringSplitOptions.RemoveEmptyEntries)).Normalize(NormalizationForm.FormC);
}
