using System.Net;
using System.Net.Sockets;
using Longgang.Approvals;
using Longgang.Governance;
using Longgang.Livelihood;
using Longgang.Platform.Host;
using Longgang.Platform.Messaging;
using Longgang.Platform.Security;
using Longgang.Talent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// The platform as Kubernetes runs it, on real servers: PostgreSQL (a database per service), RabbitMQ and Redis
/// in containers, each service in its own host with its own bus, and the gateway in front. One per test run:
/// containers are slow to start, and the tests in this collection run one after another.
/// Without a Docker engine the tests skip, unless PLATFORM_REQUIRE_DOCKER=1 (CI), where they fail.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private readonly List<WebApplication> _apps = [];
    private string? _unavailable;

    public PostgreSqlContainer Postgres { get; private set; } = null!;
    public RabbitMqContainer RabbitMq { get; private set; } = null!;
    public RedisContainer Redis { get; private set; } = null!;
    public WebApplication Approvals { get; private set; } = null!;
    public WebApplication Governance { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;
    public JwtSettings Jwt { get; } = new("longgang-tests", "longgang-api", Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Guid.NewGuid());

    public async ValueTask InitializeAsync()
    {
        try
        {
            // RabbitMQ keeps one host port, so clients reconnect to it after the broker is stopped and started again
            Postgres = new PostgreSqlBuilder(Image("TESTCONTAINERS_POSTGRES_IMAGE", "postgres:16-alpine")).Build();
            RabbitMq = new RabbitMqBuilder(Image("TESTCONTAINERS_RABBITMQ_IMAGE", "rabbitmq:3.13-management-alpine"))
                .WithUsername("platform").WithPassword("platform")
                .WithPortBinding(FreeTcpPort(), RabbitMqBuilder.RabbitMqPort).Build();
            Redis = new RedisBuilder(Image("TESTCONTAINERS_REDIS_IMAGE", "redis:7-alpine")).Build();
            await Task.WhenAll(Postgres.StartAsync(), RabbitMq.StartAsync(), Redis.StartAsync());
        }
        catch (Exception ex)
        {
            _unavailable = ex.Message;
            return;
        }

        Approvals = await StartServiceAsync("approvals", b => b.AddApprovals(), a => a.MapApprovals());
        Governance = await StartServiceAsync("governance", b => b.AddGovernance(), a => a.MapGovernance());
        var talent = await StartServiceAsync("talent", b => b.AddTalent(), a => a.MapTalent());
        var livelihood = await StartServiceAsync("livelihood", b => b.AddLivelihood(), a => a.MapLivelihood());
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
        if (_unavailable is null)
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
        Jwt.IssueToken(subject, role, district, department, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

    public IReadOnlyDictionary<string, string?> Shared(string? database = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = Jwt.Issuer,
            ["Auth:Audience"] = Jwt.Audience,
            ["Auth:SigningKey"] = Jwt.SigningKey,
            ["ConnectionStrings:rabbitmq"] = RabbitMq.GetConnectionString(),
            ["ConnectionStrings:redis"] = Redis.GetConnectionString(),
            ["Calendar:Directory"] = CalendarDirectory.Value,
        };
        if (database is not null)
            settings[$"ConnectionStrings:{database}"] = new Npgsql.NpgsqlConnectionStringBuilder(Postgres.GetConnectionString()) { Database = database }.ConnectionString;
        return settings;
    }

    /// <summary>One service in its own host, as its Program.cs builds it.</summary>
    private async Task<WebApplication> StartServiceAsync(string name, Action<WebApplicationBuilder> add, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = $"Longgang.{name}" });
        builder.Configuration.AddInMemoryCollection(Shared(name));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{FreeTcpPort()}",
            ["Kestrel:Endpoints:http:Protocols"] = "Http1",
            ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{FreeTcpPort()}",
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
        });
        builder.AddServiceDefaults();
        add(builder);
        builder.AddMessaging();
        var app = builder.Build();
        app.MapServiceDefaults();
        map(app);
        await app.StartAsync();
        _apps.Add(app);
        return app;
    }

    /// <summary>A gateway replica in front of the services started here.</summary>
    public async Task<WebApplication> StartGatewayAsync(Dictionary<string, string?> settings)
    {
        var configuration = new Dictionary<string, string?>(Shared());
        foreach (var (name, app) in _apps.Select(a => (a.Environment.ApplicationName["Longgang.".Length..], a)))
        {
            configuration[$"Gateway:Services:{name}:Http"] = app.Configuration["Kestrel:Endpoints:http:Url"];
            configuration[$"Gateway:Services:{name}:Grpc"] = app.Configuration["Kestrel:Endpoints:grpc:Url"];
        }
        foreach (var (key, value) in settings) configuration[key] = value;
        var gateway = await EmbeddedPlatform.StartGatewayAsync(configuration);
        _apps.Add(gateway);
        return gateway;
    }

    /// <summary>
    /// Time limits count from today, so a deadline can run into a year whose holiday notice is not in the
    /// repository yet (a 45-day joint matter accepted in December). The services would then answer 503, as they
    /// should; these tests are not about the calendar, so they give the services weekend-only files for the
    /// years the official calendar lacks, through the same Calendar:Directory operations would use.
    /// </summary>
    internal static readonly Lazy<string> CalendarDirectory = new(() =>
    {
        var directory = Directory.CreateTempSubdirectory("platform-calendar-").FullName;
        var thisYear = DateTime.UtcNow.Year;
        foreach (var year in Enumerable.Range(thisYear - 1, 3).Except(Calendar.WorkingDayCalendar.Official.Years))
            File.WriteAllText(Path.Combine(directory, $"{year}.json"),
                $$"""{ "year": {{year}}, "source": "integration tests: weekends only, not an official notice", "holidays": [], "makeUpWorkdays": [] }""");
        return directory;
    });

    internal static string Image(string variable, string official) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } image ? image : official;

    internal static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform on real servers";
}
