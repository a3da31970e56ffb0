using static Longgang.Bench.Stats;

namespace Longgang.Bench;

/// <summary>
/// Suite 1: GetApplication (served from approvals' cache) direct to approvals, through the platform gateway, and
/// through the bare YARP proxy (plus, in a full run, the gateway with server GC, for the GC choice). Saturation in a closed loop,
/// then all at one fixed rate, half the gateway's capacity, in an open loop. CPU per request per process from /proc.
/// </summary>
public static class GatewayHopSuite
{
    private sealed record Target(string Name, ServiceProcess? Proxy, Uri Address);

    private sealed class Figures
    {
        public List<double> Rate { get; } = [];
        public List<double> P50 { get; } = [];
        public List<double> P99 { get; } = [];
        public List<double> ProxyCpu { get; } = [];
        public List<double> BackendCpu { get; } = [];
        public int Failed { get; set; }
    }

    public static async Task RunAsync(BenchOptions options, PlatformProcesses platform, Report report)
    {
        var id = await platform.SubmitOneAsync();
        var path = $"/api/approvals/v1/applications/{id}";
        List<Target> targets =
        [
            new("direct", null, platform.Approvals.Http),
            new("platform gateway", platform.Gateway, platform.Gateway.Http),
            new("bare YARP proxy", platform.BareProxy, platform.BareProxy.Http),
        ];
        if (platform.GatewayServerGc is { } serverGc) targets.Add(new("platform gateway, server GC", serverGc, serverGc.Http));
        var clients = targets.ToDictionary(t => t.Name, t => platform.Client(t.Address, options.HopWorkers * 2));
        try
        {
            foreach (var target in targets)
            {
                if (!await PlatformProcesses.GetAsync(clients[target.Name], path, CancellationToken.None))
                    throw new InvalidOperationException($"GET {path} via {target.Name} failed");
            }

            var saturation = targets.ToDictionary(t => t.Name, _ => new Figures());
            for (var round = 0; round < options.HopRounds; round++)
            {
                foreach (var target in Rotate(targets, round))
                {
                    var client = clients[target.Name];
                    Task<bool> Send(CancellationToken ct) => PlatformProcesses.GetAsync(client, path, ct);
                    await Load.ClosedLoopAsync(Send, options.HopWorkers, options.HopWarmup);
                    var (result, proxyCpu, backendCpu) = await MeasuredAsync(platform, target,
                        () => Load.ClosedLoopAsync(Send, options.HopWorkers, options.HopSaturation));
                    Record(saturation[target.Name], result, proxyCpu, backendCpu);
                    Console.WriteLine($"  suite 1 round {round + 1} saturation {target.Name}: {result.Rate:0} req/s");
                }
            }

            // per-round ratios: the targets ran back to back, under the same conditions
            var saturationCpu = Enumerable.Range(0, options.HopRounds)
                .Select(r => saturation["platform gateway"].ProxyCpu[r] / saturation["bare YARP proxy"].ProxyCpu[r]).ToList();
            var gatewayCapacity = Median(saturation["platform gateway"].Rate);
            var fixedRate = Math.Round(gatewayCapacity / 2);
            var fixedTargets = targets.Take(3).ToArray();
            var atFixedRate = fixedTargets.ToDictionary(t => t.Name, _ => new Figures());
            var ratios = new { Cpu = new List<double>(), AddedP50 = new List<double>(), P99 = new List<double>() };
            for (var round = 0; round < options.HopRounds; round++)
            {
                foreach (var target in Rotate(fixedTargets, round))
                {
                    var client = clients[target.Name];
                    Task<bool> Send(CancellationToken ct) => PlatformProcesses.GetAsync(client, path, ct);
                    var (result, proxyCpu, backendCpu) = await MeasuredAsync(platform, target,
                        () => Load.OpenLoopAsync(Send, fixedRate, options.HopFixedRate));
                    Record(atFixedRate[target.Name], result, proxyCpu, backendCpu);
                    Console.WriteLine($"  suite 1 round {round + 1} at {fixedRate:0}/s {target.Name}: p50 {result.P50:0.000} ms, p99 {result.P99:0.000} ms");
                }
                ratios.Cpu.Add(atFixedRate["platform gateway"].ProxyCpu[round] / atFixedRate["bare YARP proxy"].ProxyCpu[round]);
                ratios.AddedP50.Add(atFixedRate["platform gateway"].P50[round] - atFixedRate["direct"].P50[round]);
                ratios.P99.Add(atFixedRate["platform gateway"].P99[round] / atFixedRate["direct"].P99[round]);
            }

            report.Section("Suite 1: gateway hop (GET /api/approvals/v1/applications/{id}, from approvals' cache)");
            report.Line($"Closed loop, {options.HopWorkers} connections, {options.HopRounds} rounds of {options.HopSaturation.TotalSeconds:0.#} s per target " +
                        $"(after {options.HopWarmup.TotalSeconds:0.#} s warm-up), target order rotated each round. CPU is the process's utime+stime " +
                        "over the measured window divided by the requests completed.");
            report.Line();
            report.Table(["target", "req/s at saturation", "p50 ms", "p99 ms", "proxy CPU µs/req", "approvals CPU µs/req", "failed"],
                targets.Select(t => Row(t, saturation[t.Name])));
            report.Line($"Open loop at a fixed {fixedRate:0} req/s (half the platform gateway's median capacity), {options.HopRounds} rounds of " +
                        $"{options.HopFixedRate.TotalSeconds:0.#} s per target; latency from each request's scheduled start (no coordinated omission).");
            report.Line();
            report.Table(["target", "achieved req/s", "p50 ms", "p99 ms", "proxy CPU µs/req", "approvals CPU µs/req", "failed"],
                fixedTargets.Select(t => Row(t, atFixedRate[t.Name])));
            report.Table(["ratio (per round, median (min-max))", "value"],
            [
                ["saturation: platform gateway CPU/req ÷ bare proxy CPU/req", Summary(saturationCpu, "0.00") + "×"],
                ["half capacity: platform gateway CPU/req ÷ bare proxy CPU/req", Summary(ratios.Cpu, "0.00") + "×"],
                ["added p50 via gateway (gateway p50 − direct p50)", Summary(ratios.AddedP50, "0.000") + " ms"],
                ["p99 via gateway ÷ p99 direct", Summary(ratios.P99, "0.00") + "×"],
                ["saturation: gateway ÷ direct req/s", F(gatewayCapacity / Median(saturation["direct"].Rate), "0.00") + "×"],
                ["saturation: bare proxy ÷ direct req/s", F(Median(saturation["bare YARP proxy"].Rate) / Median(saturation["direct"].Rate), "0.00") + "×"],
            ]);

            report.Goal("Gateway CPU per request at saturation ≤ 1.5× the bare proxy",
                $"{Summary(saturationCpu, "0.00")}× ({Median(saturation["platform gateway"].ProxyCpu):0} vs {Median(saturation["bare YARP proxy"].ProxyCpu):0} µs/req)",
                Median(saturationCpu) <= 1.5);
            report.Goal("Added p50 at half capacity ≤ 0.3 ms", Summary(ratios.AddedP50, "0.000") + " ms", Median(ratios.AddedP50) <= 0.3);
            report.Goal("p99 through gateway ≤ 1.5× direct (at half capacity)", Summary(ratios.P99, "0.00") + "×", Median(ratios.P99) <= 1.5);
            if (saturation.TryGetValue("platform gateway, server GC", out var serverGcFigures))
            {
                GcChoice.Record(Median(saturation["platform gateway"].Rate), Median(serverGcFigures.Rate),
                    Median(saturation["platform gateway"].ProxyCpu), Median(serverGcFigures.ProxyCpu));
            }
        }
        finally
        {
            foreach (var client in clients.Values) client.Dispose();
        }
    }

