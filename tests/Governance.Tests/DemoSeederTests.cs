using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Governance.Tests;

/// <summary>The embedded host's demo: cases across districts and workflow stages, a mediation and a meeting, seeded once.</summary>
public sealed class DemoSeederTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_seeds_cases_in_several_districts_and_states_once_and_an_old_dispatch_is_overdue()
    {
        using var database = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var seeder = new DemoSeeder(clock, WorkingDayCalendar.Official);

        await using (var db = database.NewContext()) await seeder.SeedAsync(db, Ct);
        await using (var db = database.NewContext()) await seeder.SeedAsync(db, Ct);

        await using var read = database.NewContext();
        var cases = await read.Cases.ToListAsync(Ct);
        Assert.Equal(9, cases.Count);
        Assert.True(cases.Select(c => c.DistrictCode).Distinct().Count() >= 4);
        Assert.Superset(new HashSet<CaseStatus> { CaseStatus.Reported, CaseStatus.Verifying, CaseStatus.SelfResolved, CaseStatus.Dispatched, CaseStatus.InProgress, CaseStatus.Evaluated },
            cases.Select(c => c.Status).ToHashSet());
        Assert.Contains(cases, c => c.IsOverdue(clock.GetUtcNow(), WorkingDayCalendar.Official));
        Assert.Equal(2, await read.Mediations.CountAsync(Ct));
        // the published GDP and fiscal revenue of 2020 and 2021, each with its year's bulletin
        var actuals = await read.CityIndicatorActuals.OrderBy(a => a.IndicatorCode).ThenBy(a => a.Year).ToListAsync(Ct);
        Assert.Equal([("fiscal-revenue", 2020, 2_533_000_000L), ("fiscal-revenue", 2021, 3_037_000_000L), ("gdp", 2020, 31_640_000_000L), ("gdp", 2021, 34_030_000_000L)],
            actuals.Select(a => (a.IndicatorCode, a.Year, a.AmountYuan)));
        Assert.All(actuals, a => Assert.Contains($"{a.Year}年", a.Source, StringComparison.Ordinal));
        Assert.Equal(2, await read.DeliberationMeetings.CountAsync(Ct));
        var posts = await read.Posts.ToListAsync(Ct);
        Assert.Contains(posts, p => p.Kind == PostKind.GridTeam && p.PersonId == "demo-staff-wang");
        Assert.Contains(posts, p => p.Kind == PostKind.Module && p.PersonId == "demo-staff-wang" && p.SecondmentId is not null);
        Assert.Contains(posts, p => p.Kind == PostKind.Community && p.DistrictCode == "district-04");

        // the one-third report's figures: two departments meet the target, one is below it and was warned
        var today = WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());
        var running = await read.SecondmentsRunningOn(today).ToListAsync(Ct);
        var lines = (await read.DepartmentHeadcounts.ToListAsync(Ct)).OrderBy(h => h.DepartmentCode)
            .Select(h => new SecondmentReportLine(h.DepartmentCode, h.Headcount, running.Count(s => s.HomeDepartmentCode == h.DepartmentCode)))
            .Select(l => (l.DepartmentCode, l.Headcount, l.Seconded, l.MeetsTarget)).ToList();
        Assert.Equal([("dept-emergency-management", 6, 1, false), ("dept-market-supervision", 12, 4, true), ("inst-comprehensive-enforcement", 9, 3, true)], lines);
        Assert.Single(await read.OutboxMessages.Where(m => m.Type.Contains("SecondmentTargetMissed")).ToListAsync(Ct));
        // the service complexes of districts 1 and 3; the upcoming meeting uses its hall's booking; a drain hotspot
        Assert.Equal(8, await read.Rooms.CountAsync(Ct));
        Assert.Equal(7, await read.ResidentOrganisations.CountAsync(r => r.DistrictCode == "district-01", Ct));
        var booking = await read.RoomBookings.SingleAsync(Ct);
        Assert.Contains(await read.DeliberationMeetings.ToListAsync(Ct), m => m.BookingId == booking.Id);
        var hotspot = await read.Hotspots.SingleAsync(Ct);
        Assert.Equal(("grid-01-02-1", "blocked drain", 3), (hotspot.GridCode, hotspot.Category, hotspot.CaseCount));
    }
}
