using Grpc.Core;
using Grpc.Net.Client;
using Longgang.Approvals.Contracts.V1;
using Longgang.Governance.Contracts.V1;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

[Collection(PlatformCollection.Name)]
public sealed class GrpcThroughGatewayTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Grpc_call_with_token_reaches_the_service()
    {
        // http:// means HTTP/2 with prior knowledge (h2c): the gateway's gRPC port speaks nothing else
        using var channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpcAddress);
        var client = new ApprovalsService.ApprovalsServiceClient(channel);
        var headers = new Metadata { { "Authorization", "Bearer " + fixture.Platform.IssueToken(PlatformRoles.Citizen) } };

        var response = await client.ListMattersAsync(new ListMattersRequest(), headers);

        Assert.NotEmpty(response.Matters);
    }

    [Fact]
    public async Task Grpc_call_without_token_is_unauthenticated()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpcAddress);
        var client = new ApprovalsService.ApprovalsServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.ListMattersAsync(new ListMattersRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Grpc_domain_errors_pass_through_the_gateway()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpcAddress);
        var client = new GovernanceService.GovernanceServiceClient(channel);
        var headers = new Metadata { { "Authorization", "Bearer " + fixture.Platform.IssueToken(PlatformRoles.CityAdmin) } };

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.GetDistrictAsync(new GetDistrictRequest { DistrictCode = "district-99" }, headers));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
