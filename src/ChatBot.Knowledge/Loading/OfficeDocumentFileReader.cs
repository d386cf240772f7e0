using ChatBot.Knowledge.Ingestion;

namespace ChatBot.Knowledge.Loading;

/// <summary>Reads one office document of documents/ (PDF, DOCX, HTML) into passages, through the ingestion readers.</summary>
public static class OfficeDocumentFileReader
{
    /// <summary>
    /// One PDF, DOCX or HTML file of documents/ as passages. Whatever is wrong with the file (type, size,
    /// damage, password) becomes a problem naming it; nothing a file contains makes this throw.
    /// </summary>
    public static FileLoadResult Read(string root, string relativePath, KnowledgeLoaderOptions options)
    {
        var problems = new List<KnowledgeProblem>();
        var extension = System.IO.Path.GetExtension(relativePath).ToLowerInvariant();
        if (DocumentReaders.For(relativePath) is not { } reader)
        {
            var hint = extension switch
            {
                ".doc" => "old Word .doc files cannot be read; save it as .docx",
                "" => "the file has no extension",
                _ => $"'{extension}' files are not read",
            };
            problems.Add(new(relativePath, 0, ProblemSeverity.Error, $"{hint}; the documents folder takes {string.Join(", ", DocumentReaders.Extensions)}"));
            return new FileLoadResult(relativePath, [], problems);
        }
        var bytes = KnowledgeFileReading.ReadBytes(System.IO.Path.Combine(root, relativePath), relativePath, options.MaxDocumentBytes, problems);
        if (bytes is null)
        {
            return new FileLoadResult(relativePath, [], problems);
        }
        ReadDocument read;
        try
        {
            read = reader.Read(bytes);
        }
        catch (DocumentReadException ex)
        {
            problems.Add(new(relativePath, 0, ProblemSeverity.Error, ex.Message));
            return new FileLoadResult(relativePath, [], problems);
        }
        var documents = OfficeDocuments.ToDocuments(relativePath, read, new PassageSplitter(options.PassageMaxWords));
        if (documents.Count == 0)
        {
            problems.Add(new(relativePath, 0, ProblemSeverity.Warning, extension == ".pdf"
                ? "no text found: a scanned PDF needs text recognition (OCR) before the bot can use it"
                : "no text found in the document"));
        }
        return new FileLoadResult(relativePath, documents, problems);
    }
}
