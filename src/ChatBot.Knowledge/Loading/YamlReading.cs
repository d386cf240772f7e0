using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatBot.Knowledge.Loading;

/// <summary>Reads YAML into a mapping while keeping line numbers, so every problem can name its line.</summary>
internal sealed class YamlFields(YamlMappingNode root, string path, int lineOffset, List<KnowledgeProblem> problems)
{
    public static YamlFields? Parse(string yaml, string path, int lineOffset, List<KnowledgeProblem> problems)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                problems.Add(new(path, lineOffset + 1, ProblemSeverity.Error, "YAML must be a mapping of fields (key: value)"));
                return null;
            }
            return new YamlFields(mapping, path, lineOffset, problems);
        }
        catch (YamlException ex)
        {
            problems.Add(new(path, lineOffset + (int)ex.Start.Line, ProblemSeverity.Error, $"broken YAML: {ex.InnerException?.Message ?? ex.Message}"));
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet throws this for some unterminated constructs; the last line is where it gave up.
            problems.Add(new(path, lineOffset + yaml.Count(c => c == '\n'), ProblemSeverity.Error, $"broken YAML: {ex.Message}"));
            return null;
        }
    }

    public int LineOf(string key)
    {
        var node = root.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == key);
        return node is null ? lineOffset + 1 : lineOffset + (int)node.Start.Line;
    }

    public bool Has(string key) => root.Children.ContainsKey(new YamlScalarNode(key));

    public string Text(string key, bool required)
    {
        if (root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value))
        {
            return scalar.Value!.Trim();
        }
        if (required)
        {
            Error(key, $"missing required field '{key}'");
        }
        return "";
    }

    public IReadOnlyList<string> List(string key, bool required)
    {
        if (root.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            if (node is YamlSequenceNode sequence)
            {
                return sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value?.Trim() ?? "").Where(s => s.Length > 0).ToList();
            }
            if (node is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value))
            {
                return [scalar.Value.Trim()];
            }
        }
        if (required)
        {
            Error(key, $"missing required field '{key}' (a list)");
        }
        return [];
    }

    public IReadOnlyList<(string Title, string Url, int Line)> Links(string key, bool required)
    {
        var result = new List<(string, string, int)>();
        if (root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode sequence)
        {
            foreach (var item in sequence.Children)
            {
                var line = lineOffset + (int)item.Start.Line;
                switch (item)
                {
                    case YamlMappingNode map:
                        var title = map.Children.TryGetValue(new YamlScalarNode("title"), out var t) ? (t as YamlScalarNode)?.Value ?? "" : "";
                        var url = map.Children.TryGetValue(new YamlScalarNode("url"), out var u) ? (u as YamlScalarNode)?.Value ?? "" : "";
                        result.Add((title.Trim(), url.Trim(), line));
                        break;
                    case YamlScalarNode scalar:
                        result.Add(("", scalar.Value?.Trim() ?? "", line));
                        break;
                }
            }
        }
        if (result.Count == 0 && required)
        {
            Error(key, $"missing required field '{key}' (at least one official link)");
        }
        return result;
    }

    public DateOnly? Date(string key, bool required)
    {
        var text = Text(key, required);
        if (text.Length == 0)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Error(key, $"'{key}' must be a date written YYYY-MM-DD, not '{text}'");
        return null;
    }

    public void Error(string key, string message) => problems.Add(new(path, LineOf(key), ProblemSeverity.Error, message));

    public void Warning(string key, string message) => problems.Add(new(path, LineOf(key), ProblemSeverity.Warning, message));
}
