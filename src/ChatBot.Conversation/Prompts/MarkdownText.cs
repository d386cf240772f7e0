using System.Text;

namespace ChatBot.Conversation.Prompts;

/// <summary>
/// Text typed by a resident, made safe to put inside a bot message (Web Chat renders Markdown, inline HTML and bare
/// links): every character with a Markdown or HTML meaning is backslash-escaped, so "[bấm vào đây](http://…)",
/// "**x**" or "&lt;a&gt;" show as typed. A '.' or ':' inside a word is escaped too, which splits "evil.example" and
/// "http://…" for the link detector; ordinary sentence punctuation stays as it is.
/// </summary>
public static class MarkdownText
{
    private const string Special = "\\`*_{}[]()<>#+-!|~&";

    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var inWord = c is '.' or ':' && ((i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1])) || (i > 0 && char.IsDigit(text[i - 1])));
            if (Special.Contains(c, StringComparison.Ordinal) || inWord)
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>
    /// A bot message as plain text for a staff screen, which shows text as it is: "**x**" → "x", "[tiêu đề](url)" →
    /// "tiêu đề (url)", and the backslash escapes of <see cref="Literal"/> removed.
    /// </summary>
    public static string Plain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && (Special.Contains(text[i + 1], StringComparison.Ordinal) || text[i + 1] is '.' or ':'))
            {
                builder.Append(text[++i]);
            }
            else if (c == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                i++;
            }
            else if (c == '[' && LinkAt(text, i) is { } link)
            {
                builder.Append(link.Title).Append(" (").Append(link.Url).Append(')');
                i = link.End;
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>A Markdown link "[title](url)" starting at <paramref name="start"/>, with the index of its closing parenthesis.</summary>
    private static (string Title, string Url, int End)? LinkAt(string text, int start)
    {
        var close = text.IndexOf("](", start, StringComparison.Ordinal);
        if (close < 0 || text.IndexOf('\n', start, close - start) >= 0)
        {
            return null;
        }
        var end = text.IndexOf(')', close + 2);
        if (end < 0 || text.IndexOf(' ', close + 2, end - close - 2) >= 0)
        {
            return null;
        }
        return (Plain(text[(start + 1)..close]), text[(close + 2)..end], end);
    }
}
