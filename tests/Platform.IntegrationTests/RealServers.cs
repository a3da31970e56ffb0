using System.Net;
using System.Net.Sockets;
using Longgang.Platform.Security;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
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
    /// Starts the three servers; false (and the tests skip) when Docker does not answer. RabbitMQ always keeps one
    /// host port, so clients reconnect to it after the broker is stopped and started again; with
    /// <paramref name="fixedPorts"/> PostgreSQL and Redis do too (for the tests that restart them).
    /// </summary>
    protected async Task<bool> StartServersAsync(bool fixedPorts)
    {
        try
        {
            var postgres = new PostgreSqlBuilder(Image("TESTCONTAINERS_POSTGRES_IMAGE", "postgres:16-alpine"));
            var redis = new RedisBuilder(Image("TESTCONTAINERS_REDIS_IMAGE", "redis:7-alpine"));
            if (fixedPorts)
            {
                postgres = postgres.WithPortBinding(FreeTcpPort(), PostgreSqlBuilder.PostgreSqlPort);
                redis = redis.WithPortBinding(FreeTcpPort(), RedisBuilder.RedisPort);
            }
            Postgres = postgres.Build();
            Redis = redis.Build();
            RabbitMq = new RabbitMqBuilder(Image("TESTCONTAINERS_RABBITMQ_IMAGE", "rabbitmq:3.13-management-alpine"))
                .WithUsername("platform").WithPassword("platform")
                .WithPortBinding(FreeTcpPort(), RabbitMqBuilder.RabbitMqPort).Build();
            await Task.WhenAll(Postgres.StartAsync(), RabbitMq.StartAsync(), Redis.StartAsync());
            return true;
        }
        catch (Exception ex)
        {
            _unavailable = ex.Message;
            return false;
        }
    }

    protected async Task DisposeServersAsync()
    {
        if (_unavailable is null && Postgres is not null)
            await Task.WhenAll(Postgres.DisposeAsync().AsTask(), RabbitMq.DisposeAsync().AsTask(), Redis.DisposeAsync().AsTask());
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

    /// <summary>Kestrel endpoints of one service on free loopback ports: REST on HTTP/1.1, gRPC on HTTP/2.</summary>
    protected static Dictionary<string, string?> FreeEndpoints() => new()
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

    internal static string Image(string variable, string official) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } image ? image : official;

    internal static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
