using System.Net;
using System.Net.Sockets;
using DotNet.Testcontainers.Containers;
using Longgang.Platform.Security;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// PostgreSQL, RabbitMQ and Redis in containers, and the settings every service and gateway started against them
/// shares (token keys, connection strings). The fixtures derive from it; without a Docker engine
/// <see cref="RequireDocker"/> skips their tests, unless PLATFORM_REQUIRE_DOCKER=1 (CI), where they fail.
/// </summary>
public abstract class RealServers
{
    /// <summary>
    /// The services' environment: as Kubernetes runs them in every respect (nothing in the platform looks at the
    /// environment; the framework's extras are Development's), but not "Production", which refuses Clock:Start.
    /// </summary>
    internal const string HostEnvironment = "Staging";

    private string? _unavailable;

    public PostgreSqlContainer Postgres { get; private set; } = null!;
    public RabbitMqContainer RabbitMq { get; private set; } = null!;
    public RedisContainer Redis { get; private set; } = null!;
    public JwtSettings Jwt { get; } = new("longgang-tests", "longgang-api", Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Guid.NewGuid());

    /// <summary>
    /// Starts the three servers; false (and the tests skip) when Docker does not answer. Host ports are Docker's own
    /// choice, except for the servers in <paramref name="restarted"/>: a test stops and starts those again, and the
    /// clients must find them where they were (see <see cref="ServerContainers.StartOnFixedPortAsync"/>).
    /// </summary>
    protected async Task<bool> StartServersAsync(RestartedServers restarted)
    {
        try
        {
            var postgres = StartAsync(restarted.HasFlag(RestartedServers.Postgres),
                () => ServerContainers.Postgres().Build(),
                port => ServerContainers.Postgres().WithPortBinding(port, PostgreSqlBuilder.PostgreSqlPort).Build());
            var rabbitMq = StartAsync(restarted.HasFlag(RestartedServers.RabbitMq),
                () => ServerContainers.RabbitMq().WithUsername("platform").WithPassword("platform").Build(),
                port => ServerContainers.RabbitMq().WithUsername("platform").WithPassword("platform")
                    .WithPortBinding(port, RabbitMqBuilder.RabbitMqPort).Build());
            var redis = StartAsync(restarted.HasFlag(RestartedServers.Redis),
                () => ServerContainers.Redis().Build(),
                port => ServerContainers.Redis().WithPortBinding(port, RedisBuilder.RedisPort).Build());
            (Postgres, RabbitMq, Redis) = (await postgres, await rabbitMq, await redis);
            return true;
        }
        catch (Exception ex)
        {
            _unavailable = ex.Message;
            return false;
        }
    }

    private static async Task<T> StartAsync<T>(bool fixedPort, Func<T> build, Func<int, T> buildOnPort) where T : IContainer
    {
        if (fixedPort) return await ServerContainers.StartOnFixedPortAsync(buildOnPort);
        var container = build();
        await container.StartAsync();
        return container;
    }

    protected async Task DisposeServersAsync()
    {
        foreach (var container in new IContainer?[] { Postgres, RabbitMq, Redis })
            if (container is not null) await container.DisposeAsync();
    }

    /// <summary>Skips (or, in CI, fails) a test when no Docker engine answered.</summary>
    public void RequireDocker()
    {
        if (_unavailable is null) return;
        if (Environment.GetEnvironmentVariable("PLATFORM_REQUIRE_DOCKER") == "1")
            throw new InvalidOperationException($"PLATFORM_REQUIRE_DOCKER=1 but the containers could not start: {_unavailable}");
        Assert.Skip($"No Docker engine answered, so the real RabbitMQ, Redis and PostgreSQL could not start: {_unavailable}");
    }

    public string IssueToken(string role, string subject, string? district = null, string? department = null) =>
        Jwt.IssueToken(subject, role, district, department, TestClock.Now, TimeSpan.FromHours(1));

