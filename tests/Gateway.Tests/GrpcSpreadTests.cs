using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Longgang.Approvals.Contracts.V1;
using Longgang.Platform;
using Longgang.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Longgang.Gateway.Tests;

/// <summary>
/// With <c>Gateway:ResolveDestinationsByDns</c> the gateway's gRPC calls reach every replica behind a service's name,
/// not the one pod behind a Service address that HTTP/2's single connection would pin them to.
/// </summary>
public sealed class GrpcSpreadTests
{
    private static readonly JwtSettings Jwt = new("spread-tests", "longgang-api", new string('k', 48));

    [Fact]
    public async Task Calls_spread_over_both_replicas_a_service_name_resolves_to()
    {
        // two replicas of the approvals gRPC service on one port, like two pods: 127.0.0.1 and 127.0.0.2
        var first = new Replica();
        var second = new Replica();
        await using var firstApp = await StartReplicaAsync(IPAddress.Parse("127.0.0.1"), 0, first);
        var port = new Uri(Addresses(firstApp)[0]).Port;
        await using var secondApp = await StartReplicaAsync(IPAddress.Parse("127.0.0.2"), port, second);
        // this machine's DNS cannot give one name two addresses (a headless Service's does): YARP's resolver is
        // replaced by one that answers for the replicas' name as cluster DNS would, the rest of the gateway is as built
        await using var gateway = await StartGatewayAsync($"http://approvals-grpc.test:{port}", resolveByDns: true,
            services => services.AddSingleton<IDestinationResolver>(new FixedAddressesResolver("approvals-grpc.test",
                [IPAddress.Parse("127.0.0.1"), IPAddress.Parse("127.0.0.2")])));

        using var channel = GrpcChannel.ForAddress(GrpcAddress(gateway));
        var client = new ApprovalsService.ApprovalsServiceClient(channel);
        var headers = new Metadata { { "Authorization", "Bearer " + Token(gateway) } };
        const int calls = 20;
        for (var i = 0; i < calls; i++) await client.ListMattersAsync(new ListMattersRequest(), headers);

        Assert.Equal(calls, first.Calls + second.Calls);
        Assert.True(first.Calls > 0 && second.Calls > 0, $"calls per replica: {first.Calls} and {second.Calls}");
    }

    [Theory]
    [InlineData(true, "primary[127.0.0.1]")]
    [InlineData(false, "primary")]
    public async Task The_setting_resolves_each_service_name_through_dns_into_destinations(bool resolveByDns, string destination)
    {
        var replica = new Replica();
        await using var replicaApp = await StartReplicaAsync(IPAddress.Loopback, 0, replica);
        var port = new Uri(Addresses(replicaApp)[0]).Port;
        // "localhost" goes through the machine's real resolver (YARP's DnsDestinationResolver, unreplaced)
        await using var gateway = await StartGatewayAsync($"http://localhost:{port}", resolveByDns, _ => { });

        using var channel = GrpcChannel.ForAddress(GrpcAddress(gateway));
        await new ApprovalsService.ApprovalsServiceClient(channel).ListMattersAsync(new ListMattersRequest(),
            new Metadata { { "Authorization", "Bearer " + Token(gateway) } });

        Assert.Equal(1, replica.Calls);
        Assert.True(gateway.Services.GetRequiredService<IProxyStateLookup>().TryGetCluster("approvals-grpc", out var cluster));
        Assert.Equal([destination], cluster.Destinations.Keys.Order());
    }

    private sealed class Replica
    {
        private int _calls;
        public int Calls => Volatile.Read(ref _calls);
        public void Count() => Interlocked.Increment(ref _calls);
    }

    private sealed class CountingApprovals(Replica replica) : ApprovalsService.ApprovalsServiceBase
    {
        public override Task<ListMattersResponse> ListMatters(ListMattersRequest request, ServerCallContext context)
        {
            replica.Count();
            return Task.FromResult(new ListMattersResponse());
        }
    }

    /// <summary>Answers for one host name with fixed addresses, naming destinations as YARP's DNS resolver does.</summary>
    private sealed class FixedAddressesResolver(string host, IPAddress[] addresses) : IDestinationResolver
    {
        public ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
            IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
        {
            var resolved = new Dictionary<string, DestinationConfig>();
            foreach (var (name, config) in destinations)
            {
                var uri = new Uri(config.Address);
                if (uri.Host != host)
                {
                    resolved[name] = config;
                    continue;
                }
                foreach (var address in addresses)
                    resolved[$"{name}[{address}]"] = config with { Address = new UriBuilder(uri) { Host = address.ToString() }.Uri.ToString(), Host = uri.Authority };
            }
            return ValueTask.FromResult(new ResolvedDestinationCollection(resolved, null));
        }
    }

    private static async Task<WebApplication> StartReplicaAsync(IPAddress address, int port, Replica replica)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Staging", Args = [] });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(replica);
        var app = builder.Build();
        app.MapGrpcService<CountingApprovals>();
        await app.StartAsync();
        return app;
    }

    private static async Task<WebApplication> StartGatewayAsync(string approvalsGrpc, bool resolveByDns, Action<IServiceCollection> replace)
    {
        var deadAddress = "http://127.0.0.1:9";
        var configuration = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = Jwt.Issuer,
            ["Auth:Audience"] = Jwt.Audience,
            ["Auth:SigningKey"] = Jwt.SigningKey,
            ["Gateway:ResolveDestinationsByDns"] = resolveByDns ? "true" : "false",
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
        };
        foreach (var (service, _) in DownstreamServices.Catalogue)
        {
            configuration[$"Gateway:Services:{service}:Http"] = deadAddress;
            configuration[$"Gateway:Services:{service}:Grpc"] = service == "approvals" ? approvalsGrpc : deadAddress;
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Staging", Args = [] });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddServiceDefaults();
        builder.AddGateway();
        replace(builder.Services);
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGateway();
        await app.StartAsync();
        return app;
    }

    private static string Token(WebApplication gateway) => Jwt.IssueToken("spread-1", PlatformRoles.CityAdmin, null, null,
        gateway.Services.GetRequiredService<TimeProvider>().GetUtcNow(), TimeSpan.FromMinutes(5));

    private static string[] Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToArray();

    private static Uri GrpcAddress(WebApplication app) => new(Addresses(app)[0]);
}
