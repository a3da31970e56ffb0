using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Longgang.Gateway;
using Longgang.Gateway.Profile;
using Longgang.Platform;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

// The gateway's cost per request, against the bare YARP proxy, measured in one run (bench/README.md, "Profile: one
// request through the gateway"). `run` starts a stub service and the load in this process and each proxy in a process
// of its own (this program again, as `gateway` or `bare`), and reads each proxy's CPU time and allocated bytes before
// and after a measured batch of GETs. Variants of the gateway differ by configuration only.
switch (args.FirstOrDefault())
{
    case "gateway":
        {
            var builder = WebApplication.CreateBuilder(args[1..]);
            builder.AddServiceDefaults();
            builder.AddGateway();
            var app = builder.Build();
            app.MapServiceDefaults();
            app.MapGateway();
            await Child.ServeAsync(app);
            break;
        }
    case "bare":
        {
            // the same as bench/BareProxy
            var builder = WebApplication.CreateSlimBuilder(args[2..]);
            builder.Logging.ClearProviders();
            builder.Services.AddReverseProxy().LoadFromMemory(
                [new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "/{**catch-all}" } }],
                [
                    new ClusterConfig
                    {
                        ClusterId = "backend",
                        Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = args[1] } },
                        HttpRequest = new ForwarderRequestConfig { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower },
                    },
                ]);
            var app = builder.Build();
            app.MapReverseProxy();
            await Child.ServeAsync(app);
            break;
        }
    case "micro":
        await Micro.RunAsync(int.Parse(args.ElementAtOrDefault(1) ?? "100000"));
        break;
    default:
        await Profiler.RunAsync(args);
        break;
}

namespace Longgang.Gateway.Profile
{
    internal static class Child
    {
        /// <summary>Starts, says "ready", then answers "stats" on stdin with the bytes this process has allocated.</summary>
        public static async Task ServeAsync(WebApplication app)
        {
            await app.StartAsync();
            Console.Out.WriteLine("ready");
            Console.Out.Flush();
            while (Console.In.ReadLine() is { } line)
            {
                if (line == "stats")
                {
                    Console.Out.WriteLine("stats " + GC.GetTotalAllocatedBytes(precise: true));
                    Console.Out.Flush();
                }
            }
            await app.StopAsync();
        }
    }

    internal sealed class Proxy(string name, Process process, Uri address) : IAsyncDisposable
    {
        public string Name => name;
        public Uri Address => address;

        public static async Task<Proxy> StartAsync(string name, string[] arguments, IReadOnlyDictionary<string, string> environment, Uri address)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(typeof(Child).Assembly.Location);
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            foreach (var (key, value) in environment) start.Environment[key] = value;
            var process = Process.Start(start)!;
            while (await process.StandardOutput.ReadLineAsync() is { } line)
                if (line == "ready") return new Proxy(name, process, address);
            throw new InvalidOperationException($"{name} did not start");
        }

