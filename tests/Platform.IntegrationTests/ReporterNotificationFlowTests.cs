using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform.Calendar;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// A citizen's notification end to end on PostgreSQL and RabbitMQ: a case the citizen reported is dispatched, the outbox
/// publishes <see cref="CaseDispatched"/>, governance's notifier records CASE_DISPATCHED for the citizen; the same
/// message published again (as a relay that crashed before marking it sent would) records nothing more.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ReporterNotificationFlowTests(PlatformFixture platform)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(60);
    private const string Grid = "grid-03-07-2";

    [Fact]
    public async Task A_citizen_hears_once_that_their_case_was_dispatched_even_when_the_event_is_published_twice()
    {
        platform.RequireDocker();
        var citizen = $"citizen-{Guid.NewGuid():N}";
        var now = TestClock.Now;
        Guid caseId;
        await using (var scope = platform.Governance.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            Assert.True(db.Database.IsNpgsql());
            var grid = await db.Grids.AsNoTracking().SingleAsync(g => g.Code == Grid);
            var admin = new CaseActor(new Caller("city-admin-notify", PlatformRoles.CityAdmin, null, null), false);
            var reported = Case.Report(grid, new CaseDraft(Grid, CaseSource.Citizen, "blocked drain", "巷口排水口堵塞，雨后积水没过脚踝。", []),
                new Caller(citizen, PlatformRoles.Citizen, null, null), now);
            reported.BeginVerification(admin, now);
            reported.File(admin, now);
            reported.Dispatch(admin, AssigneeKind.Module, "convenience-services", now, scope.ServiceProvider.GetRequiredService<WorkingDayCalendar>());
            db.Cases.Add(reported);
            await db.SaveChangesAsync();
            caseId = reported.Id;
        }

        var notification = await WaitForAsync(async db => await db.Notifications.AsNoTracking().Where(n => n.CitizenId == citizen).ToListAsync(),
            list => list.Count > 0);
        var first = Assert.Single(notification);
        Assert.Equal((NotificationKinds.CaseDispatched, caseId.ToString()), (first.Kind, first.Reference));

        // the outbox's message once more, under its own message id
        var sent = await WaitForAsync(async db => (await db.OutboxMessages.AsNoTracking().Where(m => m.SentAt != null).ToListAsync())
                .SingleOrDefault(m => m.ResolveType() == typeof(CaseDispatched) && ((CaseDispatched)m.Deserialize(typeof(CaseDispatched))).CaseId == caseId),
            message => message is not null);
        var deliveries = new ConsumeTally([sent!.MessageId]);
        using (platform.Governance.Services.GetRequiredService<IBus>().ConnectConsumeObserver(deliveries))
        {
            await platform.Approvals.Services.GetRequiredService<IBus>().Publish(sent.Deserialize(typeof(CaseDispatched)), typeof(CaseDispatched),
                context => context.MessageId = sent.MessageId);
            await deliveries.WaitForAsync(1, EventDeadline);
        }
        Assert.Empty(deliveries.Faults);

        await using var check = platform.Governance.Services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<GovernanceDbContext>().Notifications.AsNoTracking()
            .Where(n => n.CitizenId == citizen).ToListAsync();
        Assert.Equal(first.Id, Assert.Single(stored).Id);
    }

    /// <summary>Reads governance's database until <paramref name="done"/> holds (the relay and the consumer run in the background).</summary>
    private async Task<T> WaitForAsync<T>(Func<GovernanceDbContext, Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + EventDeadline;
        while (true)
        {
            await using (var scope = platform.Governance.Services.CreateAsyncScope())
            {
                var value = await read(scope.ServiceProvider.GetRequiredService<GovernanceDbContext>());
                if (done(value) || DateTime.UtcNow > deadline) return value;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
