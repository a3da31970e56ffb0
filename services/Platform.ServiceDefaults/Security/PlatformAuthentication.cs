using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Longgang.Platform.Security;

public static class PlatformAuthentication
{
    /// <summary>
    /// JWT bearer authentication: tokens of the OIDC authority when <c>Jwt:Authority</c> is set (production), otherwise
    /// HS256 tokens signed with <c>Auth:SigningKey</c>, which only the embedded host and development may use.
    /// </summary>
    public static WebApplicationBuilder AddPlatformAuthentication(this WebApplicationBuilder builder)
    {
        var oidc = OidcSettings.From(builder.Configuration);
        if (oidc is null && builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"Production takes tokens from the city's identity provider: set '{OidcSettings.Section}:Authority' (its OIDC issuer URL) " +
                $"and '{OidcSettings.Section}:Audience'. Shared-key (HS256) tokens with '{JwtSettings.Section}:SigningKey' are for " +
                "the embedded host and development only, in an environment other than Production.");
        }

        var sharedKey = oidc is null ? JwtSettings.From(builder.Configuration) : null;

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // a token's lifetime is checked on the platform's clock, the one tokens are issued on (/dev/token)
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((options, clock) =>
        {
            // claim names as the token has them: the platform reads "sub", "role", ... and the claim map names the provider's
            options.MapInboundClaims = false;
            if (oidc is not null) oidc.Configure(options, clock);
            else options.TokenValidationParameters = sharedKey!.ValidationParameters(clock);
        });
        // after the handler's own post-configuration, which makes the configuration manager from the options
        if (oidc is not null)
            builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, OidcSettings.RefuseWithdrawnKeys);
        builder.Services.AddAuthorization();
        return builder;
    }
}
