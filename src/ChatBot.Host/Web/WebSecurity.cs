using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Web;

/// <summary>Section "ReverseProxy": the proxies whose X-Forwarded-For / X-Forwarded-Proto headers are believed.</summary>
public sealed record ReverseProxyOptions
{
    /// <summary>Addresses of the TLS proxies in front of the host ("10.0.0.5"); empty = trust no forwarded headers.</summary>
    public IReadOnlyList<string> KnownProxies { get; init; } = [];

    /// <summary>Networks of such proxies in CIDR form ("10.0.0.0/24").</summary>
    public IReadOnlyList<string> KnownNetworks { get; init; } = [];

    public bool IsValid() =>
        KnownProxies.All(p => IPAddress.TryParse(p, out _)) && KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _));
}

/// <summary>Section "Security": response headers that depend on the deployment.</summary>
public sealed record SecurityOptions
{
    /// <summary>
    /// Sites allowed to show the host's pages in a frame (CSP frame-ancestors), as origins such as
    /// "https://phuongmau.gov.vn"; empty = this host only ('self'). The staff console is never framed.
    /// </summary>
    public IReadOnlyList<string> FrameAncestors { get; init; } = [];

    /// <summary>Strict-Transport-Security max-age, sent on HTTPS requests (directly or through a known proxy).</summary>
    public int HstsMaxAgeDays { get; init; } = 365;

    public bool IsValid() =>
        HstsMaxAgeDays >= 0 && FrameAncestors.All(origin =>
            Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.PathAndQuery == "/" && !origin.Contains(';', StringComparison.Ordinal) && !origin.Contains(' ', StringComparison.Ordinal));
}

/// <summary>
/// Transport security for a host that usually sits behind a TLS proxy: forwarded headers from configured
/// proxies only (so cookies get Secure, HSTS is sent and rate limits see the resident's real address), no Server
/// header, and the content policy on every response.
/// </summary>
public static class WebSecurity
{
    public static WebApplicationBuilder AddWebSecurity(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var services = builder.Services;
        services.AddOptions<ReverseProxyOptions>().BindConfiguration("ReverseProxy")
            .Validate(o => o.IsValid(), "ReverseProxy:KnownProxies must be IP addresses and ReverseProxy:KnownNetworks CIDR networks.")
            .ValidateOnStart();
        services.AddOptions<SecurityOptions>().BindConfiguration("Security")
            .Validate(o => o.IsValid(), "Security:FrameAncestors must be origins such as https://phuongmau.gov.vn, and Security:HstsMaxAgeDays not negative.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here nothing is trusted unless configured.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var address in proxy.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(address));
            }
            foreach (var network in proxy.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddOptions<HstsOptions>().Configure<IOptions<SecurityOptions>>((hsts, security) => hsts.MaxAge = TimeSpan.FromDays(security.Value.HstsMaxAgeDays));
        services.AddSingleton<SecurityHeaders>();
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the original scheme and client address.</summary>
    public static WebApplication UseWebSecurity(this WebApplication app)
    {
        // With both lists empty the middleware would believe every sender, so without configured proxies it is left out.
        var proxy = app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value;
        if (proxy.KnownProxies.Count > 0 || proxy.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        app.UseHsts();
        app.UseMiddleware<SecurityHeaders>();
        return app;
    }
}
