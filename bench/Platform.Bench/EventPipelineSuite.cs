using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using static Longgang.Bench.Stats;

namespace Longgang.Bench;

/// <summary>
/// Suite 3: from the commit of a submission (application + outbox row) to the commit of governance's tally row,
/// at 500 and 2,000 events/s. Both instants are PostgreSQL commit timestamps (track_commit_timestamp) of the two
/// rows, read after the run: one clock, nothing added to the hot path. Events come from the bench's bare loop,
/// so the product relay, RabbitMQ and the governance process are what is timed, not HTTP.
/// </summary>
public static class EventPipelineSuite
{
    private static readonly int[] Rates = [500, 2000];

    public static async Task RunAsync(BenchOptions options, Infrastructure infrastructure, BenchHost bench, Report report)
    {
        var figures = Rates.ToDictionary(r => r, _ => new List<(double P50, double P99, double Achieved, int Sent, int Found, long Tally, long Inbox)>());
        // warm-up: JIT and connections on every hop
        await RoundAsync(infrastructure, bench, 100, TimeSpan.FromSeconds(1));

        for (var round = 0; round < options.EventRounds; round++)
        {
            foreach (var rate in round % 2 == 0 ? Rates : Rates.Reverse())
            {
                var result = await RoundAsync(infrastructure, bench, rate, options.EventDuration);
                figures[rate].Add(result);
                Console.WriteLine($"  suite 3 round {round + 1} at {rate}/s: achieved {result.Achieved:0}/s, p50 {result.P50:0.0} ms, p99 {result.P99:0.0} ms, " +
                                  $"{result.Found}/{result.Sent} arrived, tally +{result.Tally}, inbox +{result.Inbox}");
            }
        }

        report.Section("Suite 3: event pipeline (submission committed → governance's tally row committed)");
        report.Line($"Open loop at each rate for {options.EventDuration.TotalSeconds:0.#} s, {options.EventRounds} round(s), rates alternating; " +
                    "events from the bare loop (suite 2's baseline) through the product outbox relay, RabbitMQ and the governance process. " +
                    "Latency = PostgreSQL commit timestamp of governance's `service_hall_submissions` row − commit timestamp of the `applications` row " +
                    "(`track_commit_timestamp=on`, one server clock). Counting: every event's row found once, the district tally and governance's " +
                    "inbox each grew by exactly the events sent.");
        report.Line();
        report.Table(["target rate", "achieved events/s", "p50 ms", "p99 ms", "sent", "arrived", "tally +", "inbox +"],
            Rates.Select(rate => new[]
            {
                $"{rate}/s", Summary(figures[rate].Select(f => f.Achieved).ToArray(), "0"), Summary(figures[rate].Select(f => f.P50).ToArray(), "0.0"),
                Summary(figures[rate].Select(f => f.P99).ToArray(), "0.0"), figures[rate].Sum(f => f.Sent).ToString(System.Globalization.CultureInfo.InvariantCulture),
                figures[rate].Sum(f => f.Found).ToString(System.Globalization.CultureInfo.InvariantCulture),
                figures[rate].Sum(f => f.Tally).ToString(System.Globalization.CultureInfo.InvariantCulture),
                figures[rate].Sum(f => f.Inbox).ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));

        var exact = figures.Values.SelectMany(f => f).All(f => f.Found == f.Sent && f.Tally == f.Sent && f.Inbox == f.Sent);
        foreach (var (rate, limit) in new[] { (500, 20.0), (2000, 50.0) })
        {
            var p99 = Median(figures[rate].Select(f => f.P99));
            report.Goal($"Event pipeline p99 ≤ {limit:0} ms at {rate}/s",
                $"{Summary(figures[rate].Select(f => f.P99).ToArray(), "0.0")} ms (achieved {Median(figures[rate].Select(f => f.Achieved)):0}/s)", p99 <= limit);
        }
        var sent = figures.Values.SelectMany(f => f).Sum(f => f.Sent);
        report.Goal("No event lost or applied twice", $"{sent} sent, {figures.Values.SelectMany(f => f).Sum(f => f.Found)} arrived, tally +{figures.Values.SelectMany(f => f).Sum(f => f.Tally)}, inbox +{figures.Values.SelectMany(f => f).Sum(f => f.Inbox)}", exact);
    }

    private static async Task<(double P50, double P99, double Achieved, int Sent, int Found, long Tally, long Inbox)> RoundAsync(
        Infrastructure infrastructure, BenchHost bench, int rate, TimeSpan duration)
    {
        var tallyBefore = await WritePathSuite.CountSubmissionsAsync(infrastructure);
        var inboxBefore = await infrastructure.ScalarAsync("governance", "select count(*) from inbox_messages");
        var ids = new ConcurrentBag<Guid>();
        var generation = await Load.OpenLoopAsync(async ct => { ids.Add(await bench.SubmitAsync(ct)); return true; }, rate, duration);
        var sent = ids.ToArray();

        // wait for every effect, so a backlog never spills into the next round's counts; the relay drains at a few
        // hundred events/s here, hence a patience that grows with the events sent. Still missing then: reported lost.
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
        var inbox = await infrastructure.ScalarAsync("governance", "select count(*) from inbox_messages") - inboxBefore;
        var commits = await CommitTimesAsync(infrastructure, BenchHost.DatabaseName, "applications", "Id", sent);
        var latencies = sent.Where(id => effects.ContainsKey(id) && commits.ContainsKey(id))
            .Select(id => (effects[id] - commits[id]).TotalMilliseconds).Order().ToArray();
        return (Percentile(latencies, 50), Percentile(latencies, 99), sent.Length / generation.Elapsed.TotalSeconds,
            sent.Length, effects.Count, tally, inbox);
    }

    private static async Task<Dictionary<Guid, DateTime>> CommitTimesAsync(Infrastructure infrastructure, string database, string table, string key, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(infrastructure.Database(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select \"{key}\", pg_xact_commit_timestamp(xmin) from {table} where \"{key}\" = any(@ids)", connection);
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
