using System.Diagnostics;
using System.Globalization;
using Longgang.Bench.Volume;
using Testcontainers.PostgreSql;

// The list, report and dashboard routes' latency as the city's history grows (bench/README.md, "Volume"): PostgreSQL with
// the services' real migrations, seeded at each size through SQL (Seeding.cs), then every route called at a fixed rate
// through the services' own query classes, in process (Routes.cs: no HTTP, gRPC or gateway, which add the same cost at
// every size).
//   dotnet Longgang.Bench.Volume.dll [--sizes 10000,100000,1000000] [--rate 20] [--seconds 15]
var sizes = Arg("--sizes", "10000,100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var rate = int.Parse(Arg("--rate", "5"), CultureInfo.InvariantCulture);
var seconds = int.Parse(Arg("--seconds", "20"), CultureInfo.InvariantCulture);

var image = Environment.GetEnvironmentVariable("TESTCONTAINERS_POSTGRES_IMAGE") ?? "postgres:17";
await using var postgres = new PostgreSqlBuilder(image).WithDatabase("approvals")
    // the production settings that matter for reads of this size; the container's defaults are a laptop's
    .WithCommand("-c", "shared_buffers=512MB", "-c", "work_mem=16MB", "-c", "max_wal_size=4GB", "-c", "max_connections=200")
    // parallel hash joins of the 1,000,000 seeding share memory through /dev/shm, which Docker caps at 64 MB by default
    .WithCreateParameterModifier(container => container.HostConfig!.ShmSize = 1L << 30)
    .Build();
await postgres.StartAsync();
// each database's pool within the server's connections, however far a slow route's requests queue up
var approvals = new Npgsql.NpgsqlConnectionStringBuilder(postgres.GetConnectionString()) { MaxPoolSize = 80 }.ConnectionString;
var governance = Seeding.Database(approvals, "governance");

var results = new List<(int Size, string Route, List<double> Latencies, DatabaseWork Work)>();
foreach (var size in sizes)
{
    var seeding = Stopwatch.StartNew();
    var counts = await Seeding.SeedAsync(approvals, governance, size);
    Console.WriteLine($"seeded {size:N0}: {counts} in {seeding.Elapsed.TotalSeconds:F0} s");
    await using var routes = await Routes.CreateAsync(approvals, governance);
    foreach (var (name, database, call) in routes.All)
    {
        List<double> latencies;
        DatabaseWork work;
        try
        {
            for (var i = 0; i < 5; i++) await call(); // warm-up: JIT, connection pool, plans
            // what a request costs the database whatever the machine's load: pages touched and rows read
            work = await DatabaseWork.PerCallAsync(database == "approvals" ? approvals : governance, call, 10);
            latencies = await FixedRateAsync(call, rate, TimeSpan.FromSeconds(seconds));
        }
        catch (Exception ex) when (ex is InvalidOperationException or Npgsql.NpgsqlException)
        {
            // a route that times out at this size is a result too: recorded as failed, the run goes on
            Console.WriteLine($"  {name,-40} FAILED: {ex.GetBaseException().Message}");
            latencies = [double.NaN];
            work = new DatabaseWork(-1, -1);
        }
        latencies.Sort();
        results.Add((size, name, latencies, work));
        Console.WriteLine($"  {name,-40} p50 {P(latencies, 0.50),8:F1}  p99 {P(latencies, 0.99),8:F1}  max {latencies[^1],8:F1} ms  {work}");
    }
}

Console.WriteLine();
Console.WriteLine($"Rate {rate}/s for {seconds} s per route and size, open loop, latency from each request's scheduled start; ms.");
Console.WriteLine();
Console.WriteLine("| route | " + string.Join(" | ", sizes.Select(s => $"{s:N0} p50 / p99 / max")) + " | p99 ratio | ≤ 2x |");
Console.WriteLine("|---|" + string.Concat(sizes.Select(_ => "---:|")) + "---:|---|");
foreach (var route in results.Select(r => r.Route).Distinct())
{
    var rows = sizes.Select(s => results.Single(r => r.Size == s && r.Route == route).Latencies).ToList();
    var ratio = P(rows[^1], 0.99) / P(rows[0], 0.99);
    Console.WriteLine($"| {route} | " + string.Join(" | ", rows.Select(l => $"{P(l, 0.50):F1} / {P(l, 0.99):F1} / {l[^1]:F1}"))
        + $" | {ratio:F2} | {(ratio <= 2 ? "MET" : "MISSED")} |");
}
Console.WriteLine();
Console.WriteLine("Database work per request (pages = shared buffers hit or read; rows = tuples returned or fetched), from pg_stat_database.");
Console.WriteLine();
Console.WriteLine("| route | " + string.Join(" | ", sizes.Select(s => $"{s:N0} pages / rows")) + " | pages ratio |");
Console.WriteLine("|---|" + string.Concat(sizes.Select(_ => "---:|")) + "---:|");
foreach (var route in results.Select(r => r.Route).Distinct())
{
    var rows = sizes.Select(s => results.Single(r => r.Size == s && r.Route == route).Work).ToList();
    Console.WriteLine($"| {route} | " + string.Join(" | ", rows.Select(w => $"{w.Pages:N0} / {w.Rows:N0}"))
        + $" | {(double)rows[^1].Pages / Math.Max(1, rows[0].Pages):F2} |");
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
static async Task<List<double>> FixedRateAsync(Func<Task> request, int rate, TimeSpan duration)
{
    var interval = TimeSpan.FromSeconds(1.0 / rate);
    var started = Stopwatch.GetTimestamp();
    var running = new List<Task<double>>();
    for (var i = 0; Stopwatch.GetElapsedTime(started) < duration; i++)
    {
        var due = interval * i;
        var wait = due - Stopwatch.GetElapsedTime(started);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        running.Add(Task.Run(async () =>
        {
            await request();
            return (Stopwatch.GetElapsedTime(started) - due).TotalMilliseconds;
        }));
    }
    return [.. await Task.WhenAll(running)];
}
