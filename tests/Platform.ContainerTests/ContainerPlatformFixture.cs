using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using DotNet.Testcontainers.Networks;
using Longgang.Platform.Calendar;
using Longgang.Platform.Security;
using Longgang.Platform.Testing;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.ContainerTests;

/// <summary>
/// The platform as the chart runs it, but on one Docker network: the five images built from this repository's
/// Dockerfiles at every run, PostgreSQL (a database per service, created by the migration runs), RabbitMQ and Redis,
/// each service's migration container run to completion, then the four services and the gateway. Without a Docker
/// engine the tests skip, unless PLATFORM_REQUIRE_DOCKER=1 (CI), where they fail; anything else that goes wrong
/// (an image that does not build, a migration that fails, a service that never gets ready) fails them.
/// </summary>
public sealed class ContainerPlatformFixture : IAsyncLifetime
{
    /// <summary>Names the images and labels everything of this run, so two runs on one engine never touch each other's.</summary>
    public static readonly string RunTag = $"e2e-{DateTime.UtcNow:yyyyMMddHHmmss}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}";

    /// <summary>Label on every image, container and the network of a run: <c>docker ps -aq --filter label=longgang.e2e-run=…</c>.</summary>
    public const string RunLabel = "longgang.e2e-run";

    public static readonly string[] Services = ["approvals", "governance", "talent", "livelihood"];

    private static readonly Dictionary<string, string> Dockerfiles = new()
    {
        ["gateway"] = "gateway/Platform.Gateway/Dockerfile",
        ["approvals"] = "services/approvals/Dockerfile",
        ["governance"] = "services/governance/Dockerfile",
        ["talent"] = "services/talent/Dockerfile",
        ["livelihood"] = "services/livelihood/Dockerfile",
    };

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    // credentials of throwaway servers, made up per run like the signing key: nothing secret lives in the repository
    private readonly string _postgresPassword = RandomNumberGenerator.GetHexString(24);
    private readonly string _rabbitPassword = RandomNumberGenerator.GetHexString(24);
    private readonly Dictionary<string, IFutureDockerImage> _images = [];
    private readonly Dictionary<string, IContainer> _services = [];
    private readonly List<IContainer> _containers = [];
    private INetwork? _network;
    private string? _unavailable;
    private ExceptionDispatchInfo? _failure;

