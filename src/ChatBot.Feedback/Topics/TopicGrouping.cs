using ChatBot.Feedback.Staff;
using ChatBot.Knowledge.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace ChatBot.Feedback.Topics;

/// <summary>
/// Groups unanswered questions with ML.NET: folded Vietnamese text (filler words removed) → word 1–2-grams and
/// character 4-grams → k-means. Each group is labelled by the question nearest its centre. Identical questions
/// are merged before clustering so a question asked 200 times is one point with a weight, not 200.
/// </summary>
public sealed class TopicGrouping : IUnansweredTopics
{
    // Words that say how someone asks, not what about: clustering on them groups "cho tôi hỏi..." with itself.
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "toi", "em", "anh", "chi", "minh", "cho", "hoi", "muon", "can", "phai", "thi", "la", "co", "khong", "ko", "k",
        "duoc", "dc", "sao", "the", "nao", "nhu", "gi", "j", "a", "ah", "nhe", "vay", "z", "oi", "o", "dau", "bao", "nhieu",
        "lam", "cua", "va", "voi", "de", "di", "nay", "do", "ai", "mot", "cac", "nhung", "roi", "chua", "se", "da", "dang",
        "ban", "bot", "xin", "vui", "long", "giup", "huong", "dan", "ntn", "bn", "hong", "ha", "nha", "the", "thu", "tuc",
    };

    private readonly int seed;
    private volatile Snapshot snapshot = new([], null);

    public TopicGrouping(int seed = 20261124)
    {
        this.seed = seed;
    }

    public IReadOnlyList<QuestionTopic> Current => snapshot.Topics;

    public DateTimeOffset? GroupedAt => snapshot.At;

    /// <summary>Groups and publishes the result as <see cref="Current"/>.</summary>
    public IReadOnlyList<QuestionTopic> Refresh(IReadOnlyList<OpenQuestion> questions, DateTimeOffset at)
    {
        var topics = Group(questions);
        snapshot = new Snapshot(topics, at);
        return topics;
    }

    public IReadOnlyList<QuestionTopic> Group(IReadOnlyList<OpenQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var points = questions
            .Select(q => (Question: q, Key: Prepare(q.Text)))
            .GroupBy(p => p.Key.Length == 0 ? "#" + p.Question.Text : p.Key, StringComparer.Ordinal)
            .Select(g => new Point(g.Key, g.Select(p => p.Question).ToList()))
            .ToList();
        if (points.Count == 0)
        {
            return [];
        }
        var clusters = points.Count < 3 ? points.Select((p, i) => (Cluster: i, Point: p, Distance: 0f)).ToList() : Cluster(points);
        return clusters
            .GroupBy(c => c.Cluster)
            .Select(g =>
            {
                var members = g.OrderBy(c => c.Distance).ThenByDescending(c => c.Point.Questions.Count).ToList();
                // The most typical question: nearest the centre, preferring the form most residents typed.
                // Among the few nearest the centre, the most readable: no stray numbers, with diacritics, asked often.
                var typical = members.Take(Math.Clamp(members.Count / 10, 8, 200))
                    .OrderBy(c => c.Point.Questions[0].Text.Any(char.IsDigit))
                    .ThenBy(c => c.Point.Questions[0].Text.All(ch => ch < 128))
                    .ThenByDescending(c => c.Point.Questions.Count)
                    .ThenBy(c => c.Point.Questions[0].Text.Length)
                    .First().Point.Questions[0].Text;
                var ids = members.SelectMany(c => c.Point.Questions.Select(q => q.Id)).ToList();
                var examples = members.Select(c => c.Point.Questions[0].Text).Where(t => t != typical).Take(3).ToList();
                return new QuestionTopic(typical, ids.Count, ids, examples);
            })
            .OrderByDescending(t => t.Count)
            .ThenBy(t => t.Label, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// k-means over-partitions on purpose (a few points per group), then groups whose centres point the same way
    /// are merged: k-means alone either splits one topic or glues two when the number of topics is unknown.
    /// </summary>
    private List<(int Cluster, Point Point, float Distance)> Cluster(List<Point> points)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(points.Select(p => new Row { Text = p.Key }));
        var featurizer = new TextFeaturizingEstimator.Options
        {
            KeepDiacritics = true,
            KeepPunctuations = false,
            KeepNumbers = false,
            CaseMode = TextNormalizingEstimator.CaseMode.None,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = false, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
        };
        var pipeline = ml.Transforms.Text.FeaturizeText("Features", featurizer, nameof(Row.Text))
            .Append(ml.Clustering.Trainers.KMeans(new Microsoft.ML.Trainers.KMeansTrainer.Options
            {
                NumberOfClusters = ClusterCount(points.Count),
                NumberOfThreads = 1,
                MaximumNumberOfIterations = 40,
                InitializationAlgorithm = Microsoft.ML.Trainers.KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            }));
        var scored = pipeline.Fit(data).Transform(data);
        var labels = scored.GetColumn<uint>("PredictedLabel").Select(l => (int)l).ToArray();
        var vectors = scored.GetColumn<VBuffer<float>>("Features").Select(Sparse).ToArray();

        var groups = labels.Select((label, i) => (label, i)).GroupBy(x => x.label).Select(g => g.Select(x => x.i).ToList()).ToList();
        var centres = groups.Select(g => Centre(g, vectors, points)).ToList();
        MergeSimilar(groups, centres, vectors, points);

        var result = new List<(int, Point, float)>(points.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var i in groups[g])
            {
                result.Add((g, points[i], 1f - Cosine(vectors[i], centres[g])));
            }
        }
        return result;
    }

    private const double MergeSimilarity = 0.35;

    private static void MergeSimilar(List<List<int>> groups, List<Dictionary<int, float>> centres, Dictionary<int, float>[] vectors, List<Point> points)
    {
        // Pairwise similarities are kept; a merge only recomputes the merged group's row.
        var count = groups.Count;
        var similarity = new float[count, count];
        var alive = Enumerable.Repeat(true, count).ToArray();
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++)
            {
                similarity[i, j] = similarity[j, i] = Cosine(centres[i], centres[j]);
            }
        }
        while (true)
        {
            var (best, a, b) = (MergeSimilarity, -1, -1);
            for (var i = 0; i < count; i++)
            {
                if (!alive[i])
                {
                    continue;
                }
                for (var j = i + 1; j < count; j++)
                {
                    if (alive[j] && similarity[i, j] > best)
                    {
                        (best, a, b) = (similarity[i, j], i, j);
                    }
                }
            }
            if (a < 0)
            {
                break;
            }
            groups[a].AddRange(groups[b]);
            alive[b] = false;
            centres[a] = Centre(groups[a], vectors, points);
            for (var j = 0; j < count; j++)
            {
                if (alive[j] && j != a)
                {
                    similarity[a, j] = similarity[j, a] = Cosine(centres[a], centres[j]);
                }
            }
        }
        for (var i = count - 1; i >= 0; i--)
        {
            if (!alive[i])
            {
                groups.RemoveAt(i);
                centres.RemoveAt(i);
            }
        }
    }

    /// <summary>The normalised mean of the members, each weighted by how many residents asked it.</summary>
    private static Dictionary<int, float> Centre(List<int> members, Dictionary<int, float>[] vectors, List<Point> points)
    {
        var centre = new Dictionary<int, float>();
        foreach (var i in members)
        {
            var weight = MathF.Log(1 + points[i].Questions.Count);
            foreach (var (slot, value) in vectors[i])
            {
                centre[slot] = centre.GetValueOrDefault(slot) + (value * weight);
            }
        }
        var norm = MathF.Sqrt(centre.Values.Sum(v => v * v));
        if (norm > 0)
        {
            foreach (var slot in centre.Keys.ToList())
            {
                centre[slot] /= norm;
            }
        }
        return centre;
    }

    private static Dictionary<int, float> Sparse(VBuffer<float> vector)
    {
        var result = new Dictionary<int, float>();
        foreach (var (slot, value) in vector.Items())
        {
            if (value != 0)
            {
                result[slot] = value;
            }
        }
        return result;
    }

    private static float Cosine(Dictionary<int, float> a, Dictionary<int, float> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var dot = 0f;
        foreach (var (slot, value) in small)
        {
            if (large.TryGetValue(slot, out var other))
            {
                dot += value * other;
            }
        }
        return dot;
    }

    /// <summary>
    /// Deliberately more partitions than topics (about one per three distinct questions, at most 300); similar
    /// partitions are merged afterwards.
    /// </summary>
    public static int ClusterCount(int distinct) => Math.Clamp(distinct / 3, 2, 300);

    public static string Prepare(string text)
    {
        // Redaction marks say nothing about the topic.
        foreach (var mark in (string[])[Redactor.EmailMark, Redactor.IdMark, Redactor.PhoneMark, Redactor.AddressMark])
        {
            text = text.Replace(mark, " ", StringComparison.Ordinal);
        }
        return string.Join(' ', VietnameseText.FoldedSyllables(text).Where(s => !Fillers.Contains(s)));
    }

    private sealed record Point(string Key, List<OpenQuestion> Questions);

    private sealed record Snapshot(IReadOnlyList<QuestionTopic> Topics, DateTimeOffset? At);

    private sealed class Row
    {
        public string Text { get; set; } = "";
    }
}
