namespace ChatBot.IntegrationTests;

/// <summary>A copy of the repository's knowledge folder that a test may change without touching the real one.</summary>
public sealed class KnowledgeCopy : IDisposable
{
    public KnowledgeCopy()
    {
        Root = Path.Combine(Path.GetTempPath(), "chatbot-knowledge-" + Guid.NewGuid().ToString("N"));
        var source = Path.Combine(ChatBot.ServiceDefaults.ContentRoot.Find(), "knowledge");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root { get; }

    public Dictionary<string, string?> Settings => new() { ["Knowledge:Path"] = Root, ["Knowledge:Watch"] = "true" };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
