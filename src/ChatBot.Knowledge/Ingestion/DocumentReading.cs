namespace ChatBot.Knowledge.Ingestion;

/// <summary>A heading or a paragraph read from an office document, in reading order.</summary>
/// <param name="HeadingLevel">1–6 for a heading (1 the highest), 0 for a paragraph.</param>
/// <param name="Page">The page the block starts on, for formats that have pages (PDF).</param>
public sealed record TextBlock(string Text, int HeadingLevel, int? Page = null)
{
    public bool IsHeading => HeadingLevel > 0;

    public static TextBlock Heading(string text, int level, int? page = null) => new(text, Math.Clamp(level, 1, 6), page);

    public static TextBlock Paragraph(string text, int? page = null) => new(text, 0, page);
}

/// <summary>What a reader found in one file: its blocks and an optional title of its own (HTML &lt;title&gt;).</summary>
public sealed record ReadDocument(IReadOnlyList<TextBlock> Blocks, string? Title = null);

/// <summary>Reads one office document format into headings and paragraphs.</summary>
public interface IDocumentReader
{
    /// <summary>File extensions this reader handles, lower-case with the dot (".pdf").</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>Reads the file's bytes.</summary>
    /// <exception cref="DocumentReadException">The content cannot be read; the message says why, for staff.</exception>
    ReadDocument Read(byte[] content);
}

/// <summary>A document that cannot be read, with a message staff can act on.</summary>
public sealed class DocumentReadException : Exception
{
    public DocumentReadException()
    {
    }

    public DocumentReadException(string message) : base(message)
    {
    }

    public DocumentReadException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>The readers for the formats the documents folder accepts.</summary>
public static class DocumentReaders
{
    public static IReadOnlyList<IDocumentReader> All { get; } = [new PdfDocumentReader(), new DocxDocumentReader(), new HtmlDocumentReader()];

    public static IReadOnlyList<string> Extensions { get; } = All.SelectMany(r => r.Extensions).ToList();

    public static IDocumentReader? For(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return All.FirstOrDefault(r => r.Extensions.Contains(extension));
    }
}
