using System.Globalization;
using System.Text;
using ChatBot.Knowledge.Text;

namespace ChatBot.Knowledge.Authoring;

/// <summary>A change staff want to make to the knowledge folder; the message is in Vietnamese for the console.</summary>
public sealed class AuthoringException(string message) : Exception(message);

/// <summary>One file to write under the knowledge folder, and what it is for.</summary>
public sealed record KnowledgeChange(string RelativePath, string Content, string DocumentId, string Question, string Description);

/// <summary>
/// Turns a staff answer into knowledge files in the same formats people write by hand: a new FAQ entry, or one
/// more phrasing in an existing document's <c>questions</c> list (the rest of the file is left byte for byte).
/// </summary>
public static class KnowledgeAuthoring
{
    public const int MaxQuestionChars = 300;
    public const int MaxAnswerChars = 3000;

    public static KnowledgeChange NewFaq(string knowledgeRoot, IReadOnlyCollection<string> existingIds, string title, string question, IReadOnlyList<string> phrasings, string answer, DateOnly today)
    {
        question = Clean(question, MaxQuestionChars, "Câu hỏi");
        answer = Clean(answer, MaxAnswerChars, "Câu trả lời");
        title = string.IsNullOrWhiteSpace(title) ? question : Clean(title, MaxQuestionChars, "Tiêu đề");
        var id = UniqueId(Slug(title), existingIds, knowledgeRoot);
        var others = phrasings.Select(p => Clean(p, MaxQuestionChars, "Cách hỏi"))
            .Where(p => !string.Equals(VietnameseText.Fold(p), VietnameseText.Fold(question), StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).Take(20).ToList();

        var yaml = new StringBuilder();
        yaml.Append("# Written from the staff console on ").Append(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(".\n");
        yaml.Append("id: ").Append(id).Append('\n');
        yaml.Append("title: ").Append(Quote(title)).Append('\n');
        yaml.Append("question: ").Append(Quote(question)).Append('\n');
        yaml.Append("questions:\n");
        foreach (var phrasing in others)
        {
            yaml.Append("  - ").Append(Quote(phrasing)).Append('\n');
        }
        if (others.Count == 0)
        {
            yaml.Length -= "questions:\n".Length;
            yaml.Append("questions: []\n");
        }
        yaml.Append("answer: |-\n");
        foreach (var line in answer.Split('\n'))
        {
            yaml.Append("  ").Append(line.TrimEnd()).Append('\n');
        }
        yaml.Append("checked: ").Append(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        yaml.Append("tags: [can-bo-bo-sung]\n");
        return new KnowledgeChange($"faq/{id}.yaml", yaml.ToString(), id, question, $"Câu hỏi thường gặp mới “{title}”");
    }

    /// <summary>Adds a phrasing after the last item of the document's block-style <c>questions:</c> list.</summary>
    public static KnowledgeChange AddPhrasing(string relativePath, string fileText, string documentId, string phrasing)
    {
        ArgumentNullException.ThrowIfNull(fileText);
        phrasing = Clean(phrasing, MaxQuestionChars, "Cách hỏi");
        var newline = fileText.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = fileText.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.FindIndex(l => l == "questions:" || l.StartsWith("questions: ", StringComparison.Ordinal) || l.StartsWith("questions:#", StringComparison.Ordinal));
        if (header < 0 || lines[header].Trim() != "questions:")
        {
            throw new AuthoringException("Không thêm được: tài liệu này không có danh sách “questions:” dạng từng dòng.");
        }
        var last = header;
        for (var i = header + 1; i < lines.Count && (lines[i].StartsWith("  ", StringComparison.Ordinal) || lines[i].StartsWith("- ", StringComparison.Ordinal)); i++)
        {
            last = i;
        }
        var indent = last > header ? lines[last][..(lines[last].IndexOf('-', StringComparison.Ordinal) is var dash and >= 0 ? dash : 2)] : "  ";
        var existing = lines.Skip(header + 1).Take(last - header).Select(l => VietnameseText.Fold(l.TrimStart(' ', '-').Trim('"', '\'')));
        if (existing.Contains(VietnameseText.Fold(phrasing), StringComparer.Ordinal))
        {
            throw new AuthoringException("Cách hỏi này đã có trong tài liệu.");
        }
        lines.Insert(last + 1, $"{indent}- {Quote(phrasing)}");
        return new KnowledgeChange(relativePath, string.Join(newline, lines), documentId, phrasing, $"Thêm cách hỏi “{phrasing}” vào tài liệu {documentId}");
    }

    /// <summary>Lower-case ASCII words joined by '-', from the first few words of the title.</summary>
    public static string Slug(string text)
    {
        var words = VietnameseText.FoldedSyllables(text).Where(w => w.All(char.IsAsciiLetterOrDigit)).Take(8).ToList();
        return words.Count == 0 ? "hoi-dap" : string.Join('-', words);
    }

    private static string UniqueId(string slug, IReadOnlyCollection<string> existingIds, string root)
    {
        var id = slug;
        for (var n = 2; existingIds.Contains(id) || File.Exists(Path.Combine(root, "faq", id + ".yaml")); n++)
        {
            id = $"{slug}-{n}";
        }
        return id;
    }

    private static string Clean(string? text, int max, string what)
    {
        var cleaned = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Normalize(NormalizationForm.FormC);
        if (cleaned.Length == 0)
        {
            throw new AuthoringException($"{what} đang để trống.");
        }
        if (cleaned.Length > max)
        {
            throw new AuthoringException($"{what} dài quá {max} ký tự.");
        }
        return cleaned;
    }

    /// <summary>A YAML double-quoted scalar: safe for colons, quotes, '#', leading dashes and Vietnamese text.</summary>
    public static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal) + "\"";
}
