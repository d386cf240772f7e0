using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Knowledge.Documents;
using YamlDotNet.RepresentationModel;

namespace ChatBot.Conversation.Prompts;

/// <summary>A prompt file is missing or broken; the message names the file.</summary>
public sealed class PromptTemplateException(string message) : Exception(message);

/// <summary>
/// The wording the bot speaks with, loaded from editable templates in prompts/ so the office can change it
/// without code. Every template is checked at start: missing files, empty files and unknown placeholders fail
/// start-up with the file named.
/// </summary>
public sealed partial class PromptLibrary
{
    /// <summary>Each template and the placeholders it may use besides the office fields.</summary>
    private static readonly Dictionary<string, string[]> Templates = new(StringComparer.Ordinal)
    {
        ["welcome"] = [],
        ["privacy-notice"] = [],
        ["no-answer"] = [],
        ["too-long"] = ["max_chars"],
        ["empty"] = [],
        ["handoff"] = [],
        ["answer"] = ["heading", "body", "online_note", "source_title", "source_url", "checked"],
        ["clarify"] = [],
        ["smalltalk-greeting"] = [],
        ["smalltalk-thanks"] = [],
        ["smalltalk-about"] = [],
        ["escalate-ask-question"] = [],
        ["escalate-confirm-question"] = ["question"],
        ["escalate-ask-contact"] = [],
        ["escalate-contact-unclear"] = [],
        ["escalate-cancelled"] = [],
        ["ticket-opened"] = ["code", "contact_note"],
        ["ticket-failed"] = [],
        ["ticket-status"] = ["code", "date", "status", "question", "reply"],
        ["ticket-not-found"] = ["code"],
        ["ticket-lookup-throttled"] = ["minutes"],
        ["tickets-none"] = [],
        ["rating-thanks"] = [],
        ["rating-ask-comment"] = [],
        ["rating-comment-thanks"] = [],
        ["staff-reply"] = ["code_note", "reply"],
        ["satisfaction-ask"] = [],
        ["satisfaction-thanks"] = [],
        ["satisfaction-not-yours"] = [],
        ["answer-agency"] = ["agency"],
        ["answer-cut"] = [],
        ["online-full"] = ["link_title", "link_url"],
        ["online-partial"] = ["link_title", "link_url"],
        ["checked-unknown"] = [],
        ["portal-title"] = [],
        ["ticket-status-open"] = [],
        ["ticket-status-out-of-scope"] = [],
        ["ticket-status-answered"] = [],
        ["ticket-reply"] = ["reply"],
        ["ticket-contact-note"] = [],
        ["ticket-lookup-failed"] = [],
        ["feedback-failed"] = [],
        ["bot-error"] = [],
        ["personal-data-removed"] = [],
        ["decline-harm"] = [],
        ["catalogue-answer"] = ["heading", "body", "level_note", "source_title", "source_url"],
        ["catalogue-level"] = ["levels"],
        ["catalogue-unit-missing"] = [],
        ["decline-abuse"] = [],
        ["decline-political"] = [],
        ["llm-answer"] = ["body", "sources"],
    };

    private readonly Dictionary<string, string> texts;

    private PromptLibrary(Dictionary<string, string> texts, SuggestedActionLabels labels)
    {
        this.texts = texts;
        Labels = labels;
    }

    public SuggestedActionLabels Labels { get; }

    public static PromptLibrary Load(string folder)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, allowed) in Templates)
        {
            var path = Path.Combine(folder, name + ".md");
            var display = $"prompts/{name}.md";
            if (!File.Exists(path))
            {
                throw new PromptTemplateException($"{display}: the prompt template is missing (looked in {Path.GetFullPath(folder)})");
            }
            var text = File.ReadAllText(path, Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Normalize(NormalizationForm.FormC);
            if (text.Length == 0)
            {
                throw new PromptTemplateException($"{display}: the prompt template is empty");
            }
            foreach (var (key, index) in Placeholders.Find(text))
            {
                if (!Placeholders.OfficeFields.Contains(key) && !allowed.Contains(key))
                {
                    var line = text[..index].Count(c => c == '\n') + 1;
                    throw new PromptTemplateException($"{display}:{line}: unknown placeholder {{{{{key}}}}}; allowed: {string.Join(", ", Placeholders.OfficeFields.Concat(allowed))}");
                }
            }
            if (text.Count(c => c == '{') != text.Count(c => c == '}'))
            {
                throw new PromptTemplateException($"{display}: unbalanced braces; placeholders are written {{{{name}}}}");
            }
            texts[name] = text;
        }
        return new PromptLibrary(texts, SuggestedActionLabels.Load(Path.Combine(folder, "suggested-actions.yaml")));
    }

    /// <summary>The office's values with a template's own values added (or overriding them).</summary>
    public static Dictionary<string, string> With(IReadOnlyDictionary<string, string> officeValues, params (string Key, string Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(officeValues);
        ArgumentNullException.ThrowIfNull(values);
        var all = new Dictionary<string, string>(officeValues, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            all[key] = value;
        }
        return all;
    }

    /// <summary>Fills a template's placeholders; unknown values become empty.</summary>
    public string Render(string name, IReadOnlyDictionary<string, string> values)
    {
        var text = texts[name];
        var rendered = Placeholders.FillOrEmpty(text, values);
        // Templates may leave a line empty when an optional value is missing; keep the layout tidy.
        return ExtraBlankLines().Replace(rendered, "\n\n").Trim();
    }

    /// <summary>Fills {{office.*}} placeholders in any text (FAQ answers use them too).</summary>
    public static string FillPlaceholders(string text, IReadOnlyDictionary<string, string> values) => Placeholders.Fill(text, values);

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ExtraBlankLines();
}

