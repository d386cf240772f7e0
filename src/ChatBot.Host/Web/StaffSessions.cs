using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using ChatBot.Feedback.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Web;

/// <summary>Server-side control of staff sessions: the security stamp checked on each request.</summary>
public static class StaffSessions
{
    public const string StampClaim = "security_stamp";

    /// <summary>
    /// Rejects a cookie whose stamp or role no longer matches the account (or whose account is gone or disabled).
    /// One primary-key read per staff request, so a revocation takes effect on the very next request.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var name = principal?.Identity?.Name;
        var stamp = principal?.FindFirst(StampClaim)?.Value;
        var store = context.HttpContext.RequestServices.GetRequiredService<IStaffStore>();
        var account = name is null ? null : await store.FindAccountAsync(name, context.HttpContext.RequestAborted);
        var valid = account is { Disabled: false, SecurityStamp.Length: > 0 }
            && stamp is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stamp), Encoding.UTF8.GetBytes(account.SecurityStamp))
            && principal!.FindFirst(ClaimTypes.Role)?.Value == account.Role;
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}

/// <summary>
/// Sign-in throttling with ASP.NET Core rate limiting: per client address on the form post (a limiter policy on
/// the login page) and per user name (a partitioned limiter the login page asks), both beside the lockout.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string PerAddressPolicy = "staff-sign-in";

    private readonly PartitionedRateLimiter<string> perAccount;

    public SignInThrottle(IOptions<StaffSignInOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = options.Value.PerAccountPerMinute;
        perAccount = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetFixedWindowLimiter(
            user, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>False when this user name has had too many sign-in attempts in the current minute.</summary>
    public bool TryAttempt(string userName)
    {
        using var lease = perAccount.AttemptAcquire(StaffSignIn.Normalize(userName));
        return lease.IsAcquired;
    }

    public void Dispose() => perAccount.Dispose();
}

public static class SignInThrottling
{
    public static IServiceCollection AddStaffSignInThrottling(this IServiceCollection services)
    {
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Quá nhiều yêu cầu từ địa chỉ này; vui lòng thử lại sau một phút.", cancellationToken);
            };
            // Keyed on the client address after forwarded headers from known proxies, so residents or staff
            // behind one TLS proxy are not counted as one client. Only form posts count; showing the form does not.
            limiter.AddPolicy(SignInThrottle.PerAddressPolicy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("get");
                }
                var limit = context.RequestServices.GetRequiredService<IOptions<StaffSignInOptions>>().Value.PerAddressPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }
}
