using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using static Longgang.Bench.Stats;

namespace Longgang.Bench;

/// <summary>
/// Suite 3: from the commit of a submission (application + outbox row) to the commit of governance's tally row, at
/// 1,000 events/s offered and at saturation, alternating with its limits: RabbitMQ publish-and-consume with the raw
/// client and with MassTransit (<see cref="BrokerLimits"/>). Both instants of a pipeline latency are PostgreSQL
/// commit timestamps (track_commit_timestamp) of the two rows, read after the round: one clock, nothing added to the
/// hot path. Events are raw inserts (<see cref="RawSubmissions"/>), so the product relay, RabbitMQ and the
/// governance process are what is timed, not HTTP or EF.
/// </summary>
public static class EventPipelineSuite
{
    public const int OfferedRate = 1000;
    private const string Raw = "RabbitMQ.Client (limit)";
    private const string MassTransit = "MassTransit (limit)";
    private const string Offered = "pipeline at 1,000/s offered";
    private const string Saturation = "pipeline at saturation";
    private static readonly string[] Kinds = [Raw, MassTransit, Offered, Saturation];

    private sealed record Round(double Rate, double P50, double P99, int Sent, int Found, long Tally, long Inbox);

    public static async Task RunAsync(BenchOptions options, Infrastructure infrastructure, PlatformProcesses platform,
        RawSubmissions raw, BenchHost bench, Report report)
    {
        var amqp = infrastructure.RabbitMq.GetConnectionString();
        var figures = Kinds.ToDictionary(k => k, _ => new List<Round>());
        var ratios = new List<double>();
        // warm-up: JIT and connections on every hop
        await PipelineAsync(infrastructure, raw, bench, TimeSpan.FromSeconds(1), rate: 100);
        await BrokerLimits.RawClientAsync(amqp, TimeSpan.FromSeconds(0.5));
        await BrokerLimits.MassTransitAsync(amqp, TimeSpan.FromSeconds(0.5));

        for (var round = 0; round < options.EventRounds; round++)
        {
            foreach (var kind in Enumerable.Range(0, Kinds.Length).Select(i => Kinds[(i + round) % Kinds.Length]))
            {
                Round result;
                if (kind is Raw or MassTransit)
                {
                    var broker = kind == Raw
                        ? await BrokerLimits.RawClientAsync(amqp, options.EventDuration)
                        : await BrokerLimits.MassTransitAsync(amqp, options.EventDuration);
                    result = new Round(broker.Rate, broker.P50, broker.P99, broker.Published, broker.Consumed, broker.Consumed, broker.Consumed);
                }
                else if (kind == Offered && round == 0)
                {
                    // the per-event costs, from the first round at the offered rate (steady state, not a backlog)
                    var counters = await DatabaseCounters.TakeAsync(infrastructure);
                    var governanceCpu = platform.Governance.CpuMicroseconds();
                    result = await PipelineAsync(infrastructure, raw, bench, options.EventDuration, OfferedRate);
                    var after = await DatabaseCounters.TakeAsync(infrastructure);
                    const string operation = "consumed event (1,000/s offered)";
                    OperationCosts.Database(operation, after.Since(counters, "governance", result.Found), 6);
                    OperationCosts.Database(operation + ", relay and raw source", after.Since(counters, BenchHost.DatabaseName, result.Found), 6);
                    OperationCosts.Process(operation, "governance", platform.Governance.CpuMicroseconds() - governanceCpu, result.Found);
                }
                else
                {
                    result = await PipelineAsync(infrastructure, raw, bench, options.EventDuration, kind == Offered ? OfferedRate : null);
                }
                figures[kind].Add(result);
                Console.WriteLine($"  suite 3 round {round + 1} {kind}: {result.Rate:0}/s, p50 {result.P50:0.0} ms, p99 {result.P99:0.0} ms, " +
                                  $"{result.Found}/{result.Sent} arrived, tally +{result.Tally}, inbox +{result.Inbox}");
            }
            ratios.Add(figures[Saturation][round].Rate / figures[MassTransit][round].Rate);
        }

        report.Section("Suite 3: event pipeline (submission committed → governance's tally row committed) and its limits");
        report.Line($"{options.EventRounds} round(s) of {options.EventDuration.TotalSeconds:0.#} s per row, the order rotated each round. " +
                    $"Limits: {BrokerLimits.Publishers} publishers awaiting each publisher confirm, persistent messages of an outbox " +
                    "payload's size, one quorum queue, one consumer acking each message, on the platform's RabbitMQ; rate = consumed ÷ time " +
                    "from the first publish to the last consume, latency = consume − publish. Pipeline: raw inserts of a submission's two " +
                    $"rows (suite 2's limit loop, into `approvals_bench`), open loop at {OfferedRate:N0}/s or closed loop with " +
                    $"{options.WriteWorkers} inserters (saturation), published by the product's `OutboxRelay` and consumed by the governance " +
                    "process. Pipeline latency = PostgreSQL commit timestamp of governance's `service_hall_submissions` row − that of the " +
                    "`applications` row (`track_commit_timestamp=on`, one server clock); pipeline rate = events ÷ (last effect commit − first " +
                    "source commit), or the achieved offered rate. Counted: every event's row found once, governance's district tally and " +
                    "inbox each grew by exactly the events sent.");
        report.Line();
        report.Table(["path", "events/s", "p50 ms", "p99 ms", "sent", "arrived", "tally +", "inbox +"],
            Kinds.Select(kind => new[]
            {
                kind, Summary(figures[kind].Select(f => f.Rate).ToArray(), "0"), Summary(figures[kind].Select(f => f.P50).ToArray(), "0.0"),
                Summary(figures[kind].Select(f => f.P99).ToArray(), "0.0"), Sum(figures[kind], f => f.Sent), Sum(figures[kind], f => f.Found),
                kind is Raw or MassTransit ? "–" : Sum(figures[kind], f => f.Tally), kind is Raw or MassTransit ? "–" : Sum(figures[kind], f => f.Inbox),
            }));
        report.Line($"Ratio pipeline at saturation ÷ MassTransit limit (per round): {Summary(ratios, "0.00")}×; " +
                    $"MassTransit ÷ raw client: {F(Median(figures[MassTransit].Select(f => f.Rate)) / Median(figures[Raw].Select(f => f.Rate)), "0.00")}×.");

        report.Goal("Event pipeline ≥ 0.25× raw MassTransit throughput (saturation)",
            $"{Summary(ratios, "0.00")}× ({Median(figures[Saturation].Select(f => f.Rate)):0}/s vs {Median(figures[MassTransit].Select(f => f.Rate)):0}/s)",
            Median(ratios) >= 0.25);
        var offeredP99 = Median(figures[Offered].Select(f => f.P99));
        report.Goal($"Event pipeline p99 ≤ 50 ms at {OfferedRate:N0} events/s offered",
            $"{Summary(figures[Offered].Select(f => f.P99).ToArray(), "0.0")} ms (achieved {Median(figures[Offered].Select(f => f.Rate)):0}/s)", offeredP99 <= 50);
        var pipeline = figures[Offered].Concat(figures[Saturation]).ToArray();
        report.Goal("No event lost or applied twice",
            $"{pipeline.Sum(f => f.Sent)} sent, {pipeline.Sum(f => f.Found)} arrived, tally +{pipeline.Sum(f => f.Tally)}, inbox +{pipeline.Sum(f => f.Inbox)}",
            pipeline.All(f => f.Found == f.Sent && f.Tally == f.Sent && f.Inbox == f.Sent));
    }

