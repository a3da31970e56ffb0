using System.Diagnostics;
using static Longgang.Bench.Stats;

namespace Longgang.Bench;

/// <summary>
/// Suite 2: SubmitApplication through the gateway (approvals on PostgreSQL, outbox relay to RabbitMQ, governance
/// consuming) against its limit, the same two inserts over raw Npgsql (<see cref="RawSubmissions"/>), alternating,
/// both closed loops of the same concurrency. A platform submission counts once its event has left the outbox:
/// submissions ÷ (load time + time for the outbox to drain); a raw one once committed. Then the platform in an open
/// loop at half the rate it sustained, for its latency and its per-submission costs. Samples each process's RSS
/// during the HTTP rounds for suite 4.
/// </summary>
public static class WritePathSuite
{
    public static Dictionary<string, long> PeakRss { get; } = new();

    public static async Task RunAsync(BenchOptions options, Infrastructure infrastructure, PlatformProcesses platform, RawSubmissions raw, Report report)
    {
        using var client = platform.Client(platform.Gateway.Http, options.WriteWorkers * 2);
        var http = new List<LoadResult>();
        var httpSustained = new List<double>();
        var limit = new List<LoadResult>();
        var ratios = new List<double>();
        Task<bool> Submit(CancellationToken ct) => PlatformProcesses.PostSubmitAsync(client, ct);
        async Task<bool> Insert(CancellationToken ct)
        {
            await raw.InsertAsync(RawSubmissions.LimitSchema, ct);
            return true;
        }

        // warm both paths (JIT, connection pools) before anything is measured
        await Load.ClosedLoopAsync(Submit, options.WriteWorkers, TimeSpan.FromSeconds(1));
        await DrainAsync(() => ApprovalsUnsentAsync(infrastructure));
        await Load.ClosedLoopAsync(Insert, options.WriteWorkers, TimeSpan.FromSeconds(1));

        for (var round = 0; round < options.WriteRounds; round++)
        {
            double httpRate = 0, limitRate = 0;
            foreach (var httpFirst in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                if (httpFirst)
                {
                    using var sampling = new CancellationTokenSource();
                    var sampler = SampleRssAsync([platform.Approvals, platform.Governance, platform.Gateway], sampling.Token);
                    var result = await Load.ClosedLoopAsync(Submit, options.WriteWorkers, options.WriteDuration);
                    var drain = await DrainAsync(() => ApprovalsUnsentAsync(infrastructure));
                    await sampling.CancelAsync();
                    await sampler;
                    http.Add(result);
                    httpRate = result.Completed / (result.Elapsed + drain).TotalSeconds;
                    httpSustained.Add(httpRate);
                    Console.WriteLine($"  suite 2 round {round + 1} via gateway: {result.Rate:0}/s requests, {httpRate:0}/s sustained (drain {drain.TotalMilliseconds:0} ms), p99 {result.P99:0.0} ms, failed {result.Failed}");
                }
                else
                {
                    var result = await Load.ClosedLoopAsync(Insert, options.WriteWorkers, options.WriteDuration);
                    limit.Add(result);
                    limitRate = result.Rate;
                    Console.WriteLine($"  suite 2 round {round + 1} raw Npgsql: {result.Rate:0}/s committed, p99 {result.P99:0.0} ms");
                }
            }
            ratios.Add(httpRate / limitRate);
        }

        // latency at a rate the platform sustains: half of what it did; the per-submission costs from the same window
        var openRate = Math.Max(1, Math.Round(Median(httpSustained) / 2));
        var open = new List<LoadResult>();
        for (var round = 0; round < Math.Max(1, options.WriteRounds / 2); round++)
        {
            var counters = await DatabaseCounters.TakeAsync(infrastructure);
            var cpu = new[] { platform.Gateway, platform.Approvals, platform.Governance }.ToDictionary(p => p, p => p.CpuMicroseconds());
            var submittedBefore = await CountApplicationsAsync(infrastructure);
            var result = await Load.OpenLoopAsync(Submit, openRate, options.WriteDuration);
            await DrainAsync(() => ApprovalsUnsentAsync(infrastructure));
            await WaitForCountAsync(infrastructure, await CountApplicationsAsync(infrastructure) + await CountBenchApplicationsAsync(infrastructure), TimeSpan.FromSeconds(30));
            open.Add(result);
            Console.WriteLine($"  suite 2 open loop at {openRate:0}/s via gateway: p50 {result.P50:0.0} ms, p99 {result.P99:0.0} ms, failed {result.Failed}");
            if (round > 0) continue;
            var after = await DatabaseCounters.TakeAsync(infrastructure);
            var submitted = await CountApplicationsAsync(infrastructure) - submittedBefore;
            const string operation = "submission via gateway (open loop)";
            OperationCosts.Database(operation, after.Since(counters, "approvals", submitted), 12);
            OperationCosts.Database(operation, after.Since(counters, "governance", submitted), 6);
            foreach (var (process, before) in cpu) OperationCosts.Process(operation, process.Name, process.CpuMicroseconds() - before, submitted);
        }
        {
            // the limit's own costs, as a check of the counters: BEGIN, two INSERTs, COMMIT in one transaction
            var counters = await DatabaseCounters.TakeAsync(infrastructure);
            var result = await Load.ClosedLoopAsync(Insert, options.WriteWorkers, TimeSpan.FromSeconds(1));
            var after = await DatabaseCounters.TakeAsync(infrastructure);
            OperationCosts.Database("submission, raw Npgsql limit", after.Since(counters, BenchHost.DatabaseName, result.Completed), 4);
        }

        // every service-hall submission so far (HTTP and suite 3's events alike): governance must count each once
        var expected = await CountApplicationsAsync(infrastructure) + await CountBenchApplicationsAsync(infrastructure);
        var counted = await WaitForCountAsync(infrastructure, expected, TimeSpan.FromSeconds(60));

        report.Section("Suite 2: write path (POST /api/approvals/v1/applications through the gateway) and its limit");
        report.Line($"Closed loops of {options.WriteWorkers} concurrent submitters, {options.WriteRounds} rounds of {options.WriteDuration.TotalSeconds:0.#} s, " +
                    "the platform and its limit alternating (order swapped each round). Platform: \"sustained\" = submissions ÷ (load time + " +
                    "time until the outbox has no unsent row), i.e. committed **and** published, with governance consuming. Limit: a " +
                    "submission's two rows (the `applications` row and its `outbox_messages` row, copied column for column from one the " +
                    "platform wrote) inserted over raw Npgsql in one transaction (BEGIN, INSERT, INSERT, COMMIT in one round trip), into " +
                    $"copies of the two tables in `approvals_bench`. Then the platform in an open loop at {openRate:0}/s (half its median " +
                    "sustained rate), latency from each request's scheduled start.");
        report.Line();
        report.Table(["path", "requests/s", "sustained submissions/s", "p50 ms", "p99 ms", "failed"],
        [
            ["via gateway", Summary(http.Select(r => r.Rate).ToArray(), "0"), Summary(httpSustained, "0"),
                Summary(http.Select(r => r.P50).ToArray(), "0.0"), Summary(http.Select(r => r.P99).ToArray(), "0.0"), Count(http.Sum(r => r.Failed))],
            ["raw Npgsql (limit)", Summary(limit.Select(r => r.Rate).ToArray(), "0"), Summary(limit.Select(r => r.Rate).ToArray(), "0"),
                Summary(limit.Select(r => r.P50).ToArray(), "0.0"), Summary(limit.Select(r => r.P99).ToArray(), "0.0"), Count(limit.Sum(r => r.Failed))],
            [$"via gateway, open loop at {openRate:0}/s", Summary(open.Select(r => r.Rate).ToArray(), "0"), "–",
                Summary(open.Select(r => r.P50).ToArray(), "0.0"), Summary(open.Select(r => r.P99).ToArray(), "0.0"), Count(open.Sum(r => r.Failed))],
        ]);
        report.Line($"Ratio via gateway ÷ raw Npgsql (per round): {Summary(ratios, "0.000")}×. Governance's tally holds {counted} of the " +
                    $"{expected} service-hall applications stored so far (both databases){(counted == expected ? ": none lost, none twice" : " — **MISMATCH**")}.");
        report.Goal("Submissions through the gateway ≥ 0.1× the raw Npgsql loop",
            $"{Summary(ratios, "0.000")}× ({Median(httpSustained):0}/s vs {Median(limit.Select(r => r.Rate)):0}/s)", Median(ratios) >= 0.1);
        report.Goal("Submission p99 ≤ 100 ms at half the sustained rate (open loop)",
            $"{Summary(open.Select(r => r.P99).ToArray(), "0.0")} ms at {openRate:0}/s", Median(open.Select(r => r.P99)) <= 100 && open.Sum(r => r.Failed) == 0);
        report.Goal("Governance's tally equals the applications stored", $"{counted} of {expected}", counted == expected);
    }