    private static async Task<(LoadResult Result, double ProxyCpu, double BackendCpu)> MeasuredAsync(
        PlatformProcesses platform, Target target, Func<Task<LoadResult>> run)
    {
        var proxyBefore = target.Proxy?.CpuMicroseconds() ?? 0;
        var backendBefore = platform.Approvals.CpuMicroseconds();
        var result = await run();
        var proxyCpu = target.Proxy is null ? double.NaN : (double)(target.Proxy.CpuMicroseconds() - proxyBefore) / Math.Max(1, result.Completed);
        var backendCpu = (double)(platform.Approvals.CpuMicroseconds() - backendBefore) / Math.Max(1, result.Completed);
        return (result, proxyCpu, backendCpu);
    }

    private static void Record(Figures figures, LoadResult result, double proxyCpu, double backendCpu)
    {
        figures.Rate.Add(result.Rate);
        figures.P50.Add(result.P50);
        figures.P99.Add(result.P99);
        figures.ProxyCpu.Add(proxyCpu);
        figures.BackendCpu.Add(backendCpu);
        figures.Failed += result.Failed;
    }

    private static string[] Row(Target target, Figures f) =>
    [
        target.Name, Summary(f.Rate, "0"), Summary(f.P50, "0.000"), Summary(f.P99, "0.000"),
        target.Proxy is null ? "–" : Summary(f.ProxyCpu, "0"), Summary(f.BackendCpu, "0"), f.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    private static IEnumerable<T> Rotate<T>(IReadOnlyList<T> items, int by) =>
        Enumerable.Range(0, items.Count).Select(i => items[(i + by) % items.Count]);
}

/// <summary>Suite 1's workstation vs server GC figures, reported with the memory suite.</summary>
public static class GcChoice
{
    public static (double WorkstationRate, double ServerRate, double WorkstationCpu, double ServerCpu)? Figures { get; private set; }

    public static void Record(double workstationRate, double serverRate, double workstationCpu, double serverCpu) =>
        Figures = (workstationRate, serverRate, workstationCpu, serverCpu);
}
