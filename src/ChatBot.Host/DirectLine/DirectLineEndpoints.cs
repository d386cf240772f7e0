using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ChatBot.Host.DirectLine;

/// <summary>
/// A Direct Line 3.0–compatible API, enough for the official Web Chat widget and Direct Line clients:
/// tokens, conversations, activities with watermarks, and the WebSocket stream. Errors use the Direct Line
/// error shape and 4xx codes; GET activities never fails for a valid caller (Web Chat stops polling on a 5xx).
/// </summary>
public static class DirectLineEndpoints
{
    public const string BasePath = "/v3/directline";

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(BasePath).RequireCors(DirectLineCors.PolicyName).AddEndpointFilter(RefuseSecretInQueryAsync);
        group.MapPost("/tokens/generate", GenerateTokenAsync);
        group.MapPost("/tokens/refresh", RefreshTokenAsync);
        group.MapPost("/conversations", StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapPost("/conversations/{conversationId}/upload", UploadAsync);
        group.MapGet("/conversations/{conversationId}/stream", StreamAsync);

        // The page's way to a token: our own back end exchanges the secret, so the secret never reaches a browser.
        app.MapPost("/api/directline/token", PageTokenAsync).RequireRateLimiting(DirectLineCors.PageTokenLimit).RequireCors(DirectLineCors.PolicyName);
        return app;
    }

