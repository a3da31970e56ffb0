using static Longgang.Bench.Stats;

namespace Longgang.Bench;

/// <summary>
/// Suite 4: resident memory (VmRSS) of each process idle (started and warmed, before any suite) and at its peak
/// under suite 2's write load; then the embedded single-process host, idle and under a short write load.
/// </summary>
public static class MemorySuite
{
    public static Dictionary<string, long> Idle { get; } = new();

    public static void RecordIdle(params ServiceProcess[] processes)
    {
        foreach (var process in processes) Idle[process.Name] = process.RssBytes();
    }

    public static async Task RunAsync(BenchOptions options, PlatformProcesses platform, Report report)
    {
        var (embeddedIdle, embeddedPeak, embeddedRate) = await EmbeddedHostAsync(options, platform);

        report.Section("Suite 4: memory (VmRSS)");
        report.Line("Idle: after start and a few warm-up requests, before any suite. Under load: the peak sampled every 100 ms during " +
                    "suite 2's HTTP rounds (approvals, governance, gateway) or during a write load on the embedded host.");
        report.Line();
        var rows = new List<string[]>();
        foreach (var name in new[] { "approvals", "governance", "gateway", "gateway-server-gc", "bare-proxy" })
        {
            if (!Idle.ContainsKey(name)) continue;
            WritePathSuite.PeakRss.TryGetValue(name, out var peak);
            rows.Add([name, Mb(Idle.GetValueOrDefault(name)), peak == 0 ? "– (not under suite 2)" : Mb(peak)]);
        }
        rows.Add([$"embedded host (whole platform, one process; {embeddedRate:0} submissions/s through its gateway)", Mb(embeddedIdle), Mb(embeddedPeak)]);
        report.Table(["process", "idle MB", "under load MB"], rows);

        foreach (var name in new[] { "approvals", "governance", "gateway" })
        {
            var peak = WritePathSuite.PeakRss.GetValueOrDefault(name);
            report.Goal($"{name} ≤ 150 MB RSS under load", $"{Mb(peak)} MB (idle {Mb(Idle.GetValueOrDefault(name))} MB)", peak > 0 && peak <= 150L * 1024 * 1024);
        }
        report.Goal("Embedded host ≤ 250 MB RSS under load", $"{Mb(embeddedPeak)} MB (idle {Mb(embeddedIdle)} MB)", embeddedPeak <= 250L * 1024 * 1024);

        if (GcChoice.Figures is { } gc)
        {
            report.Line();
            report.Line("**GC choice (gateway hop, suite 1 saturation):** workstation GC " +
                        $"{F(gc.WorkstationRate, "0")} req/s at {F(gc.WorkstationCpu, "0")} µs CPU/req, idle {Mb(Idle.GetValueOrDefault("gateway"))} MB; " +
                        $"server GC {F(gc.ServerRate, "0")} req/s at {F(gc.ServerCpu, "0")} µs CPU/req, idle {Mb(Idle.GetValueOrDefault("gateway-server-gc"))} MB " +
                        $"(server ÷ workstation throughput {F(gc.ServerRate / gc.WorkstationRate, "0.00")}×). See bench/README.md for the choice this supports.");
        }
    }

    private static async Task<(long Idle, long Peak, double Rate)> EmbeddedHostAsync(BenchOptions options, PlatformProcesses platform)
    {
        var data = Path.Combine(options.WorkDirectory, "embedded-data");
        Directory.CreateDirectory(data);
        var httpPort = PlatformProcesses.FreePort();
        // the host as a developer runs it (SQLite, in-memory bus and cache), with this run's key so the bench's tokens work
        await using var host = await ServiceProcess.StartAsync("embedded-host", options.Dll("services/Platform.Host", "Longgang.Platform.Host"),
            new Dictionary<string, string>(),
            ["--Embedded:HttpPort", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--Embedded:GrpcPort", PlatformProcesses.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--Storage:DataDirectory", data,
             "--Auth:Issuer", platform.Jwt.Issuer, "--Auth:Audience", platform.Jwt.Audience, "--Auth:SigningKey", platform.Jwt.SigningKey,
             "--Gateway:RateLimit:PermitLimit", "1000000000"],
            new Uri(PlatformProcesses.Url(httpPort)), options.LogDirectory, options.WorkDirectory);
        using var client = platform.Client(host.Http, 16);
        await Load.ClosedLoopAsync(ct => PlatformProcesses.PostSubmitAsync(client, ct), 4, TimeSpan.FromSeconds(1));
        await Task.Delay(500);
        var idle = host.RssBytes();
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, host.RssBytes());
                try { await Task.Delay(100, stop.Token); } catch (TaskCanceledException) { }
            }
        });
        var result = await Load.ClosedLoopAsync(ct => PlatformProcesses.PostSubmitAsync(client, ct), 8, options.EmbeddedLoad);
        await stop.CancelAsync();
        await sampler;
        Console.WriteLine($"  suite 4 embedded host: idle {Mb(idle)} MB, peak {Mb(peak)} MB, {result.Rate:0} submissions/s, failed {result.Failed}");
        return (idle, Math.Max(peak, idle), result.Rate);
    }

    private static string Mb(long bytes) => bytes == 0 ? "n/a" : F(bytes / 1024.0 / 1024.0, "0");
}
