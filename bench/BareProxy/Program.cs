using System.Net;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.LoadBalancing;

// The physical limit a gateway hop is measured against: YARP with one catch-all route to one destination and
// nothing else in the pipeline (no auth, no rate limit, no telemetry, no logging), configured like the platform
// gateway's REST cluster so the two forward the same way. Given several destinations (comma-separated) it balances
// over them as a Kubernetes Service would: the two-replica suite puts it between the gateway and approvals' replicas.
var builder = WebApplication.CreateSlimBuilder(args);
var destinations = (builder.Configuration["Bare:Destination"]
    ?? throw new InvalidOperationException("Set Bare:Destination (e.g. http://127.0.0.1:5000/, or several, comma-separated)."))
    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
builder.Logging.ClearProviders();
builder.Services.AddReverseProxy().LoadFromMemory(
[
    new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "/{**catch-all}" } },
],
[
    new ClusterConfig
    {
        ClusterId = "backend",
        Destinations = destinations.Select((address, i) => (address, i))
            .ToDictionary(d => $"d{d.i}", d => new DestinationConfig { Address = d.address }),
        LoadBalancingPolicy = LoadBalancingPolicies.PowerOfTwoChoices,
        HttpRequest = new ForwarderRequestConfig { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower },
    },
]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
