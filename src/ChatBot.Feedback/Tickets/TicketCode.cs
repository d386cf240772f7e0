using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ChatBot.Feedback.Tickets;

/// <summary>
/// Ticket codes residents read from a phone screen and type back: a fixed prefix and six characters from an
/// alphabet without look-alikes (no 0/O, 1/I/L), random so that one code says nothing about another.
/// </summary>
public static partial class TicketCode
{
    public const string Prefix = "HT";
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New()
    {
        Span<char> chars = stackalloc char[6];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return $"{Prefix}-{chars}";
    }

    /// <summary>Finds a ticket code in free text, however it was typed ("ht 4k7m2q", "HT4K7M2Q").</summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var match = CodePattern().Match(text);
        return match.Success ? $"{Prefix}-{match.Groups["code"].Value.ToUpperInvariant()}" : null;
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}])HT[\s\-_.:#]*(?<code>[2-9a-hj-km-np-z]{6})(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
