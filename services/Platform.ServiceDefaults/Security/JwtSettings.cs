using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Longgang.Platform.Security;

/// <summary>
/// The shared-key (HS256) token settings (section <c>Auth</c>) of the embedded host and development: issuer and
/// audience are always validated. Production takes tokens from an OIDC authority instead (<see cref="OidcSettings"/>).
/// </summary>
public sealed record JwtSettings(string Issuer, string Audience, string SigningKey)
{
    public const string Section = "Auth";

    public static JwtSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var settings = new JwtSettings(
            section.GetRequiredValue("Issuer"),
            section.GetRequiredValue("Audience"),
            // a key file made with `kubectl create secret --from-file` (or an editor) ends with a newline that was
            // never part of the key: kept, it would change the key and every token would be refused
            section.GetRequiredValue("SigningKey").TrimEnd('\r', '\n'));
        if (Encoding.UTF8.GetByteCount(settings.SigningKey) < 32)
            throw new InvalidOperationException("Configuration value 'Auth:SigningKey' must be at least 32 bytes (HS256).");
        return settings;
    }

    public SymmetricSecurityKey Key => new(Encoding.UTF8.GetBytes(SigningKey));

    /// <summary>What a token must satisfy; its lifetime is checked on <paramref name="clock"/>, the platform's.</summary>
    public TokenValidationParameters ValidationParameters(TimeProvider clock) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        // the library's defaults already refuse these; stated so that no later edit can quietly turn them off:
        // an unsigned ("alg": "none") token or one that never expires is refused, and only our algorithm is accepted
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = PlatformClaims.Subject,
        RoleClaimType = PlatformClaims.Role,
        ClockSkew = TokenLifetime.ClockSkew,
        LifetimeValidator = TokenLifetime.On(clock),
    };

    /// <summary>Signs a token for a role, district and department (development and tests only).</summary>
    public string IssueToken(string subject, string role, string? district, string? department, DateTimeOffset now, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new(PlatformClaims.Subject, subject), new(PlatformClaims.Role, role) };
        if (!string.IsNullOrEmpty(district)) claims.Add(new(PlatformClaims.District, district));
        if (!string.IsNullOrEmpty(department)) claims.Add(new(PlatformClaims.Department, department));
        var token = new JwtSecurityToken(Issuer, Audience, claims, now.UtcDateTime, (now + lifetime).UtcDateTime,
            new SigningCredentials(Key, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
