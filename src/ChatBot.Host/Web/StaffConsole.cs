using ChatBot.Feedback.Staff;
using ChatBot.Host.DirectLine;
using ChatBot.Host.Reports;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ChatBot.Host.Web;

/// <summary>The staff console's composition: sign-in cookie, pages under /staff, and the services behind them.</summary>
public static class StaffConsole
{
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddStaffConsole(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.LoginPath = "/staff/login";
            options.LogoutPath = "/staff/logout";
            options.AccessDeniedPath = "/staff/login";
            options.Cookie.Name = "chatbot-staff";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.Path = "/";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole(StaffRoles.Admin));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "chatbot-staff-csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Staff");
            options.Conventions.AllowAnonymousToPage("/Staff/Login");
            options.Conventions.AuthorizeFolder("/Staff/Admin", AdminPolicy);
        });
        services.AddSingleton<IResidentNotifier, DirectLineResidentNotifier>();
        services.AddSingleton<StaffDesk>();
        services.AddReports();
        return services;
    }

    /// <summary>
    /// Staff pages render residents' text: a strict content policy (no inline script, no other origins) is the
    /// second wall behind Razor's encoding, so an injected payload cannot run even if encoding were missed.
    /// </summary>
    public static WebApplication UseStaffConsole(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/staff") || path.StartsWithSegments("/phan-hoi"))
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
                headers.XFrameOptions = "DENY";
                headers.CacheControl = "no-store";
            }
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        return app;
    }
}
