using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace ChatBot.Knowledge.Ranking;

/// <summary>A document the classifier thinks a question is about, with its probability.</summary>
public sealed record IntentGuess(string Id, float Probability);

/// <summary>
/// An ML.NET text classifier trained at index time from each document's title, phrasings and summary, plus a
/// "none" class from out-of-scope examples. It reads questions the way residents phrase them (word and character
/// n-grams of the diacritic-folded text), complementing BM25. Deterministic for a given knowledge folder.
/// </summary>
public sealed class IntentClassifier
{
    public const string None = "__none__";
    private readonly PredictionEngine<Row, Prediction> engine;
    private readonly string[] labels;
    private readonly Lock gate = new();

    private IntentClassifier(PredictionEngine<Row, Prediction> engine, string[] labels)
    {
        this.engine = engine;
        this.labels = labels;
    }

    /// <returns>The classifier, or null when there is too little to learn from (fewer than two classes).</returns>
    public static IntentClassifier? Train(IReadOnlyList<KnowledgeDocument> documents, IReadOnlyList<string> outOfScope)
    {
        var rows = new List<Row>();
        foreach (var document in documents.Where(Learns))
        {
            foreach (var text in document.Questions.Append(document.Title).Append(document.Summary).Where(t => t.Length > 0))
            {
                rows.Add(new Row { Text = Prepare(text), Label = document.Id });
            }
        }
        rows.AddRange(outOfScope.Select(text => new Row { Text = Prepare(text), Label = None }));
        if (rows.Select(r => r.Label).Distinct().Count() < 2)
        {
            return null;
        }

        var ml = new MLContext(seed: 20261123);
        var data = ml.Data.LoadFromEnumerable(rows);
        var featurizer = new TextFeaturizingEstimator.Options
        {
            KeepDiacritics = true,
            KeepPunctuations = false,
            KeepNumbers = true,
            CaseMode = TextNormalizingEstimator.CaseMode.None,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = false },
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", featurizer, nameof(Row.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new Microsoft.ML.Trainers.SdcaMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                MaximumNumberOfIterations = 60,
            }));
        var model = pipeline.Fit(data);
        var engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        engine.OutputSchema["Score"].GetSlotNames(ref slotNames);
        return new IntentClassifier(engine, slotNames.DenseValues().Select(s => s.ToString()).ToArray());
    }

    /// <summary>
    /// Whether the classifier learns a document as a class of its own. Curated guides and FAQ entries only:
    /// imported national records (thousands of classes, one phrasing each) and passages of office documents (no
    /// phrasings, just their text) are left to BM25.
    /// </summary>
    public static bool Learns(KnowledgeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return !document.Imported && document.Kind != DocumentKind.Passage;
    }

    /// <summary>The most likely documents (or <see cref="None"/>), best first.</summary>
    public IReadOnlyList<IntentGuess> Predict(IReadOnlyList<string> foldedSyllables, int top = 3)
    {
        float[] scores;
        lock (gate)
        {
            // PredictionEngine is not thread-safe; a prediction takes microseconds, so a lock is enough.
            scores = engine.Predict(new Row { Text = string.Join(' ', foldedSyllables) }).Score;
        }
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).Take(top);
        return order.Select(i => new IntentGuess(labels[i], scores[i])).ToList();
    }

    /// <summary>ML.NET's own folding only half-folds Vietnamese; feed it our folded syllables instead.</summary>
    private static string Prepare(string text) => string.Join(' ', VietnameseText.FoldedSyllables(text));

    private sealed class Row
    {
        public string Text { get; set; } = "";
        public string Label { get; set; } = "";
    }

    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }
}
