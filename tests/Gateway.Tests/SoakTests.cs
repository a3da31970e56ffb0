using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

/// <summary>
/// A platform for the soak: per-client rate limit of 50 requests a second, so polite clients mostly pass and a greedy
/// one is held back with 429s.
/// </summary>
public sealed class SoakPlatformFixture : IsolatedPlatformFixture
{
    public const int PermitLimit = 50;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>(base.Overrides)
    {
        ["Gateway:RateLimit:PermitLimit"] = PermitLimit.ToString(CultureInfo.InvariantCulture),
        ["Gateway:RateLimit:WindowSeconds"] = "1",
    };
}

/// <summary>Runs alone (no other collection in parallel), so the process's memory is the soak's platform's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection : ICollectionFixture<SoakPlatformFixture>
{
    public const string Name = "soak";
}

/// <summary>
/// Issue 9's bounded soak: mixed traffic on loopback through the gateway from several clients at once for
/// <c>PLATFORM_SOAK_SECONDS</c> (default 60): citizens reading and submitting (applications, cases, certifications,
/// proposals), a clerk carrying applications through their lifecycle, a sender of invalid requests, an anonymous
/// caller and a greedy client that ignores Retry-After. Every answer must be the one its request deserves (200 for
/// the valid ones, the exact 4xx for the invalid ones) or a 429; never a 5xx, never a dropped connection. The
/// process's managed heap (after a full collection) and working set are measured before and after; growth must
/// stay under <see cref="MaxManagedGrowthMb"/> and <see cref="MaxWorkingSetGrowthMb"/>. Latency is not asserted.
/// </summary>
[Collection(SoakCollection.Name)]
[Trait("Category", "Soak")]
public sealed class SoakTests(SoakPlatformFixture fixture)
{
    /// <summary>
    /// Measured on a 2-core machine for the default minute (about 45,000 requests, 10,000 of them served): managed heap
    /// 37 → 44 MB, working set 234 → 298 MB (the working set takes in SQLite's page cache and the GC's reserve as the
    /// databases grow). The bounds leave room for that and for slower machines; a leak of even 1 KB per request
    /// would pass the managed bound within a couple of minutes.
    /// </summary>
    private const long MaxManagedGrowthMb = 64;
    private const long MaxWorkingSetGrowthMb = 256;

    private const string A = "/api/approvals/v1/applications";

    private static int Seconds => int.TryParse(Environment.GetEnvironmentVariable("PLATFORM_SOAK_SECONDS"), out var s) && s > 0 ? s : 60;

    private sealed record Outcome(string Client, string What, int Status, bool Expected);

