namespace ChatBot.Knowledge.Authoring;

/// <summary>Operations on a knowledge folder as a whole.</summary>
public static class KnowledgeFolder
{
    /// <summary>Copies every file and folder under <paramref name="from"/> to <paramref name="to"/>, keeping relative paths.</summary>
    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
