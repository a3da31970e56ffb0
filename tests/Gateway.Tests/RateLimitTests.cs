using System.Net;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

/// <summary>A platform of its own: its gateway allows three requests per client per minute.</summary>
public sealed class RateLimitTests(RateLimitedPlatformFixture fixture) : IClassFixture<RateLimitedPlatformFixture>
{
    [Fact]
    public async Task Client_over_its_limit_gets_429_with_retry_after_while_another_client_is_served()
    {
        using var greedy = fixture.CreateClient(PlatformRoles.Citizen, subject: "greedy-citizen");
        using var other = fixture.CreateClient(PlatformRoles.Citizen, subject: "patient-citizen");

        for (var i = 0; i < RateLimitedPlatformFixture.PermitLimit; i++)
        {
            using var allowed = await greedy.GetAsync("/api/approvals/v1/matters");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using var rejected = await greedy.GetAsync("/api/approvals/v1/matters");
        using var otherResponse = await other.GetAsync("/api/approvals/v1/matters");

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        ProblemAssert.RevealsNothingInternal(await rejected.Content.ReadAsStringAsync(),
            ProblemAssert.DownstreamAddresses(fixture.Platform.GatewayServices));
        var retryAfter = rejected.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), RateLimitedPlatformFixture.Window);
        Assert.Equal(HttpStatusCode.OK, otherResponse.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_of_public_routes_are_limited_by_address()
    {
        // (anonymous requests elsewhere are refused 401 by token validation before reaching a service)
        using var anonymous = fixture.CreateClient();
        const string publicPath = "/api/livelihood/v1/public/no-such-board";

        for (var i = 0; i < RateLimitedPlatformFixture.PermitLimit; i++)
        {
            using var allowed = await anonymous.GetAsync(publicPath);
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode); // passed the gateway; the service has no such route
        }
        using var rejected = await anonymous.GetAsync(publicPath);

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.NotNull(rejected.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Behind_a_trusted_proxy_anonymous_callers_are_told_apart_by_their_forwarded_address(bool proxyTrusted)
    {
        // a gateway of its own (its services do not answer: 502 means the request passed the limiter)
        var configuration = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "test", ["Auth:Audience"] = "test",
            ["Auth:SigningKey"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray()),
            ["Gateway:RateLimit:PermitLimit"] = "2",
            // windows start at a client's first request: a day is longer than any run
            ["Gateway:RateLimit:WindowSeconds"] = "86400",
        };
        if (proxyTrusted) configuration["Gateway:ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8";
        foreach (var service in new[] { "approvals", "governance", "talent", "livelihood" })
            configuration[$"Gateway:Services:{service}:Http"] = configuration[$"Gateway:Services:{service}:Grpc"] = "http://127.0.0.1:9";
        await using var gateway = await Longgang.Platform.Host.EmbeddedPlatform.StartGatewayAsync(configuration);
        using var client = new HttpClient { BaseAddress = Longgang.Platform.Host.EmbeddedPlatform.GetHttpAddress(gateway) };
        async Task<HttpStatusCode> FromAsync(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/livelihood/v1/public/board");
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadGateway, await FromAsync("203.0.113.1"));
        Assert.Equal(HttpStatusCode.BadGateway, await FromAsync("203.0.113.1"));
        var first = await FromAsync("203.0.113.1");
        var other = await FromAsync("203.0.113.2");

        Assert.Equal(HttpStatusCode.TooManyRequests, first);
        // trusted: another client; untrusted: the header is anybody's to write, so it changes nothing
        Assert.Equal(proxyTrusted ? HttpStatusCode.BadGateway : HttpStatusCode.TooManyRequests, other);
    }

    [Fact]
    public async Task Limit_applies_to_grpc_routes_too()
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(fixture.Platform.GatewayGrpcAddress);
        var approvals = new Longgang.Approvals.Contracts.V1.ApprovalsService.ApprovalsServiceClient(channel);
        var headers = new Grpc.Core.Metadata { { "Authorization", "Bearer " + fixture.Platform.IssueToken(PlatformRoles.Citizen, subject: "grpc-greedy-citizen") } };

        for (var i = 0; i < RateLimitedPlatformFixture.PermitLimit; i++)
            await approvals.ListMattersAsync(new(), headers);
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await approvals.ListMattersAsync(new(), headers));

        // gRPC clients see HTTP 429 as Unavailable (retryable), per the gRPC HTTP-status mapping
        Assert.Equal(Grpc.Core.StatusCode.Unavailable, error.StatusCode);
    }
}