    public JwtSettings Jwt { get; } = new("longgang-tests", "longgang-api", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
    public HttpClient Gateway { get; private set; } = null!;
    public IContainer GatewayContainer { get; private set; } = null!;

    /// <summary>How long each stage took, for the test output: the CI time this suite adds.</summary>
    public List<string> Timings { get; } = [];

    /// <summary>
    /// The version (csproj &lt;Version&gt;) of each image this run built and tested together, for the test output and the
    /// compatibility table of docs/releasing.md.
    /// </summary>
    public static string Versions { get; } = "versions tested together: " + string.Join(", ", Dockerfiles.Select(d =>
    {
        var project = Directory.GetFiles(Path.Combine(RepositoryRoot(), Path.GetDirectoryName(d.Value)!), "*.csproj").Single();
        var version = Regex.Match(File.ReadAllText(project), "<Version>([^<]+)</Version>");
        return $"{d.Key} {(version.Success ? version.Groups[1].Value : "(no <Version>)")}";
    }));

    public async ValueTask InitializeAsync()
    {
        try
        {
            _network = new NetworkBuilder().WithName($"longgang-{RunTag}").WithLabel(RunLabel, RunTag).Build();
            await _network.CreateAsync();
        }
        catch (Exception ex)
        {
            // the first call to the engine: failing here means there is no usable Docker, not a broken platform
            _unavailable = ex.Message;
            return;
        }

        try
        {
            var infrastructure = Timed("PostgreSQL, RabbitMQ and Redis started", StartInfrastructureAsync());
            await Timed("five images built", BuildImagesAsync());
            await infrastructure;
            await Timed("four migration runs completed", Task.WhenAll(Services.Select(MigrateAsync)));
            await Timed("four services ready", Task.WhenAll(Services.Select(StartServiceAsync)));
            await Timed("gateway ready", StartGatewayAsync());
        }
        catch (Exception ex)
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        foreach (var container in Enumerable.Reverse(_containers))
            await container.DisposeAsync();
        if (_network is not null && _unavailable is null)
            await _network.DeleteAsync();
        // The run's tags go, and with them the final stage's few-second layers; the SDK stage (restore, publish) is not
        // a parent of the final image and stays in Docker's build cache, so the next run redoes only what changed.
        foreach (var image in _images.Values)
        {
            try { await image.DeleteAsync(); }
            catch (Exception) { /* never built, or already gone: nothing to remove */ }
        }
    }

    /// <summary>Skips (or, in CI, fails) a test when no Docker engine answered; fails it when the platform did not come up.</summary>
    public void RequireRunningPlatform()
    {
        if (_unavailable is not null)
        {
            if (Environment.GetEnvironmentVariable("PLATFORM_REQUIRE_DOCKER") == "1")
                throw new InvalidOperationException($"PLATFORM_REQUIRE_DOCKER=1 but no Docker engine answered: {_unavailable}");
            Assert.Skip($"No Docker engine answered, so the platform's images could not be built and run: {_unavailable}");
        }
        _failure?.Throw();
    }

    public IContainer Service(string name) => _services[name];

    public string IssueToken(string role, string subject, string? district = null, string? department = null) =>
        Jwt.IssueToken(subject, role, district, department, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

    private async Task StartInfrastructureAsync()
    {
        var postgres = ServerContainers.Postgres()
            .WithUsername("platform").WithPassword(_postgresPassword)
            .WithNetwork(_network).WithNetworkAliases("postgres").WithLabel(RunLabel, RunTag).Build();
        var rabbitMq = ServerContainers.RabbitMq()
            .WithUsername("platform").WithPassword(_rabbitPassword)
            .WithNetwork(_network).WithNetworkAliases("rabbitmq").WithLabel(RunLabel, RunTag).Build();
        var redis = ServerContainers.Redis()
            .WithNetwork(_network).WithNetworkAliases("redis").WithLabel(RunLabel, RunTag).Build();
        _containers.AddRange([postgres, rabbitMq, redis]);
        await Task.WhenAll(postgres.StartAsync(), rabbitMq.StartAsync(), redis.StartAsync());
    }

    /// <summary>
    /// <c>docker build -f &lt;Dockerfile&gt; .</c> from the repository root for each image, with the base images of
    /// SDK_IMAGE and ASPNET_IMAGE when set (CI: the local stand-ins), else the Dockerfiles' official defaults.
    /// One after another: on two cores parallel builds only share the CPU, and a failure names one image.
    /// </summary>
    private async Task BuildImagesAsync()
    {
        var root = RepositoryRoot();
        foreach (var (name, dockerfile) in Dockerfiles)
        {
            var log = new BuildLog();
            var builder = new ImageFromDockerfileBuilder()
                .WithContextDirectory(root)
                .WithDockerfileDirectory(root)
                .WithDockerfile(dockerfile)
                .WithName($"longgang/{name}:{RunTag}")
                .WithLabel(RunLabel, RunTag)
                .WithLogger(log);
            foreach (var argument in new[] { "SDK_IMAGE", "ASPNET_IMAGE" })
            {
                if (Environment.GetEnvironmentVariable(argument) is { Length: > 0 } value)
                    builder = builder.WithBuildArgument(argument, value);
            }
            var image = builder.Build();
            _images[name] = image;
            try
            {
                await Timed($"image {name} built", image.CreateAsync());
            }
            catch (Exception ex)
            {
                // Docker's error names only the failed step; the compiler's (or NuGet's) own words are in the build log
                throw new InvalidOperationException($"{dockerfile} did not build: {ex.Message}\nThe end of its build log:\n{log.Tail(60)}", ex);
            }
        }
    }

    /// <summary>The chart's migration Job: the service's image with Database:MigrateOnly, which must exit 0.</summary>
    private async Task MigrateAsync(string service)
    {
        var container = ServiceContainer(service, $"{service}-migrate")
            .WithEnvironment("Database__MigrateOnly", "true")
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new UntilExited(),
                o => o.WithMode(WaitStrategyMode.OneShot).WithTimeout(StartTimeout)))
            .Build();
        _containers.Add(container);
        await container.StartAsync();
        var exitCode = await container.GetExitCodeAsync();
        if (exitCode != 0)
        {
            var (stdout, stderr) = await container.GetLogsAsync();
            throw new InvalidOperationException($"{service}'s migration run exited with {exitCode}:\n{stdout}\n{stderr}");
        }
    }

    // "Healthy", not merely 200: readiness answers a broker or Redis outage with Degraded (still 200, the process
    // serves), and a start that has not yet connected to RabbitMQ must not count as started
    private static HttpWaitStrategy Ready(HttpWaitStrategy request) => request.ForPort(8080).ForPath("/health/ready")
        .ForResponseMessageMatching(async response => await response.Content.ReadAsStringAsync() == "Healthy");

    private async Task StartServiceAsync(string service)
    {
        var container = ServiceContainer(service, service)
            .WithEnvironment(LongRunningSettings())
            .WithEnvironment("ConnectionStrings__rabbitmq", $"amqp://platform:{_rabbitPassword}@rabbitmq:5672/")
            .WithNetworkAliases(service)
            .WithPortBinding(8080, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(Ready,
                o => o.WithTimeout(StartTimeout)))
            .Build();
        _containers.Add(container);
        _services[service] = container;
        await StartOrExplainAsync(container, service);
    }

