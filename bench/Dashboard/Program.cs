using System.Diagnostics;
using System.Globalization;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Dashboards;
using Longgang.Governance.Data;
using Longgang.Platform;
using Longgang.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Testcontainers.PostgreSql;

// The district dashboard's latency at a fixed request rate over read models of growing size (bench/README.md,
// "Dashboard"). The model is filled with SQL (facts and counters as the merge would leave them for N events), not by
// pushing N messages: what is measured is the query, which must not grow with N.
//   dotnet Longgang.Bench.Dashboard.dll [--sizes 10000,1000000] [--rate 50] [--seconds 20]
var sizes = Arg("--sizes", "10000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var rate = int.Parse(Arg("--rate", "50"), CultureInfo.InvariantCulture);
var seconds = int.Parse(Arg("--seconds", "20"), CultureInfo.InvariantCulture);

var image = Environment.GetEnvironmentVariable("TESTCONTAINERS_POSTGRES_IMAGE") ?? "postgres:17";
await using var postgres = new PostgreSqlBuilder(image).WithDatabase("governance").Build();
await postgres.StartAsync();
var connection = postgres.GetConnectionString();
var options = new DbContextOptionsBuilder<GovernanceDbContext>().UseNpgsql(connection).Options;
await using (var db = new GovernanceDbContext(options)) await db.Database.MigrateAsync();
// the translations as the service registers them (a console has no host to inject them)
#pragma warning disable ASP0000 // the one container of this console, not a second copy of a host's
await using var services = new ServiceCollection().AddPlatformText<Longgang.Governance.Resources.Messages>().AddLogging().BuildServiceProvider();
#pragma warning restore ASP0000
var text = services.GetRequiredService<PlatformText>();
var configuration = new ConfigurationBuilder().Build();
var caller = new Caller("bench", PlatformRoles.CityAdmin, null, null);

Console.WriteLine($"| events | facts | counters | requests | p50 ms | p99 ms | max ms |");
Console.WriteLine($"|---:|---:|---:|---:|---:|---:|---:|");
foreach (var events in sizes)
{
    await FillAsync(connection, events);
    var (facts, counters) = await SizeAsync(connection);
    async Task<double> OneAsync()
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = new GovernanceDbContext(options);
        var dashboard = await new DashboardHandlers(db, TimeProvider.System, text, configuration)
            .GetDistrictAsync(new GetDistrictDashboardRequest { DistrictCode = "district-03", Period = "2026" }, caller, CancellationToken.None);
        if (dashboard.Cases.Figures.Count == 0) throw new InvalidOperationException("the dashboard is empty");
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
    for (var i = 0; i < 20; i++) await OneAsync(); // warm-up: JIT, connection pool, plans
    var latencies = await FixedRateAsync(OneAsync, rate, TimeSpan.FromSeconds(seconds));
    latencies.Sort();
    Console.WriteLine($"| {events:N0} | {facts:N0} | {counters:N0} | {latencies.Count} | {P(latencies, 0.50):F1} | {P(latencies, 0.99):F1} | {latencies[^1]:F1} |");
}
return;

string Arg(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

static double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

// open loop: a request starts every 1/rate s whether or not the last one finished, and its latency counts from when it
// was due, so a slow answer cannot hide the requests queued behind it
static async Task<List<double>> FixedRateAsync(Func<Task<double>> request, int rate, TimeSpan duration)
{
    var interval = TimeSpan.FromSeconds(1.0 / rate);
    var started = Stopwatch.GetTimestamp();
    var running = new List<Task<double>>();
    for (var i = 0; Stopwatch.GetElapsedTime(started) < duration; i++)
    {
        var due = interval * i;
        var wait = due - Stopwatch.GetElapsedTime(started);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        var lag = (Stopwatch.GetElapsedTime(started) - due).TotalMilliseconds;
        running.Add(Task.Run(async () => lag + await request()));
    }
    return [.. await Task.WhenAll(running)];
}

// N events' worth of the model: a fact per four events (a record has a few events) and the counters those events add,
// spread over the 9 districts, 2022-2026, 40 metrics and each event's total, grid, module and tag dimensions
static async Task FillAsync(string connection, int events)
{
    await using var db = new NpgsqlConnection(connection);
    await db.OpenAsync();
    var sql = $$"""
        TRUNCATE dashboard_facts, dashboard_counters;
        INSERT INTO dashboard_facts ("Kind", "SourceId", "Body", "UpdatedAt", "Revision")
        SELECT 'case', md5(n::text), '{"kind":"case","DistrictCode":"district-0' || (1 + n % 9) || '"}', now(), gen_random_uuid()
        FROM generate_series(1, {{events / 4}}) n;
        INSERT INTO dashboard_counters ("DistrictCode", "Month", "Metric", "Dimension", "Value")
        SELECT district, month, metric, dimension, count(*) FROM (
            SELECT 'district-0' || (1 + e % 9) AS district,
                   (2022 + (e / 9) % 5) * 100 + 1 + (e / 45) % 12 AS month,
                   (ARRAY['cases.reported','cases.closed','cases.overdue','cases.escalated','cases.returned','cases.self_resolved',
                          'cases.close_days','cases.close_days_known','mediations.concluded','mediations.agreed','hall.submitted',
                          'hall.decided','hall.on_time','hall.elapsed_days','hall.statutory_days','hall.visits','hall.visits_known',
                          'hall.not_accepted','approvals.decided','approvals.on_time','approvals.elapsed_days','approvals.statutory_days',
                          'approvals.red_warnings','talent.applied','talent.certified','talent.hired','talent.claims_approved',
                          'talent.claims_paid','talent.claims_expired','livelihood.proposed','livelihood.adopted','livelihood.adopted_yuan',
                          'livelihood.milestones_done','livelihood.milestones_late','livelihood.delay_risks','cases.reported',
                          'cases.closed','hall.submitted','hall.decided','talent.certified'])[1 + (e / 540) % 40] AS metric,
                   d.dimension
            FROM generate_series(0, {{events - 1}}) e
            CROSS JOIN LATERAL (VALUES (''), ('grid:grid-' || (1 + e % 9) || '-' || (e / 7) % 12),
                                        ('module:m' || (e / 11) % 5), ('tag:t' || (e / 13) % 5)) d(dimension)
        ) x GROUP BY district, month, metric, dimension;
        ANALYZE dashboard_facts; ANALYZE dashboard_counters;
        """;
    await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
    await command.ExecuteNonQueryAsync();
}

static async Task<(long Facts, long Counters)> SizeAsync(string connection)
{
    await using var db = new NpgsqlConnection(connection);
    await db.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT (SELECT count(*) FROM dashboard_facts), (SELECT count(*) FROM dashboard_counters)", db);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return (reader.GetInt64(0), reader.GetInt64(1));
}
