namespace ChatBot.Host.DirectLine;

/// <summary>Section "DirectLine" of the configuration.</summary>
public sealed record DirectLineOptions
{
    /// <summary>The Direct Line secret (environment DirectLine__Secret); empty means a random one per process.</summary>
    public string Secret { get; init; } = "";

    /// <summary>Key that signs conversation tokens; set the same value on every host behind one address.</summary>
    public string SigningKey { get; init; } = "";

    /// <summary>
    /// Without <see cref="SigningKey"/>: a key is generated once and kept in this file (readable only by the
    /// service's user), so tokens of open chats stay valid across restarts. Relative to the content root.
    /// </summary>
    public string SigningKeyFile { get; init; } = "data/directline-signing.key";

    public int TokenLifetimeMinutes { get; init; } = 30;

    /// <summary>Public base URL (https://bot.example.gov.vn) for stream URLs; empty means the request's own.</summary>
    public string PublicBaseUrl { get; init; } = "";

    /// <summary>Web origins allowed to embed the widget; empty allows any (tokens carry no cookies).</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Largest activity accepted, in characters of JSON (Direct Line allows 256 K).</summary>
    public int MaxActivityChars { get; init; } = 262_144;

    public int ConversationIdleMinutes { get; init; } = 120;

    /// <summary>Activities kept per conversation; older ones are dropped from memory.</summary>
    public int MaxActivitiesPerConversation { get; init; } = 500;

    /// <summary>
    /// Benchmarks only: conversations whose user id starts with this prefix get a fixed reply without running the
    /// conversation logic, so the protocol's own cost can be measured on the same host. Empty (default) = off.
    /// </summary>
    public string BenchmarkNoOpUserPrefix { get; init; } = "";

    /// <summary>
    /// Tokens handed out by the public page endpoint, per client address per minute. Generous on purpose: mobile
    /// networks put many residents behind one address.
    /// </summary>
    public int PageTokensPerMinute { get; init; } = 120;
}
