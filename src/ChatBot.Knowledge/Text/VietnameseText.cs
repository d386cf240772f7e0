using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ChatBot.Knowledge.Text;

/// <summary>
/// Vietnamese text normalisation: Unicode NFC, lower case, one canonical tone-mark placement per syllable,
/// i/y unification, and diacritic folding (including đ → d). Residents type with old and new tone placement,
/// NFD input from some phones, and often without diacritics at all; every form must meet the same index term.
/// </summary>
public static class VietnameseText
{
    private const char Grave = '\u0300', Acute = '\u0301', Tilde = '\u0303', Hook = '\u0309', DotBelow = '\u0323';

    // Syllables repeat endlessly; normalising each through NFD/NFC on every call made indexing 10–25× slower.
    private static readonly ConcurrentDictionary<string, string> SyllableCache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> FoldCache = new(StringComparer.Ordinal);
    private const int CacheLimit = 200_000;

    /// <summary>NFC + lower case, keeping diacritics; tone marks are not moved.</summary>
    public static string NormalizeForm(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }

    /// <summary>Normalises one lower-case syllable (a run of letters) to the canonical tone placement.</summary>
    public static string NormalizeSyllable(string syllable)
    {
        ArgumentNullException.ThrowIfNull(syllable);
        if (syllable.Length == 0 || IsPlainAscii(syllable) && !EndsWithSingleY(syllable))
        {
            return syllable;
        }
        if (SyllableCache.TryGetValue(syllable, out var cached))
        {
            return cached;
        }
        var normalized = NormalizeSyllableUncached(syllable);
        if (SyllableCache.Count < CacheLimit)
        {
            SyllableCache[syllable] = normalized;
        }
        return normalized;
    }

    /// <summary>Removes every diacritic and maps đ to d. Input should already be lower case.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsPlainAscii(text))
        {
            return text;
        }
        if (text.Length <= 24 && FoldCache.TryGetValue(text, out var cached))
        {
            return cached;
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (c)
            {
                case 'đ': builder.Append('d'); break;
                case 'Đ': builder.Append('D'); break;
                default:
                    if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        var folded = builder.ToString().Normalize(NormalizationForm.FormC);
        if (text.Length <= 24 && FoldCache.Count < CacheLimit)
        {
            FoldCache[text] = folded;
        }
        return folded;
    }

    /// <summary>Splits text into normalised syllables (letters and digits), in order.</summary>
    public static IReadOnlyList<string> Syllables(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = NormalizeForm(text);
        var result = new List<string>();
        var start = -1;
        for (var i = 0; i <= normalized.Length; i++)
        {
            var inWord = i < normalized.Length && IsWordChar(normalized[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                result.Add(NormalizeSyllable(normalized[start..i]));
                start = -1;
            }
        }
        return result;
    }

    private static readonly char[] SentenceEnds = ['.', '?', '!', '\n'];

    /// <summary>
    /// The last sentence of a message of several sentences, trimmed; null for a single sentence. A point between
    /// digits is a thousands separator ("10.000 đồng"), not the end of a sentence.
    /// </summary>
    public static string? LastSentence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = text.AsSpan().TrimEnd(" \t\r\n.?!").Length;
        if (end == 0)
        {
            return null;
        }
        var cut = text.LastIndexOfAny(SentenceEnds, end - 1);
        while (cut > 0 && char.IsDigit(text[cut - 1]) && char.IsDigit(text[cut + 1]))
        {
            cut = text.LastIndexOfAny(SentenceEnds, cut - 1);
        }
        return cut > 0 && text[..cut].AsSpan().Trim(" \t\r\n.?!").Length > 0 ? text[(cut + 1)..end].Trim() : null;
    }

    /// <summary>Folded syllables: the form an unaccented question and an accented document share.</summary>
    public static IReadOnlyList<string> FoldedSyllables(string text) => Syllables(text).Select(Fold).ToList();

    /// <summary>Where a run of syllables (a phrase) starts in a question's syllables, or -1.</summary>
    public static int IndexOfPhrase(IReadOnlyList<string> syllables, IReadOnlyList<string> phrase, int from = 0)
    {
        ArgumentNullException.ThrowIfNull(syllables);
        ArgumentNullException.ThrowIfNull(phrase);
        for (var start = from; start + phrase.Count <= syllables.Count; start++)
        {
            var match = true;
            for (var j = 0; j < phrase.Count && match; j++)
            {
                match = syllables[start + j] == phrase[j];
            }
            if (match)
            {
                return start;
            }
        }
        return -1;
    }

    public static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsPlainAscii(string s)
    {
        foreach (var c in s)
        {
            if (c > 0x7F)
            {
                return false;
            }
        }
        return true;
    }

    // Any ASCII syllable ending in y may need i/y unification (ly → li, quy → qui).
    private static bool EndsWithSingleY(string s) => s.Length >= 2 && s[^1] == 'y';

    private static string NormalizeSyllableUncached(string syllable)
    {
        // Separate the tone mark from the letters; vowel-quality marks (breve, circumflex, horn) stay.
        var decomposed = syllable.Normalize(NormalizationForm.FormD);
        var tone = '\0';
        var letters = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c is Grave or Acute or Tilde or Hook or DotBelow or '\u0340' or '\u0341')
            {
                tone = c switch { '\u0340' => Grave, '\u0341' => Acute, _ => c };
            }
            else
            {
                letters.Append(c);
            }
        }
        var baseForm = letters.ToString().Normalize(NormalizationForm.FormC).ToCharArray();
        if (!LooksVietnamese(baseForm))
        {
            return syllable.Normalize(NormalizationForm.FormC);
        }

