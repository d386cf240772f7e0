using System.Collections.Concurrent;
using ChatBot.Knowledge.Text;

namespace ChatBot.Knowledge.Retrieval;

/// <summary>
/// Maps a folded syllable the index has never seen to the known syllables it was probably meant to be: one or
/// two wrong letters ("khia" → "khai"), or Telex typed with the input method off ("ddawng" → "dang",
/// "kys" → "ki"). Much cheaper than Lucene's FuzzyQuery, and cached, since residents repeat the same slips.
/// </summary>
public sealed class SpellingCorrector
{
    private readonly Dictionary<char, string[]> byFirstLetter;
    private readonly HashSet<string> known;
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> cache = new(StringComparer.Ordinal);

    public SpellingCorrector(IEnumerable<string> vocabulary)
    {
        known = vocabulary.Where(t => t.Length > 0 && t.All(char.IsAsciiLetterLower)).ToHashSet(StringComparer.Ordinal);
        byFirstLetter = known.GroupBy(t => t[0]).ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToArray());
    }

    public bool IsKnown(string folded) => known.Contains(folded);

    /// <summary>Known syllables within the allowed edits, closest first (at most three).</summary>
    public IReadOnlyList<string> Correct(string folded)
    {
        if (folded.Length < 3 || known.Contains(folded) || !folded.All(char.IsAsciiLetterLower))
        {
            return [];
        }
        if (cache.TryGetValue(folded, out var cached))
        {
            return cached;
        }
        var result = Compute(folded);
        if (cache.Count < 50_000)
        {
            cache[folded] = result;
        }
        return result;
    }

    private List<string> Compute(string folded)
    {
        var telex = VietnameseText.Fold(VietnameseText.NormalizeSyllable(DecodeTelex(folded)));
        if (telex != folded && known.Contains(telex))
        {
            return [telex];
        }
        var maxEdits = folded.Length >= 7 ? 2 : 1;
        // Sounds that many regions do not tell apart come first: "khai xinh" is "khai sinh" before it is "khai xin".
        var found = DialectVariants(folded).Where(known.Contains).Select(v => (Term: v, Distance: 0)).ToList();
        // Residents rarely get the first letter wrong; keying on it keeps the scan small.
        if (byFirstLetter.TryGetValue(folded[0], out var candidates))
        {
            foreach (var candidate in candidates)
            {
                if (Math.Abs(candidate.Length - folded.Length) <= maxEdits)
                {
                    var distance = Distance(folded, candidate, maxEdits);
                    if (distance <= maxEdits)
                    {
                        found.Add((candidate, distance));
                    }
                }
            }
        }
        return found.OrderBy(f => f.Distance).ThenBy(f => f.Term, StringComparer.Ordinal).Select(f => f.Term).Distinct().Take(3).ToList();
    }

    // Initial consonants that sound alike in northern or southern speech (s/x, ch/tr, d/gi/r/v, l/n), and final
    // consonants that southern speech merges (n/ng, t/c).
    private static readonly (string, string)[] AlikeInitials = [("s", "x"), ("x", "s"), ("tr", "ch"), ("ch", "tr"), ("gi", "d"), ("d", "gi"), ("r", "d"), ("d", "r"), ("r", "gi"), ("gi", "r"), ("v", "d"), ("d", "v"), ("l", "n"), ("n", "l")];
    private static readonly (string, string)[] AlikeFinals = [("ng", "n"), ("n", "ng"), ("c", "t"), ("t", "c")];

    private static IEnumerable<string> DialectVariants(string folded)
    {
        foreach (var (from, to) in AlikeInitials)
        {
            // "nh" and "ng" are initials of their own, not "n" followed by something.
            if (folded.StartsWith(from, StringComparison.Ordinal) && !(from == "n" && folded.Length > 1 && folded[1] is 'h' or 'g'))
            {
                yield return to + folded[from.Length..];
            }
        }
        foreach (var (from, to) in AlikeFinals)
        {
            if (folded.EndsWith(from, StringComparison.Ordinal) && !(from == "n" && folded.EndsWith("ng", StringComparison.Ordinal)) && !(from == "c" && folded.EndsWith("ch", StringComparison.Ordinal)))
            {
                yield return folded[..^from.Length] + to;
            }
        }
    }

    /// <summary>Undoes Telex keystrokes in an unaccented word: dd → d, aw/aa → a, ee → e, oo/ow → o, uw/w → u, tone keys.</summary>
    public static string DecodeTelex(string word)
    {
        var s = word;
        if (s.Length > 2 && s[^1] is 's' or 'f' or 'r' or 'x' or 'j' && s[..^1].Any(c => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'w'))
        {
            s = s[..^1];
        }
        return s.Replace("dd", "d", StringComparison.Ordinal).Replace("aw", "a", StringComparison.Ordinal).Replace("aa", "a", StringComparison.Ordinal)
            .Replace("ee", "e", StringComparison.Ordinal).Replace("oo", "o", StringComparison.Ordinal).Replace("ow", "o", StringComparison.Ordinal)
            .Replace("uw", "u", StringComparison.Ordinal).Replace("w", "u", StringComparison.Ordinal);
    }

    /// <summary>Optimal-string-alignment distance (a swap of two neighbours counts as one), capped early.</summary>
    private static int Distance(string a, string b, int cap)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                }
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > cap)
            {
                return cap + 1;
            }
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }
}
