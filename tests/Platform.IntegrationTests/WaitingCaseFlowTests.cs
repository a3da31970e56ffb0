using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform.Calendar;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// Flow 1 on PostgreSQL and RabbitMQ: a grid worker's application linked to a citizen's case puts the case on hold,
/// and its decision resumes it once, however often it is delivered.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WaitingCaseFlowTests(PlatformFixture platform)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(60);
    private const string Grid = "grid-03-07-2";
    /// <summary>Governance's consumers of each event below (ApplicationSubmitted: the tally, the linker, the dashboards, ...).</summary>
    private static readonly int SubmittedConsumers = Consumers.Of<ApplicationSubmitted>(typeof(GovernanceDbContext).Assembly);
    /// <summary>ApplicationDecided: the tally, the follow-up opener, the resumer, the dashboards, ...</summary>
    private static readonly int DecidedConsumers = Consumers.Of<ApplicationDecided>(typeof(GovernanceDbContext).Assembly);

    private static GovernanceDbContext GovernanceDb(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        Assert.True(db.Database.IsNpgsql());
        return db;
    }

    /// <summary>A case of grid 03-07-2, dispatched at <paramref name="at"/> to the district's convenience-services module.</summary>
    private async Task<Case> DispatchedCaseAsync(DateTimeOffset at)
    {
        await using var scope = platform.Governance.Services.CreateAsyncScope();
        var db = GovernanceDb(scope);
        var calendar = scope.ServiceProvider.GetRequiredService<WorkingDayCalendar>();
        var grid = await db.Grids.AsNoTracking().SingleAsync(g => g.Code == Grid);
        var admin = new CaseActor(new Caller("city-admin-flow1", PlatformRoles.CityAdmin, null, null), false);
        var c = Case.Report(grid, new CaseDraft(Grid, CaseSource.Citizen, "unlicensed stall",
            "街口早餐摊没有食品经营许可，摊主愿意办证。", []), admin.Caller, at);
        c.BeginVerification(admin, at);
        c.File(admin, at);
        c.Dispatch(admin, AssigneeKind.Module, "convenience-services", at, calendar);
        db.Cases.Add(c);
        await db.SaveChangesAsync();
        return c;
    }

    private async Task<Case> CaseAsync(Guid id)
    {
        await using var scope = platform.Governance.Services.CreateAsyncScope();
        var db = GovernanceDb(scope);
        return await db.Cases.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    /// <summary>Publishes from approvals' bus and waits until every governance consumer has finished with each copy.</summary>
    private async Task PublishAsync<TMessage>(TMessage message, int consumers, params Guid[] messageIds) where TMessage : class
    {
        var deliveries = new ConsumeTally(messageIds);
        using var _ = platform.Governance.Services.GetRequiredService<IBus>().ConnectConsumeObserver(deliveries);
        var publisher = platform.Approvals.Services.GetRequiredService<IBus>();
        foreach (var messageId in messageIds)
            await publisher.Publish(message, context => context.MessageId = messageId);
        await deliveries.WaitForAsync(messageIds.Length * consumers, EventDeadline);
        Assert.Empty(deliveries.Faults);
    }

    [Fact]
    public async Task Flow1_the_decision_delivered_twice_resumes_the_waiting_case_once()
    {
        platform.RequireDocker();
        var dispatchedAt = TestClock.Now.AddDays(-8);
        var submittedAt = dispatchedAt.AddDays(1);
        var decidedAt = dispatchedAt.AddDays(6);
        var dispatched = await DispatchedCaseAsync(dispatchedAt);
        var applicationId = Guid.NewGuid();
        var worker = DistrictDirectorySeeder.GridWorkerOf(Grid);

        await PublishAsync(new ApplicationSubmitted(applicationId, "MS-001", "dept-market-supervision", $"citizen-{Guid.NewGuid():N}",
            "GRID_WORKER", "district-03", submittedAt, dispatched.Id, worker), SubmittedConsumers, NewId.NextGuid());
        var waiting = await CaseAsync(dispatched.Id);
        Assert.Equal(CaseStatus.WaitingForApproval, waiting.Status);
        Assert.Equal(applicationId, waiting.WaitingForApplicationId);

        var decided = new ApplicationDecided(applicationId, "MS-001", "dept-market-supervision", "citizen-flow1", "GRID_WORKER", "district-03",
            ApplicationDecided.Approved, [], decidedAt, 4, 20, true);
        var messageId = NewId.NextGuid();
        await PublishAsync(decided, DecidedConsumers, messageId, messageId);

        var resumed = await CaseAsync(dispatched.Id);
        Assert.Equal(CaseStatus.Dispatched, resumed.Status);
        Assert.Null(resumed.WaitingForApplicationId);
        Assert.Single(resumed.History, h => h.Actor == Case.ApprovalsActor);
        var calendar = platform.Governance.Services.GetRequiredService<WorkingDayCalendar>();
        var waited = calendar.CountWorkingDays(submittedAt, decidedAt);
        Assert.True(waited > 0);
        Assert.Equal(calendar.AddWorkingDays(dispatched.DueOn!.Value, waited), resumed.DueOn);
    }
}
