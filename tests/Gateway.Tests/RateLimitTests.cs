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
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
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