        var (clusterStart, clusterEnd) = FindVowelCluster(baseForm);
        if (clusterStart < 0)
        {
            return syllable.Normalize(NormalizationForm.FormC);
        }
        var closed = clusterEnd < baseForm.Length;

        // i/y unification: lý/lí, kỹ/kĩ, quý/quí, mỹ/mĩ index to one term.
        if (clusterEnd - clusterStart == 1 && !closed && clusterStart > 0 && baseForm[clusterStart] == 'y')
        {
            baseForm[clusterStart] = 'i';
        }

        if (tone == '\0')
        {
            return new string(baseForm);
        }
        var position = TonePosition(baseForm, clusterStart, clusterEnd, closed);
        var result = new StringBuilder(baseForm.Length + 1);
        for (var i = 0; i < baseForm.Length; i++)
        {
            result.Append(baseForm[i]);
            if (i == position)
            {
                result.Append(tone);
            }
        }
        return result.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool LooksVietnamese(char[] letters)
    {
        foreach (var c in letters)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }
        return true;
    }

    private static (int Start, int End) FindVowelCluster(char[] s)
    {
        var i = 0;
        // Onset consonants.
        while (i < s.Length && !IsVowelBase(s[i]))
        {
            i++;
        }
        if (i >= s.Length)
        {
            return (-1, -1);
        }
        // "qu" and "gi" + vowel: the u / i belongs to the onset.
        if (i > 0 && s[i - 1] == 'q' && s[i] == 'u' && i + 1 < s.Length && IsVowelBase(s[i + 1]))
        {
            i++;
        }
        else if (i > 0 && s[i - 1] == 'g' && i == 1 && s[i] == 'i' && i + 1 < s.Length && IsVowelBase(s[i + 1]))
        {
            i++;
        }
        var end = i;
        while (end < s.Length && IsVowelBase(s[end]))
        {
            end++;
        }
        return (i, end);
    }

    private static int TonePosition(char[] s, int start, int end, bool closed)
    {
        var length = end - start;
        if (length == 1)
        {
            return start;
        }
        for (var i = end - 1; i >= start; i--)
        {
            if (s[i] is 'ă' or 'â' or 'ê' or 'ô' or 'ơ' or 'ư')
            {
                return i;
            }
        }
        if (closed)
        {
            return end - 1;
        }
        if (length >= 3)
        {
            return start + 1;
        }
        var pair = string.Concat(s[start], s[start + 1]);
        return pair is "oa" or "oe" or "uy" ? start + 1 : start;
    }

    private static bool IsVowelBase(char c) => c is 'a' or 'ă' or 'â' or 'e' or 'ê' or 'i' or 'o' or 'ô' or 'ơ' or 'u' or 'ư' or 'y';
}
