using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Text;

namespace ChatBot.Knowledge.Retrieval;

/// <summary>
/// The folded syllables of each document: its name (title, phrasings, summary, tags) and its full text. A
/// question whose topic words are absent from every document's name is probably about something we do not cover.
/// </summary>
public sealed class DocumentVocabulary
{
    private readonly Dictionary<string, HashSet<string>> names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> full = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> pairs = new(StringComparer.Ordinal);
    private static readonly HashSet<string> Empty = [];

    public DocumentVocabulary(IEnumerable<KnowledgeDocument> documents)
    {
        foreach (var document in documents)
        {
            // A passage has no name of its own beyond its headings: its text is what it is about.
            var passageText = document.Kind == DocumentKind.Passage ? document.Answer : "";
            var name = string.Join(' ', [document.Title, document.Summary, passageText, .. document.Questions, .. document.Tags.Select(t => t.Replace('-', ' '))]);
            var body = string.Join(' ', [document.Agency, document.Answer, .. document.Sections.Select(s => s.Text)]);
            var nameWords = VietnameseText.FoldedSyllables(name);
            Get(names, document.Id).UnionWith(nameWords);
            var all = Get(full, document.Id);
            all.UnionWith(nameWords);
            var bodyWords = VietnameseText.FoldedSyllables(body);
            all.UnionWith(bodyWords);
            var bigrams = Get(pairs, document.Id);
            foreach (var text in new[] { document.Title, document.Summary, body }.Concat(document.Questions))
            {
                var words = VietnameseText.FoldedSyllables(text);
                for (var i = 0; i + 1 < words.Count; i++)
                {
                    bigrams.Add(words[i] + " " + words[i + 1]);
                }
            }
        }
    }

    public IReadOnlySet<string> Of(string documentId) => full.GetValueOrDefault(documentId) ?? Empty;

    /// <summary>Adjacent folded syllable pairs anywhere in the document ("ly hon" is not in a marriage guide).</summary>
    public IReadOnlySet<string> BigramsOf(string documentId) => pairs.GetValueOrDefault(documentId) ?? Empty;

    public IReadOnlySet<string> NameOf(string documentId) => names.GetValueOrDefault(documentId) ?? Empty;

    private static HashSet<string> Get(Dictionary<string, HashSet<string>> map, string id) =>
        map.TryGetValue(id, out var set) ? set : map[id] = new HashSet<string>(StringComparer.Ordinal);
}
