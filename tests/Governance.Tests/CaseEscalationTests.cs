using Longgang.Platform.Data;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Governance.Messaging;
using Longgang.Platform.Calendar;
using Longgang.Platform.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Governance.Tests;

/// <summary>The escalation pass and its background job on a SQLite database, driven by a fake clock across weekends.</summary>
public sealed class CaseEscalationTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;
    private static readonly CaseActor Admin = new(Callers.CityAdmin(), OnGridTeam: false);

    /// <summary>A moment in March 2025, Longgang time. The 13th is a Thursday; 15-16 and 22-23 are weekends.</summary>
    private static DateTimeOffset March(int day, int hour = 10) => new(2025, 3, day, hour, 0, 0, TimeSpan.FromHours(8));

    private readonly FakeTimeProvider _clock = new(March(13));
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A safety hazard (1 working day) dispatched now: due the next working day.</summary>
    private async Task<Guid> DispatchedCaseAsync(string category = "safety hazard")
    {
        var now = _clock.GetUtcNow();
        var c = Case.Report(Grids.InDistrict03, new CaseDraft(Grids.InDistrict03.Code, CaseSource.Hotline, category, "Loose cable at the school gate.", []),
            Callers.CityAdmin(), now);
        c.BeginVerification(Admin, now);
        c.File(Admin, now);
        c.Dispatch(Admin, AssigneeKind.Module, "comprehensive-law-enforcement", now, Calendar);
        await using var db = _database.NewContext();
        db.Cases.Add(c);
        await db.SaveChangesAsync(Ct);
        return c.Id;
    }

    private async Task<int> PassAtAsync(DateTimeOffset at)
    {
        _clock.SetUtcNow(at);
        await using var db = _database.NewContext();
        var (escalated, failed) = await new CaseEscalation(db, TestOwners.Create(db), _clock, Calendar, NullLogger<CaseEscalation>.Instance).RunOnceAsync(Ct);
        Assert.Equal(0, failed);
        return escalated;
    }

    private async Task<Case> CaseAsync(Guid id)
    {
        await using var db = _database.NewContext();
        return await db.Cases.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
    }

    private async Task<List<CaseEscalated>> EscalationEventsAsync()
    {
        await using var db = _database.NewContext();
        return (await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(Ct))
            .Select(m => m.Deserialize(m.ResolveType()!)).OfType<CaseEscalated>().ToList();
    }

    [Fact]
    public async Task An_overdue_case_climbs_community_district_city_on_working_days_only()
    {
        var id = await DispatchedCaseAsync(); // Thursday 13th, due Friday 14th

        Assert.Equal(0, await PassAtAsync(March(14, 23))); // the due day itself
        Assert.Equal(0, await PassAtAsync(March(15)));     // Saturday: no working day has passed since Friday
        Assert.Equal(0, await PassAtAsync(March(16, 23))); // Sunday
        Assert.Equal(1, await PassAtAsync(March(17, 8))); // Monday
        var atCommunity = await CaseAsync(id);
        Assert.Equal(EscalationLevel.Community, atCommunity.EscalationLevel);
        Assert.Equal(new DateOnly(2025, 3, 19), atCommunity.DueOn); // 2 working days: Tuesday, Wednesday

        Assert.Equal(0, await PassAtAsync(March(17, 18))); // later the same day: nothing new
        Assert.Equal(0, await PassAtAsync(March(19, 18)));
        Assert.Equal(1, await PassAtAsync(March(20)));     // Thursday: to the district, due Monday 24th
        Assert.Equal(new DateOnly(2025, 3, 24), (await CaseAsync(id)).DueOn);
        Assert.Equal(0, await PassAtAsync(March(22)));     // Saturday
        Assert.Equal(0, await PassAtAsync(March(24)));     // Monday, the due day
        Assert.Equal(1, await PassAtAsync(March(25)));     // Tuesday: to the city, due Friday 28th
        Assert.Equal(0, await PassAtAsync(March(31)));     // the city is the top

        var atCity = await CaseAsync(id);
        Assert.Equal(EscalationLevel.City, atCity.EscalationLevel);
        Assert.Equal(CaseStatus.Dispatched, atCity.Status);
        Assert.Equal(["COMMUNITY", "DISTRICT", "CITY"], (await EscalationEventsAsync()).Select(e => e.Level));
        Assert.All(await EscalationEventsAsync(), e => Assert.Equal(id, e.CaseId));
        Assert.Equal(3, atCity.History.Count(h => h.Note?.StartsWith("escalated to") == true));
    }

    [Fact]
    public async Task A_case_that_was_handled_does_not_escalate()
    {
        var id = await DispatchedCaseAsync();
        await using (var db = _database.NewContext())
        {
            var c = await db.Cases.SingleAsync(x => x.Id == id, Ct);
            c.Acknowledge(Admin, March(13, 11));
            c.StartWork(Admin, March(13, 12));
            c.MarkHandled(Admin, "cable tied up", March(13, 13));
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(0, await PassAtAsync(March(18)));
        Assert.Equal(EscalationLevel.Grid, (await CaseAsync(id)).EscalationLevel);
    }

    private ServiceProvider Services() => new ServiceCollection()
        .AddDbContext<GovernanceDbContext>(options => options.UseSqlite(_database.ConnectionString).AddInterceptors(PinyinCollation.ForSqlite))
        .AddSingleton<TimeProvider>(_clock)
        .AddSingleton(Calendar)
        .AddScoped<CaseEscalation>()
        .AddScoped<CaseOwners>()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
        .AddLogging()
        .BuildServiceProvider(validateScopes: true);

    private CaseEscalator Escalator(ServiceProvider services, IJobLock jobLock) => new(
        services.GetRequiredService<IServiceScopeFactory>(), jobLock, _clock,
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [CaseEscalator.IntervalKey] = "60" }).Build(),
        NullLogger<CaseEscalator>.Instance);

    [Fact]
    public async Task The_job_skips_its_turn_while_another_replica_holds_the_lock()
    {
        var id = await DispatchedCaseAsync();
        _clock.SetUtcNow(March(17));
        await using var services = Services();
        var jobLock = new LocalJobLock();
        var escalator = Escalator(services, jobLock);

        await using (var other = await jobLock.TryAcquireAsync(CaseEscalator.LockName, CaseEscalator.Lease, Ct))
        {
            Assert.NotNull(other);
            Assert.False(await escalator.TryRunPassAsync(Ct));
            Assert.Equal(EscalationLevel.Grid, (await CaseAsync(id)).EscalationLevel);
        }

        Assert.True(await escalator.TryRunPassAsync(Ct));
        Assert.Equal(EscalationLevel.Community, (await CaseAsync(id)).EscalationLevel);
    }

    [Fact]
    public async Task The_background_job_runs_a_pass_when_the_fake_clock_reaches_its_interval()
    {
        var id = await DispatchedCaseAsync();
        _clock.SetUtcNow(March(17));
        await using var services = Services();
        var escalator = Escalator(services, new LocalJobLock());
        await escalator.StartAsync(Ct);
        try
        {
            Assert.Equal(EscalationLevel.Grid, (await CaseAsync(id)).EscalationLevel);

            // ExecuteAsync starts on another thread, so its timer may not exist yet when the clock first moves: keep
            // moving the fake clock an interval at a time until the pass has run (a bounded wait, not a timing assertion)
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await CaseAsync(id)).EscalationLevel == EscalationLevel.Grid && DateTime.UtcNow < deadline)
            {
                _clock.Advance(escalator.Interval);
                await Task.Delay(50, Ct);
            }
            Assert.Equal(EscalationLevel.Community, (await CaseAsync(id)).EscalationLevel);
        }
        finally
        {
            await escalator.StopAsync(CancellationToken.None);
        }
    }
}
