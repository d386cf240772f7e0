using System.Text.RegularExpressions;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge.Text;

namespace ChatBot.Conversation.Llm;

/// <summary>The verdict on a model's answer: null <see cref="Failure"/> means it may be shown.</summary>
/// <param name="Text">The answer with its citations renumbered [1], [2], … in order of first use.</param>
/// <param name="Cited">The passages cited, in that order.</param>
public sealed record GroundedCheck(string? Failure, string Text, IReadOnlyList<GroundingPassage> Cited)
{
    public bool Passed => Failure is null;
}

/// <summary>
/// Checks a model's answer before a resident sees it. It passes only when it cites at least one passage, every
/// citation is a passage that was given, every number (fee, days, percentage, date) occurs in a cited passage, it
/// holds no ID or phone number, no link that no passage has, no markup, and repeats no instruction found in a
/// passage. Any failure means the retrieval answer is shown instead.
/// </summary>
public static partial class GroundedAnswerCheck
{
    /// <summary>The model's whole reply when the passages do not answer the question (the answer template asks for it).</summary>
    public const string NotInPassages = "NO_ANSWER";

    /// <summary>Longer answers are not the short plain answers the rules ask for (and may be a runaway generation).</summary>
    public const int MaxAnswerChars = 3000;

    /// <summary>Consecutive folded syllables an answer may share with an instruction-like passage sentence.</summary>
    public const int EchoSyllables = 4;

    public static GroundedCheck Check(string? answer, IReadOnlyList<GroundingPassage> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var text = (answer ?? "").Trim();
        if (text.Length == 0)
        {
            return new("empty", "", []);
        }
        if (text.Trim('.', ' ', '"', '`').Equals(NotInPassages, StringComparison.OrdinalIgnoreCase))
        {
            return new("not-in-passages", "", []);
        }
        if (text.Length > MaxAnswerChars)
        {
            return new("too-long", "", []);
        }
        if (Markup().IsMatch(text))
        {
            return new("markup", "", []);
        }

        // Citations: [P1], [P1, P3], [P1][P2]; every id must be one that was given.
        var byId = passages.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var cited = new List<GroundingPassage>();
        foreach (Match group in CitationGroup().Matches(text))
        {
            foreach (var id in group.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!byId.TryGetValue(id, out var passage))
                {
                    return new("unknown-citation", "", []);
                }
                if (!cited.Contains(passage))
                {
                    cited.Add(passage);
                }
            }
        }
        if (cited.Count == 0)
        {
            return new("no-citation", "", []);
        }
        var body = CitationGroup().Replace(text, m => " " + string.Concat(
            m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(id => cited.IndexOf(byId[id]) + 1).Distinct().Select(n => $"[{n}]"))).Replace("  [", " [", StringComparison.Ordinal);
        body = SpaceBeforePunctuation().Replace(body, "$1");

        var redacted = Redactor.Redact(text);
        if (redacted.Contains(Redactor.IdMark, StringComparison.Ordinal) || redacted.Contains(Redactor.PhoneMark, StringComparison.Ordinal))
        {
            return new("personal-number", "", []);
        }

        var citedText = string.Join("\n", cited.Select(p => p.Text));
        var known = Numbers(citedText).SelectMany(n => new[] { n, Digits(n) }).ToHashSet(StringComparer.Ordinal);
        // Links are checked on their own below; their digits are not facts.
        foreach (var number in Numbers(ListMarker().Replace(Link().Replace(CitationGroup().Replace(text, " "), " "), "")))
        {
            if (!known.Contains(number) && !known.Contains(Digits(number)))
            {
                return new("number-not-in-passage", "", []);
            }
        }

        var allText = string.Join("\n", passages.Select(p => p.Text + "\n" + p.Url));
        if (Link().Matches(text).Any(l => !allText.Contains(l.Value.TrimEnd('.', ')', ','), StringComparison.OrdinalIgnoreCase)))
        {
            return new("unknown-link", "", []);
        }

        if (EchoesInstruction(text, passages.SelectMany(p => p.Withheld)))
        {
            return new("echoed-instruction", "", []);
        }
        return new(null, body.Trim(), cited);
    }

    /// <summary>
    /// A sentence that tries to steer the bot (ignore the rules, play a role, ask for others' data, help to cheat)
    /// is instructions, not information: such passage sentences are withheld from the model.
    /// </summary>
    public static bool IsInstruction(string sentence) =>
        Intents.Detect(Intents.Fold(sentence)) is SocialIntent.Injection or SocialIntent.OthersData or SocialIntent.Fraud;

    /// <summary>The passage text split into what may be sent and the instruction-like sentences withheld.</summary>
    public static (string Text, IReadOnlyList<string> Withheld) Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var withheld = new List<string>();
        var kept = SentenceEnd().Split(text).Where(s =>
        {
            if (s.Trim().Length > 0 && IsInstruction(s))
            {
                withheld.Add(s.Trim());
                return false;
            }
            return true;
        }).ToList();
        return (withheld.Count == 0 ? text : string.Concat(kept).Trim(), withheld);
    }

    private static bool EchoesInstruction(string answer, IEnumerable<string> withheld)
    {
        if (IsInstruction(answer))
        {
            return true;
        }
        var folded = " " + string.Join(' ', VietnameseText.FoldedSyllables(answer)) + " ";
        foreach (var sentence in withheld)
        {
            var words = VietnameseText.FoldedSyllables(sentence);
            for (var i = 0; i + EchoSyllables <= words.Count; i++)
            {
                if (folded.Contains(" " + string.Join(' ', words.Skip(i).Take(EchoSyllables)) + " ", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static IEnumerable<string> Numbers(string text) => Number().Matches(text).Select(m => m.Value);

    private static string Digits(string number) => string.Concat(number.Where(char.IsAsciiDigit));

    [GeneratedRegex(@"\[\s*((?:P\d+\s*,?\s*)+)\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CitationGroup();

    [GeneratedRegex(@"\s+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    /// <summary>Digits with their separators: 50.000, 1,5, 15/01/2026, 7:30.</summary>
    [GeneratedRegex(@"\d+(?:[.,/:]\d+)*")]
    private static partial Regex Number();

    /// <summary>"1. ", "2) " at the start of a line number a list, not a fact.</summary>
    [GeneratedRegex(@"(?m)^\s*\d{1,2}[.)]\s")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"https?://[^\s)\]>]+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z][^>]*>")]
    private static partial Regex Markup();

    /// <summary>Between sentences: after . ! ? ; followed by a space (not inside 8.000 or 15/01), or after a line break.</summary>
    [GeneratedRegex(@"(?<=[.!?;])(?=\s)|(?<=\n)")]
    private static partial Regex SentenceEnd();
}
