using System.Security.Claims;
using Longgang.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Longgang.Platform.Tests;

/// <summary>What the platform's identity settings refuse or repair at start-up, before any token arrives.</summary>
public sealed class ProductionIdentityTests
{
    private const string Key = "a-signing-key-of-more-than-thirty-two-bytes";

    private static JwtSettings SharedKeySettings(string signingKey) => JwtSettings.From(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "issuer",
            ["Auth:Audience"] = "audience",
            ["Auth:SigningKey"] = signingKey,
        }).Build());

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task A_key_file_ending_in_a_newline_is_the_key_without_it(string newline)
    {
        // the Secret made with `kubectl create secret --from-file` from a file an editor ended with a newline
        var read = SharedKeySettings(Key + newline);
        // a token from an issuer holding the key itself
        var token = new JwtSettings("issuer", "audience", Key).IssueToken("clerk-1", PlatformRoles.Clerk, null, null,
            DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

        Assert.Equal(Key, read.SigningKey);
        Assert.True((await new JsonWebTokenHandler().ValidateTokenAsync(token, read.ValidationParameters(TimeProvider.System))).IsValid);
    }

    private static WebApplicationBuilder Builder(string environment, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, Args = [] });
        // CI's shifted-clock runs set Clock__Start, which Production refuses: these tests are about identity only
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("Clock:Start", (string?)"")]);
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        return builder;
    }

    private static readonly (string, string)[] SharedKey = [("Auth:Issuer", "issuer"), ("Auth:Audience", "audience"), ("Auth:SigningKey", Key)];

    [Fact]
    public void Production_refuses_to_start_with_shared_key_tokens()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder(Environments.Production, SharedKey).AddServiceDefaults());

        Assert.Contains("Jwt:Authority", error.Message);
        Assert.Contains("HS256", error.Message);
    }

    [Fact]
    public void Other_environments_start_with_shared_key_tokens() =>
        Builder(Environments.Staging, SharedKey).AddServiceDefaults().Build();

    [Fact]
    public void Production_starts_with_an_oidc_authority_and_no_signing_key() =>
        Builder(Environments.Production, ("Jwt:Authority", "https://sso.example.gov.cn/realms/longgang"), ("Jwt:Audience", "longgang-api"))
            .AddServiceDefaults().Build();

    [Fact]
    public void An_authority_without_an_audience_stops_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Builder(Environments.Production, ("Jwt:Authority", "https://sso.example.gov.cn/realms/longgang")).AddServiceDefaults());

        Assert.Contains("Jwt:Audience", error.Message);
    }

    [Fact]
    public void The_claim_map_takes_the_first_platform_role_and_replaces_unmapped_platform_claims()
    {
        var map = new ClaimMap("roles", "region", "dept");
        var identity = new ClaimsIdentity(
        [
            new Claim("sub", "u-1"), new Claim("roles", "offline_access"), new Claim("roles", PlatformRoles.Clerk),
            new Claim("roles", PlatformRoles.CityAdmin), new Claim("dept", "D1"), new Claim("region", "R1"),
            new Claim(PlatformClaims.Role, PlatformRoles.CityAdmin), new Claim(PlatformClaims.Department, "D2"),
        ], "Bearer");

        var caller = new ClaimsPrincipal(map.Apply(identity)).ToCaller();

        Assert.Equal(new Caller("u-1", PlatformRoles.Clerk, "R1", "D1"), caller);
    }
}