    private static string Count(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

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

    public static async Task<TimeSpan> DrainAsync(Func<Task<int>> unsent)
    {
        var clock = Stopwatch.StartNew();
        while (await unsent() > 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException("The outbox did not drain within 120 s.");
            await Task.Delay(20);
        }
        return clock.Elapsed;
    }

    public static async Task<int> ApprovalsUnsentAsync(Infrastructure infrastructure) =>
        (int)await infrastructure.ScalarAsync("approvals", "select count(*) from outbox_messages where \"SentAt\" is null");

    public static Task<long> CountApplicationsAsync(Infrastructure infrastructure) =>
        infrastructure.ScalarAsync("approvals", "select count(*) from applications where \"Channel\" = 2");

    public static Task<long> CountBenchApplicationsAsync(Infrastructure infrastructure) =>
        infrastructure.ScalarAsync(BenchHost.DatabaseName, "select count(*) from applications where \"Channel\" = 2");

    public static Task<long> CountSubmissionsAsync(Infrastructure infrastructure) =>
        infrastructure.ScalarAsync("governance", "select count(*) from service_hall_submissions");

    /// <summary>
    /// The inbox rows of the consumer that keeps the tally: governance has several consumers of ApplicationSubmitted
    /// (tally, waiting cases, dashboards), each with an inbox row per event.
    /// </summary>
    public static Task<long> CountTallyInboxAsync(Infrastructure infrastructure) =>
        infrastructure.ScalarAsync("governance", "select count(*) from inbox_messages where \"Consumer\" = 'ServiceHallSubmissionCounter'");

    public static async Task<long> WaitForCountAsync(Infrastructure infrastructure, long expected, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        long count;
        while ((count = await CountSubmissionsAsync(infrastructure)) < expected && clock.Elapsed < timeout) await Task.Delay(100);
        return count;
    }
}