/// <summary>Button labels from prompts/suggested-actions.yaml.</summary>
public sealed record SuggestedActionLabels(
    IReadOnlyList<string> Welcome,
    IReadOnlyDictionary<string, string> Facets,
    string Handoff,
    IReadOnlyList<string> NoAnswer,
    FeedbackLabels Feedback,
    UnderstoodReplies Understood)
{
    public static SuggestedActionLabels Load(string path)
    {
        const string display = "prompts/suggested-actions.yaml";
        if (!File.Exists(path))
        {
            throw new PromptTemplateException($"{display}: the file is missing");
        }
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path, Encoding.UTF8)));
            root = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode
                ?? throw new PromptTemplateException($"{display}: expected a mapping with welcome, facets, handoff, no_answer");
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new PromptTemplateException($"{display}:{ex.Start.Line}: broken YAML: {ex.InnerException?.Message ?? ex.Message}");
        }
        IReadOnlyList<string> List(string key) =>
            root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode seq
                ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0).ToList()
                : throw new PromptTemplateException($"{display}: '{key}' must be a list of labels");
        var facets = root.Children.TryGetValue(new YamlScalarNode("facets"), out var f) && f is YamlMappingNode map
            ? map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => (kv.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal)
            : throw new PromptTemplateException($"{display}: 'facets' must map facet ids to labels");
        var handoff = root.Children.TryGetValue(new YamlScalarNode("handoff"), out var h) && h is YamlScalarNode hs && !string.IsNullOrWhiteSpace(hs.Value)
            ? hs.Value!
            : throw new PromptTemplateException($"{display}: 'handoff' label is missing");
        var feedback = root.Children.TryGetValue(new YamlScalarNode("feedback"), out var fb) && fb is YamlMappingNode feedbackMap
            ? FeedbackLabels.From(feedbackMap, display)
            : throw new PromptTemplateException($"{display}: 'feedback' must map the rating and escalation buttons to labels");
        var understood = root.Children.TryGetValue(new YamlScalarNode("understood"), out var u) && u is YamlMappingNode understoodMap
            ? UnderstoodReplies.From(understoodMap, display)
            : throw new PromptTemplateException($"{display}: 'understood' must list the words for yes, skip and cancel");
        return new SuggestedActionLabels(List("welcome"), facets, handoff, List("no_answer"), feedback, understood);
    }
}

/// <summary>Buttons of the rating, escalation and ticket steps.</summary>
public sealed record FeedbackLabels(string SendThis, string Cancel, string NoContact, string Skip, string Helpful, string NotHelpful, string RatingPrompt, string MyTickets, IReadOnlyList<string> Satisfaction)
{
    internal static FeedbackLabels From(YamlMappingNode map, string display)
    {
        string Label(string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value)
                ? scalar.Value!
                : throw new PromptTemplateException($"{display}: 'feedback.{key}' label is missing");
        var satisfaction = map.Children.TryGetValue(new YamlScalarNode("satisfaction"), out var s) && s is YamlSequenceNode seq
            ? seq.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? "").Where(v => v.Length > 0).ToList()
            : [];
        if (satisfaction.Count != 5)
        {
            throw new PromptTemplateException($"{display}: 'feedback.satisfaction' must list five labels, for scores 1 to 5");
        }
        return new FeedbackLabels(Label("send_this"), Label("cancel"), Label("no_contact"), Label("skip"), Label("helpful"), Label("not_helpful"), Label("rating_prompt"), Label("my_tickets"), satisfaction);
    }
}

/// <summary>What residents type instead of pressing a button at the "talk to a person" steps, folded for matching.</summary>
public sealed record UnderstoodReplies(IReadOnlySet<string> Yes, IReadOnlySet<string> Skip, IReadOnlySet<string> Cancel)
{
    internal static UnderstoodReplies From(YamlMappingNode map, string display)
    {
        IReadOnlySet<string> Words(string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode seq && seq.Children.Count > 0
                ? seq.Children.OfType<YamlScalarNode>().Select(n => Fold(n.Value ?? "")).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal)
                : throw new PromptTemplateException($"{display}: 'understood.{key}' must be a list of words");
        return new UnderstoodReplies(Words("yes"), Words("skip"), Words("cancel"));
    }

    /// <summary>A message as these lists compare it: folded syllables joined by spaces, end punctuation dropped.</summary>
    public static string Fold(string text) => string.Join(' ', Knowledge.Text.VietnameseText.FoldedSyllables(text));
}
