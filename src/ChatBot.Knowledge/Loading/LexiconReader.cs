using System.Text;
using ChatBot.Knowledge.Documents;

namespace ChatBot.Knowledge.Loading;

/// <summary>
/// Reads a synonyms file (a 'groups' list of term lists): knowledge/lexicon/synonyms.yaml, and the catalogue
/// tier's own knowledge/catalogue/synonyms.yaml. A missing file is an empty lexicon.
/// </summary>
public static class LexiconReader
{
    /// <summary>The key of the synonym groups every lexicon file has.</summary>
    public const string GroupsKey = "groups";

    /// <summary>The key of the catalogue's optional variant-word groups (docs/catalogue.md).</summary>
    public const string VariantsKey = "variants";

    /// <summary>Reads the groups under <paramref name="key"/>; only <see cref="GroupsKey"/> must be there.</summary>
    public static Lexicon Read(string fullPath, string relativePath, List<KnowledgeProblem> problems, string key = GroupsKey)
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
            var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlDotNet.RepresentationModel.YamlMappingNode;
            var present = root is not null && root.Children.ContainsKey(new YamlDotNet.RepresentationModel.YamlScalarNode(key));
            if (!present && key != GroupsKey)
            {
                return Lexicon.Empty;
            }
            if (!present || root!.Children[new YamlDotNet.RepresentationModel.YamlScalarNode(key)] is not YamlDotNet.RepresentationModel.YamlSequenceNode groups)
            {
                problems.Add(new(relativePath, 1, ProblemSeverity.Error, $"the lexicon must have a '{key}' list"));
                return Lexicon.Empty;
            }
            return new Lexicon(groups.Children
                .OfType<YamlDotNet.RepresentationModel.YamlSequenceNode>()
                .Select(g => (IReadOnlyList<string>)g.Children.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>().Select(s => s.Value ?? "").ToList()),
                key == VariantsKey ? 1 : 2);
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or DecoderFallbackException or IOException)
        {
            var line = ex is YamlDotNet.Core.YamlException y ? (int)y.Start.Line : 0;
            problems.Add(new(relativePath, line, ProblemSeverity.Error, $"cannot read the lexicon: {ex.Message}"));
            return Lexicon.Empty;
        }
    }
}
