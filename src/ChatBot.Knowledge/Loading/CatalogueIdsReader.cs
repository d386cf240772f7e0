namespace ChatBot.Knowledge.Loading;

/// <summary>
/// Reads catalogue-ids.txt: the curated document ids the office's catalogue promises, one per line (the first word
/// of a line; '#' starts a comment). Each must have a document (<see cref="KnowledgeLoader.CheckCollection"/>).
/// </summary>
public static class CatalogueIdsReader
{
    public static IReadOnlyList<string> Read(string fullPath)
    {
        if (!File.Exists(fullPath))
        {
            return [];
        }
        return File.ReadAllLines(fullPath)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t', ' ')[0].Trim())
            .Where(id => id.Length > 0)
            .ToList();
    }
}