        public async Task<(double CpuMicroseconds, long Allocated)> StatsAsync()
        {
            await process.StandardInput.WriteLineAsync("stats");
            await process.StandardInput.FlushAsync();
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (!line.StartsWith("stats ", StringComparison.Ordinal)) continue;
                process.Refresh();
                return (process.TotalProcessorTime.TotalMicroseconds, long.Parse(line[6..], System.Globalization.CultureInfo.InvariantCulture));
            }
            throw new InvalidOperationException($"{name} exited");
        }

        public async ValueTask DisposeAsync()
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000)) process.Kill();
            await Task.CompletedTask;
            process.Dispose();
        }
    }

    internal static class Profiler
    {
        // about the size of GetApplication's answer
        private static readonly string Body = "{\"id\":\"0b8f6a0e-4f7c-4a57-9c3e-2f1d3c4b5a69\",\"matterCode\":\"market-business-licence\",\"status\":\"APPLICATION_STATUS_IN_REVIEW\"," +
            "\"applicant\":{\"name\":\"深圳市龙岗区示例贸易有限公司\",\"kind\":\"APPLICANT_KIND_ENTERPRISE\"},\"district\":\"district-06\",\"submittedAt\":\"2026-11-30T09:12:44+08:00\"," +
            "\"submittedOn\":\"2026-11-30\",\"dueOn\":\"2026-12-14\",\"materials\":[" + string.Join(',', Enumerable.Range(1, 6).Select(i =>
                $"{{\"code\":\"material-{i}\",\"name\":\"营业执照申请材料{i}\",\"status\":\"MATERIAL_STATUS_CONFIRMED\"}}")) + "],\"history\":[]}";

        public static async Task RunAsync(string[] args)
        {
            var options = new Dictionary<string, string>();
            for (var i = args.FirstOrDefault() == "run" ? 1 : 0; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
            var rounds = int.Parse(options.GetValueOrDefault("rounds", "5"));
            var requests = int.Parse(options.GetValueOrDefault("requests", "20000"));
            var workers = int.Parse(options.GetValueOrDefault("workers", "32"));
            var redis = options.GetValueOrDefault("redis");
            var only = options.GetValueOrDefault("only");

            var backend = WebApplication.CreateSlimBuilder();
            backend.Logging.ClearProviders();
            backend.WebHost.UseUrls("http://127.0.0.1:0");
            var service = backend.Build();
            service.MapGet("/{**path}", () => Results.Text(Body, "application/json"));
            await service.StartAsync();
            var backendAddress = service.Urls.First();

            var jwt = new Longgang.Platform.Security.JwtSettings("profile", "longgang-api", Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray()));
            var token = jwt.IssueToken("citizen-profile", PlatformRoles.Citizen, null, null, DateTimeOffset.UtcNow, TimeSpan.FromHours(2));
            var common = new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Profile",
                ["DOTNET_gcServer"] = "0",
                ["Auth__Issuer"] = jwt.Issuer,
                ["Auth__Audience"] = jwt.Audience,
                ["Auth__SigningKey"] = jwt.SigningKey,
                ["Gateway__RateLimit__PermitLimit"] = "1000000000",
            };
            foreach (var name in new[] { "approvals", "governance", "talent", "livelihood" })
                common[$"Gateway__Services__{name}__Http"] = common[$"Gateway__Services__{name}__Grpc"] = backendAddress;

            var variants = new List<(string Name, Dictionary<string, string> Environment)>();
            if (redis is not null) variants.Add(("gateway", new() { ["ConnectionStrings__redis"] = redis }));
            variants.Add(("gateway, no Redis (in-memory limiter)", new()));
            variants.Add(("gateway, no Redis, hosting log scope off", new() { ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "None" }));
            variants.Add(("gateway, no Redis, no logging, no OpenTelemetry", new() { ["Logging__LogLevel__Default"] = "None", ["Logging__LogLevel__Microsoft.AspNetCore"] = "None", ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "None", ["OTEL_SDK_DISABLED"] = "true" }));
            var path = "/api/approvals/v1/applications/0b8f6a0e-4f7c-4a57-9c3e-2f1d3c4b5a69";
            var targets = new List<(Proxy Proxy, string Path, bool Token, string Label)>();
            try
            {
                foreach (var (name, environment) in variants)
                {
                    if (only is not null && !only.Split('|').Contains(name)) continue;
                    var ports = (Http: FreePort(), Grpc: FreePort());
                    var proxy = await Proxy.StartAsync(name, ["gateway"],
                        new Dictionary<string, string>(common.Concat(environment)) { ["Platform__HttpPort"] = $"{ports.Http}", ["Platform__GrpcPort"] = $"{ports.Grpc}" },
                        new Uri($"http://127.0.0.1:{ports.Http}"));
                    targets.Add((proxy, path, true, name));
                    if (name == variants[0].Name)
                        targets.Add((proxy, "/api/approvals/v1/public/applications/x", false, name + ", anonymous public route"));
                }
                var barePort = FreePort();
                var bare = await Proxy.StartAsync("bare YARP proxy", ["bare", backendAddress, $"--urls=http://127.0.0.1:{barePort}"], common, new Uri($"http://127.0.0.1:{barePort}"));
                targets.Add((bare, path, false, "bare YARP proxy"));

                var figures = targets.ToDictionary(t => t.Label, _ => (Cpu: new List<double>(), Bytes: new List<double>(), Rate: new List<double>()));
                var ratios = targets.ToDictionary(t => t.Label, _ => new List<double>());
                for (var round = 0; round < rounds; round++)
                {
                    var cpuThisRound = new Dictionary<string, double>();
                    foreach (var target in targets.Skip(round % targets.Count).Concat(targets.Take(round % targets.Count)))
                    {
                        using var client = Client(target.Proxy.Address, workers, target.Token ? token : null);
                        await LoadAsync(client, target.Path, workers, Math.Min(2000, requests / 5));
                        var before = await target.Proxy.StatsAsync();
                        var clock = Stopwatch.StartNew();
                        await LoadAsync(client, target.Path, workers, requests);
                        var seconds = clock.Elapsed.TotalSeconds;
                        var after = await target.Proxy.StatsAsync();
                        var cpu = (after.CpuMicroseconds - before.CpuMicroseconds) / requests;
                        figures[target.Label].Cpu.Add(cpu);
                        figures[target.Label].Bytes.Add((double)(after.Allocated - before.Allocated) / requests);
                        figures[target.Label].Rate.Add(requests / seconds);
                        cpuThisRound[target.Label] = cpu;
                        Console.WriteLine($"round {round + 1} {target.Label}: {cpu:0.0} µs CPU/req, {(after.Allocated - before.Allocated) / requests} B/req, {requests / seconds:0} req/s");
                    }
                    foreach (var label in cpuThisRound.Keys) ratios[label].Add(cpuThisRound[label] / cpuThisRound["bare YARP proxy"]);
                }

                Console.WriteLine();
                Console.WriteLine($"{rounds} rounds of {requests} GETs, {workers} connections; median (min-max)");
                Console.WriteLine("| target | CPU µs/req | ÷ bare (per round) | allocated B/req | req/s |");
                Console.WriteLine("|---|---:|---:|---:|---:|");
                foreach (var target in targets)
                {
                    var f = figures[target.Label];
                    Console.WriteLine($"| {target.Label} | {Summary(f.Cpu, "0")} | {Summary(ratios[target.Label], "0.00")}× | {Summary(f.Bytes, "0")} | {Summary(f.Rate, "0")} |");
                }
            }
            finally
            {
                foreach (var proxy in targets.Select(t => t.Proxy).Distinct()) await proxy.DisposeAsync();
                await service.StopAsync();
            }
        }

        private static HttpClient Client(Uri address, int connections, string? token)
        {
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = address };
            if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            return client;
        }

        private static async Task LoadAsync(HttpClient client, string path, int workers, int requests)
        {
            var left = requests;
            await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
            {
                while (Interlocked.Decrement(ref left) >= 0)
                {
                    using var response = await client.GetAsync(path);
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
                }
            }));
        }

        private static string Summary(List<double> values, string format)
        {
            var sorted = values.Order().ToArray();
            return $"{sorted[sorted.Length / 2].ToString(format)} ({sorted[0].ToString(format)}-{sorted[^1].ToString(format)})";
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
