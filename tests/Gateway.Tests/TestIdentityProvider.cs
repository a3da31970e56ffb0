using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Longgang.Gateway.Tests;

/// <summary>
/// An OIDC token issuer of our own on a loopback port, as the city's provider is seen by the platform: a discovery
/// document at <c>{issuer}/.well-known/openid-configuration</c>, the JWKS it names (which keys it holds can change
/// while it runs), and RS256 tokens signed with any key, published or not.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private const string Realm = "/realms/longgang";
    private readonly WebApplication _app;
    private volatile RsaSecurityKey[] _published = [];

    private TestIdentityProvider(WebApplication app) => _app = app;

    public string Issuer { get; private set; } = "";

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Staging", Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var provider = new TestIdentityProvider(app);
        app.MapGet(Realm + "/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Issuer,
            ["jwks_uri"] = provider.Issuer + "/protocol/openid-connect/certs",
            ["authorization_endpoint"] = provider.Issuer + "/protocol/openid-connect/auth",
            ["token_endpoint"] = provider.Issuer + "/protocol/openid-connect/token",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet(Realm + "/protocol/openid-connect/certs", () => Results.Json(new
        {
            keys = provider._published.Select(key =>
            {
                var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
                return new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                };
            }),
        }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = address.TrimEnd('/') + Realm;
        return provider;
    }

    public static RsaSecurityKey NewKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };

    /// <summary>Replaces the JWKS: these keys and no others.</summary>
    public void Publish(params RsaSecurityKey[] keys) => _published = keys;

    /// <summary>The clock tokens are stamped with: the platform's, which CI runs shifted to other years (Clock:Start).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>A token valid for five minutes, RS256-signed with <paramref name="key"/>.</summary>
    public string Sign(RsaSecurityKey key, IDictionary<string, object> claims, string audience, string? issuer = null)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
