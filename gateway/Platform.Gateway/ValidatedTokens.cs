using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Longgang.Gateway;

/// <summary>
/// The bearer tokens the gateway has validated, so a client's next requests with the same token skip the signature
/// check, the parsing and the handler's per-request set-up: measured, the larger part of the gateway's own cost per
/// request (bench/README.md, "Profile: one request through the gateway").
/// <list type="bullet">
/// <item>Keyed by the token's SHA-256: a token changed in any byte (a tampered payload, another signature) is another
/// key and goes through the full validation; the tokens themselves are not the keys.</item>
/// <item>What depends on the token alone (signature, issuer, audience, algorithm, claims) is not checked again; what
/// depends on time is: every hit checks the lifetime again with the parameters' own validator, on the platform's
/// clock, so a token stops being accepted when it expires, cached or not.</item>
/// <item>With an identity provider, a hit counts only while its configuration (issuer, keys) is the one the token
/// was validated with: when the keys are fetched again (hourly, or for an unknown key id), every token is validated
/// afresh, so a withdrawn key stops being accepted as promptly as without the cache.</item>
/// <item>Only tokens that passed are kept, at most <see cref="Capacity"/>, each for its remaining lifetime but at most
/// an hour; each hit gets its own copy of the identity, so no request can change another's.</item>
/// </list>
/// </summary>
public sealed class ValidatedTokens : IDisposable
{
    /// <summary>How many validated tokens are kept (a token's claims, about 2 KB): several times the callers active in an hour.</summary>
    public const int Capacity = 20_000;

    private static readonly TimeSpan KeepAtMost = TimeSpan.FromHours(1);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>The identity of a token validated before, if it is still accepted now; null otherwise.</summary>
    public ClaimsPrincipal? Find(string key, TokenValidationParameters parameters, object? configuration, out AuthenticationProperties? properties)
    {
        properties = null;
        if (!_entries.TryGetValue(key, out Entry? entry) || !ReferenceEquals(entry!.Configuration, configuration)) return null;
        try
        {
            // the lifetime check the full validation runs (the parameters' validator: the platform's clock and skew)
            Validators.ValidateLifetime(entry.NotBefore?.UtcDateTime, entry.Expires.UtcDateTime, null!, parameters);
        }
        catch (SecurityTokenException)
        {
            _entries.Remove(key);
            return null;
        }
        properties = new AuthenticationProperties { IssuedUtc = entry.NotBefore, ExpiresUtc = entry.Expires };
        return new ClaimsPrincipal(entry.Principal.Identities.Select(identity => identity.Clone()));
    }

    public void Add(string key, ClaimsPrincipal principal, DateTimeOffset? notBefore, DateTimeOffset expires, object? configuration, DateTimeOffset now)
    {
        var left = expires - now;
        if (left <= TimeSpan.Zero) return;
        var copy = new ClaimsPrincipal(principal.Identities.Select(identity => identity.Clone()));
        _entries.Set(key, new Entry(copy, notBefore, expires, configuration),
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = left < KeepAtMost ? left : KeepAtMost });
    }

    /// <summary>The cache key of a token: its SHA-256.</summary>
    public static string Key(ReadOnlySpan<char> token)
    {
        var length = Encoding.UTF8.GetByteCount(token);
        var utf8 = length <= 4096 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(token, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8, hash);
        return Convert.ToBase64String(hash);
    }

    public void Dispose() => _entries.Dispose();

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset? NotBefore, DateTimeOffset Expires, object? Configuration);
}

/// <summary>
/// The platform's JWT bearer handler (every option and event as <c>AddPlatformAuthentication</c> configures them),
/// answering a token it has already validated from <see cref="ValidatedTokens"/>.
/// </summary>
public sealed class CachingJwtBearerHandler(IOptionsMonitor<JwtBearerOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ValidatedTokens validated, TimeProvider time) : JwtBearerHandler(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)) return await base.HandleAuthenticateAsync();
        var token = authorization.AsSpan(BearerPrefix.Length).Trim();
        if (token.IsEmpty) return await base.HandleAuthenticateAsync();
        var key = ValidatedTokens.Key(token);

        object? configuration;
        try
        {
            configuration = await CurrentConfigurationAsync();
        }
        catch (Exception)
        {
            // the provider's keys cannot be had: the full path reports that as it always has
            return await base.HandleAuthenticateAsync();
        }
        if (validated.Find(key, Options.TokenValidationParameters, configuration, out var properties) is { } principal)
            return AuthenticateResult.Success(new AuthenticationTicket(principal, properties, Scheme.Name));

        var result = await base.HandleAuthenticateAsync();
        // kept only when validated with the configuration it is filed under (not one replaced meanwhile)
        if (result.Succeeded && result.Properties.ExpiresUtc is { } expires && ReferenceEquals(configuration, await CurrentConfigurationAsync()))
            validated.Add(key, result.Principal, result.Properties.IssuedUtc, expires, configuration, time.GetUtcNow());
        return result;
    }

    /// <summary>The identity provider's configuration (cached by its manager, fetched again hourly), or null with a shared key.</summary>
    private async Task<object?> CurrentConfigurationAsync() =>
        Options.ConfigurationManager is { } manager ? await manager.GetConfigurationAsync(Context.RequestAborted) : null;
}

public static class ValidatedTokensExtensions
{
    /// <summary>Has the bearer scheme that <c>AddPlatformAuthentication</c> set up answer from <see cref="ValidatedTokens"/>.</summary>
    public static IServiceCollection AddValidatedTokenCache(this IServiceCollection services)
    {
        services.AddSingleton<ValidatedTokens>();
        // resolved per request: registered, so it is not made by reflection each time
        services.AddTransient<CachingJwtBearerHandler>();
        services.PostConfigure<AuthenticationOptions>(options =>
            options.SchemeMap[JwtBearerDefaults.AuthenticationScheme].HandlerType = typeof(CachingJwtBearerHandler));
        return services;
    }
}
