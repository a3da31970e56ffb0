using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Longgang.Platform.Security;

/// <summary>
/// Tokens from the city's OIDC provider (section <c>Jwt</c>): its discovery document at <c>Jwt:Authority</c> names the
/// issuer and the JWKS; RS256 or ES256; issuer and <c>Jwt:Audience</c> validated; claims mapped by <see cref="ClaimMap"/>.
/// </summary>
public sealed record OidcSettings(Uri Authority, string Audience, ClaimMap ClaimMap, TimeSpan KeyRefreshInterval)
{
    public const string Section = "Jwt";

    /// <summary>
    /// Fetching the JWKS again because a token names a key id the platform does not know waits at least this long
    /// after the last such fetch (the library's default), so forged key ids cannot flood the provider.
    /// </summary>
    public static readonly TimeSpan DefaultKeyRefreshInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The discovery document and JWKS are fetched again at least this often, whatever tokens arrive: a key the
    /// provider has withdrawn stops being accepted within this time.
    /// </summary>
    public static readonly TimeSpan MetadataRefreshInterval = TimeSpan.FromHours(1);

    /// <summary>The settings, or null when no <c>Jwt:Authority</c> is configured.</summary>
    public static OidcSettings? From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (string.IsNullOrWhiteSpace(section["Authority"])) return null;
        if (!Uri.TryCreate(section["Authority"], UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            throw new InvalidOperationException($"Configuration value '{Section}:Authority' must be the identity provider's issuer URL (https://...).");
        return new OidcSettings(authority, section.GetRequiredValue("Audience"), ClaimMap.From(section.GetSection("ClaimMap")),
            section.GetValue("KeyRefreshInterval", DefaultKeyRefreshInterval));
    }

    /// <summary>
    /// A key the provider withdraws is refused from the next JWKS fetch on. The library's "last known good"
    /// configuration would otherwise go on accepting it for an hour after the JWKS stopped listing it, and a withdrawn
    /// key may be a compromised one. (A fetch that fails keeps the current keys either way.)
    /// </summary>
    public static void RefuseWithdrawnKeys(JwtBearerOptions options)
    {
        if (options.ConfigurationManager is BaseConfigurationManager manager) manager.UseLastKnownGoodConfiguration = false;
    }

    public void Configure(JwtBearerOptions options, TimeProvider clock)
    {
        options.Authority = Authority.OriginalString;
        // plain HTTP only to a provider on this machine (tests, a local identity server): the keys must not be
        // fetched over a network anyone can tamper with
        options.RequireHttpsMetadata = !Authority.IsLoopback;
        options.RefreshOnIssuerKeyNotFound = true;
        options.RefreshInterval = KeyRefreshInterval;
        options.AutomaticRefreshInterval = MetadataRefreshInterval;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            // the issuer is the discovery document's (the handler adds it); the signing keys are the JWKS's
            ValidAudience = Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
            NameClaimType = PlatformClaims.Subject,
            RoleClaimType = PlatformClaims.Role,
            ClockSkew = TokenLifetime.ClockSkew,
            LifetimeValidator = TokenLifetime.On(clock),
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                    context.Principal = new System.Security.Claims.ClaimsPrincipal(ClaimMap.Apply(identity));
                return Task.CompletedTask;
            },
        };
    }
}
