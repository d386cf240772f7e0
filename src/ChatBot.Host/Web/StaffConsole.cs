using System.Text.Encodings.Web;
using System.Text.Unicode;
using ChatBot.Conversation;
using ChatBot.Conversation.Evaluation;
using ChatBot.Feedback.Staff;
using ChatBot.Feedback.Topics;
using ChatBot.Host.DirectLine;
using ChatBot.Host.Reports;
using ChatBot.Knowledge;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

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
            // The cookie's security stamp is compared with the account's on every request: sign-out, a password
            // reset, a role change or disabling the account ends every session at once.
            options.Events.OnValidatePrincipal = StaffSessions.ValidateAsync;
        });
        services.AddStaffSignInThrottling();
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole(StaffRoles.Admin));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "chatbot-staff-csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // Razor encodes every non-ASCII letter as an entity by default; Vietnamese pages should carry readable text.
        // Markup characters (<, >, &, quotes) are still encoded.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Staff");
            options.Conventions.AllowAnonymousToPage("/Staff/Login");
            options.Conventions.AuthorizeFolder("/Staff/Admin", AdminPolicy);
        });
        services.AddSingleton<IResidentNotifier, DirectLineResidentNotifier>();
        services.AddSingleton<StaffDesk>();
        services.AddSingleton<TopicGrouping>();
        services.AddSingleton<IUnansweredTopics>(sp => sp.GetRequiredService<TopicGrouping>());
        services.AddOptions<FeedbackUpkeepOptions>().BindConfiguration("Staff:Upkeep")
            .Validate(o => o.IsValid(), "Staff:Upkeep needs a positive GroupEvery and GroupLimit and retention periods of at least one day.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<FeedbackUpkeepOptions>>().Value);
        services.AddSingleton<FeedbackUpkeep>();
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var environment = sp.GetRequiredService<IWebHostEnvironment>();
            var evaluationSet = configuration["Staff:EvaluationSet"] is { Length: > 0 } path ? Path.GetFullPath(Path.Combine(environment.ContentRootPath, path)) : null;
            return new KnowledgeChangeReview(
                sp.GetRequiredService<TurnEngine>(),
                sp.GetRequiredService<KnowledgeBase>(),
                sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value,
                evaluationSet);
        });
        services.AddHostedService(sp => sp.GetRequiredService<FeedbackUpkeep>());
        services.AddReports();
        return services;
    }

    /// <summary>
    /// Staff pages render residents' text: the strict content policy (<see cref="SecurityHeaders"/>: no inline
    /// script, no other origins, never framed) is the second wall behind Razor's encoding.
    /// </summary>
    public static WebApplication UseStaffConsole(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/staff") || path.StartsWithSegments("/phan-hoi"))
            {
                var headers = context.Response.Headers;
                // The same values antiforgery sets, so it has nothing to override (and nothing to warn about).
                headers.CacheControl = "no-cache, no-store";
                headers.Pragma = "no-cache";
            }
            return next(context);
        });
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/staff") && !path.StartsWithSegments("/phan-hoi"))
            {
                await next(context).ConfigureAwait(false);
                return;
            }
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException ex) when (!context.Response.HasStarted)
            {
                // The database is down or locked: a clear page in Vietnamese and 503, so staff know to retry.
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ChatBot.Host.StaffConsole")
                    .LogError(ex, "A staff page failed because the database could not be used");
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "30";
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(Pages.StaffText.DatabaseDownPage).ConfigureAwait(false);
            }
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        return app;
    }
}