    private async Task StartGatewayAsync()
    {
        var builder = new ContainerBuilder(_images["gateway"])
            .WithName($"longgang-{RunTag}-gateway")
            .WithNetwork(_network).WithNetworkAliases("gateway").WithLabel(RunLabel, RunTag)
            .WithEnvironment(LongRunningSettings())
            // the tests poll; the gateway's rate limit has tests of its own
            .WithEnvironment("Gateway__RateLimit__PermitLimit", "100000")
            .WithPortBinding(8080, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(Ready,
                o => o.WithTimeout(StartTimeout)));
        foreach (var service in Services)
        {
            builder = builder
                .WithEnvironment($"Gateway__Services__{service}__Http", $"http://{service}:8080")
                .WithEnvironment($"Gateway__Services__{service}__Grpc", $"http://{service}:8081");
        }
        GatewayContainer = builder.Build();
        _containers.Add(GatewayContainer);
        await StartOrExplainAsync(GatewayContainer, "gateway");
        Gateway = new HttpClient { BaseAddress = GatewayAddress() };
    }

    /// <summary>The gateway's address on this host; it can change when the container restarts.</summary>
    public Uri GatewayAddress() => new($"http://{GatewayContainer.Hostname}:{GatewayContainer.GetMappedPublicPort(8080)}");

    /// <summary>What the chart gives a service's container and its migration Job alike: the token settings and its database.</summary>
    private ContainerBuilder ServiceContainer(string service, string containerName)
    {
        var builder = new ContainerBuilder(_images[service])
            .WithName($"longgang-{RunTag}-{containerName}")
            .WithNetwork(_network).WithLabel(RunLabel, RunTag)
            .WithEnvironment("Auth__Issuer", Jwt.Issuer)
            .WithEnvironment("Auth__Audience", Jwt.Audience)
            .WithEnvironment("Auth__SigningKey", Jwt.SigningKey)
            // shared-key tokens: Production refuses them (it takes tokens from an OIDC authority)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Staging")
            .WithEnvironment($"ConnectionStrings__{service}",
                $"Host=postgres;Port=5432;Database={service};Username=platform;Password={_postgresPassword}");
        // readiness must say the bus has connected (see Ready); the calendar's own warning is tested on its own
        return builder.WithEnvironment("Calendar__WarnFrom", "never");
    }

    /// <summary>The chart's ConfigMap and Secret for a long-running workload (the gateway's service addresses aside).</summary>
    private Dictionary<string, string> LongRunningSettings() => new()
    {
        ["Platform__HttpPort"] = "8080",
        ["Platform__GrpcPort"] = "8081",
        ["Auth__Issuer"] = Jwt.Issuer,
        ["Auth__Audience"] = Jwt.Audience,
        ["Auth__SigningKey"] = Jwt.SigningKey,
        // shared-key tokens: Production refuses them (it takes tokens from an OIDC authority)
        ["ASPNETCORE_ENVIRONMENT"] = "Staging",
        ["ConnectionStrings__redis"] = "redis:6379",
        // the migration runs prepared the databases: replicas must not race to create them
        ["Database__Initialize"] = "false",
    };

    /// <summary>A container that never gets ready fails the run with its own log, which says why.</summary>
    private static async Task StartOrExplainAsync(IContainer container, string name)
    {
        try
        {
            await container.StartAsync();
        }
        catch (Exception ex)
        {
            var (stdout, stderr) = await container.GetLogsAsync();
            throw new InvalidOperationException($"{name} did not get ready ({ex.Message}). Its log:\n{stdout}\n{stderr}", ex);
        }
    }


    private async Task Timed(string what, Task task)
    {
        var watch = Stopwatch.StartNew();
        await task;
        lock (Timings) Timings.Add($"{what}: {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The folder holding platform.sln, found from the test assembly: the images are built from this checkout.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "platform.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No platform.sln above {AppContext.BaseDirectory}: the images are built from the repository.");
    }

    /// <summary>Testcontainers reports <c>docker build</c>'s output to its logger; kept to explain a failed build.</summary>
    private sealed class BuildLog : ILogger
    {
        private readonly List<string> _lines = [];

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = formatter(state, exception);
            // one line per .dockerignore pattern says nothing about why a build failed
            if (!line.EndsWith("added to the regex cache", StringComparison.Ordinal))
                lock (_lines) _lines.Add(line);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public string Tail(int lines)
        {
            lock (_lines) return string.Join('\n', _lines.TakeLast(lines));
        }
    }

    /// <summary>A one-shot container (the migration run) is ready when it has exited; its exit code says how it went.</summary>
    private sealed class UntilExited : IWaitUntil
    {
        public Task<bool> UntilAsync(IContainer container) => Task.FromResult(container.State == TestcontainersStates.Exited);
    }
}

[CollectionDefinition(Name)]
public sealed class ContainerPlatformCollection : ICollectionFixture<ContainerPlatformFixture>
{
    public const string Name = "platform as containers";
}
