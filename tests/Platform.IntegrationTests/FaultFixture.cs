using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Longgang.Approvals;
using Longgang.Approvals.Data;
using Longgang.Governance.Data;
using Longgang.Platform.Host;
using Longgang.Platform.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// The servers and services the fault tests break on purpose: their own PostgreSQL, RabbitMQ and Redis (so stopping
/// one never disturbs <see cref="PlatformFixture"/>'s tests), each on a fixed host port so that clients reconnect to
/// the same address after a restart. Approvals and the gateway run in this process; governance, the consumer whose
/// effect the tests count, runs as a child process, so that a test can kill it (SIGKILL) as a crash would.
/// </summary>
public sealed class FaultFixture : RealServers, IAsyncLifetime
{
    private readonly List<WebApplication> _apps = [];

    public WebApplication Approvals { get; private set; } = null!;
    public ServiceProcess Governance { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!await StartServersAsync(RestartedServers.Postgres | RestartedServers.RabbitMq | RestartedServers.Redis)) return;

        Approvals = await StartApprovalsAsync();
        Governance = new ServiceProcess("Longgang.Governance", Settings("governance"));
        await Governance.StartAsync();
        // the queue exists once governance's bus has connected: wait for it, or the first events would find no queue
        await Governance.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        var gateway = await StartGatewayAsync(new() { ["Gateway:RateLimit:PermitLimit"] = "100000" });
        Gateway = new HttpClient { BaseAddress = EmbeddedPlatform.GetHttpAddress(gateway), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (Governance is not null) await Governance.DisposeAsync();
        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        await DisposeServersAsync();
    }

    private string Unpooled(string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString(database)) { Pooling = false }.ConnectionString;

    /// <summary>Governance's database, read directly: the tests count the consumer's effect row by row.</summary>
    /// <remarks>
    /// Unpooled: a pooled connection would outlive the database outage test's restart of PostgreSQL and fail the
    /// next test with "terminating connection due to administrator command".
    /// </remarks>
    public GovernanceDbContext GovernanceDb() =>
        new(new DbContextOptionsBuilder<GovernanceDbContext>().UseNpgsql(Unpooled("governance")).Options);

    public ApprovalsDbContext ApprovalsDb() =>
        new(new DbContextOptionsBuilder<ApprovalsDbContext>().UseNpgsql(Unpooled("approvals")).Options);

    /// <summary>A gateway replica in front of approvals and governance.</summary>
    public async Task<WebApplication> StartGatewayAsync(Dictionary<string, string?> settings)
    {
        var configuration = new Dictionary<string, string?>(Shared())
        {
            ["Gateway:Services:approvals:Http"] = HttpAddress(Approvals).ToString(),
            ["Gateway:Services:approvals:Grpc"] = GrpcAddress(Approvals).ToString(),
            ["Gateway:Services:governance:Http"] = Governance.HttpAddress.ToString(),
            ["Gateway:Services:governance:Grpc"] = Governance.GrpcAddress.ToString(),
        };
        foreach (var (key, value) in settings) configuration[key] = value;
        var gateway = await EmbeddedPlatform.StartGatewayAsync(configuration);
        _apps.Add(gateway);
        return gateway;
    }

    /// <summary>The child process's settings: the shared ones, its database and its own endpoints.</summary>
    private Dictionary<string, string?> Settings(string database)
    {
        var settings = new Dictionary<string, string?>(Shared(database));
        foreach (var (key, value) in FixedEndpoints()) settings[key] = value;
        return settings;
    }

    private async Task<WebApplication> StartApprovalsAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = HostEnvironment, ApplicationName = "Longgang.approvals" });
        builder.Configuration.AddInMemoryCollection(Shared("approvals"));
        ListenOnEphemeralPorts(builder);
        builder.AddServiceDefaults();
        builder.AddApprovals();
        builder.AddMessaging();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapApprovals();
        await StartAndWaitUntilConsumingAsync(app);
        _apps.Add(app);
        return app;
    }
}

/// <summary>
/// A service as its own process (<c>dotnet {assembly}.dll</c> from the test's output folder, configured through
/// environment variables as in a container), so that it can be killed without a chance to clean up, and started again
/// on the same ports.
/// </summary>
public sealed class ServiceProcess(string assembly, IReadOnlyDictionary<string, string?> settings) : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public Uri HttpAddress { get; } = new(settings["Kestrel:Endpoints:http:Url"]!);
    public Uri GrpcAddress { get; } = new(settings["Kestrel:Endpoints:grpc:Url"]!);

    /// <summary>Starts the process and waits until it serves <c>/health/live</c>.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, assembly + ".dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["DOTNET_ENVIRONMENT"] = start.Environment["ASPNETCORE_ENVIRONMENT"] = RealServers.HostEnvironment;
        // the process's clock starts when it does: give it this one's current reading, so tokens agree
        foreach (var (key, value) in Testing.TestClock.ForChildProcess()) start.Environment[key] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{assembly} did not start");
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForAsync("/health/live", body => true, TimeSpan.FromSeconds(60));
    }

    /// <summary>Waits until readiness reports every dependency Healthy (database, Redis and a connected bus).</summary>
    public Task WaitUntilHealthyAsync(TimeSpan deadline) => WaitForAsync("/health/ready", body => body == "Healthy", deadline);

    /// <summary>SIGKILL: no graceful stop, no acknowledgement of what is in flight, as when a node or container dies.</summary>
    public void Kill()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public string RecentOutput => string.Join('\n', _output);

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private async Task WaitForAsync(string path, Func<string, bool> accept, TimeSpan deadline)
    {
        using var http = new HttpClient { BaseAddress = HttpAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            if (_process is null || _process.HasExited)
                throw new InvalidOperationException($"{assembly} exited before {path} answered:\n{RecentOutput}");
            try
            {
                using var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode && accept(await response.Content.ReadAsStringAsync())) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }
            if (DateTime.UtcNow > until) throw new TimeoutException($"{assembly}'s {path} did not answer in {deadline.TotalSeconds} s:\n{RecentOutput}");
            await Task.Delay(200);
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }

    /// <summary>The dotnet host running these tests: the runtime folder is {root}/shared/Microsoft.NETCore.App/{version}/.</summary>
    private static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection : ICollectionFixture<FaultFixture>
{
    // not in parallel with other collections: the tests stop servers and kill a process, and report latencies that
    // other tests' load on the same cores would blur
    public const string Name = "faults on real servers";
}
