using ChatBot.Knowledge.Documents;

namespace ChatBot.Knowledge.Loading;

/// <summary>Reads an FAQ entry: one YAML mapping with question, answer and phrasings.</summary>
public static class FaqEntryReader
{
    public static KnowledgeDocument? Read(string text, string path, KnowledgeLoaderOptions options, List<KnowledgeProblem> problems)
    {
        var fields = YamlFields.Parse(text, path, 0, problems);
        if (fields is null)
        {
            return null;
        }
        var id = GuideFields.CheckId(fields, path);
        var question = fields.Text("question", required: true);
        return new KnowledgeDocument
        {
            Id = id,
            Kind = DocumentKind.Faq,
            Title = fields.Has("title") ? fields.Text("title", required: false) : question,
            Summary = question,
            Answer = fields.Text("answer", required: true),
            Links = GuideFields.CheckLinks(fields, path, required: false),
            Checked = GuideFields.CheckDate(fields, options),
            Questions = [question, .. GuideFields.CheckQuestions(fields)],
            Tags = fields.List("tags", required: false),
            SourcePath = path,
        };
    }
}
