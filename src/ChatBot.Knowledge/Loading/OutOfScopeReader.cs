namespace ChatBot.Knowledge.Loading;

/// <summary>
/// Reads the examples of questions the bot must decline (lexicon/out-of-scope.yaml, list 'examples'). A missing
/// file is no examples; a broken one is an error, so `index --check` fails before the host would run without them.
/// </summary>
public static class OutOfScopeReader
{
    public static IReadOnlyList<string> Read(string fullPath, string relativePath, List<KnowledgeProblem> problems)
    {
        if (!File.Exists(fullPath))
        {
            return [];
        }
        var fields = YamlFields.Parse(File.ReadAllText(fullPath, KnowledgeFileReading.StrictUtf8), relativePath, 0, problems);
        return fields is null ? [] : fields.List("examples", required: true).ToList();
    }
}
