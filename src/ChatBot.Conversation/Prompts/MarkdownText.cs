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
}
