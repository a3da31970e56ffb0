using System.Diagnostics;
using static Longgang.Bench.Stats;

namespace Longgang.Bench;

/// <summary>
/// Suite 5: one replica, then two, of approvals and governance against one PostgreSQL and one RabbitMQ, in the same
/// run: submissions through a gateway whose approvals address is a balancer (the bare proxy) over the replicas, as a
/// Kubernetes Service spreads calls over pods. The gateway balances over several destinations only through DNS
/// (<c>Gateway:ResolveDestinationsByDns</c>, a name resolving to every pod), which loopback cannot offer: the balancer
/// stands in for it, in both phases, so the two are compared like with like. The second replicas share the first's
/// database, queues (competing consumers) and outbox (relays skip each other's locked rows). Counted: governance's
/// tally equals the applications stored, and its inbox grew by exactly the submissions (none lost, none twice).
/// </summary>
public static class ReplicaSuite
{
    private sealed record Phase(List<double> Sustained, List<double> P99, List<int> Failed, Dictionary<string, double> CpuSeconds);

    public static async Task RunAsync(BenchOptions options, Infrastructure infrastructure, PlatformProcesses platform, Report report)
    {
        var balancerUrl = PlatformProcesses.Url(PlatformProcesses.FreePort());
        var balancer = await platform.StartBareProxyAsync("approvals-balancer-1", balancerUrl, [platform.Approvals.Http]);
        var gateway = await platform.StartGatewayAsync("gateway-replicas", balancerUrl);
        ServiceProcess? approvals2 = null, governance2 = null;
        try
        {
            using var client = platform.Client(gateway.Http, options.WriteWorkers * 2);
            Task<bool> Submit(CancellationToken ct) => PlatformProcesses.PostSubmitAsync(client, ct);
            var inboxBefore = await WritePathSuite.CountTallyInboxAsync(infrastructure);
            var submittedBefore = await WritePathSuite.CountApplicationsAsync(infrastructure);

            var one = await PhaseAsync(options, infrastructure, Submit, "one replica", [platform.Approvals, platform.Governance]);

            Console.WriteLine("  suite 5: starting a second approvals and a second governance");
            var starting = (platform.StartServiceAsync("approvals", "approvals-2"), platform.StartServiceAsync("governance", "governance-2"));
            approvals2 = await starting.Item1;
            governance2 = await starting.Item2;
            // the same address, now over both replicas: the gateway reconnects to it
            await platform.StopAsync(balancer);
            balancer = await platform.StartBareProxyAsync("approvals-balancer-2", balancerUrl, [platform.Approvals.Http, approvals2.Http]);
            var two = await PhaseAsync(options, infrastructure, Submit, "two replicas",
                [platform.Approvals, approvals2, platform.Governance, governance2]);

            var submitted = await WritePathSuite.CountApplicationsAsync(infrastructure) - submittedBefore;
            var expected = await WritePathSuite.CountApplicationsAsync(infrastructure) + await WritePathSuite.CountBenchApplicationsAsync(infrastructure);
            var counted = await WritePathSuite.WaitForCountAsync(infrastructure, expected, TimeSpan.FromSeconds(60));
            await Task.Delay(300);
            var inbox = await WritePathSuite.CountTallyInboxAsync(infrastructure) - inboxBefore;
            var exact = counted == expected && inbox == submitted;

            report.Section("Suite 5: two replicas of approvals and governance");
            report.Line($"Closed loop of {options.WriteWorkers} submitters through a gateway, {options.ReplicaRounds} round(s) of " +
                        $"{options.ReplicaDuration.TotalSeconds:0.#} s per phase; sustained as in suite 2 (committed and published). Phase one: one " +
                        "approvals, one governance (the first ones, still running); phase two: a second of each started beside them (same " +
                        "database, queues and outbox). The gateway reaches approvals through a bare YARP balancer in both phases (see " +
                        "bench/README.md). CPU: seconds used by each process over the phase's rounds.");
            report.Line();
            report.Table(["phase", "sustained submissions/s", "p99 ms", "failed", "CPU s per process"],
            [
                Row("one replica", one),
                Row("two replicas", two),
            ]);
            report.Line($"Two ÷ one replica: {F(Median(two.Sustained) / Median(one.Sustained), "0.00")}×. Governance's tally holds {counted} of " +
                        $"{expected} service-hall applications; its inbox grew by {inbox} for {submitted} submissions" +
                        $"{(exact ? ": none lost, none applied twice" : " — **MISMATCH**")}.");
            report.Goal("Two replicas: none lost or applied twice (tally = rows, inbox = events)",
                $"tally {counted} of {expected}, inbox +{inbox} for {submitted} submissions; throughput {F(Median(two.Sustained) / Median(one.Sustained), "0.00")}× one replica", exact);
        }
        finally
        {
            foreach (var process in new[] { gateway, balancer, approvals2, governance2 })
            {
                if (process is not null) await platform.StopAsync(process);
            }
        }
    }

    private static async Task<Phase> PhaseAsync(BenchOptions options, Infrastructure infrastructure, Func<CancellationToken, Task<bool>> submit,
        string name, ServiceProcess[] processes)
    {
        var phase = new Phase([], [], [], processes.ToDictionary(p => p.Name, _ => 0.0));
        await Load.ClosedLoopAsync(submit, options.WriteWorkers, TimeSpan.FromSeconds(1));
        await WritePathSuite.DrainAsync(() => WritePathSuite.ApprovalsUnsentAsync(infrastructure));
        for (var round = 0; round < options.ReplicaRounds; round++)
        {
            var cpu = processes.ToDictionary(p => p.Name, p => p.CpuMicroseconds());
            var clock = Stopwatch.StartNew();
            var result = await Load.ClosedLoopAsync(submit, options.WriteWorkers, options.ReplicaDuration);
            var drain = await WritePathSuite.DrainAsync(() => WritePathSuite.ApprovalsUnsentAsync(infrastructure));
            foreach (var process in processes) phase.CpuSeconds[process.Name] += (process.CpuMicroseconds() - cpu[process.Name]) / 1e6;
            var sustained = result.Completed / (result.Elapsed + drain).TotalSeconds;
            phase.Sustained.Add(sustained);
            phase.P99.Add(result.P99);
            phase.Failed.Add(result.Failed);
            Console.WriteLine($"  suite 5 {name} round {round + 1}: {sustained:0}/s sustained, p99 {result.P99:0.0} ms, failed {result.Failed} ({clock.Elapsed.TotalSeconds:0.0} s)");
        }
        return phase;
    }

    private static string[] Row(string name, Phase phase) =>
    [
        name, Summary(phase.Sustained, "0"), Summary(phase.P99, "0.0"), phase.Failed.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture),
        string.Join(", ", phase.CpuSeconds.Select(c => $"{c.Key} {F(c.Value, "0.0")}")),
    ];
}
