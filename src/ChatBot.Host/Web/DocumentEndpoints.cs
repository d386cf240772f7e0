using ChatBot.Knowledge;
using ChatBot.Knowledge.Ingestion;
using Microsoft.Net.Http.Headers;

namespace ChatBot.Host.Web;

/// <summary>
/// Serves the office's documents (knowledge/documents) read-only, so a passage's source link opens the file.
/// Only plain file names of the accepted types directly in that folder are served; anything else is 404.
/// </summary>
public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapOfficeDocuments(this IEndpointRouteBuilder app)
    {
        app.MapGet(OfficeDocuments.LinkPrefix + "{fileName}", Serve);
        return app;
    }

    private static IResult Serve(string fileName, KnowledgeBase knowledge, HttpContext context)
    {
        if (OfficeDocuments.Resolve(knowledge.Root, fileName) is not { } path)
        {
            return Results.NotFound();
        }
        var extension = Path.GetExtension(path);
        // PDFs open in the browser; HTML and DOCX download. The sandbox keeps any script in a staff-supplied
        // file from running with this site's origin (where the chat widget and its tokens live).
        var disposition = new ContentDispositionHeaderValue(extension.Equals(".pdf", StringComparison.OrdinalIgnoreCase) ? "inline" : "attachment");
        disposition.SetHttpFileName(fileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        context.Response.Headers.ContentSecurityPolicy = "sandbox";
        return Results.File(path, OfficeDocuments.ContentTypes[extension], enableRangeProcessing: true);
    }
}
