using ChatBot.Knowledge.Documents;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ChatBot.Knowledge.Retrieval;

/// <summary>
/// The plain baseline the evaluation reports beside our retriever: Lucene's StandardAnalyzer and BM25 over the
/// same documents (title, phrasings and body in one field), answering with the top hit above a fixed score.
/// </summary>
public sealed class BaselineRetriever : IDisposable
{
    public const float Threshold = 4.0f;
    private readonly RAMDirectory directory = new();
    private readonly StandardAnalyzer analyzer = new(LuceneVersion.LUCENE_48);
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly List<string> ids = [];

    public BaselineRetriever(IEnumerable<KnowledgeDocument> documents)
    {
        var similarity = new BM25Similarity();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { Similarity = similarity }))
        {
            foreach (var document in documents)
            {
                var text = string.Join("\n", [document.Title, document.Summary, document.Answer, .. document.Questions, .. document.Sections.Select(s => s.Text)]);
                writer.AddDocument(new Document { new TextField("text", text, Field.Store.NO) });
                ids.Add(document.Id);
            }
        }
        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = similarity };
    }

    /// <summary>Document ids in rank order, best first, with their scores.</summary>
    public IReadOnlyList<(string Id, float Score)> Search(string question, int top = 3)
    {
        var escaped = QueryParserBase.Escape(question);
        if (string.IsNullOrWhiteSpace(escaped))
        {
            return [];
        }
        Query query;
        try
        {
            query = new QueryParser(LuceneVersion.LUCENE_48, "text", analyzer).Parse(escaped);
        }
        catch (ParseException)
        {
            return [];
        }
        return searcher.Search(query, top).ScoreDocs.Select(d => (ids[d.Doc], d.Score)).ToList();
    }

    public void Dispose()
    {
        reader.Dispose();
        analyzer.Dispose();
        directory.Dispose();
    }
}
