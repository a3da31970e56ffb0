using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Dashboards;
using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Platform.Errors;
using Longgang.Platform.Events.V1;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Governance.Tests;

/// <summary>
/// A data set whose dashboards were worked out by hand (in the comments), merged through the same code as the consumers
/// into a real database, then read through the dashboard queries; plus staleness on a fake clock and the rebuild.
/// </summary>
public sealed class DashboardFiguresTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 7, 1, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    private static DateTimeOffset On(int month, int day, int hour = 10) => new(2026, month, day, hour, 0, 0, China);

    private static Guid G(int n) => Guid.Parse($"00000000-0000-4000-8000-{n:D12}");

    private const string D3 = "district-03";
    private const string Ms = "dept-market-supervision";
    private const string Nr = "dept-natural-resources";

    /// <summary>The hand-computed data set (district-03 unless said; the period is 2026-Q2 = April, May, June).</summary>
    internal static IReadOnlyList<object> DataSet() =>
    [
        // cases
        // C1: April, grid-03-07-2, market-supervision module, closed in April in 6 days, tagged SAFE_GOVERNANCE
        new CaseReported(G(1), D3, "grid-03-07-2", "blocked drain", "GRID_PATROL", On(4, 10), "SAFE_GOVERNANCE"),
        new CaseDispatched(G(1), D3, "MODULE", "market-supervision", new DateOnly(2026, 4, 17), On(4, 10, 14)),
        new CaseClosed(G(1), D3, "FIXED", false, On(4, 20), "grid-03-07-2", "blocked drain", "MODULE", "market-supervision", false, 6),
        // C2: April, grid-03-07-2, resolved on the spot next day (1 day)
        new CaseReported(G(2), D3, "grid-03-07-2", "litter", "GRID_PATROL", On(4, 15)),
        new CaseClosed(G(2), D3, "FIXED", false, On(4, 16), "grid-03-07-2", "litter", null, null, true, 1),
        // C3: May, grid-03-07-1, law-enforcement; escalated 25 May (overdue from then), closed 2 June in 19 days
        new CaseReported(G(3), D3, "grid-03-07-1", "illegal parking", "HOTLINE", On(5, 5)),
        new CaseDispatched(G(3), D3, "MODULE", "law-enforcement", new DateOnly(2026, 5, 12), On(5, 5, 15)),
        new CaseEscalated(G(3), D3, "community-03-07", "grid-03-07-1", "COMMUNITY", new DateOnly(2026, 6, 1), On(5, 25)),
        new CaseClosed(G(3), D3, "FIXED", true, On(6, 2), "grid-03-07-1", "illegal parking", "MODULE", "law-enforcement", false, 19),
        // C4: May, grid-03-07-1, market-supervision, still open
        new CaseReported(G(4), D3, "grid-03-07-1", "noise", "CITIZEN", On(5, 20)),
        new CaseDispatched(G(4), D3, "MODULE", "market-supervision", new DateOnly(2026, 5, 27), On(5, 20, 16)),
        // C5: reported in March (outside), closed 2 April in 3 days
        new CaseReported(G(5), D3, "grid-03-07-2", "broken lamp", "GRID_PATROL", On(3, 30)),
        new CaseClosed(G(5), D3, "FIXED", false, On(4, 2), "grid-03-07-2", "broken lamp", null, null, false, 3),
        // C6: district-05, May
        new CaseReported(G(6), "district-05", "grid-05-01-1", "blocked drain", "GRID_PATROL", On(5, 1)),
        // mediations: agreed in April, failed in May, agreed in June
        new MediationConcluded(G(11), D3, "AGREED", true, On(4, 12)),
        new MediationConcluded(G(12), D3, "FAILED", true, On(5, 10)),
        new MediationConcluded(G(13), D3, "AGREED", false, On(6, 1)),
        // the service hall
        // A1: hall, decided April, 5 of 20 days, on time, 1 visit
        new ApplicationSubmitted(G(21), "MS-001", Ms, "c-1", "SERVICE_HALL", D3, On(4, 1)),
        new ApplicationDecided(G(21), "MS-001", Ms, "c-1", "SERVICE_HALL", D3, "APPROVED", [], On(4, 10), 5, 20, true, Visits: 1),
        // A2: hall, submitted April, decided May, 15 of 20, on time, 2 visits
        new ApplicationSubmitted(G(22), "MS-001", Ms, "c-2", "SERVICE_HALL", D3, On(4, 20)),
        new ApplicationDecided(G(22), "MS-001", Ms, "c-2", "SERVICE_HALL", D3, "APPROVED", [], On(5, 15), 15, 20, true, Visits: 2),
        // A3: hall, natural resources, decided June late, 25 of 20, 3 visits
        new ApplicationSubmitted(G(23), "NR-001", Nr, "c-3", "SERVICE_HALL", D3, On(5, 2)),
        new ApplicationDecided(G(23), "NR-001", Nr, "c-3", "SERVICE_HALL", D3, "REJECTED", ["site"], On(6, 20), 25, 20, false, Visits: 3),
        // A4: online (not the hall's), decided May, 2 of 20
        new ApplicationSubmitted(G(24), "MS-001", Ms, "c-4", "ONLINE", D3, On(5, 3)),
        new ApplicationDecided(G(24), "MS-001", Ms, "c-4", "ONLINE", D3, "APPROVED", [], On(5, 10), 2, 20, true),
        // A5: hall, submitted June, not decided yet
        new ApplicationSubmitted(G(25), "MS-001", Ms, "c-5", "SERVICE_HALL", D3, On(6, 25)),
        // talent
        new CertificationApplied(G(31), "B", 1, D3, On(3, 20)),
        new TalentCertified(G(31), "B", 1, "biomedicine", "Longgang Pharma", D3, "LG-1", new DateOnly(2029, 4, 5), On(4, 5)),
        new TalentCertified(G(32), "C", 1, "printing", "Longgang Printing", D3, "LG-2", new DateOnly(2029, 5, 6), On(5, 6)),
        new CertificationApplied(G(33), "C", 1, D3, On(5, 1)),
        new PositionApplicationMoved(G(41), G(40), "c-9", "Longgang Printing", "HIRED", D3, null, On(5, 20)),
        new PositionApplicationMoved(G(42), G(40), "c-8", "Longgang Printing", "INTERVIEW", D3, null, On(5, 21)),
        // livelihood: P adopted in January (2026 cycle), a late milestone in May at 30%, a delay risk in June still open
        new ProjectAdopted(G(51), 2026, "TRANSPORT", [D3], 1_000_000, "dept-housing-construction", On(1, 20), "HAPPY_LIVEABLE"),
        new MilestoneCompleted(G(51), G(52), null, 30, On(5, 10), Late: true),
        new ProjectDelayRiskRaised(G(51), 2026, G(53), G(54), "YELLOW", [D3], "dept-housing-construction", new DateOnly(2026, 6, 10), On(6, 1)),
        // the 2026 vote: ⅔ rule kept
        new VoteCounted(2026, 120, 5_000_000, 1_000_000, [G(51)], On(1, 15), 200_000_000, 270_000_000, true),
    ];

    private async Task MergeAsync(IEnumerable<object> events)
    {
        foreach (var e in events)
        {
            await using var db = _database.NewContext();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await new DashboardMerger(db, _clock).MergeAsync(e, Ct);
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
        }
    }

    private async Task HeartbeatsAsync(DateTimeOffset at, params string[] services)
    {
        await using var db = _database.NewContext();
        foreach (var service in services) db.DashboardSources.Add(new DashboardSource { Service = service, LastHeartbeatAt = at });
        await db.SaveChangesAsync(Ct);
    }

    private async Task<T> AsAsync<T>(Func<DashboardHandlers, Task<T>> call, string? staleAfter = null)
    {
        await using var db = _database.NewContext();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(staleAfter is null ? [] : [new("Dashboards:StaleAfter", staleAfter)]).Build();
        return await call(new DashboardHandlers(db, _clock, TestText.Create(), configuration));
    }

    private static DashboardFigure Figure(DashboardPart part, string name, string dimension = "") =>
        Assert.Single(part.Figures, f => f.Name == name && f.Dimension == dimension);

    private static void Expect(DashboardPart part, string name, double value, double[] monthly, string dimension = "")
    {
        var figure = Figure(part, name, dimension);
        Assert.Equal((name, dimension, value), (figure.Name, figure.Dimension, figure.Value));
        Assert.Equal(monthly, figure.Monthly.Select(m => m.Value));
    }

    [Fact]
    public async Task The_district_dashboard_shows_the_hand_computed_figures()
    {
        await MergeAsync(DataSet());
        await HeartbeatsAsync(_clock.GetUtcNow(), DashboardSource.All.ToArray());

        var d = await AsAsync(h => h.GetDistrictAsync(new GetDistrictDashboardRequest { DistrictCode = D3, Period = "2026-Q2" }, Callers.DistrictAdmin(D3), Ct));

        Assert.Equal(["2026-04", "2026-05", "2026-06"], d.Months);
        // cases: reported C1 C2 (Apr) C3 C4 (May); closed C1 C2 C5 (Apr) C3 (Jun); C3 overdue and escalated in May
        Expect(d.Cases, "cases.reported", 4, [2, 2, 0]);
        Expect(d.Cases, "cases.closed", 4, [3, 0, 1]);
        Expect(d.Cases, "cases.overdue", 1, [0, 1, 0]);
        Expect(d.Cases, "cases.escalated", 1, [0, 1, 0]);
        Expect(d.Cases, "cases.reported", 2, [2, 0, 0], "grid:grid-03-07-2");
        Expect(d.Cases, "cases.reported", 2, [0, 2, 0], "grid:grid-03-07-1");
        Expect(d.Cases, "cases.reported", 2, [1, 1, 0], "module:market-supervision");
        Expect(d.Cases, "cases.closed", 1, [0, 0, 1], "module:law-enforcement");
        // mean days to close (6 + 1 + 3 + 19) / 4 = 7.25; April (6 + 1 + 3) / 3 = 3.3333
        Expect(d.Cases, "cases.mean_days_to_close", 7.25, [3.3333, 0, 19]);
        // self-resolved C2 of 4 closed
        Expect(d.Cases, "cases.self_resolution_rate", 0.25, [0.3333, 0, 0]);
        // mediations: 2 agreed of 3 concluded
        Expect(d.Cases, "mediations.success_rate", 0.6667, [1, 0, 1]);
        // hall: submitted A1 A2 (Apr) A3 (May) A5 (Jun); decided A1 A2 A3 (A4 was online)
        Expect(d.ServiceHall, "hall.submitted", 4, [2, 1, 1]);
        Expect(d.ServiceHall, "hall.decided", 3, [1, 1, 1]);
        Expect(d.ServiceHall, "hall.on_time_rate", 0.6667, [1, 1, 0]);
        // 1 − (5 + 15 + 25) / (20 + 20 + 20) = 0.25; June 1 − 25/20 = −0.25
        Expect(d.ServiceHall, "hall.compression_ratio", 0.25, [0.75, 0.25, -0.25]);
        Expect(d.ServiceHall, "hall.visits_per_application", 2, [1, 2, 3]);
        // talent: certified B (Apr) and C (May); applied only G(33) in May (G(31) applied in March); one hire
        Expect(d.Talent, "talent.certified", 2, [1, 1, 0]);
        Expect(d.Talent, "talent.certified", 1, [0, 1, 0], "tier:C");
        Expect(d.Talent, "talent.applied", 1, [0, 1, 0]);
        Expect(d.Talent, "talent.hired", 1, [0, 1, 0]);
        // livelihood: adopted in January (outside the quarter), a late milestone in May, a risk in June
        Expect(d.Livelihood, "livelihood.adopted", 0, [0, 0, 0]);
        Expect(d.Livelihood, "livelihood.milestones_late", 1, [0, 1, 0]);
        Expect(d.Livelihood, "livelihood.delay_risks", 1, [0, 0, 1]);
        var project = Assert.Single(d.Projects);
        Assert.Equal((G(51).ToString(), 1_000_000L, 30, 1, 1),
            (project.ProjectId, project.CostYuan, project.ProgressPercent, project.LateMilestones, project.OpenDelayRisks));
        Assert.False(d.Cases.Stale);
        Assert.NotNull(d.Staff);
    }

    [Fact]
    public async Task The_city_dashboard_shows_the_districts_the_tags_the_rule_and_the_departments()
    {
        await MergeAsync(DataSet());
        await using (var db = _database.NewContext())
        {
            db.CityIndicatorActuals.Add(Indicators.CityIndicatorActual.Record(Indicators.CityIndicator.Gdp, 2026, 41_000_000_000, "2026年统计公报",
                Callers.CityAdmin(), _clock.GetUtcNow()));
            await db.SaveChangesAsync(Ct);
        }

        var city = await AsAsync(h => h.GetCityAsync(new GetCityDashboardRequest { Period = "2026-Q2" }, Callers.CityAdmin(), Ct));

        Assert.Equal(9, city.Districts.Count);
        Assert.Equal(4, Figure(city.Districts.Single(x => x.DistrictCode == D3).Cases, "cases.reported").Value);
        Assert.Equal(1, Figure(city.Districts.Single(x => x.DistrictCode == "district-05").Cases, "cases.reported").Value);
        Assert.Equal(0, Figure(city.Districts.Single(x => x.DistrictCode == "district-01").Cases, "cases.reported").Value);
        // C1 is the only tagged case; the tagged project was adopted in January, outside the quarter
        var tagged = Assert.Single(city.Tags, f => f.Name == "cases.reported");
        Assert.Equal(("tag:SAFE_GOVERNANCE", 1.0), (tagged.Dimension, tagged.Value));
        Assert.DoesNotContain(city.Tags, f => f.Name == "livelihood.adopted");
        var rule = Assert.Single(city.TwoThirdsRule);
        Assert.Equal((2026, 200_000_000L, 270_000_000L, true), (rule.Year, rule.LivelihoodIncreaseYuan, rule.FiscalCapacityIncreaseYuan, rule.Complies));
        // market supervision: A1 A2 A4 = 1 − (5 + 15 + 2) / 60 = 0.6333; natural resources: A3 = 1 − 25/20 = −0.25
        Assert.Equal(
            [(Ms, 3, 0.6333, true, false), (Nr, 1, -0.25, false, true)],
            city.Departments.Select(x => (x.DepartmentCode, x.Decided, x.CompressionRatio, x.MeetsGoal, x.Alert)));
        // the indicators of the period's year, against the plan's targets; an indicator not entered stays missing
        Assert.Equal(2026, city.Indicators.Year);
        var gdp = Assert.Single(city.Indicators.Indicators, i => i.IndicatorCode == "gdp");
        Assert.Equal((41_000_000_000L, 50_000_000_000L), (gdp.ActualYuan, gdp.TargetYuan));
        Assert.False(city.Indicators.Indicators.Single(i => i.IndicatorCode == "fiscal-revenue").HasActualYuan);
    }

    [Fact]
    public async Task A_part_whose_service_sent_no_heartbeat_for_longer_than_the_limit_is_stale_and_dated()
    {
        await MergeAsync(DataSet());
        var beat = _clock.GetUtcNow();
        await HeartbeatsAsync(beat, DashboardSource.Approvals, DashboardSource.Governance, DashboardSource.Talent);

        _clock.Advance(TimeSpan.FromMinutes(2));
        var fresh = await AsAsync(h => h.GetDistrictAsync(new GetDistrictDashboardRequest { DistrictCode = D3, Period = "2026-06" }, Callers.CityAdmin(), Ct));
        Assert.Equal((false, false, true), (fresh.Cases.Stale, fresh.ServiceHall.Stale, fresh.Livelihood.Stale)); // livelihood never beat
        Assert.Equal(beat, fresh.Cases.AsOf.ToDateTimeOffset());
        Assert.Null(fresh.Livelihood.AsOf);
        Assert.Equal(1, Figure(fresh.Livelihood, "livelihood.delay_risks").Value); // still answers, from what it has

        _clock.Advance(TimeSpan.FromMinutes(2)); // 4 minutes since the beat: past the default 3
        var late = await AsAsync(h => h.GetDistrictAsync(new GetDistrictDashboardRequest { DistrictCode = D3, Period = "2026-06" }, Callers.CityAdmin(), Ct));
        Assert.True(late.Cases.Stale);
        var configured = await AsAsync(h => h.GetDistrictAsync(new GetDistrictDashboardRequest { DistrictCode = D3, Period = "2026-06" }, Callers.CityAdmin(), Ct),
            staleAfter: "00:10:00");
        Assert.False(configured.Cases.Stale);
    }

    [Fact]
    public async Task A_populated_model_rebuilt_from_a_replay_is_unchanged()
    {
        await MergeAsync(DataSet());
        var before = await AsAsync(h => h.GetCityAsync(new GetCityDashboardRequest { Period = "2026" }, Callers.CityAdmin(), Ct));

        var rebuild = await AsAsync(h => h.RebuildAsync(Callers.CityAdmin(), Ct));
        Assert.False(rebuild.Finished);
        await using (var db = _database.NewContext())
        {
            Assert.Empty(await db.DashboardCounters.ToListAsync(Ct));
            var requested = Assert.Single(await db.OutboxMessages.ToListAsync(Ct));
            Assert.Equal(rebuild.ReplayId, ((DashboardReplayRequested)requested.Deserialize(requested.ResolveType()!)).ReplayId.ToString());
        }

        // each service answers with its records' events (here: the data set by service), in shuffled batches
        var replayId = Guid.Parse(rebuild.ReplayId);
        var stale = new DashboardReplayBatch(Guid.NewGuid(), "governance", 1, true, [Wrap(DataSet()[0])]);
        await using var bus = await ConsumerHarness.StartAsync(services => services
                .AddDbContext<GovernanceDbContext>(options => options.UseSqlite(_database.ConnectionString).AddInterceptors(PinyinCollation.ForSqlite))
                .AddSingleton<TimeProvider>(_clock)
                .AddScoped<DashboardMerger>(),
            consumers => consumers.AddConsumer<DashboardReplayBatchConsumer>());
        async Task ConsumeAsync(DashboardReplayBatch batch) => Assert.Empty(await bus.DeliverAsync(batch, null, Ct));
        await ConsumeAsync(stale); // an older replay's batch: ignored
        foreach (var (service, events) in DataSet().GroupBy(ServiceOf).Select(g => (g.Key, g.Reverse().ToList())))
        {
            await ConsumeAsync(new DashboardReplayBatch(replayId, service, 1, false, events.Take(3).Select(Wrap).ToList()));
            await ConsumeAsync(new DashboardReplayBatch(replayId, service, 2, true, events.Skip(3).Select(Wrap).ToList()));
        }

        var after = await AsAsync(h => h.GetCityAsync(new GetCityDashboardRequest { Period = "2026" }, Callers.CityAdmin(), Ct));
        Assert.Equal(before.ToString(), after.ToString());
        var state = await AsAsync(h => h.GetRebuildAsync(Callers.CityAdmin(), Ct));
        Assert.True(state.Finished);
        Assert.All(state.Services, s => Assert.Equal(2, s.Batches));
    }

    [Fact]
    public async Task Callers_outside_the_district_or_the_city_are_refused_and_bad_periods_name_the_field()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            AsAsync(h => h.GetDistrictAsync(new GetDistrictDashboardRequest { DistrictCode = D3, Period = "2026" }, Callers.DistrictAdmin("district-04"), Ct)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            AsAsync(h => h.GetCityAsync(new GetCityDashboardRequest { Period = "2026" }, Callers.DistrictAdmin(D3), Ct)));
        await Assert.ThrowsAsync<ForbiddenException>(() => AsAsync(h => h.RebuildAsync(Callers.DistrictAdmin(D3), Ct)));
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAsync(h => h.GetDistrictAsync(new GetDistrictDashboardRequest { DistrictCode = D3, Period = "2026-13" }, Callers.CityAdmin(), Ct)));
        Assert.Contains("period", bad.FieldErrors.Keys);
    }

    private static ReplayedEvent Wrap(object e) =>
        new($"{e.GetType().FullName}, {e.GetType().Assembly.GetName().Name}", System.Text.Json.JsonSerializer.Serialize(e, e.GetType()));

    private static string ServiceOf(object e) => e.GetType().Namespace!.Split('.')[1].ToLowerInvariant();
}
