using Microsoft.Net.Http.Headers;

namespace ChatBot.Host.Web;

/// <summary>
/// Serves script.js.gz in place of script.js when the browser accepts gzip: Web Chat is 3.9 MB raw and 0.9 MB
/// gzipped, which matters on a resident's phone.
/// </summary>
public static class PrecompressedScripts
{
    public static IApplicationBuilder UsePrecompressedScripts(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path.Value;
        var environment = context.RequestServices.GetRequiredService<IWebHostEnvironment>();
        if (path is not null && path.EndsWith(".js", StringComparison.Ordinal) && HttpMethods.IsGet(context.Request.Method)
            && context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
            && environment.WebRootFileProvider.GetFileInfo(path + ".gz") is { Exists: true } compressed)
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
            context.Response.Headers.CacheControl = "public, max-age=86400";
            context.Response.ContentType = "text/javascript; charset=utf-8";
            context.Response.ContentLength = compressed.Length;
            await context.Response.SendFileAsync(compressed).ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    });
}
