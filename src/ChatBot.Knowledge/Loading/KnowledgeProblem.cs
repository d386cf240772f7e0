namespace ChatBot.Knowledge.Loading;

public enum ProblemSeverity
{
    Warning,
    Error,
}

/// <summary>A problem in one knowledge file, with the line where staff should look.</summary>
public sealed record KnowledgeProblem(string Path, int Line, ProblemSeverity Severity, string Message)
{
    public override string ToString() =>
        $"{Path}{(Line > 0 ? $":{Line}" : "")}: {(Severity == ProblemSeverity.Error ? "error" : "warning")}: {Message}";
}
