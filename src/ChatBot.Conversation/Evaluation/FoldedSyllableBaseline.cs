using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Text;

namespace ChatBot.Conversation.Evaluation;

/// <summary>
/// The second baseline `eval` reports: plain BM25 over diacritic-folded syllables and syllable bigrams, one
/// document per guide (all its text), answering with the top hit above a fixed score. A few dozen lines with no
/// Vietnamese knowledge beyond folding: every ranking or policy change must beat it on sets it was not tuned on.
/// </summary>
public sealed class FoldedSyllableBaseline
{
    /// <summary>BM25's term-frequency saturation and length normalisation, at their textbook values.</summary>
    private const double K1 = 1.2;

    private const double B = 0.75;

    /// <summary>Answer only when the top document scores at least this (fitted once on the dev set, then fixed).</summary>
    public const double Threshold = 8.0;

    private readonly List<string> ids = [];
    private readonly List<Dictionary<string, int>> termCounts = [];
    private readonly List<int> lengths = [];
    private readonly Dictionary<string, int> documentFrequency = new(StringComparer.Ordinal);
    private readonly double averageLength;

    public FoldedSyllableBaseline(IEnumerable<KnowledgeDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents)
        {
            var text = string.Join("\n", [document.Title, document.Summary, document.Answer, .. document.Questions, .. document.Sections.Select(s => s.Text)]);
            var terms = Terms(text);
            var counts = terms.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var term in counts.Keys)
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
            ids.Add(document.Id);
            termCounts.Add(counts);
            lengths.Add(terms.Count);
        }
        averageLength = lengths.Count == 0 ? 1 : lengths.Average();
    }

    /// <summary>Document ids in rank order, best first, with their scores.</summary>
    public IReadOnlyList<(string Id, double Score)> Search(string question, int top = 3)
    {
        var query = Terms(question).Distinct(StringComparer.Ordinal).Where(documentFrequency.ContainsKey).ToList();
        var scores = new double[ids.Count];
        foreach (var term in query)
        {
            var idf = Math.Log(1 + ((ids.Count - documentFrequency[term] + 0.5) / (documentFrequency[term] + 0.5)));
            for (var d = 0; d < ids.Count; d++)
            {
                if (termCounts[d].TryGetValue(term, out var tf))
                {
                    scores[d] += idf * tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * lengths[d] / averageLength))));
                }
            }
        }
        return scores.Select((s, d) => (ids[d], s)).Where(x => x.s > 0).OrderByDescending(x => x.s).Take(top).ToList();
    }

    private static List<string> Terms(string text)
    {
        var syllables = VietnameseText.FoldedSyllables(text);
        var terms = new List<string>(syllables.Count * 2);
        terms.AddRange(syllables);
        for (var i = 1; i < syllables.Count; i++)
        {
            terms.Add(syllables[i - 1] + "_" + syllables[i]);
        }
        return terms;
    }
}
