using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Governance.Messaging;
using Longgang.Platform;
using Longgang.Platform.Data;
using Longgang.Platform.Notifications;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Governance.Tests;

/// <summary>
/// The reporter's notifications on MassTransit's in-memory test harness and a real SQLite database: each event, delivered
/// twice, tells the citizen who reported the case once, in Chinese, linked to the case; a case a grid worker found on
/// patrol tells nobody.
/// </summary>
public sealed class ReporterNotifierTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Monday = new(2025, 4, 7, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Citizen = "citizen-lin";

    private TestDatabase _database = null!;
    private ConsumerHarness _bus = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _bus = await ConsumerHarness.StartAsync(services => services
                .AddDbContext<GovernanceDbContext>(options => options.UseSqlite(_database.ConnectionString).AddInterceptors(PinyinCollation.ForSqlite))
                .AddSingleton<TimeProvider>(new FakeTimeProvider(Monday))
                .AddSingleton(TestText.Create()),
            bus =>
            {
                bus.AddConsumer<CaseDispatchedNotifier>();
                bus.AddConsumer<CaseHandledNotifier>();
                bus.AddConsumer<CaseClosedNotifier>();
            });
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        _database.Dispose();
    }

    private async Task<Guid> ReportedAsync(CaseSource source, Caller reporter)
    {
        var c = Case.Report(Grids.InDistrict03, new CaseDraft(Grids.InDistrict03.Code, source, "blocked drain",
            "巷子里的排水口堵了，雨后积水。", []), reporter, Monday);
        await using var db = _database.NewContext();
        db.Cases.Add(c);
        await db.SaveChangesAsync(Ct);
        return c.Id;
    }

    private static object EventOf(string kind, Guid caseId) => kind switch
    {
        NotificationKinds.CaseDispatched => new CaseDispatched(caseId, "district-03", "MODULE", "market-supervision", new DateOnly(2025, 4, 10), Monday),
        NotificationKinds.CaseHandled => new CaseHandled(caseId, "district-03", "MODULE", "market-supervision", "已疏通排水口。", Monday.AddDays(1)),
        NotificationKinds.CaseClosed => new CaseClosed(caseId, "district-03", "FIXED", false, Monday.AddDays(2)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private Task DeliverTwiceAsync(object message) => message switch
    {
        CaseDispatched dispatched => DeliverTwiceAsync(dispatched),
        CaseHandled handled => DeliverTwiceAsync(handled),
        CaseClosed closed => DeliverTwiceAsync(closed),
        _ => throw new ArgumentOutOfRangeException(nameof(message)),
    };

    /// <summary>The same message twice (a redelivery: the same message id).</summary>
    private async Task DeliverTwiceAsync<TMessage>(TMessage message) where TMessage : class
    {
        var messageId = Guid.NewGuid();
        for (var i = 0; i < 2; i++)
            Assert.Empty(await _bus.DeliverAsync(message, messageId, Ct));
    }

    private async Task<List<CitizenNotificationRecord>> NotificationsAsync()
    {
        await using var db = _database.NewContext();
        return await db.Notifications.AsNoTracking().ToListAsync(Ct);
    }

    [Theory]
    [InlineData(NotificationKinds.CaseDispatched, "办理期限 2025-04-10")]
    [InlineData(NotificationKinds.CaseHandled, "已疏通排水口。网格员将到现场核查")]
    [InlineData(NotificationKinds.CaseClosed, "已办结：问题已解决")]
    public async Task The_event_delivered_twice_tells_the_citizen_who_reported_the_case_once(string kind, string saying)
    {
        var caseId = await ReportedAsync(CaseSource.Citizen, Callers.Citizen(Citizen));

        await DeliverTwiceAsync(EventOf(kind, caseId));

        var notification = Assert.Single(await NotificationsAsync());
        Assert.Equal(Citizen, notification.CitizenId);
        Assert.Equal(kind, notification.Kind);
        Assert.Equal(caseId.ToString(), notification.Reference);
        Assert.Contains(saying, notification.Body);
        Assert.Contains("blocked drain", notification.Body);
    }

    [Fact]
    public async Task A_case_a_grid_worker_found_on_patrol_tells_nobody()
    {
        var caseId = await ReportedAsync(CaseSource.GridPatrol, Callers.GridWorker("district-03", "grid-worker-03-07-2"));

        foreach (var kind in new[] { NotificationKinds.CaseDispatched, NotificationKinds.CaseHandled, NotificationKinds.CaseClosed })
            await DeliverTwiceAsync(EventOf(kind, caseId));

        Assert.Empty(await NotificationsAsync());
    }
}
