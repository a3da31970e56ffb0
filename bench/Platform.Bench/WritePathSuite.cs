using System.Diagnostics;
using static Longgang.Bench.Stats;

namespace Longgang.Bench;

/// <summary>
/// Suite 2: SubmitApplication through the gateway (approvals on PostgreSQL, outbox relay to RabbitMQ, governance
/// consuming) against the same work in a bare loop (<see cref="BenchHost.SubmitAsync"/>). Both rates count a
/// submission once its event has left the outbox: submissions ÷ (load time + time for the outbox to drain).
/// Samples each process's RSS during the HTTP rounds for suite 4.
/// </summary>
public static class WritePathSuite
{
    public static Dictionary<string, long> PeakRss { get; } = new();

    public static async Task RunAsync(BenchOptions options, Infrastructure infrastructure, PlatformProcesses platform, BenchHost bench, Report report)
    {
        using var client = platform.Client(platform.Gateway.Http, options.WriteWorkers * 2);
        var notifier = new NotifierBinding(infrastructure.RabbitMq.GetConnectionString());
        var http = new List<LoadResult>();
        var httpSustained = new List<double>();
        var baseline = new List<double>();
        var baselineRaw = new List<double>();
        var ratios = new List<double>();

        // warm both paths (JIT, connection pools) before anything is measured
        await Load.ClosedLoopAsync(ct => PlatformProcesses.PostSubmitAsync(client, ct), options.WriteWorkers, TimeSpan.FromSeconds(1));
        await DrainAsync(() => ApprovalsUnsentAsync(infrastructure));
        await notifier.DetachAsync();
        await Load.ClosedLoopAsync(async ct => { await bench.SubmitAsync(ct); return true; }, options.WriteWorkers, TimeSpan.FromSeconds(1));
        await DrainAsync(bench.UnsentAsync);

        for (var round = 0; round < options.WriteRounds; round++)
        {
            double httpRate = 0, baseRate = 0;
            foreach (var httpFirst in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                if (httpFirst)
                {
                    await notifier.AttachAsync();
                    using var sampling = new CancellationTokenSource();
                    var sampler = SampleRssAsync([platform.Approvals, platform.Governance, platform.Gateway], sampling.Token);
                    var result = await Load.ClosedLoopAsync(ct => PlatformProcesses.PostSubmitAsync(client, ct), options.WriteWorkers, options.WriteDuration);
                    var drain = await DrainAsync(() => ApprovalsUnsentAsync(infrastructure));
                    await sampling.CancelAsync();
                    await sampler;
                    http.Add(result);
                    httpRate = result.Completed / (result.Elapsed + drain).TotalSeconds;
                    httpSustained.Add(httpRate);
                    await notifier.DetachAsync();
                    Console.WriteLine($"  suite 2 round {round + 1} via gateway: {result.Rate:0}/s requests, {httpRate:0}/s sustained (drain {drain.TotalMilliseconds:0} ms), p99 {result.P99:0.0} ms, failed {result.Failed}");
                }
                else
                {
                    var result = await Load.ClosedLoopAsync(async ct => { await bench.SubmitAsync(ct); return true; }, options.WriteWorkers, options.WriteDuration);
                    var drain = await DrainAsync(bench.UnsentAsync);
                    baseRate = result.Completed / (result.Elapsed + drain).TotalSeconds;
                    baseline.Add(baseRate);
                    baselineRaw.Add(result.Rate);
                    Console.WriteLine($"  suite 2 round {round + 1} bare loop: {result.Rate:0}/s inserts, {baseRate:0}/s sustained (drain {drain.TotalMilliseconds:0} ms)");
                }
            }
            ratios.Add(httpRate / baseRate);
        }

        // suite 3 publishes from the bare loop too: the notifier stays detached until the end of the run
        // every submission (HTTP and bare loop alike) is a service-hall application: governance must count each once
        var expected = await CountApplicationsAsync(infrastructure) + await CountBenchApplicationsAsync(infrastructure);
        var counted = await WaitForCountAsync(infrastructure, expected, TimeSpan.FromSeconds(60));

        report.Section("Suite 2: write path (POST /api/approvals/v1/applications through the gateway)");
        report.Line($"Closed loop, {options.WriteWorkers} concurrent submitters, {options.WriteRounds} rounds of {options.WriteDuration.TotalSeconds:0.#} s, " +
                    "HTTP and bare loop alternating (order swapped each round). \"Sustained\" = submissions ÷ (load time + time until the " +
                    "outbox has no unsent row), i.e. committed **and** published. Bare loop: the service's own DbContext, domain, outbox and " +
                    "`OutboxRelay` in the bench process (database `approvals_bench` on the same PostgreSQL, same RabbitMQ), no HTTP, gRPC or auth.");
        report.Line();
        report.Table(["path", "requests/s", "sustained submissions/s", "p50 ms", "p99 ms", "failed"],
        [
            ["via gateway", Summary(http.Select(r => r.Rate).ToArray(), "0"), Summary(httpSustained, "0"),
                Summary(http.Select(r => r.P50).ToArray(), "0.0"), Summary(http.Select(r => r.P99).ToArray(), "0.0"),
                http.Sum(r => r.Failed).ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["bare loop (baseline)", Summary(baselineRaw, "0"), Summary(baseline, "0"), "–", "–", "0"],
        ]);
        report.Line($"Ratio via gateway ÷ baseline (per round): {Summary(ratios, "0.00")}×. Governance's tally holds {counted} of the " +
                    $"{expected} service-hall applications stored so far (both databases){(counted == expected ? ": none lost, none twice" : " — **MISMATCH**")}.");
        report.Goal("Write path ≥ 0.5× bare-loop rate", $"{Summary(ratios, "0.00")}× ({Median(httpSustained):0}/s vs {Median(baseline):0}/s; p99 {Median(http.Select(r => r.P99)):0.0} ms)",
            Median(ratios) >= 0.5);
    }

    private static async Task SampleRssAsync(ServiceProcess[] processes, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            lock (PeakRss)
            {
                foreach (var process in processes)
                    PeakRss[process.Name] = Math.Max(PeakRss.GetValueOrDefault(process.Name), process.RssBytes());
            }
            try { await Task.Delay(100, stop); }
            catch (TaskCanceledException) { }
        }
    }

    private static async Task<TimeSpan> DrainAsync(Func<Task<int>> unsent)
    {
        var clock = Stopwatch.StartNew();
        while (await unsent() > 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException("The outbox did not drain within 120 s.");
            await Task.Delay(20);
        }
        return clock.Elapsed;
    }

    private static async Task<int> ApprovalsUnsentAsync(Infrastructure infrastructure) =>
        (int)await infrastructure.ScalarAsync("approvals", "select count(*) from outbox_messages where \"SentAt\" is null");

    private static Task<long> CountApplicationsAsync(Infrastructure infrastructure) =>
        infrastructure.ScalarAsync("approvals", "select count(*) from applications where \"Channel\" = 2");

    private static Task<long> CountBenchApplicationsAsync(Infrastructure infrastructure) =>
        infrastructure.ScalarAsync(BenchHost.DatabaseName, "select count(*) from applications where \"Channel\" = 2");

    public static Task<long> CountSubmissionsAsync(Infrastructure infrastructure) =>
        infrastructure.ScalarAsync("governance", "select count(*) from service_hall_submissions");

    public static async Task<long> WaitForCountAsync(Infrastructure infrastructure, long expected, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        long count;
        while ((count = await CountSubmissionsAsync(infrastructure)) < expected && clock.Elapsed < timeout) await Task.Delay(100);
        return count;
    }
}
