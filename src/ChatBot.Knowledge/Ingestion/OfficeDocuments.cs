using System.Globalization;
using System.Text;
using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Loading;
using ChatBot.Knowledge.Text;

namespace ChatBot.Knowledge.Ingestion;

/// <summary>
/// The office's own documents in knowledge/documents/: turning one file into passage documents, and finding a
/// file to serve by its name. Files sit directly in the folder; the file name is what residents see and link to.
/// </summary>
public static class OfficeDocuments
{
    public const string Folder = "documents";

    /// <summary>Where the host serves the files; a passage's source link points here.</summary>
    public const string LinkPrefix = "/tai-lieu/";

    public const string HeadingSeparator = " › ";

    /// <summary>The MIME type of each accepted extension, for serving the file.</summary>
    public static IReadOnlyDictionary<string, string> ContentTypes { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".html"] = "text/html; charset=utf-8",
        [".htm"] = "text/html; charset=utf-8",
    };

    /// <summary>
    /// Passage documents of one file. Ids are the file name made ASCII plus the passage ordinal, so they stay the
    /// same while the file does; editing a file can shift the ordinals of the passages after the edit.
    /// </summary>
    public static IReadOnlyList<KnowledgeDocument> ToDocuments(string relativePath, ReadDocument read, PassageSplitter splitter)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(splitter);
        var fileName = Path.GetFileName(relativePath);
        var slug = Slug(fileName);
        var url = LinkPrefix + Uri.EscapeDataString(fileName);
        var documentTitle = read.Title ?? Path.GetFileNameWithoutExtension(fileName);
        return splitter.Split(read.Blocks).Select(passage =>
        {
            var heading = string.Join(HeadingSeparator, passage.HeadingPath);
            return new KnowledgeDocument
            {
                Id = $"{slug}-{passage.Ordinal.ToString(CultureInfo.InvariantCulture)}",
                Kind = DocumentKind.Passage,
                Title = heading.Length > 0 ? heading : documentTitle,
                Answer = passage.Text,
                HeadingPath = passage.HeadingPath,
                Page = passage.Page,
                SourcePath = relativePath,
                Links = [new SourceLink(SourceTitle(fileName, heading, passage.Page), url)],
            };
        }).ToList();
    }

    /// <summary>"file.pdf — Heading › Subheading, trang 2": what the answer shows as its source.</summary>
    public static string SourceTitle(string fileName, string headingPath, int? page)
    {
        var title = new StringBuilder(fileName);
        if (headingPath.Length > 0)
        {
            title.Append(" — ").Append(headingPath);
        }
        if (page is { } p)
        {
            title.Append(", trang ").Append(p.ToString(CultureInfo.InvariantCulture));
        }
        return title.ToString();
    }

    /// <summary>Lower-case ASCII words joined by '-', the extension included so a.pdf and a.docx differ.</summary>
    public static string Slug(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var folded = VietnameseText.Fold(fileName.ToLowerInvariant());
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in folded)
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        return words.Count > 0 ? string.Join('-', words) : "tai-lieu";
    }

    /// <summary>
    /// The full path of a document the host may serve, or null: only a plain file name (no folders, no "..")
    /// of an accepted extension that exists directly in the documents folder.
    /// </summary>
    public static string? Resolve(string knowledgeRoot, string fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > 255 || fileName.StartsWith('.')
            || fileName.IndexOfAny(['/', '\\', '\0']) >= 0 || fileName.Contains("..", StringComparison.Ordinal)
            || Path.GetFileName(fileName) != fileName || !ContentTypes.ContainsKey(Path.GetExtension(fileName)))
        {
            return null;
        }
        var folder = Path.GetFullPath(Path.Combine(knowledgeRoot, Folder));
        var path = Path.GetFullPath(Path.Combine(folder, fileName));
        // Belt and braces: the resolved path must still be directly inside the folder.
        if (!string.Equals(Path.GetDirectoryName(path), folder, StringComparison.Ordinal) || !File.Exists(path)
            || new FileInfo(path).LinkTarget is not null)
        {
            return null;
        }
        return path;
    }
}
