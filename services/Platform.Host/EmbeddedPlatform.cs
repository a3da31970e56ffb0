using System.Security.Cryptography;
using Longgang.Approvals;
using Longgang.Gateway;
using Longgang.Governance;
using Longgang.Livelihood;
using Longgang.Platform.Messaging;
using Longgang.Platform.Security;
using Longgang.Talent;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Memory;

namespace Longgang.Platform.Host;

/// <summary>
/// The whole platform in one process: the four services in one WebApplication (MassTransit's in-memory transport
/// only connects consumers on the same bus, so they must share one container) and the gateway in a second one,
/// proxying to the first over loopback exactly as it proxies to Kubernetes services. With no connection strings
/// the services use SQLite files, the in-memory transport and an in-memory cache; every default can be overridden.
/// </summary>
public sealed class EmbeddedPlatform : IAsyncDisposable
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    private readonly WebApplication _services;
    private readonly WebApplication _gateway;

    private EmbeddedPlatform(WebApplication services, WebApplication gateway)
    {
        _services = services;
        _gateway = gateway;
        GatewayHttpAddress = GetHttpAddress(gateway);
        GatewayGrpcAddress = GetGrpcAddress(gateway);
    }

    /// <summary>The gateway's REST address, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public Uri GatewayHttpAddress { get; }

    /// <summary>The gateway's gRPC address (HTTP/2 without TLS).</summary>
    public Uri GatewayGrpcAddress { get; }

    /// <summary>The services app's container (DbContexts, the bus).</summary>
    public IServiceProvider Services => _services.Services;

    public IServiceProvider GatewayServices => _gateway.Services;

    /// <summary>
    /// Starts the services, then the gateway in front of them. <paramref name="overrides"/> take precedence over
    /// the embedded defaults and over environment variables, for both apps.
    /// </summary>
    public static async Task<EmbeddedPlatform> StartAsync(
        IReadOnlyDictionary<string, string?>? overrides = null, CancellationToken cancellationToken = default)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "longgang-embedded",
            ["Auth:Audience"] = "longgang-api",
            // made up at every start: tokens of a previous run (or of anyone else's machine) are worthless here
            ["Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Storage:DataDirectory"] = "data",
            // one process prints for five: beyond ServiceDefaults' quiet framework logging, the hosts' own
            // start-up lines too give way to the host's one-line banner
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        overrides = WithDevelopmentClock(overrides ?? new Dictionary<string, string?>());

        var services = BuildServices(defaults, overrides);
        await services.StartAsync(cancellationToken);
        try
        {
            var internalAddresses = new Dictionary<string, string?>();
            foreach (var (name, _) in DownstreamServices.Catalogue)
            {
                internalAddresses[$"Gateway:Services:{name}:Http"] = GetHttpAddress(services).ToString();
                internalAddresses[$"Gateway:Services:{name}:Grpc"] = GetGrpcAddress(services).ToString();
            }
            var gateway = BuildGateway(defaults, overrides, internalAddresses);
            gateway.MapDevToken();
            try
            {
                await gateway.StartAsync(cancellationToken);
            }
            catch
            {
                await gateway.DisposeAsync();
                throw;
            }
            return new EmbeddedPlatform(services, gateway);
        }
        catch
        {
            await StopQuietlyAsync(services);
            throw;
        }
    }

    /// <summary>The development clock's option, <c>--Embedded:Clock 2027-03-01T09:00+08:00</c>.</summary>
    public const string ClockKey = "Embedded:Clock";

    /// <summary>
    /// <c>Embedded:Clock</c> as the platform clock's start (<see cref="PlatformClock.StartKey"/>): a demo on another day
    /// shows what time does (public notices ended, SLA warnings, escalations). Minutes are enough; seconds may follow.
    /// </summary>
    private static IReadOnlyDictionary<string, string?> WithDevelopmentClock(IReadOnlyDictionary<string, string?> overrides)
    {
        var clock = overrides.FirstOrDefault(pair => string.Equals(pair.Key, ClockKey, StringComparison.OrdinalIgnoreCase)).Value;
        if (string.IsNullOrWhiteSpace(clock)) return overrides;
        string[] formats = ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
        if (!DateTimeOffset.TryParseExact(clock.Trim(), formats, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var start))
        {
            throw new InvalidOperationException($"'{ClockKey}' must be an instant with an offset, e.g. 2027-03-01T09:00+08:00; got '{clock}'.");
        }
        return new Dictionary<string, string?>(overrides)
        {
            [PlatformClock.StartKey] = start.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// Starts one gateway alone (e.g. two replicas sharing one Redis). <paramref name="configuration"/> must hold
    /// <c>Auth:*</c> and <c>Gateway:Services:*</c>; <c>Embedded:HttpPort</c>/<c>Embedded:GrpcPort</c> default to "0"
    /// (ephemeral, so replicas never collide). Its addresses: <see cref="GetHttpAddress"/> and <see cref="GetGrpcAddress"/>;
    /// <c>app.Urls</c> lists both endpoints in no promised order.
    /// </summary>
    public static async Task<WebApplication> StartGatewayAsync(
        IReadOnlyDictionary<string, string?> configuration, CancellationToken ct = default)
    {
        var defaults = new Dictionary<string, string?> { ["Embedded:HttpPort"] = "0", ["Embedded:GrpcPort"] = "0" };
        var gateway = BuildGateway(defaults, configuration, new Dictionary<string, string?>());
        try
        {
            await gateway.StartAsync(ct);
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
        return gateway;
    }

    /// <summary>The REST (HTTP/1.1) address a started app built here listens on.</summary>
    public static Uri GetHttpAddress(WebApplication app) => app.Services.GetRequiredService<BoundEndpoints>().Address(BoundEndpoints.Http);

    /// <summary>The gRPC (HTTP/2 cleartext) address a started app built here listens on.</summary>
    public static Uri GetGrpcAddress(WebApplication app) => app.Services.GetRequiredService<BoundEndpoints>().Address(BoundEndpoints.Grpc);

    /// <summary>A token the platform accepts (signed with this run's key), as <c>POST /dev/token</c> issues it.</summary>
    public string IssueToken(string role, string? district = null, string? department = null, string? subject = null) =>
        JwtSettings.From(_gateway.Configuration).IssueToken(subject ?? $"{role}-1", role, district, department,
            _gateway.Services.GetRequiredService<TimeProvider>().GetUtcNow(), TokenLifetime);

    public async ValueTask DisposeAsync()
    {
        // the gateway first, so nothing is proxied to services that are shutting down
        await StopQuietlyAsync(_gateway);
        await StopQuietlyAsync(_services);
    }

    internal static TimeSpan DevTokenLifetime => TokenLifetime;

    private static WebApplication BuildServices(IReadOnlyDictionary<string, string?> defaults, IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = CreateBuilder(typeof(EmbeddedPlatform).Assembly.GetName().Name!, defaults, overrides, _ => new Dictionary<string, string?>
        {
            // loopback only, ephemeral ports: nothing outside this process needs to reach the services directly
            ["Kestrel:Endpoints:http:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:http:Protocols"] = "Http1",
            ["Kestrel:Endpoints:grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
        });
        builder.AddServiceDefaults();
        builder.AddApprovals();
        builder.AddGovernance();
        builder.AddTalent();
        builder.AddLivelihood();
        builder.AddMessaging();

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapApprovals();
        app.MapGovernance();
        app.MapTalent();
        app.MapLivelihood();
        return app;
    }

    private static WebApplication BuildGateway(IReadOnlyDictionary<string, string?> defaults,
        IReadOnlyDictionary<string, string?> overrides, IReadOnlyDictionary<string, string?> internalAddresses)
    {
        var builder = CreateBuilder("Longgang.Gateway", defaults, overrides, configuration =>
            new Dictionary<string, string?>(internalAddresses)
            {
                ["Kestrel:Endpoints:http:Url"] = LoopbackUrl(configuration.GetValue("Embedded:HttpPort", 5080)),
                ["Kestrel:Endpoints:http:Protocols"] = "Http1",
                ["Kestrel:Endpoints:grpc:Url"] = LoopbackUrl(configuration.GetValue("Embedded:GrpcPort", 5081)),
                ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
            });
        builder.AddServiceDefaults();
        builder.AddGateway();

        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGateway();
        return app;
    }

    // a fixed port binds both loopback addresses (so "localhost" works whichever one a client tries first);
    // Kestrel can only pick an ephemeral port for one concrete address
    private static string LoopbackUrl(int port) => port == 0 ? "http://127.0.0.1:0" : $"http://localhost:{port}";

    /// <summary>
    /// Configuration, lowest precedence first: embedded defaults, the usual sources (appsettings, environment),
    /// the caller's overrides, and what this app must have (its endpoints, computed from the configuration so far).
    /// </summary>
    private static WebApplicationBuilder CreateBuilder(string applicationName, IReadOnlyDictionary<string, string?> defaults,
        IReadOnlyDictionary<string, string?> overrides, Func<IConfiguration, Dictionary<string, string?>> required)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = applicationName, Args = [], EnvironmentName = HostEnvironment });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Configuration.AddInMemoryCollection(required(builder.Configuration));
        // two hosts share the console: only the host's own one-line banner should be printed
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);

        var bound = new BoundEndpoints();
        builder.Services.AddSingleton(bound);
        builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel
            .Configure(context.Configuration.GetSection("Kestrel"))
            .Endpoint(BoundEndpoints.Http, endpoint => bound.Capture(BoundEndpoints.Http, endpoint.ListenOptions))
            .Endpoint(BoundEndpoints.Grpc, endpoint => bound.Capture(BoundEndpoints.Grpc, endpoint.ListenOptions)));
        return builder;
    }

    /// <summary>
    /// The embedded host is for development, demos and tests, never a deployment: unless ASPNETCORE_ENVIRONMENT or
    /// DOTNET_ENVIRONMENT names another, its environment is "Embedded". That behaves as Production (nothing in the
    /// platform looks at the environment; the framework's extras are Development's) but accepts Clock:Start.
    /// </summary>
    private static string HostEnvironment =>
        Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } aspNetCore ? aspNetCore
        : Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } dotnet ? dotnet
        : "Embedded";

    private static async Task StopQuietlyAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync();
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}

/// <summary>
/// The named Kestrel endpoints of an app built here. IServerAddressesFeature lists addresses without saying which
/// endpoint (and so which protocol) each belongs to; the endpoint's own ListenOptions know, and after binding to
/// port 0 they hold the port actually bound.
/// </summary>
internal sealed class BoundEndpoints
{
    public const string Http = "http";
    public const string Grpc = "grpc";

    private readonly Dictionary<string, ListenOptions> _endpoints = new();

    public void Capture(string name, ListenOptions options)
    {
        lock (_endpoints) _endpoints[name] = options;
    }

    public Uri Address(string name)
    {
        lock (_endpoints)
        {
            if (!_endpoints.TryGetValue(name, out var options))
                throw new InvalidOperationException($"The app has no '{name}' endpoint, or has not started.");
            // a "localhost" endpoint binds two addresses and keeps its configured (non-zero) port
            var port = options.IPEndPoint?.Port ?? throw new InvalidOperationException($"The '{name}' endpoint is not an IP endpoint.");
            return new Uri($"http://127.0.0.1:{port}");
        }
    }
}
