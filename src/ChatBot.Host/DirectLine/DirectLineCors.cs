using System.Threading.RateLimiting;

namespace ChatBot.Host.DirectLine;

/// <summary>Cross-origin rules for town websites that embed the widget, and the page-token rate limit.</summary>
public static class DirectLineCors
{
    public const string PolicyName = "directline";
    public const string PageTokenLimit = "page-token";

    /// <summary>Web Chat's preflight asks for all of these; missing X-Requested-With breaks the first call.</summary>
    private static readonly string[] AllowedHeaders = ["authorization", "content-type", "x-ms-bot-agent", "x-requested-with", "accept"];

    public static IServiceCollection AddDirectLineCors(this IServiceCollection services, DirectLineOptions options)
    {
        services.AddCors(cors => cors.AddPolicy(PolicyName, policy =>
        {
            policy.WithHeaders(AllowedHeaders).WithMethods("GET", "POST", "OPTIONS");
            if (options.AllowedOrigins.Count == 0)
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. options.AllowedOrigins]);
            }
        }));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PageTokenLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PageTokensPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    public static bool IsAllowedOrigin(DirectLineOptions options, string origin) =>
        options.AllowedOrigins.Count == 0 || origin.Length == 0 || options.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);
}
