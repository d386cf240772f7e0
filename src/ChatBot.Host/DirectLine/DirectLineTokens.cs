using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Host.DirectLine;

public enum TokenStatus
{
    Valid,
    Missing,
    Invalid,
    Expired,
}

/// <summary>Who a bearer credential speaks for: the secret (any conversation) or one conversation's token.</summary>
public sealed record Caller(TokenStatus Status, bool IsSecret = false, string? ConversationId = null, string? UserId = null)
{
    public bool CanUse(string conversationId) => Status == TokenStatus.Valid && (IsSecret || ConversationId == conversationId);
}

/// <summary>
/// Issues and checks Direct Line tokens: HS256 JWTs scoped to one conversation and one user id (dl_…), so the
/// page never holds the secret and Web Chat reads the user id from the token as Direct Line intends.
/// </summary>
public sealed class DirectLineTokens
{
    private const string ConversationClaim = "conv";
    private const string UserClaim = "user";
    private const string Issuer = "chatbot-directline";
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SymmetricSecurityKey key;
    private readonly byte[] secretBytes;
    private readonly TimeProvider clock;
    private readonly TimeSpan lifetime;

    // Every post and poll presents the same token again; verifying its signature each time costs more than the
    // rest of the request. Verified tokens are remembered until they expire.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Expires)> verified = new(StringComparer.Ordinal);

    public DirectLineTokens(DirectLineOptions options, TimeProvider clock, IHostEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.clock = clock;
        lifetime = TimeSpan.FromMinutes(Math.Max(1, options.TokenLifetimeMinutes));
        Secret = options.Secret.Length > 0 ? options.Secret : RandomString(32);
        secretBytes = Encoding.UTF8.GetBytes(Secret);
        var signing = options.SigningKey.Length > 0 ? Encoding.UTF8.GetBytes(options.SigningKey)
            : environment is null ? RandomNumberGenerator.GetBytes(32)
            : LoadOrCreateKey(Path.IsPathRooted(options.SigningKeyFile) ? options.SigningKeyFile : Path.Combine(environment.ContentRootPath, options.SigningKeyFile));
        // HS256 needs at least 256 bits of key; a short configured key is stretched, not rejected.
        key = new SymmetricSecurityKey(signing.Length >= 32 ? signing : SHA256.HashData(signing));
    }

    public string Secret { get; }

    /// <summary>Reads the stored key, or writes a new random one readable and writable only by this user.</summary>
    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
        {
            var stored = Convert.FromBase64String(File.ReadAllText(path).Trim());
            if (stored.Length >= 32)
            {
                return stored;
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = RandomNumberGenerator.GetBytes(32);
        var temporary = path + ".new";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(temporary, options))
        {
            file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            file.Flush(flushToDisk: true);
        }
        // Two hosts starting at once on one folder: the first rename wins and both read its key.
        if (!File.Exists(path))
        {
            File.Move(temporary, path, overwrite: false);
        }
        else
        {
            File.Delete(temporary);
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }

    public int ExpiresInSeconds => (int)lifetime.TotalSeconds;

    public static string NewConversationId() => RandomString(22);

    public static string NewUserId() => "dl_" + RandomString(16).ToLowerInvariant();

    public string Issue(string conversationId, string userId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = now,
            NotBefore = now.AddSeconds(-5),
            Expires = now.Add(lifetime),
            Claims = new Dictionary<string, object> { [ConversationClaim] = conversationId, [UserClaim] = userId },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>True when the value is the Direct Line secret (compared in fixed time).</summary>
    public bool IsSecret(string? value) =>
        !string.IsNullOrEmpty(value) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value.Trim()), secretBytes);

    /// <summary>Reads "Authorization: Bearer …" (or a stream URL's t= value, where only a token is accepted).</summary>
    public async Task<Caller> CheckAsync(string? bearer)
    {
        if (string.IsNullOrWhiteSpace(bearer))
        {
            return new Caller(TokenStatus.Missing);
        }
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(bearer), secretBytes))
        {
            return new Caller(TokenStatus.Valid, IsSecret: true);
        }
        if (verified.TryGetValue(bearer, out var known))
        {
            if (known.Expires > clock.GetUtcNow())
            {
                return known.Caller;
            }
            verified.TryRemove(bearer, out _);
            return new Caller(TokenStatus.Expired);
        }
        var result = await handler.ValidateTokenAsync(bearer, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateAudience = false,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.Zero,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore <= now) && expires is not null && expires > now;
            },
        }).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return new Caller(result.Exception is SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException ? TokenStatus.Expired : TokenStatus.Invalid);
        }
        var conversation = result.Claims.TryGetValue(ConversationClaim, out var c) ? c as string : null;
        var user = result.Claims.TryGetValue(UserClaim, out var u) ? u as string : null;
        if (conversation is null || user is null)
        {
            return new Caller(TokenStatus.Invalid);
        }
        var caller = new Caller(TokenStatus.Valid, ConversationId: conversation, UserId: user);
        if (verified.Count > 100_000)
        {
            verified.Clear();
        }
        verified[bearer] = (caller, new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero));
        return caller;
    }

    private static string RandomString(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}
