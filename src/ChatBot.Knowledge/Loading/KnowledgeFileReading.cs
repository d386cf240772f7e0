using System.Globalization;
using System.Text;

namespace ChatBot.Knowledge.Loading;

/// <summary>Reads a knowledge file's bytes or UTF-8 text, turning every failure into a problem naming the file.</summary>
internal static class KnowledgeFileReading
{
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's bytes, or null with a problem when it is empty, too large or unreadable.</summary>
    public static byte[]? ReadBytes(string fullPath, string relativePath, long maxBytes, List<KnowledgeProblem> problems)
    {
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Length == 0)
            {
                problems.Add(new(relativePath, 0, ProblemSeverity.Error, "the file is empty"));
                return null;
            }
            if (info.Length > maxBytes)
            {
                problems.Add(new(relativePath, 0, ProblemSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                    $"the file is {info.Length / 1024 / 1024.0:0.#} MB; files here may be at most {maxBytes / 1024 / 1024.0:0.#} MB")));
                return null;
            }
            return File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new(relativePath, 0, ProblemSeverity.Error, $"cannot read the file: {ex.Message}"));
            return null;
        }
    }

    /// <summary>The file as NFC text with "\n" line ends and no BOM, or null with a problem.</summary>
    public static string? ReadText(string fullPath, string relativePath, long maxBytes, List<KnowledgeProblem> problems)
    {
        try
        {
            var bytes = ReadBytes(fullPath, relativePath, maxBytes, problems);
            if (bytes is null)
            {
                return null;
            }
            var text = StrictUtf8.GetString(bytes);
            return text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Normalize(NormalizationForm.FormC);
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new(relativePath, 0, ProblemSeverity.Error, "the file is not valid UTF-8 text; save it as UTF-8"));
            return null;
        }
    }
}
