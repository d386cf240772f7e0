using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ChatBot.Feedback.Tickets;

/// <summary>
/// Ticket codes residents read from a phone screen and type back: a fixed prefix, seven random characters from
/// an alphabet without look-alikes (no 0/O, 1/I/L) and one check character, so that one code says nothing about
/// another and a guessed or mistyped code is recognised as wrong without asking the database (30 of 31 random
/// guesses fail the check; every single-character error and every swap of neighbours does).
/// </summary>
public static partial class TicketCode
{
    public const string Prefix = "HT";
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>Random characters in a new code; 31^7 ≈ 2.8·10^10 codes.</summary>
    private const int RandomLength = 7;

    /// <summary>Codes issued before the check character was added: six random characters, no check.</summary>
    private const int LegacyLength = 6;

    public static string New()
    {
        Span<char> chars = stackalloc char[RandomLength + 1];
        for (var i = 0; i < RandomLength; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        chars[RandomLength] = CheckCharacter(chars[..RandomLength]);
        return $"{Prefix}-{chars}";
    }

    /// <summary>
    /// Finds a ticket code in free text, however it was typed ("ht 4k7m2qxp", "HT4K7M2QXP"); a new-style code
    /// whose check character does not match is not a code. Six-character codes issued before the check character
    /// existed are still found.
    /// </summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        foreach (Match match in CodePattern().Matches(text))
        {
            var code = match.Groups["code"].Value.ToUpperInvariant();
            if (code.Length == LegacyLength || CheckCharacter(code.AsSpan(0, RandomLength)) == code[RandomLength])
            {
                return $"{Prefix}-{code}";
            }
        }
        return null;
    }

    /// <summary>
    /// Weighted sum modulo 31 (the alphabet's size, a prime): weights 1…7 differ, so any one changed character
    /// and any swap of two different neighbouring characters changes the check character.
    /// </summary>
    private static char CheckCharacter(ReadOnlySpan<char> chars)
    {
        var sum = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            sum += (i + 1) * Alphabet.IndexOf(char.ToUpperInvariant(chars[i]), StringComparison.Ordinal);
        }
        return Alphabet[sum % Alphabet.Length];
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}])HT[\s\-_.:#]*(?<code>[2-9a-hj-km-np-z]{8}|[2-9a-hj-km-np-z]{6})(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