    /// <summary>The service's own database on the shared server (a database per service, as in production).</summary>
    public string ConnectionString(string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(Postgres.GetConnectionString()) { Database = database }.ConnectionString;

    /// <summary>What every service and gateway is configured with; with a database, that service's connection string.</summary>
    public IReadOnlyDictionary<string, string?> Shared(string? database = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = Jwt.Issuer,
            ["Auth:Audience"] = Jwt.Audience,
            ["Auth:SigningKey"] = Jwt.SigningKey,
            ["ConnectionStrings:rabbitmq"] = RabbitMq.GetConnectionString(),
            ["ConnectionStrings:redis"] = Redis.GetConnectionString(),
            // these tests watch the servers' health through readiness; the calendar's own warning (a provisional next
            // year from 1 November) is tested on its own, with a fixed clock
            ["Calendar:WarnFrom"] = "never",
        };
        if (database is not null) settings[$"ConnectionStrings:{database}"] = ConnectionString(database);
        return settings;
    }

    /// <summary>
    /// Kestrel endpoints of one in-process service, REST on HTTP/1.1 and gRPC on HTTP/2, on loopback ports the OS picks
    /// as it binds them (port 0), so no other process can take them first. Their addresses: <see cref="HttpAddress"/>
    /// and <see cref="GrpcAddress"/>, once the service has started.
    /// </summary>
    internal static void ListenOnEphemeralPorts(WebApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:http:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:http:Protocols"] = "Http1",
            ["Kestrel:Endpoints:grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
        });
        var bound = new BoundEndpoints();
        builder.Services.AddSingleton(bound);
        // the endpoint's own ListenOptions hold the port actually bound; the server's address list does not say which is which
        builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel.Configure(context.Configuration.GetSection("Kestrel"))
            .Endpoint("http", endpoint => bound.Capture("http", endpoint.ListenOptions))
            .Endpoint("grpc", endpoint => bound.Capture("grpc", endpoint.ListenOptions)));
    }

    public static Uri HttpAddress(WebApplication service) => service.Services.GetRequiredService<BoundEndpoints>().Address("http");

    public static Uri GrpcAddress(WebApplication service) => service.Services.GetRequiredService<BoundEndpoints>().Address("grpc");

    /// <summary>
    /// Kestrel endpoints for a service run as a child process (<see cref="ServiceProcess"/>), on ports the OS reports
    /// free. A guess, unlike <see cref="ListenOnEphemeralPorts"/>, because a killed process must come back on the same
    /// address, as a pod behind its Service does; should another process take one, the start fails and says so.
    /// </summary>
    protected static Dictionary<string, string?> FixedEndpoints() => new()
    {
        ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{FreeTcpPort()}",
        ["Kestrel:Endpoints:http:Protocols"] = "Http1",
        ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{FreeTcpPort()}",
        ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
    };

    /// <summary>
    /// Starts a service and waits until its bus consumes. MassTransit's hosted service returns from StartAsync before
    /// the receive endpoints have declared and bound their queues, and RabbitMQ drops an event published to an
    /// exchange no queue is bound to yet: a test that publishes at once, on a busy machine, loses its first messages.
    /// </summary>
    protected static async Task StartAndWaitUntilConsumingAsync(WebApplication app)
    {
        await app.StartAsync();
        var status = await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromMinutes(2));
        if (status != BusHealthStatus.Healthy)
            throw new InvalidOperationException($"{app.Environment.ApplicationName}'s bus is {status} two minutes after it started.");
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The servers a fixture's tests stop and start again: they keep one host port (<see cref="RealServers.StartServersAsync"/>).</summary>
[Flags]
public enum RestartedServers
{
    None = 0,
    Postgres = 1,
    RabbitMq = 2,
    Redis = 4,
}

/// <summary>The named Kestrel endpoints of a service started here, with the ports they bound.</summary>
public sealed class BoundEndpoints
{
    private readonly Dictionary<string, Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions> _endpoints = [];

    public void Capture(string name, Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions options)
    {
        lock (_endpoints) _endpoints[name] = options;
    }

    public Uri Address(string name)
    {
        lock (_endpoints)
        {
            var port = _endpoints.TryGetValue(name, out var options) && options.IPEndPoint is { Port: > 0 } endpoint
                ? endpoint.Port
                : throw new InvalidOperationException($"The service has no bound '{name}' endpoint: has it started?");
            return new Uri($"http://127.0.0.1:{port}");
        }
    }
}
