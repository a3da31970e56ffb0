using System.Net;
using System.Net.Http.Headers;
using Longgang.Platform;
using Longgang.Platform.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Longgang.Gateway.Tests;

/// <summary>The embedded platform taking tokens from an OIDC provider (Jwt:Authority) with the provider's claim names.</summary>
public sealed class OidcPlatformFixture : IAsyncLifetime
{
    public const string Audience = "longgang-api";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "oidc-tests-" + Guid.NewGuid().ToString("N"));

    public TestIdentityProvider Provider { get; private set; } = null!;
    public EmbeddedPlatform Platform { get; private set; } = null!;

    /// <summary>Published for the whole run.</summary>
    public RsaSecurityKey StableKey { get; } = TestIdentityProvider.NewKey("stable");

    /// <summary>Published at the start, withdrawn by the rotation test.</summary>
    public RsaSecurityKey RetiringKey { get; } = TestIdentityProvider.NewKey("retiring");

    public async ValueTask InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync();
        Provider.Publish(StableKey, RetiringKey);
        Platform = await EmbeddedPlatform.StartAsync(new Dictionary<string, string?>
        {
            ["Jwt:Authority"] = Provider.Issuer,
            ["Jwt:Audience"] = Audience,
            // a provider in the style of Keycloak: roles in a list, the department and district under names of its own
            ["Jwt:ClaimMap:Role"] = "roles",
            ["Jwt:ClaimMap:Department"] = "dept",
            ["Jwt:ClaimMap:District"] = "region",
            // a rotated-in key is fetched at most a second after the previous fetch (the default's 5 minutes would stall the test)
            ["Jwt:KeyRefreshInterval"] = "00:00:01",
            ["Storage:DataDirectory"] = _dataDirectory,
            ["Embedded:HttpPort"] = "0",
            ["Embedded:GrpcPort"] = "0",
        });
        Provider.Clock = Platform.Services.GetRequiredService<TimeProvider>();
    }

    public async ValueTask DisposeAsync()
    {
        if (Platform is not null) await Platform.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// Production identity: tokens of a real OIDC-conforming issuer (discovery, JWKS, RS256), checked by the gateway and by
/// the service behind it; the provider's claims become the platform's; keys rotate without a restart.
/// </summary>
public sealed class OidcTests(OidcPlatformFixture fixture) : IClassFixture<OidcPlatformFixture>
{
    private static readonly string Department = ReferenceData.Departments[0].Code;
    private static readonly string OtherDepartment = ReferenceData.Departments[1].Code;
    private static readonly string District = ReferenceData.DistrictCodes[0];
    private static readonly string OtherDistrict = ReferenceData.DistrictCodes[1];

    public enum Target { Gateway, Service }

    /// <summary>A supervisor's figures: allowed for the department the token names, refused for any other.</summary>
    private static string Report(string department) => $"/api/approvals/v1/reports/performance?fromDate=2026-01-01&toDate=2026-01-31&departmentCode={department}";

    private static Dictionary<string, object> Supervisor() => new()
    {
        ["sub"] = "oidc-supervisor-1",
        ["roles"] = new List<string> { "offline_access", "uma_authorization", PlatformRoles.Supervisor },
        ["dept"] = Department,
    };

    [Theory]
    [InlineData(Target.Gateway)]
    [InlineData(Target.Service)]
    public async Task The_providers_role_and_department_claims_become_the_platforms(Target target)
    {
        var token = fixture.Provider.Sign(fixture.StableKey, Supervisor(), OidcPlatformFixture.Audience);

        using var own = await GetAsync(target, Report(Department), token);
        using var other = await GetAsync(target, Report(OtherDepartment), token);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        // refused because the token's department (from "dept") is another one: the service read the mapped claim
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task The_providers_district_claim_becomes_the_platforms()
    {
        var token = fixture.Provider.Sign(fixture.StableKey, new Dictionary<string, object>
        {
            ["sub"] = "oidc-district-admin-1",
            ["roles"] = new List<string> { PlatformRoles.DistrictAdmin },
            ["region"] = District,
        }, OidcPlatformFixture.Audience);
        string Report(string district) => $"/api/approvals/v1/reports/performance?fromDate=2026-01-01&toDate=2026-01-31&districtCode={district}";

        using var own = await GetAsync(Target.Gateway, Report(District), token);
        using var other = await GetAsync(Target.Gateway, Report(OtherDistrict), token);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task A_platform_claim_the_map_does_not_name_is_ignored()
    {
        // the map says roles come from "roles": a "role" claim beside it does not make the caller a city administrator
        var claims = Supervisor();
        claims["role"] = PlatformRoles.CityAdmin;
        var token = fixture.Provider.Sign(fixture.StableKey, claims, OidcPlatformFixture.Audience);

        using var other = await GetAsync(Target.Gateway, Report(OtherDepartment), token);

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Theory]
    [InlineData(Target.Gateway, "unknown key")]
    [InlineData(Target.Service, "unknown key")]
    [InlineData(Target.Gateway, "wrong issuer")]
    [InlineData(Target.Service, "wrong issuer")]
    [InlineData(Target.Gateway, "wrong audience")]
    [InlineData(Target.Service, "wrong audience")]
    public async Task A_token_the_provider_did_not_issue_for_the_platform_is_401(Target target, string flaw)
    {
        var token = flaw switch
        {
            // a key of the attacker's own, under the key id of a published one
            "unknown key" => fixture.Provider.Sign(TestIdentityProvider.NewKey("stable"), Supervisor(), OidcPlatformFixture.Audience),
            "wrong issuer" => fixture.Provider.Sign(fixture.StableKey, Supervisor(), OidcPlatformFixture.Audience, issuer: "http://127.0.0.1:1/realms/other"),
            "wrong audience" => fixture.Provider.Sign(fixture.StableKey, Supervisor(), "another-application"),
            _ => throw new ArgumentOutOfRangeException(nameof(flaw)),
        };

        using var response = await GetAsync(target, Report(Department), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_key_rotated_in_is_accepted_and_a_withdrawn_one_refused_without_a_restart()
    {
        var rotatedIn = TestIdentityProvider.NewKey("rotated-in");
        var withRetiring = fixture.Provider.Sign(fixture.RetiringKey, Supervisor(), OidcPlatformFixture.Audience);
        var withRotatedIn = fixture.Provider.Sign(rotatedIn, Supervisor(), OidcPlatformFixture.Audience);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(withRetiring));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(withRotatedIn)); // not published yet

        // the provider publishes the new key and signs with it: its key id is unknown, so the JWKS is fetched again
        fixture.Provider.Publish(fixture.StableKey, fixture.RetiringKey, rotatedIn);
        await EventuallyAsync(withRotatedIn, HttpStatusCode.OK);

        // the provider withdraws the old key: the next fetch (here prompted by a token with an unknown key id)
        // drops it, and its tokens are refused from then on
        fixture.Provider.Publish(fixture.StableKey, rotatedIn);
        var unknown = fixture.Provider.Sign(TestIdentityProvider.NewKey("never-published"), Supervisor(), OidcPlatformFixture.Audience);
        await EventuallyAsync(withRetiring, HttpStatusCode.Unauthorized, before: () => StatusAsync(unknown));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(withRotatedIn));
    }

    private async Task<HttpStatusCode> StatusAsync(string token)
    {
        using var response = await GetAsync(Target.Gateway, Report(Department), token);
        return response.StatusCode;
    }

    /// <summary>Retries for up to 15 s: the JWKS is fetched again at most once a second, in the background.</summary>
    private async Task EventuallyAsync(string token, HttpStatusCode expected, Func<Task>? before = null)
    {
        var last = default(HttpStatusCode);
        for (var attempt = 0; attempt < 60; attempt++)
        {
            if (before is not null) await before();
            last = await StatusAsync(token);
            if (last == expected) return;
            await Task.Delay(250);
        }
        Assert.Equal(expected, last);
    }

    private async Task<HttpResponseMessage> GetAsync(Target target, string path, string token)
    {
        var address = target == Target.Gateway
            ? fixture.Platform.GatewayHttpAddress
            : fixture.Platform.GatewayServices.GetRequiredService<IReadOnlyList<DownstreamService>>().Single(s => s.Name == "approvals").HttpAddress;
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
