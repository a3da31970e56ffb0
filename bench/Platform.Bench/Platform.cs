using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Longgang.Platform.Security;

namespace Longgang.Bench;

/// <summary>
/// The processes under test: approvals, governance, the platform gateway (workstation GC, and in a full run a server GC
/// replica for the GC comparison)
/// and the bare YARP proxy, each a separate <c>dotnet</c> process on loopback, configured through environment variables.
/// </summary>
public sealed class PlatformProcesses : IAsyncDisposable
{
    private readonly List<ServiceProcess> _all = [];
    private BenchOptions _options = null!;
    private Dictionary<string, string> _shared = null!;
    private Dictionary<string, string> _gatewaySettings = null!;
    private Infrastructure _infrastructure = null!;

    public required JwtSettings Jwt { get; init; }
    public string ApprovalsGrpc { get; private set; } = "";
    public ServiceProcess Approvals { get; private set; } = null!;
    public ServiceProcess Governance { get; private set; } = null!;
    public ServiceProcess Gateway { get; private set; } = null!;
    public ServiceProcess? GatewayServerGc { get; private set; }
    public ServiceProcess BareProxy { get; private set; } = null!;

    public static async Task<PlatformProcesses> StartAsync(BenchOptions options, Infrastructure infrastructure)
    {
        // made up at every run: nothing signed here is worth anything elsewhere
        var jwt = new JwtSettings("longgang-bench", "longgang-api", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
        var platform = new PlatformProcesses { Jwt = jwt, _options = options, _infrastructure = infrastructure };
        var shared = new Dictionary<string, string>
        {
            ["Auth__Issuer"] = jwt.Issuer,
            ["Auth__Audience"] = jwt.Audience,
            ["Auth__SigningKey"] = jwt.SigningKey,
            ["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMq.GetConnectionString(),
            ["ConnectionStrings__redis"] = infrastructure.Redis.GetConnectionString(),
        };

        platform._shared = shared;
        (string Http, string Grpc) approvalsPorts = (Url(FreePort()), Url(FreePort()));
        (string Http, string Grpc) governancePorts = (Url(FreePort()), Url(FreePort()));
        var approvalsTask = platform.StartServiceAsync("approvals", "approvals", approvalsPorts);
        var governanceTask = platform.StartServiceAsync("governance", "governance", governancePorts);
        platform.Approvals = await approvalsTask;
        platform.Governance = await governanceTask;
        platform.ApprovalsGrpc = approvalsPorts.Grpc;

        var gatewaySettings = new Dictionary<string, string>
        {
            ["Gateway__Services__approvals__Http"] = approvalsPorts.Http,
            ["Gateway__Services__approvals__Grpc"] = approvalsPorts.Grpc,
            ["Gateway__Services__governance__Http"] = governancePorts.Http,
            ["Gateway__Services__governance__Grpc"] = governancePorts.Grpc,
            // the bench is one client (one token subject); the limiter still runs (a Redis call per request), it just never says no
            ["Gateway__RateLimit__PermitLimit"] = "1000000000",
        };
        foreach (var unused in new[] { "talent", "livelihood" })
        {
            // not started: the gateway only needs somewhere to point (their readiness reports down; no route is called)
            gatewaySettings[$"Gateway__Services__{unused}__Http"] = Url(FreePort());
            gatewaySettings[$"Gateway__Services__{unused}__Grpc"] = Url(FreePort());
        }
        platform._gatewaySettings = gatewaySettings;
        (string Http, string Grpc) gatewayPorts = (Url(FreePort()), Url(FreePort()));
        (string Http, string Grpc) serverGcPorts = (Url(FreePort()), Url(FreePort()));
        var bareUrl = Url(FreePort());
        var gatewayDll = options.Dll("gateway/Platform.Gateway", "Longgang.Gateway");
        var gatewayTask = ServiceProcess.StartAsync("gateway", gatewayDll,
            With(shared, gatewaySettings, Endpoints(gatewayPorts), new() { ["DOTNET_gcServer"] = "0" }),
            [], new Uri(gatewayPorts.Http), options.LogDirectory, options.WorkDirectory);
        var serverGcTask = options.Quick ? null : ServiceProcess.StartAsync("gateway-server-gc", gatewayDll,
            With(shared, gatewaySettings, Endpoints(serverGcPorts), new() { ["DOTNET_gcServer"] = "1" }),
            [], new Uri(serverGcPorts.Http), options.LogDirectory, options.WorkDirectory);
        var bareTask = ServiceProcess.StartAsync("bare-proxy", options.Dll("bench/BareProxy", "Longgang.Bench.BareProxy"),
            new Dictionary<string, string> { ["Bare__Destination"] = approvalsPorts.Http + "/", ["Kestrel__Endpoints__http__Url"] = bareUrl },
            [], new Uri(bareUrl), options.LogDirectory, options.WorkDirectory);
        platform.Gateway = await Track(platform, gatewayTask);
        platform.GatewayServerGc = serverGcTask is null ? null : await Track(platform, serverGcTask);
        platform.BareProxy = await Track(platform, bareTask);
        return platform;
    }

    /// <summary>
    /// Starts a replica of approvals or governance (<paramref name="service"/>) on its own ports, against the same
    /// database, RabbitMQ and Redis as the first; stopped with the platform unless disposed earlier.
    /// </summary>
    public Task<ServiceProcess> StartServiceAsync(string service, string processName) =>
        StartServiceAsync(service, processName, (Url(FreePort()), Url(FreePort())));

    private async Task<ServiceProcess> StartServiceAsync(string service, string processName, (string Http, string Grpc) ports)
    {
        var assembly = "Longgang." + char.ToUpperInvariant(service[0]) + service[1..];
        var process = await ServiceProcess.StartAsync(processName, _options.Dll($"services/{service}", assembly),
            With(_shared, Endpoints(ports), new() { [$"ConnectionStrings__{service}"] = _infrastructure.Database(service, 40) }),
            [], new Uri(ports.Http), _options.LogDirectory, _options.WorkDirectory);
        lock (_all) _all.Add(process);
        return process;
    }

    /// <summary>A gateway whose approvals REST calls go to <paramref name="approvalsHttp"/> (the replica suite's balancer).</summary>
    public async Task<ServiceProcess> StartGatewayAsync(string processName, string approvalsHttp)
    {
        var http = Url(FreePort());
        var process = await ServiceProcess.StartAsync(processName, _options.Dll("gateway/Platform.Gateway", "Longgang.Gateway"),
            With(_shared, _gatewaySettings, Endpoints((http, Url(FreePort()))), new() { ["Gateway__Services__approvals__Http"] = approvalsHttp }),
            [], new Uri(http), _options.LogDirectory, _options.WorkDirectory);
        lock (_all) _all.Add(process);
        return process;
    }

    /// <summary>The bare YARP proxy on <paramref name="url"/>, balancing over <paramref name="destinations"/>.</summary>
    public async Task<ServiceProcess> StartBareProxyAsync(string processName, string url, IEnumerable<Uri> destinations)
    {
        var process = await ServiceProcess.StartAsync(processName, _options.Dll("bench/BareProxy", "Longgang.Bench.BareProxy"),
            new Dictionary<string, string> { ["Bare__Destination"] = string.Join(',', destinations), ["Kestrel__Endpoints__http__Url"] = url },
            [], new Uri(url), _options.LogDirectory, _options.WorkDirectory);
        lock (_all) _all.Add(process);
        return process;
    }

    /// <summary>Stops a process started here before the end of the run.</summary>
    public async Task StopAsync(ServiceProcess process)
    {
        lock (_all) _all.Remove(process);
        await process.DisposeAsync();
    }

    public string CitizenToken() =>
        Jwt.IssueToken("citizen-bench", "citizen", null, null, DateTimeOffset.UtcNow, TimeSpan.FromHours(4));

    /// <summary>A pooled HTTP/1.1 client with the bench's bearer token.</summary>
    public HttpClient Client(Uri baseAddress, int connections)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        })
        {
            BaseAddress = baseAddress,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CitizenToken());
        return client;
    }

    public const string SubmitPath = "/api/approvals/v1/applications";
    public static readonly byte[] SubmitBody = Encoding.UTF8.GetBytes(
        """{"matterCode":"MS-001","applicantName":"Li Lei","channel":"CHANNEL_SERVICE_HALL","districtCode":"district-03","materials":["application form"]}""");

    public static async Task<bool> PostSubmitAsync(HttpClient client, CancellationToken ct)
    {
        using var content = new ByteArrayContent(SubmitBody);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(SubmitPath, content, ct);
        await response.Content.CopyToAsync(Stream.Null, ct);
        return response.IsSuccessStatusCode;
    }

    public static async Task<bool> GetAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
        return response.IsSuccessStatusCode;
    }

    /// <summary>Submits one application through the gateway and returns its id (the read path's cached object).</summary>
    public async Task<string> SubmitOneAsync()
    {
        using var client = Client(Gateway.Http, 1);
        using var content = new ByteArrayContent(SubmitBody);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(SubmitPath, content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Submit failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_all)) await process.DisposeAsync();
    }

    private static async Task<ServiceProcess> Track(PlatformProcesses platform, Task<ServiceProcess> starting)
    {
        var process = await starting;
        lock (platform._all) platform._all.Add(process);
        return process;
    }

    private static Dictionary<string, string> Endpoints((string Http, string Grpc) ports) => new()
    {
        ["Kestrel__Endpoints__http__Url"] = ports.Http,
        ["Kestrel__Endpoints__http__Protocols"] = "Http1",
        ["Kestrel__Endpoints__grpc__Url"] = ports.Grpc,
        ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
    };

    private static Dictionary<string, string> With(params Dictionary<string, string>[] parts)
    {
        var merged = new Dictionary<string, string>();
        foreach (var part in parts) foreach (var (key, value) in part) merged[key] = value;
        return merged;
    }

    public static string Url(int port) => $"http://127.0.0.1:{port}";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
