using System.Text.RegularExpressions;

namespace ChatBot.Feedback;

/// <summary>
/// Removes personal data from residents' text before it is logged, stored for analytics or sent anywhere:
/// e-mail addresses, ID numbers (12-digit căn cước, 9-digit CMND), phone numbers and house addresses.
/// </summary>
public static partial class Redactor
{
    public const string EmailMark = "[email]";
    public const string IdMark = "[số giấy tờ]";
    public const string PhoneMark = "[số điện thoại]";
    public const string AddressMark = "[địa chỉ]";

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        var result = Email().Replace(text, EmailMark);
        result = CitizenId().Replace(result, IdMark);
        result = Phone().Replace(result, PhoneMark);
        result = OldId().Replace(result, IdMark);
        result = HouseAddress().Replace(result, AddressMark);
        return result;
    }

    /// <summary>
    /// The first e-mail address or phone number in a resident's message, for the one field that may keep it (a
    /// ticket's contact); null when there is none.
    /// </summary>
    public static string? FindContact(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var email = Email().Match(text);
        if (email.Success)
        {
            return email.Value;
        }
        var phone = Phone().Match(text);
        return phone.Success ? new string(phone.Value.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray()) : null;
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // 12 digits (căn cước), optionally grouped with single spaces, dots or dashes.
    [GeneratedRegex(@"(?<![\p{N}])\p{N}([ .-]?\p{N}){11}(?![\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex CitizenId();

    // Vietnamese phone numbers: 0 or +84 / 84 followed by 9–10 digits, allowing separators.
    [GeneratedRegex(@"(?<![\p{N}+])(\+84|84|0)([ .-]?\p{N}){9,10}(?![\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    // 9-digit CMND numbers (and any other long digit run that survived: better over-redact than leak).
    [GeneratedRegex(@"(?<![\p{N}])\p{N}{9,}(?![\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex OldId();

    // "số nhà 12", "nhà số 12/3", "12 đường Lê Lợi", "ngõ 45 phố Huế": a number tied to a street word.
    [GeneratedRegex(@"((?i:số\s+nhà|nhà\s+số|so\s+nha|nha\s+so)\s*\p{N}+[\p{L}\p{N}/-]*|\b\p{N}+\p{L}?(/\p{N}+)*\s+(?i:đường|duong|phố|pho|ngõ|ngo|ngách|ngach|hẻm|hem|kiệt|kiet)\s+\p{Lu}\p{Ll}*(\s+\p{Lu}\p{Ll}*){0,3}|\b(?i:ngõ|ngo|ngách|ngach|hẻm|hem|kiệt|kiet)\s+\p{N}+[\p{L}\p{N}/-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex HouseAddress();
}
