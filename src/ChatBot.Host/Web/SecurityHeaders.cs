using ChatBot.Host.DirectLine;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Web;

/// <summary>
/// Headers every response carries: a content security policy chosen by path, no MIME sniffing, no referrer leaks
/// to other sites. The staff console is never framed; other pages only by the configured sites.
/// </summary>
public sealed class SecurityHeaders : IMiddleware
{
    private readonly string staff;
    private readonly string publicPage;
    private readonly string resident;
    private readonly string api;

    public SecurityHeaders(IOptions<SecurityOptions> security, DirectLineOptions directLine)
    {
        ArgumentNullException.ThrowIfNull(security);
        ArgumentNullException.ThrowIfNull(directLine);
        var ancestors = security.Value.FrameAncestors.Count == 0 ? "'self'" : string.Join(' ', security.Value.FrameAncestors.Select(o => o.TrimEnd('/')));
        const string strict = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";
        staff = strict + "; frame-ancestors 'none'";
        publicPage = strict + "; frame-ancestors " + ancestors;
        // The minimal set Web Chat needs, found with the browser tests: it applies inline styles at run time, draws
        // images from data: and blob: URLs, and opens the conversation's WebSocket on this host ('self' covers
        // ws/wss of the same host) or on the configured public address. No eval, no other script origin.
        var socket = SocketOrigin(directLine.PublicBaseUrl);
        resident = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            + $"connect-src 'self'{(socket is null ? "" : " " + socket)}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}";
        api = "default-src 'none'; frame-ancestors 'none'";
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        var path = context.Request.Path;
        if (path.StartsWithSegments("/staff"))
        {
            headers.ContentSecurityPolicy = staff;
            headers.XFrameOptions = "DENY";
        }
        else if (path.StartsWithSegments("/phan-hoi"))
        {
            headers.ContentSecurityPolicy = publicPage;
        }
        else if (path.StartsWithSegments("/api") || path.StartsWithSegments(DirectLineEndpoints.BasePath) || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz"))
        {
            headers.ContentSecurityPolicy = api;
        }
        else
        {
            headers.ContentSecurityPolicy = resident;
        }
        return next(context);
    }

    /// <summary>wss://host of the configured public address, for stream URLs that name it rather than this request's host.</summary>
    private static string? SocketOrigin(string publicBaseUrl) =>
        Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? $"{(uri.Scheme == "https" ? "wss" : "ws")}://{uri.Authority}"
            : null;
}