    [Fact]
    public async Task Mixed_traffic_from_parallel_clients_meets_no_error_but_429_and_memory_stays_bounded()
    {
        var outcomes = new ConcurrentQueue<Outcome>();
        var submitted = new ConcurrentQueue<string>();

        // warm up: JIT, connection pools, EF model, caches; then the baseline
        await RunAsync(TimeSpan.FromSeconds(Math.Min(5, Seconds)), new ConcurrentQueue<Outcome>(), submitted, "warm-up");
        var (managedBefore, workingSetBefore) = Measure();

        var watch = Stopwatch.StartNew();
        await RunAsync(TimeSpan.FromSeconds(Seconds), outcomes, submitted, "soak");
        watch.Stop();
        // the background work the traffic caused (events, notifications) is part of what must not leak
        await fixture.QuietSnapshotAsync(TimeSpan.FromMinutes(2));
        var (managedAfter, workingSetAfter) = Measure();

        var byStatus = outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        var byClient = outcomes.GroupBy(o => o.Client).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"soak {watch.Elapsed.TotalSeconds:0} s: {outcomes.Count} requests ({outcomes.Count / watch.Elapsed.TotalSeconds:0}/s); " +
            $"by status {string.Join(", ", byStatus)}; by client {string.Join(", ", byClient)}; " +
            $"managed heap {managedBefore / 1048576.0:0.0} → {managedAfter / 1048576.0:0.0} MB; " +
            $"working set {workingSetBefore / 1048576.0:0.0} → {workingSetAfter / 1048576.0:0.0} MB");
        TestContext.Current.SendDiagnosticMessage(summary);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);

        var unexpected = outcomes.Where(o => !o.Expected).GroupBy(o => (o.What, o.Status)).Select(g => $"{g.Key.What} → {g.Key.Status} ×{g.Count()}").ToList();
        Assert.True(unexpected.Count == 0, "unexpected answers: " + string.Join("; ", unexpected) + "\n" + summary);
        Assert.True(outcomes.Count(o => o.Status == 200) > Seconds * 5, "the soak hardly got anything through: " + summary);
        Assert.True((managedAfter - managedBefore) / 1048576 < MaxManagedGrowthMb, "managed heap grew too much: " + summary);
        Assert.True((workingSetAfter - workingSetBefore) / 1048576 < MaxWorkingSetGrowthMb, "working set grew too much: " + summary);
        Assert.Empty(SchemaFit.Violations(fixture.Platform.Services, fixture.DataDirectory));
    }

    private static (long Managed, long WorkingSet) Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (managed, process.WorkingSet64);
    }

    private async Task RunAsync(TimeSpan duration, ConcurrentQueue<Outcome> outcomes, ConcurrentQueue<string> submitted, string phase)
    {
        using var stop = new CancellationTokenSource(duration);
        var clients = new (string Name, Func<HttpClient, int, Task<(string What, int Status, bool Expected)>> Step, HttpClient Client, bool Polite)[]
        {
            ("reader-1", ReadAsync, fixture.Client(PlatformRoles.Citizen, subject: $"{phase}-reader-1"), true),
            ("reader-2", ReadAsync, fixture.Client(PlatformRoles.Citizen, subject: $"{phase}-reader-2"), true),
            ("submitter-1", (c, i) => SubmitAsync(c, i, submitted), fixture.Client(PlatformRoles.Citizen, subject: $"{phase}-submitter-1"), true),
            ("submitter-2", (c, i) => SubmitAsync(c, i, submitted), fixture.Client(PlatformRoles.Citizen, subject: $"{phase}-submitter-2"), true),
            ("clerk", (c, i) => ClerkAsync(c, i, submitted),
                fixture.Client(PlatformRoles.Clerk, department: "dept-market-supervision", subject: $"{phase}-clerk"), true),
            ("admin", AdminAsync, fixture.Client(PlatformRoles.DistrictAdmin, "district-03", subject: $"{phase}-admin"), true),
            ("invalid", InvalidAsync, fixture.Client(PlatformRoles.Citizen, subject: $"{phase}-invalid"), true),
            // paced: the gateway answers 401 before its rate limiter runs, so an unpaced anonymous client would only burn the CPU
            ("anonymous", async (c, _) =>
            {
                await Task.Delay(20);
                return await ExpectAsync(c, new RawRequest(HttpMethod.Get, "/api/approvals/v1/matters"), "anonymous read", 401);
            }, fixture.WithToken(null), true),
            ("greedy", (c, _) => ExpectAsync(c, new RawRequest(HttpMethod.Get, "/api/talent/v1/tiers"), "greedy read", 200),
                fixture.Client(PlatformRoles.Citizen, subject: $"{phase}-greedy"), false),
        };
        await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                (string What, int Status, bool Expected) result;
                try
                {
                    result = await client.Step(client.Client, i);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    result = ($"transport failure {ex.GetType().Name}: {ex.Message}", 0, false);
                }
                outcomes.Enqueue(new Outcome(client.Name, result.What, result.Status, result.Expected));
                if (result.Status == 429 && client.Polite)
                {
                    // a polite client waits as told (the window is a second, so at most that)
                    try { await Task.Delay(TimeSpan.FromMilliseconds(250), stop.Token); } catch (TaskCanceledException) { }
                }
                else if (!client.Polite)
                {
                    await Task.Yield();
                }
            }
        })));
        foreach (var client in clients) client.Client.Dispose();
    }

    private static async Task<(string, int, bool)> ExpectAsync(HttpClient client, RawRequest request, string what, params int[] expected)
    {
        var response = await RawResponse.SendAsync(client, request);
        return (what, response.Status, Fits(response, expected));
    }

    /// <summary>The expected status (an error as a problem), or a 429 problem that says when to come back.</summary>
    private static bool Fits(RawResponse response, params int[] expected) => response.Status == 429
        ? response.MediaType == Problems.ProblemJson && response.Headers.RetryAfter is not null
        : expected.Contains(response.Status) && (response.Status < 400 || response.MediaType == Problems.ProblemJson);

    private static Task<(string, int, bool)> ReadAsync(HttpClient client, int i) => (i % 6) switch
    {
        0 => ExpectAsync(client, new RawRequest(HttpMethod.Get, "/api/approvals/v1/matters"), "list matters", 200),
        1 => ExpectAsync(client, new RawRequest(HttpMethod.Get, "/api/approvals/v1/matters/MS-001"), "get matter", 200),
        2 => ExpectAsync(client, new RawRequest(HttpMethod.Get, A), "list own applications", 200),
        3 => ExpectAsync(client, new RawRequest(HttpMethod.Get, "/api/talent/v1/tiers"), "list tiers", 200),
        4 => ExpectAsync(client, new RawRequest(HttpMethod.Get, "/api/livelihood/v1/projects?year=2026&pageSize=10"), "list projects", 200),
        _ => ExpectAsync(client, new RawRequest(HttpMethod.Get, "/api/governance/v1/districts/district-03"), "get district", 200),
    };

    private static async Task<(string, int, bool)> SubmitAsync(HttpClient client, int i, ConcurrentQueue<string> submitted)
    {
        switch (i % 5)
        {
            case 0:
            case 1:
                var response = await RawResponse.SendAsync(client, new RawRequest(HttpMethod.Post, A, JsonSerializer.Serialize(new
                {
                    matterCode = "MS-002",
                    applicantName = "Soak Citizen",
                    // at the hall, so that what it names counts as provided and the clerks can accept it (named online,
                    // materials are only declared until a file or a clerk's look at the original provides them)
                    channel = "CHANNEL_SERVICE_HALL",
                    districtCode = "district-03",
                    materials = new[] { "application form", "identity card" },
                })));
                if (response.Status == 200) submitted.Enqueue(response.Json().GetProperty("id").GetString()!);
                return ("submit application", response.Status, Fits(response, 200));
            case 2:
                return await ExpectAsync(client, new RawRequest(HttpMethod.Post, "/api/governance/v1/cases", JsonSerializer.Serialize(new
                {
                    gridCode = "grid-03-01-1",
                    source = "CASE_SOURCE_CITIZEN",
                    category = "litter",
                    description = $"soak {i}",
                })), "report case", 200);
            case 3:
                return await ExpectAsync(client, new RawRequest(HttpMethod.Post, "/api/talent/v1/certifications", JsonSerializer.Serialize(new
                {
                    tierCode = "E",
                    applicantName = "Soak Citizen",
                    employer = "Longgang Tech",
                    sector = "software",
                    channel = "TALENT_CHANNEL_INTERNAL_CULTIVATION",
                })), "apply for certification", 200);
            default:
                return await ExpectAsync(client, new RawRequest(HttpMethod.Post, "/api/livelihood/v1/projects", JsonSerializer.Serialize(new
                {
                    year = 2026,
                    title = $"Soak {i}",
                    category = "PROJECT_CATEGORY_HEALTH",
                    districtCodes = new[] { "district-03" },
                    estimatedCostYuan = "1000",
                    rationale = "soak",
                })), "propose project", 200);
        }
    }

    /// <summary>Takes the oldest submitted application through accept, decide and issue, one step per call.</summary>
    private static readonly ConcurrentDictionary<string, int> Progress = new();

    private static async Task<(string, int, bool)> ClerkAsync(HttpClient client, int i, ConcurrentQueue<string> submitted)
    {
        if (i % 3 == 0 || !submitted.TryPeek(out var id))
            return await ExpectAsync(client, new RawRequest(HttpMethod.Get, $"{A}?pageSize=20"), "clerk lists applications", 200);
        var step = Progress.GetOrAdd(id, 0);
        var (verb, body) = step switch
        {
            0 => ("accept", "{}"),
            1 => ("decide", """{"decision":"DECISION_APPROVE"}"""),
            _ => ("issue", "{}"),
        };
        var response = await RawResponse.SendAsync(client, new RawRequest(HttpMethod.Post, $"{A}/{id}:{verb}", body));
        if (response.Status == 200)
        {
            if (step >= 2 && submitted.TryDequeue(out var done)) Progress.TryRemove(done, out _);
            else Progress[id] = step + 1;
        }
        return ($"clerk {verb}", response.Status, Fits(response, 200));
    }

    private static Task<(string, int, bool)> AdminAsync(HttpClient client, int i) => (i % 3) switch
    {
        0 => ExpectAsync(client, new RawRequest(HttpMethod.Get, "/api/governance/v1/districts/district-03"), "admin reads own district", 200),
        1 => ExpectAsync(client, new RawRequest(HttpMethod.Get, "/api/governance/v1/districts/district-04"), "admin reads foreign district", 403),
        _ => ExpectAsync(client, new RawRequest(HttpMethod.Get, A + "?pageSize=5"), "admin lists hall applications", 200),
    };

    private static Task<(string, int, bool)> InvalidAsync(HttpClient client, int i) => (i % 8) switch
    {
        0 => ExpectAsync(client, new RawRequest(HttpMethod.Post, A, """{"matterCode":"MS-002","channel":"CHANNEL_BY_PIGEON"}"""), "bad enum", 400),
        1 => ExpectAsync(client, new RawRequest(HttpMethod.Post, A, """{"matterCode":"""), "truncated JSON", 400),
        2 => ExpectAsync(client, new RawRequest(HttpMethod.Get, $"{A}/{Guid.NewGuid()}"), "unknown id", 404),
        3 => ExpectAsync(client, new RawRequest(HttpMethod.Get, $"{A}/not-an-id"), "malformed id", 400),
        4 => ExpectAsync(client, new RawRequest(HttpMethod.Post, A, "{}", "text/plain"), "wrong content type", 415),
        5 => ExpectAsync(client, new RawRequest(HttpMethod.Get, "/api/approvals/v1/warnings"), "citizen reads warnings", 403),
        6 => ExpectAsync(client, new RawRequest(HttpMethod.Get, "/api/livelihood/v1/projects?year=99999999999"), "year overflow", 400),
        _ => ExpectAsync(client, new RawRequest(HttpMethod.Post, "/api/approvals/v1/matters", """{"code":"MS-001","name":"x"}"""), "citizen creates a matter", 409, 403, 400),
    };
}
