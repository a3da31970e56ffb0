using Longgang.Approvals;
using Longgang.Governance;
using Longgang.Livelihood;
using Longgang.Platform.Host;
using Longgang.Platform.Messaging;
using Longgang.Talent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// The platform as Kubernetes runs it, on real servers: PostgreSQL (a database per service), RabbitMQ and Redis
/// in containers, each service in its own host with its own bus, and the gateway in front. One per test run:
/// containers are slow to start, and the tests in this collection run one after another.
/// </summary>
public class PlatformFixture : RealServers, IAsyncLifetime
{
    private readonly List<WebApplication> _apps = [];

    public WebApplication Approvals { get; private set; } = null!;
    public WebApplication Governance { get; private set; } = null!;
    public WebApplication Talent { get; private set; } = null!;
    public WebApplication Livelihood { get; private set; } = null!;

    /// <summary>The four services, each with its database's name.</summary>
    public IReadOnlyList<(string Database, WebApplication Service)> Services =>
        [("approvals", Approvals), ("governance", Governance), ("talent", Talent), ("livelihood", Livelihood)];
    public HttpClient Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!await StartServersAsync(RestartedServers.RabbitMq)) return;
        await PrepareDatabasesAsync();

        Approvals = await StartServiceAsync("approvals", b => b.AddApprovals(), a => a.MapApprovals());
        Governance = await StartServiceAsync("governance", b => b.AddGovernance(), a => a.MapGovernance());
        Talent = await StartServiceAsync("talent", b => b.AddTalent(), a => a.MapTalent());
        Livelihood = await StartServiceAsync("livelihood", b => b.AddLivelihood(), a => a.MapLivelihood());
        var gateway = await StartGatewayAsync(new()
        {
            ["Gateway:RateLimit:PermitLimit"] = "100000", // the tests poll; the rate-limit test starts its own gateways
        });
        Gateway = new HttpClient { BaseAddress = EmbeddedPlatform.GetHttpAddress(gateway) };
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        await DisposeServersAsync();
    }

    /// <summary>Runs once the servers are up, before the services start: by default the services create their schema.</summary>
    protected virtual Task PrepareDatabasesAsync() => Task.CompletedTask;

    /// <summary>Settings of every service started here, over <see cref="RealServers.Shared"/>.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ServiceSettings => new Dictionary<string, string?>();

    /// <summary>One service in its own host, as its Program.cs builds it.</summary>
    protected WebApplication BuildService(string name, Action<WebApplicationBuilder> add, Action<WebApplication> map,
        IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = HostEnvironment, ApplicationName = $"Longgang.{name}" });
        builder.Configuration.AddInMemoryCollection(Shared(name));
        builder.Configuration.AddInMemoryCollection(settings);
        ListenOnEphemeralPorts(builder);
        builder.AddServiceDefaults();
        add(builder);
        builder.AddMessaging();
        var app = builder.Build();
        app.MapServiceDefaults();
        map(app);
        return app;
    }

    private async Task<WebApplication> StartServiceAsync(string name, Action<WebApplicationBuilder> add, Action<WebApplication> map)
    {
        var app = BuildService(name, add, map, ServiceSettings);
        await StartAndWaitUntilConsumingAsync(app);
        _apps.Add(app);
        return app;
    }

    /// <summary>A gateway replica in front of the services started here.</summary>
    public async Task<WebApplication> StartGatewayAsync(Dictionary<string, string?> settings)
    {
        var configuration = new Dictionary<string, string?>(Shared());
        foreach (var (name, app) in Services)
        {
            configuration[$"Gateway:Services:{name}:Http"] = HttpAddress(app).ToString();
            configuration[$"Gateway:Services:{name}:Grpc"] = GrpcAddress(app).ToString();
        }
        foreach (var (key, value) in settings) configuration[key] = value;
        var gateway = await EmbeddedPlatform.StartGatewayAsync(configuration);
        _apps.Add(gateway);
        return gateway;
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform on real servers";
}
