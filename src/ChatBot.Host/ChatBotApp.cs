using ChatBot.Host.DirectLine;
using ChatBot.Host.Web;
using ChatBot.ServiceDefaults;

namespace ChatBot.Host;

/// <summary>The host's table of contents: configuration, services, middleware and endpoints.</summary>
public static class ChatBotApp
{
    /// <param name="configure">Lets tests and the benchmark override configuration before services are built.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var contentRoot = ContentRoot.Find();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Razor Pages are found in the application assembly: name the host's, or a test or benchmark that
            // starts it in-process would serve no pages.
            ApplicationName = typeof(ChatBotApp).Assembly.GetName().Name,
            ContentRootPath = contentRoot,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        configure?.Invoke(builder);

        // Transport security: forwarded headers from known proxies only, HSTS, content policy, no Server header.
        builder.AddWebSecurity();

        // Core: knowledge, conversation logic, question log, database.
        builder.Services.AddChatBotCore(builder.Configuration, contentRoot).AddChatBotBackgroundWork();

        // Direct Line: tokens, conversations, the protocol adapter, CORS for town websites.
        var directLine = builder.Configuration.GetSection("DirectLine").Get<DirectLineOptions>() ?? new DirectLineOptions();
        builder.Services.AddSingleton(directLine);
        builder.Services.AddSingleton<DirectLineTokens>();
        builder.Services.AddSingleton<ConversationRegistry>();
        builder.Services.AddSingleton<DirectLineBot>();
        builder.Services.AddHostedService<ConversationExpiry>();
        builder.Services.AddDirectLineCors(directLine);
        builder.Services.ConfigureHttpJsonOptions(o => DirectLineJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();

        // Staff console: sign-in, queue, reports; staff replies reach residents through Direct Line.
        builder.Services.AddStaffConsole();

        var app = builder.Build();

        app.UseWebSecurity();
        app.UseExceptionHandler();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.UseCors();
        app.UseRateLimiter();
        app.UsePrecompressedScripts();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseStaffConsole();

        app.MapDirectLine();
        app.MapHealth();
        app.MapOfficeDocuments();
        return app;
    }
}