    private static string Sum(IEnumerable<Round> rounds, Func<Round, long> value) =>
        rounds.Sum(value).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One pipeline round: an open loop at <paramref name="rate"/>, or a closed loop (saturation) when null.</summary>
    private static async Task<Round> PipelineAsync(Infrastructure infrastructure, RawSubmissions raw, BenchHost bench, TimeSpan duration, int? rate)
    {
        var tallyBefore = await WritePathSuite.CountSubmissionsAsync(infrastructure);
        var inboxBefore = await WritePathSuite.CountTallyInboxAsync(infrastructure);
        var ids = new ConcurrentBag<Guid>();
        async Task<bool> Send(CancellationToken ct)
        {
            ids.Add(await raw.InsertAsync("public", ct));
            bench.NotifyRelay();
            return true;
        }
        var generation = rate is { } offered
            ? await Load.OpenLoopAsync(Send, offered, duration)
            : await Load.ClosedLoopAsync(Send, BenchOptions.Concurrency, duration);
        var sent = ids.ToArray();

        // wait for every effect, so a backlog never spills into the next round's counts; patience grows with the
        // events sent. Still missing then: reported lost.
        var clock = Stopwatch.StartNew();
        var patience = TimeSpan.FromSeconds(Math.Max(60, sent.Length / 40.0));
        Dictionary<Guid, DateTime> effects;
        while ((effects = await CommitTimesAsync(infrastructure, "governance", "service_hall_submissions", "ApplicationId", sent)).Count < sent.Length
               && clock.Elapsed < patience)
        {
            await Task.Delay(100);
        }
        // a duplicate would show up late, if at all: give it a moment before counting
        await Task.Delay(300);
        var tally = await WritePathSuite.CountSubmissionsAsync(infrastructure) - tallyBefore;
        var inbox = await WritePathSuite.CountTallyInboxAsync(infrastructure) - inboxBefore;
        var commits = await CommitTimesAsync(infrastructure, BenchHost.DatabaseName, "applications", "Id", sent);
        var latencies = sent.Where(id => effects.ContainsKey(id) && commits.ContainsKey(id))
            .Select(id => (effects[id] - commits[id]).TotalMilliseconds).Order().ToArray();
        var pipelineRate = rate is null && effects.Count > 0 && commits.Count > 0
            ? effects.Count / (effects.Values.Max() - commits.Values.Min()).TotalSeconds
            : sent.Length / generation.Elapsed.TotalSeconds;
        return new Round(pipelineRate, Percentile(latencies, 50), Percentile(latencies, 99), sent.Length, effects.Count, tally, inbox);
    }

    private static async Task<Dictionary<Guid, DateTime>> CommitTimesAsync(Infrastructure infrastructure, string database, string table, string key, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(infrastructure.Database(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"{Infrastructure.BenchQuery}select \"{key}\", pg_xact_commit_timestamp(xmin) from {table} where \"{key}\" = any(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids);
        var times = new Dictionary<Guid, DateTime>(ids.Length);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!reader.IsDBNull(1)) times[reader.GetGuid(0)] = reader.GetDateTime(1);
        }
        return times;
    }
}
