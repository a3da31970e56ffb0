using System.Net;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

// The physical limit a gateway hop is measured against: YARP with one catch-all route to one destination and
// nothing else in the pipeline (no auth, no rate limit, no telemetry, no logging), configured like the platform
// gateway's REST cluster so the two forward the same way.
var builder = WebApplication.CreateSlimBuilder(args);
var destination = builder.Configuration["Bare:Destination"]
    ?? throw new InvalidOperationException("Set Bare:Destination (e.g. http://127.0.0.1:5000/).");
builder.Logging.ClearProviders();
builder.Services.AddReverseProxy().LoadFromMemory(
[
    new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "/{**catch-all}" } },
],
[
    new ClusterConfig
    {
        ClusterId = "backend",
        Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = destination } },
        HttpRequest = new ForwarderRequestConfig { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower },
    },
]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
