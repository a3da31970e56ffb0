using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>What grpcurl does first: list the services, then fetch the file that defines one.</summary>
    [Fact]
    public async Task Server_reflection_through_the_gateway_lists_and_describes_all_four_services()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpcAddress);
        var client = new ServerReflection.ServerReflectionClient(channel);

        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "longgang.talent.v1.TalentService" });
        await call.RequestStream.CompleteAsync();
        var answers = new List<ServerReflectionResponse>();
        await foreach (var answer in call.ResponseStream.ReadAllAsync()) answers.Add(answer);

        var listed = answers[0].ListServicesResponse.Service.Select(s => s.Name).ToArray();
        var expected = DownstreamServices.Catalogue.SelectMany(c => c.Proto.Services).Select(s => s.FullName).ToArray();
        Assert.Equal(expected.Order(), listed.Order());
        Assert.Contains(answers[1].FileDescriptorResponse.FileDescriptorProto,
            bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes).Package == "longgang.talent.v1");

        // the older v1alpha protocol, which many clients still speak first
        var alpha = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(channel);
        using var alphaCall = alpha.ServerReflectionInfo();
        await alphaCall.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await alphaCall.RequestStream.CompleteAsync();
        Assert.True(await alphaCall.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Equal(expected.Length, alphaCall.ResponseStream.Current.ListServicesResponse.Service.Count);
    }

    /// <summary>
    /// A gRPC client reads the status from the trailers: a call without a token must end with grpc-status 16
    /// (UNAUTHENTICATED) there, through the gateway and on a service's own gRPC port alike, not with a bare HTTP 401.
    /// </summary>
    [Theory]
    [InlineData("gateway")]
    [InlineData("service")]
    public async Task Grpc_call_without_token_ends_with_grpc_status_16_in_the_trailers(string where)
    {
        var address = where == "gateway"
            ? fixture.Platform.GatewayGrpcAddress
            : new Uri(fixture.Platform.GatewayServices.GetRequiredService<IConfiguration>()["Gateway:Services:approvals:Grpc"]!);
        var method = ApprovalsService.Descriptor.Methods.First(m => !Longgang.Gateway.PublicRoutes.IsPublic(m));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, $"/{ApprovalsService.Descriptor.FullName}/{method.Name}"))
        {
            // h2c with prior knowledge, as gRPC clients speak to these ports
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            // one empty message: no compression flag, length 0
            Content = new ByteArrayContent(new byte[5]),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.TE.ParseAdd("trailers");

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response}\n{body}");
        Assert.True(response.TrailingHeaders.TryGetValues("grpc-status", out var status), $"no grpc-status trailer: {response}");
        Assert.Equal("16", Assert.Single(status));
    }
}
