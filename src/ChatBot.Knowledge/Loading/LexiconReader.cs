using System.Text;
using ChatBot.Knowledge.Documents;

namespace ChatBot.Knowledge.Loading;

/// <summary>
/// Reads a synonyms file (a 'groups' list of term lists): knowledge/lexicon/synonyms.yaml, and the catalogue
/// tier's own knowledge/catalogue/synonyms.yaml. A missing file is an empty lexicon.
/// </summary>
public static class LexiconReader
{
    public static Lexicon Read(string fullPath, string relativePath, List<KnowledgeProblem> problems)
    {
        var path = fullPath;
        if (!File.Exists(path))
        {
            return Lexicon.Empty;
        }
        try
        {
            var stream = new YamlDotNet.RepresentationModel.YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path, KnowledgeFileReading.StrictUtf8)));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlDotNet.RepresentationModel.YamlMappingNode map
                || !map.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("groups"), out var groupsNode)
                || groupsNode is not YamlDotNet.RepresentationModel.YamlSequenceNode groups)
            {
                problems.Add(new(relativePath, 1, ProblemSeverity.Error, "the lexicon must have a 'groups' list"));
                return Lexicon.Empty;
            }
            return new Lexicon(groups.Children
                .OfType<YamlDotNet.RepresentationModel.YamlSequenceNode>()
                .Select(g => (IReadOnlyList<string>)g.Children.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>().Select(s => s.Value ?? "").ToList()));
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or DecoderFallbackException or IOException)
        {
            var line = ex is YamlDotNet.Core.YamlException y ? (int)y.Start.Line : 0;
            problems.Add(new(relativePath, line, ProblemSeverity.Error, $"cannot read the lexicon: {ex.Message}"));
            return Lexicon.Empty;
        }
    }
}
