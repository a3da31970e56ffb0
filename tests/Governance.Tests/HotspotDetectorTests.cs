using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Governance.Messaging;
using Longgang.Platform.Data;
using Longgang.Platform.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Governance.Tests;

/// <summary>Hotspot detection on reported cases, on MassTransit's in-memory test harness and a real SQLite database.</summary>
public sealed class HotspotDetectorTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Day0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(8));

    private TestDatabase _database = null!;
    private ConsumerHarness _bus = null!;
    private readonly DeliveryObserver<CaseReported> _reports = new();

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _bus = await ConsumerHarness.StartAsync(services => services
                .AddDbContext<GovernanceDbContext>(options => options.UseSqlite(_database.ConnectionString).AddInterceptors(PinyinCollation.ForSqlite))
                .AddSingleton(new HotspotRule(3, 30))
                .AddSingleton<TimeProvider>(new FakeTimeProvider(Day0.AddDays(5))),
            bus => bus.AddConsumer<HotspotDetector>());
        _bus.Bus.ConnectConsumeMessageObserver(_reports);
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        _database.Dispose();
    }

    /// <summary>Stores a case reported in the grid <paramref name="days"/> after day 0 and delivers its CaseReported.</summary>
    private async Task<CaseReported> ReportAsync(double days, string category = "blocked drain")
    {
        Case reported;
        await using (var db = _database.NewContext())
        {
            var grid = await db.Grids.AsNoTracking().SingleAsync(g => g.Code == Grids.InDistrict03.Code, Ct);
            reported = Case.Report(grid, new CaseDraft(grid.Code, CaseSource.GridPatrol, category, "water over the pavement", []),
                Callers.GridWorker("district-03"), Day0.AddDays(days));
            db.Cases.Add(reported);
            await db.SaveChangesAsync(Ct);
        }
        var message = new CaseReported(reported.Id, reported.DistrictCode, reported.GridCode, reported.Category, "GRID_PATROL", reported.ReportedAt);
        await DeliverAsync(message);
        return message;
    }

    private async Task DeliverAsync(CaseReported message, Guid? messageId = null)
    {
        await _reports.DeliverAsync(_bus.Bus, message, messageId ?? Guid.NewGuid(), Ct);
        Assert.Empty(_reports.Faults);
    }

    [Fact]
    public async Task The_third_case_in_a_month_makes_one_hotspot_however_often_its_report_arrives_and_later_cases_add_none()
    {
        DeliberationMeeting next;
        await using (var db = _database.NewContext())
        {
            next = DeliberationMeeting.Schedule(new MeetingDraft("district-03", "Monthly meeting", new DateOnly(2026, 11, 20), ["item"]),
                Callers.CityAdmin(), Day0);
            db.DeliberationMeetings.Add(next);
            await db.SaveChangesAsync(Ct);
        }

        await ReportAsync(0);
        await ReportAsync(1, category: "noise");
        await ReportAsync(2);
        var third = await ReportAsync(3);
        await DeliverAsync(third); // republished under a new message id
        await ReportAsync(4);

        await using var check = _database.NewContext();
        var hotspot = Assert.Single(await check.Hotspots.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(("blocked drain", 3, next.Id), (hotspot.Category, hotspot.CaseCount, hotspot.MeetingId));
        var announced = await check.OutboxMessages.AsNoTracking().Where(m => m.Type.Contains(nameof(CaseHotspotDetected))).ToListAsync(Ct);
        Assert.Equal(hotspot.Id, ((CaseHotspotDetected)Assert.Single(announced).Deserialize(typeof(CaseHotspotDetected))).HotspotId);
    }
}