    /// <summary>
    /// The secret travels only in the Authorization header: in a URL (the stream's t=, or any other query value)
    /// proxies and access logs would keep it. Conversation tokens stay allowed in the stream URL, as Direct Line
    /// requires.
    /// </summary>
    private static async ValueTask<object?> RefuseSecretInQueryAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var tokens = invocation.HttpContext.RequestServices.GetRequiredService<DirectLineTokens>();
        foreach (var (_, values) in invocation.HttpContext.Request.Query)
        {
            foreach (var value in values)
            {
                var candidate = value?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true ? value[7..] : value;
                if (tokens.IsSecret(candidate))
                {
                    return Error(StatusCodes.Status400BadRequest, "BadArgument", "The Direct Line secret is accepted only in the 'Authorization: Bearer' header, never in the URL; exchange it for a token and put the token in the stream URL.");
                }
            }
        }
        return await next(invocation).ConfigureAwait(false);
    }

    private static async Task<IResult> GenerateTokenAsync(HttpContext context, DirectLineTokens tokens, ConversationRegistry registry)
    {
        var caller = await CallerAsync(context, tokens).ConfigureAwait(false);
        if (!caller.IsSecret)
        {
            return caller.Status == TokenStatus.Valid
                ? Error(StatusCodes.Status403Forbidden, "Forbidden", "Generating a token requires the Direct Line secret.")
                : Unauthorized(caller);
        }
        var (parameters, error) = await ReadOptionalAsync<TokenParameters>(context).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }
        return Results.Ok(NewConversation(tokens, registry, parameters?.User?.Id));
    }

    private static Task<IResult> PageTokenAsync(DirectLineTokens tokens, ConversationRegistry registry) =>
        Task.FromResult<IResult>(Results.Ok(NewConversation(tokens, registry, requestedUser: null)));

    private static ConversationResponse NewConversation(DirectLineTokens tokens, ConversationRegistry registry, string? requestedUser)
    {
        var conversationId = DirectLineTokens.NewConversationId();
        var userId = requestedUser is { Length: > 3 and <= 64 } id && id.StartsWith("dl_", StringComparison.Ordinal) ? id : DirectLineTokens.NewUserId();
        registry.GetOrCreate(conversationId, userId);
        return new ConversationResponse(conversationId, tokens.Issue(conversationId, userId), tokens.ExpiresInSeconds, null);
    }

    private static async Task<IResult> RefreshTokenAsync(HttpContext context, DirectLineTokens tokens)
    {
        var caller = await CallerAsync(context, tokens).ConfigureAwait(false);
        if (caller.Status != TokenStatus.Valid)
        {
            return Unauthorized(caller);
        }
        if (caller.IsSecret)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "Only a token can be refreshed; the secret does not expire.");
        }
        return Results.Ok(new ConversationResponse(caller.ConversationId!, tokens.Issue(caller.ConversationId!, caller.UserId!), tokens.ExpiresInSeconds, null));
    }

    private static async Task<IResult> StartConversationAsync(HttpContext context, DirectLineTokens tokens, ConversationRegistry registry, DirectLineBot bot, DirectLineOptions options)
    {
        var caller = await CallerAsync(context, tokens).ConfigureAwait(false);
        if (caller.Status != TokenStatus.Valid)
        {
            return Unauthorized(caller);
        }
        var (parameters, error) = await ReadOptionalAsync<TokenParameters>(context).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }
        DirectLineConversation conversation;
        string token;
        if (caller.IsSecret)
        {
            var created = NewConversation(tokens, registry, parameters?.User?.Id);
            conversation = registry.Find(created.ConversationId)!;
            token = created.Token;
        }
        else
        {
            conversation = registry.GetOrCreate(caller.ConversationId!, caller.UserId!);
            token = tokens.Issue(conversation.Id, conversation.UserId);
        }
        var started = conversation.TryStart();
        if (started)
        {
            conversation.PublicBaseUrl = PublicBase(context, options);
            bot.Greet(conversation);
        }
        var body = new ConversationResponse(conversation.Id, token, tokens.ExpiresInSeconds, StreamUrl(context, options, conversation.Id, token, null));
        return started ? Results.Json(body, statusCode: StatusCodes.Status201Created) : Results.Ok(body);
    }

    private static async Task<IResult> ReconnectAsync(HttpContext context, string conversationId, DirectLineTokens tokens, ConversationRegistry registry, DirectLineOptions options)
    {
        var (conversation, failure) = await AuthorizeAsync(context, conversationId, tokens, registry).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        if (!TryParseWatermark(context, out var watermark))
        {
            return BadWatermark();
        }
        var token = tokens.Issue(conversation!.Id, conversation.UserId);
        return Results.Ok(new ConversationResponse(conversation.Id, token, tokens.ExpiresInSeconds, StreamUrl(context, options, conversation.Id, token, watermark)));
    }

    private static async Task<IResult> GetActivitiesAsync(HttpContext context, string conversationId, DirectLineTokens tokens, ConversationRegistry registry)
    {
        var (conversation, failure) = await AuthorizeAsync(context, conversationId, tokens, registry).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        if (!TryParseWatermark(context, out var watermark))
        {
            return BadWatermark();
        }
        return Results.Ok(conversation!.Since(watermark));
    }

    private static async Task<IResult> PostActivityAsync(HttpContext context, string conversationId, DirectLineTokens tokens, ConversationRegistry registry, DirectLineBot bot, DirectLineOptions options)
    {
        var (conversation, failure) = await AuthorizeAsync(context, conversationId, tokens, registry).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        if (!IsJson(context.Request))
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, "BadArgument", "Send the activity as application/json.");
        }
        var (text, tooLarge) = await ReadBodyAsync(context.Request, options.MaxActivityChars).ConfigureAwait(false);
        if (tooLarge)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"An activity may be at most {options.MaxActivityChars} characters of JSON.");
        }
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(text, DirectLineJson.Options);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", $"The body is not a valid activity: {ex.Message}");
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return Error(StatusCodes.Status400BadRequest, "MissingProperty", "The activity needs a 'type' (for example \"message\").");
        }
        if (conversation!.TryStart())
        {
            conversation.PublicBaseUrl = PublicBase(context, options);
            bot.Greet(conversation);
        }
        // Direct Line overwrites the sender with the token's user; the role keeps Web Chat showing it as the resident's own.
        activity.From = new ChannelAccount { Id = conversation.UserId, Name = activity.From?.Name, Role = "user" };
        activity.Recipient = DirectLineBot.BotAccount;
        var (stored, duplicate) = conversation.AppendFromUser(activity);
        if (!duplicate)
        {
            await bot.HandleAsync(conversation, stored).ConfigureAwait(false);
        }
        return Results.Ok(new ResourceResponse(stored.Id!));
    }

    private static async Task<IResult> UploadAsync(HttpContext context, string conversationId, DirectLineTokens tokens, ConversationRegistry registry)
    {
        var (_, failure) = await AuthorizeAsync(context, conversationId, tokens, registry).ConfigureAwait(false);
        return failure ?? Error(StatusCodes.Status400BadRequest, "NotSupported", "This bot does not accept file uploads; please type the question.");
    }

    private static async Task StreamAsync(HttpContext context, string conversationId, DirectLineTokens tokens, ConversationRegistry registry, DirectLineOptions options)
    {
        var caller = await tokens.CheckAsync(context.Request.Query["t"].ToString()).ConfigureAwait(false);
        var watermarkValid = TryParseWatermark(context, out var watermark);
        var failure = caller.IsSecret ? Error(StatusCodes.Status400BadRequest, "BadArgument", "The stream URL takes a conversation token, never the Direct Line secret.")
            : caller.Status != TokenStatus.Valid ? Unauthorized(caller)
            : !caller.CanUse(conversationId) ? Error(StatusCodes.Status403Forbidden, "Forbidden", "This token belongs to another conversation.")
            : registry.Find(conversationId) is null ? Error(StatusCodes.Status404NotFound, "BadArgument", "Unknown conversation.")
            : !context.WebSockets.IsWebSocketRequest ? Error(StatusCodes.Status400BadRequest, "BadArgument", "The stream URL needs a WebSocket upgrade.")
            : !DirectLineCors.IsAllowedOrigin(options, context.Request.Headers.Origin.ToString()) ? Error(StatusCodes.Status403Forbidden, "Forbidden", "This origin may not open the stream.")
            : !watermarkValid ? BadWatermark()
            : null;
        if (failure is not null)
        {
            await failure.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        var conversation = registry.Find(conversationId)!;
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var stream = conversation.Subscribe(watermark);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var receiving = DrainIncomingAsync(socket, done);
        try
        {
            await foreach (var set in stream.Reader.ReadAllAsync(done.Token).ConfigureAwait(false))
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(set, DirectLineJson.Options);
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, done.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away; Direct Line clients reconnect with their watermark.
        }
        finally
        {
            conversation.Unsubscribe(stream);
            // Send the close frame first and let the reader take the client's answer: cancelling a pending receive
            // would abort the socket, and the client would see a reset instead of a close (host stopping, a
            // conversation expired, a reader that fell behind).
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closed", closing.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
                {
                }
            }
            await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
            await done.CancelAsync().ConfigureAwait(false);
            await receiving.ConfigureAwait(false);
        }
    }

    /// <summary>Reads (and ignores) what the client sends — Direct Line clients send only empty keep-alives.</summary>
    private static async Task DrainIncomingAsync(WebSocket socket, CancellationTokenSource done)
    {
        var buffer = new byte[1024];
        try
        {
            while (!done.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, done.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        await done.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>The address residents reach this host at: configured, or the one the request came in on.</summary>
    private static string PublicBase(HttpContext context, DirectLineOptions options) =>
        options.PublicBaseUrl.Length > 0 ? options.PublicBaseUrl.TrimEnd('/') : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    private static string StreamUrl(HttpContext context, DirectLineOptions options, string conversationId, string token, long? watermark)
    {
        var baseUrl = PublicBase(context, options);
        var socketBase = baseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + baseUrl[8..]
            : baseUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "ws://" + baseUrl[7..]
            : baseUrl;
        var url = $"{socketBase}{BasePath}/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return watermark is { } w ? url + "&watermark=" + w.ToString(CultureInfo.InvariantCulture) : url;
    }

    private static async Task<Caller> CallerAsync(HttpContext context, DirectLineTokens tokens)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var bearer = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        return await tokens.CheckAsync(bearer).ConfigureAwait(false);
    }

    private static async Task<(DirectLineConversation? Conversation, IResult? Failure)> AuthorizeAsync(HttpContext context, string conversationId, DirectLineTokens tokens, ConversationRegistry registry)
    {
        var caller = await CallerAsync(context, tokens).ConfigureAwait(false);
        if (caller.Status != TokenStatus.Valid)
        {
            return (null, Unauthorized(caller));
        }
        if (!caller.CanUse(conversationId))
        {
            return (null, Error(StatusCodes.Status403Forbidden, "Forbidden", "This token belongs to another conversation."));
        }
        var conversation = registry.Find(conversationId);
        if (conversation is null && !caller.IsSecret)
        {
            // A valid token whose conversation this host no longer holds (restart, expiry): start it afresh.
            conversation = registry.GetOrCreate(caller.ConversationId!, caller.UserId!);
        }
        return conversation is null
            ? (null, Error(StatusCodes.Status404NotFound, "BadArgument", "Unknown conversation."))
            : (conversation, null);
    }

    private static IResult Unauthorized(Caller caller) => caller.Status switch
    {
        TokenStatus.Missing => Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Send 'Authorization: Bearer <secret or token>'."),
        TokenStatus.Expired => Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired; get a new one."),
        _ => Error(StatusCodes.Status403Forbidden, "Forbidden", "The secret or token is not valid."),
    };

    private static bool TryParseWatermark(HttpContext context, out long? watermark)
    {
        var text = context.Request.Query["watermark"].ToString();
        watermark = null;
        if (text.Length == 0 || text == "null")
        {
            return true;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            watermark = value;
            return true;
        }
        return false;
    }

    private static IResult BadWatermark() => Error(StatusCodes.Status400BadRequest, "BadArgument", "The watermark must be the value this service returned.");

    private static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    private static async Task<(string Text, bool TooLarge)> ReadBodyAsync(HttpRequest request, int maxChars)
    {
        if (request.ContentLength > (long)maxChars * 4)
        {
            return ("", true);
        }
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[Math.Min(maxChars + 1, 64 * 1024)];
        var builder = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            builder.Append(buffer, 0, read);
            if (builder.Length > maxChars)
            {
                return ("", true);
            }
        }
        return (builder.ToString(), false);
    }

    private static async Task<(T? Value, IResult? Error)> ReadOptionalAsync<T>(HttpContext context)
        where T : class
    {
        if (context.Request.ContentLength == 0 || !IsJson(context.Request))
        {
            return (null, null);
        }
        var (text, tooLarge) = await ReadBodyAsync(context.Request, 16 * 1024).ConfigureAwait(false);
        if (tooLarge)
        {
            return (null, Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", "The body is too large."));
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }
        try
        {
            return (JsonSerializer.Deserialize<T>(text, DirectLineJson.Options), null);
        }
        catch (JsonException ex)
        {
            return (null, Error(StatusCodes.Status400BadRequest, "BadArgument", $"The body is not valid JSON: {ex.Message}"));
        }
    }

    public static IResult Error(int status, string code, string message) =>
        Results.Json(new ErrorBody(new ErrorDetail(code, message)), DirectLineJson.Options, statusCode: status);
}
