using ChatBot.Conversation.Prompts;
using ChatBot.ServiceDefaults;

namespace ChatBot.UnitTests;

public sealed class PromptLibraryTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "chatbot-prompts-" + Guid.NewGuid().ToString("N"));

    public PromptLibraryTests()
    {
        var source = Path.Combine(ContentRoot.Find(), "prompts");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }

    [Fact]
    public void The_repository_prompts_load_and_render_office_values()
    {
        var prompts = PromptLibrary.Load(folder);
        var text = prompts.Render("no-answer", new Dictionary<string, string> { ["office.hotline"] = "0123", ["office.hours"] = "8–17 giờ", ["office.address"] = "Trụ sở" });
        Assert.Contains("0123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        Assert.NotEmpty(prompts.Labels.Welcome);
        Assert.Equal("Gặp cán bộ", prompts.Labels.Handoff);
    }

    [Fact]
    public void A_missing_template_fails_start_up_naming_the_file()
    {
        File.Delete(Path.Combine(folder, "no-answer.md"));
        var error = Assert.Throws<PromptTemplateException>(() => PromptLibrary.Load(folder));
        Assert.StartsWith("prompts/no-answer.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_placeholder_fails_start_up_naming_file_and_line()
    {
        File.WriteAllText(Path.Combine(folder, "welcome.md"), "Xin chào\n{{office.nmae}}");
        var error = Assert.Throws<PromptTemplateException>(() => PromptLibrary.Load(folder));
        Assert.StartsWith("prompts/welcome.md:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_suggested_actions_yaml_fails_start_up_naming_the_file()
    {
        File.WriteAllText(Path.Combine(folder, "suggested-actions.yaml"), "welcome: [a\n");
        var error = Assert.Throws<PromptTemplateException>(() => PromptLibrary.Load(folder));
        Assert.StartsWith("prompts/suggested-actions.yaml", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
