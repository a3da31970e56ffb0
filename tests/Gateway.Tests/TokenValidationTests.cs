using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Longgang.Approvals.Contracts.V1;
using Longgang.Platform;
using Longgang.Platform.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Longgang.Gateway.Tests;

/// <summary>Tokens the platform must refuse, over REST and gRPC, at the gateway ("authenticated" policy).</summary>
[Collection(PlatformCollection.Name)]
public sealed class TokenValidationTests(PlatformFixture fixture)
{
    [Theory]
    [InlineData("expired")]
    [InlineData("wrong issuer")]
    [InlineData("wrong audience")]
    [InlineData("signed with another key")]
    [InlineData("payload changed after signing")]
    [InlineData("alg none")]
    [InlineData("no expiry")]
    public async Task Bad_token_is_401_problem_over_rest_and_unauthenticated_over_grpc(string flaw)
    {
        var token = BadToken(flaw);
        using var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        using var response = await client.GetAsync("/api/approvals/v1/matters");

        using var problem = await ProblemAssert.IsSafeProblemAsync(response, HttpStatusCode.Unauthorized,
            ProblemAssert.DownstreamAddresses(fixture.Platform.GatewayServices));
        using var channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpcAddress);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await new ApprovalsService.ApprovalsServiceClient(channel)
            .ListMattersAsync(new ListMattersRequest(), new Metadata { { "Authorization", "Bearer " + token } }));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task The_same_claims_properly_signed_are_accepted()
    {
        // the control for the theory: only the flaw makes those tokens fail
        using var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Settings.IssueToken("token-tests", PlatformRoles.CityAdmin, null, null,
            fixture.Now, TimeSpan.FromMinutes(5)));

        using var response = await client.GetAsync("/api/approvals/v1/matters");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private JwtSettings Settings => JwtSettings.From(fixture.Platform.GatewayServices.GetRequiredService<IConfiguration>());

    private string BadToken(string flaw)
    {
        var settings = Settings;
        var now = fixture.Now;
        var fiveMinutes = TimeSpan.FromMinutes(5);
        const string subject = "intruder";
        const string role = PlatformRoles.CityAdmin;
        return flaw switch
        {
            // well past the 30 s clock skew allowed
            "expired" => settings.IssueToken(subject, role, null, null, now.AddHours(-2), TimeSpan.FromHours(1)),
            "wrong issuer" => (settings with { Issuer = "someone-else" }).IssueToken(subject, role, null, null, now, fiveMinutes),
            "wrong audience" => (settings with { Audience = "another-api" }).IssueToken(subject, role, null, null, now, fiveMinutes),
            "signed with another key" => (settings with { SigningKey = new string('k', 48) }).IssueToken(subject, role, null, null, now, fiveMinutes),
            "payload changed after signing" => WithPayload(settings.IssueToken(subject, PlatformRoles.Citizen, null, null, now, fiveMinutes),
                payload => payload.Replace($"\"{PlatformRoles.Citizen}\"", $"\"{role}\"", StringComparison.Ordinal)),
            "alg none" => Unsigned(settings, subject, role, now),
            "no expiry" => new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(settings.Issuer, settings.Audience,
                [new Claim(PlatformClaims.Subject, subject), new Claim(PlatformClaims.Role, role)], now.UtcDateTime, expires: null,
                new SigningCredentials(settings.Key, SecurityAlgorithms.HmacSha256))),
            _ => throw new ArgumentOutOfRangeException(nameof(flaw)),
        };
    }

    /// <summary>A token that is valid in every respect except that it is not signed at all.</summary>
    private static string Unsigned(JwtSettings settings, string subject, string role, DateTimeOffset now)
    {
        var header = new { alg = "none", typ = "JWT" };
        var payload = new Dictionary<string, object>
        {
            ["iss"] = settings.Issuer,
            ["aud"] = settings.Audience,
            ["sub"] = subject,
            ["role"] = role,
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
        };
        return $"{Base64UrlEncoder.Encode(JsonSerializer.Serialize(header))}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload))}.";
    }

    private static string WithPayload(string token, Func<string, string> change)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]);
        var changed = change(payload);
        Assert.NotEqual(payload, changed);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(changed)}.{parts[2]}";
    }
}
