using System.Text;
using ChatBot.Conversation.Llm;
using Microsoft.SemanticKernel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChatBot.Llm;

/// <summary>
/// The model's prompt templates from prompts/llm/ (Semantic Kernel's YAML prompt format): the system rules, the
/// grounded answer and the follow-up rewriter. Checked at start: a missing or broken file stops it, naming the file.
/// </summary>
public sealed class LlmPrompts
{
    private LlmPrompts(PromptTemplateConfig rules, PromptTemplateConfig answer, PromptTemplateConfig rewrite)
    {
        Rules = rules;
        Answer = answer;
        Rewrite = rewrite;
    }

    public PromptTemplateConfig Rules { get; }

    public PromptTemplateConfig Answer { get; }

    public PromptTemplateConfig Rewrite { get; }

    /// <param name="folder">The prompts folder (its llm/ subfolder holds the model's templates).</param>
    public static LlmPrompts Load(string folder)
    {
        var answer = Read(folder, "answer.yaml", "rules", "history", "passages", "question");
        if (!answer.Template.Contains(GroundedAnswerCheck.NotInPassages, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"prompts/llm/answer.yaml: the template must ask for {GroundedAnswerCheck.NotInPassages} when the passages do not answer");
        }
        return new LlmPrompts(Read(folder, "system.yaml"), answer, Read(folder, "rewrite.yaml", "rules", "history", "message"));
    }

    private static PromptTemplateConfig Read(string folder, string file, params string[] variables)
    {
        var display = "prompts/llm/" + file;
        var path = Path.Combine(folder, "llm", file);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{display}: the model's prompt template is missing (looked in {Path.GetFullPath(Path.Combine(folder, "llm"))})");
        }
        PromptFile? parsed;
        try
        {
            parsed = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build()
                .Deserialize<PromptFile>(File.ReadAllText(path, Encoding.UTF8));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new InvalidOperationException($"{display}: not a valid prompt template ({ex.Message})", ex);
        }
        if (parsed is null || string.IsNullOrWhiteSpace(parsed.Template))
        {
            throw new InvalidOperationException($"{display}: the template is empty");
        }
        if (parsed.TemplateFormat is not null && parsed.TemplateFormat != PromptTemplateConfig.SemanticKernelTemplateFormat)
        {
            throw new InvalidOperationException($"{display}: template_format must be {PromptTemplateConfig.SemanticKernelTemplateFormat}");
        }
        foreach (var name in variables)
        {
            if (!parsed.Template.Contains("{{$" + name + "}}", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{display}: the template must use {{{{${name}}}}}");
            }
        }
        var config = new PromptTemplateConfig(parsed.Template.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            Name = parsed.Name,
            Description = parsed.Description,
            TemplateFormat = PromptTemplateConfig.SemanticKernelTemplateFormat,
        };
        foreach (var variable in parsed.InputVariables ?? [])
        {
            config.InputVariables.Add(new InputVariable { Name = variable.Name ?? "", Description = variable.Description ?? "", IsRequired = variable.IsRequired });
        }
        return config;
    }

    private sealed class PromptFile
    {
        public string? Name { get; set; }

        public string? Description { get; set; }

        public string? TemplateFormat { get; set; }

        public string? Template { get; set; }

        public List<PromptVariable>? InputVariables { get; set; }
    }

    private sealed class PromptVariable
    {
        public string? Name { get; set; }

        public string? Description { get; set; }

        public bool IsRequired { get; set; }
    }
}
