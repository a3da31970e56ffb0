using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Governance.Messaging;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Governance.Tests;

/// <summary>
/// Flow 1's consumers on MassTransit's in-memory test harness and a real SQLite database: the link a grid worker made
/// at submission, the correction that returns to them, and the decision that resumes the case, each delivered twice.
/// </summary>
public sealed class WaitingCaseTrackerTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;
    private static readonly CaseActor Admin = new(Callers.CityAdmin(), OnGridTeam: false);
    private static readonly string Worker = DistrictDirectorySeeder.GridWorkerOf(Grids.InDistrict03.Code);

    private static DateTimeOffset April(int day, int hour = 10) => new(2025, 4, day, hour, 0, 0, TimeSpan.FromHours(8));

    private readonly FakeTimeProvider _clock = new(April(3));
    private TestDatabase _database = null!;
    private ConsumerHarness _bus = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _bus = await ConsumerHarness.StartAsync(services => services
                .AddDbContext<GovernanceDbContext>(options => options.UseSqlite(_database.ConnectionString).AddInterceptors(PinyinCollation.ForSqlite))
                .AddSingleton(Calendar)
                .AddSingleton(TestText.Create())
                .AddSingleton<TimeProvider>(_clock),
            bus =>
            {
                bus.AddConsumer<WaitingCaseLinker>();
                bus.AddConsumer<WaitingCaseCorrectionRecorder>();
                bus.AddConsumer<WaitingCaseAcceptanceRecorder>();
                bus.AddConsumer<WaitingCaseResumer>();
                bus.AddConsumer<NotAcceptedCaseResumer>();
            });
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        _database.Dispose();
    }

    /// <summary>A blocked drain (3 working days) dispatched on Wednesday 2 April 2025: due Tuesday 8 April (清明 4-6 April).</summary>
    private async Task<Guid> DispatchedCaseAsync()
    {
        var at = April(2);
        var c = Case.Report(Grids.InDistrict03, new CaseDraft(Grids.InDistrict03.Code, CaseSource.GridPatrol, "blocked drain",
            "The drain is blocked; the shop owner needs a permit to dig up the pavement.", []), Callers.CityAdmin(), at);
        c.BeginVerification(Admin, at);
        c.File(Admin, at);
        c.Dispatch(Admin, AssigneeKind.Module, "convenience-services", at, Calendar);
        await using var db = _database.NewContext();
        db.Cases.Add(c);
        await db.SaveChangesAsync(Ct);
        return c.Id;
    }

    private static ApplicationSubmitted Submitted(Guid applicationId, Guid caseId, string submittedBy = "", string district = "district-03") =>
        new(applicationId, "HC-001", "dept-housing-construction", "citizen-7", "GRID_WORKER", district, April(3), caseId,
            submittedBy == "" ? Worker : submittedBy);

    private static ApplicationDecided Decided(Guid applicationId, Guid? caseId = null) =>
        new(applicationId, "HC-001", "dept-housing-construction", "citizen-7", "GRID_WORKER", "district-03", ApplicationDecided.Approved,
            [], April(8, 16), 2, 20, true, CaseId: caseId);

    private async Task DeliverAsync<TMessage>(TMessage message, Guid? messageId = null) where TMessage : class =>
        Assert.Empty(await _bus.DeliverAsync(message, messageId ?? Guid.NewGuid(), Ct));

    private async Task<Case> CaseAsync(Guid id)
    {
        await using var db = _database.NewContext();
        return await db.Cases.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
    }

    private async Task<List<Longgang.Platform.Notifications.CitizenNotificationRecord>> NotificationsAsync()
    {
        await using var db = _database.NewContext();
        return await db.Notifications.AsNoTracking().ToListAsync(Ct);
    }

    [Fact]
    public async Task The_decision_delivered_twice_resumes_the_case_once_with_its_deadline_moved_by_the_days_waited()
    {
        var caseId = await DispatchedCaseAsync();
        var applicationId = Guid.CreateVersion7();
        await DeliverAsync(Submitted(applicationId, caseId));
        Assert.Equal(CaseStatus.WaitingForApproval, (await CaseAsync(caseId)).Status);

        var messageId = Guid.NewGuid();
        await DeliverAsync(Decided(applicationId), messageId);
        await DeliverAsync(Decided(applicationId), messageId);
        await DeliverAsync(Decided(applicationId)); // the same decision re-published under a new id

        var resumed = await CaseAsync(caseId);
        Assert.Equal(CaseStatus.Dispatched, resumed.Status);
        Assert.Equal(new DateOnly(2025, 4, 10), resumed.DueOn); // 8 April + the two working days waited (7 and 8 April)
        Assert.Single(resumed.History, h => h.Actor == Case.ApprovalsActor);
    }

    [Fact]
    public async Task A_decision_that_overtakes_its_submission_still_ends_the_wait_once()
    {
        var caseId = await DispatchedCaseAsync();
        var applicationId = Guid.CreateVersion7();
        var messageId = Guid.NewGuid();
        await DeliverAsync(Decided(applicationId, caseId), messageId);
        await DeliverAsync(Decided(applicationId, caseId), messageId);
        await DeliverAsync(Decided(applicationId, caseId)); // re-published under a new id
        Assert.Equal(CaseStatus.Dispatched, (await CaseAsync(caseId)).Status);

        await DeliverAsync(Submitted(applicationId, caseId));

        var resumed = await CaseAsync(caseId);
        Assert.Equal(CaseStatus.Dispatched, resumed.Status);
        Assert.Null(resumed.WaitingForApplicationId);
        Assert.Equal(new DateOnly(2025, 4, 10), resumed.DueOn); // as if delivered in order: two working days waited
        Assert.Single(resumed.History, h => h.Actor == Case.ApprovalsActor);
        await using var db = _database.NewContext();
        Assert.Empty(await db.EarlyDecisions.ToListAsync(Ct));
    }

    [Fact]
    public async Task An_application_not_accepted_resumes_the_case_too()
    {
        var caseId = await DispatchedCaseAsync();
        var applicationId = Guid.CreateVersion7();
        await DeliverAsync(Submitted(applicationId, caseId));

        await DeliverAsync(new ApplicationNotAccepted(applicationId, "HC-001", "dept-housing-construction", "citizen-7", "district-03",
            "Not a matter of this department.", April(7)));

        var resumed = await CaseAsync(caseId);
        Assert.Equal(CaseStatus.Dispatched, resumed.Status);
        Assert.Equal(new DateOnly(2025, 4, 9), resumed.DueOn);
    }

    [Fact]
    public async Task A_correction_request_returns_to_the_worker_on_the_case_once_and_acceptance_clears_it()
    {
        var caseId = await DispatchedCaseAsync();
        var applicationId = Guid.CreateVersion7();
        await DeliverAsync(Submitted(applicationId, caseId));
        var correction = new CorrectionRequested(applicationId, "HC-001", "dept-housing-construction", "citizen-7", Worker, "district-03",
            ["site plan"], April(7));

        var messageId = Guid.NewGuid();
        await DeliverAsync(correction, messageId);
        await DeliverAsync(correction, messageId);

        var waiting = await CaseAsync(caseId);
        Assert.True(waiting.AwaitingCorrection);
        Assert.Single(waiting.History, h => h.Note?.Contains("correction requested (site plan)") == true);

        await DeliverAsync(new ApplicationAccepted(applicationId, "HC-001", "dept-housing-construction", "citizen-7", "district-03", false,
            April(8), new DateOnly(2025, 4, 20), new DateOnly(2025, 5, 6)));
        Assert.False((await CaseAsync(caseId)).AwaitingCorrection);
    }

    [Fact]
    public async Task A_worker_from_another_grid_cannot_pause_the_case_and_is_told_why_once()
    {
        var caseId = await DispatchedCaseAsync();
        var applicationId = Guid.CreateVersion7();
        var foreign = Submitted(applicationId, caseId, submittedBy: "grid-worker-04-01-1", district: "district-04");

        var messageId = Guid.NewGuid();
        await DeliverAsync(foreign, messageId);
        await DeliverAsync(foreign, messageId);
        await DeliverAsync(Submitted(Guid.CreateVersion7(), Guid.CreateVersion7())); // no such case

        Assert.Equal(CaseStatus.Dispatched, (await CaseAsync(caseId)).Status);
        var notifications = await NotificationsAsync();
        Assert.Equal(2, notifications.Count);
        var refused = Assert.Single(notifications, n => n.CitizenId == "grid-worker-04-01-1");
        Assert.Equal(("申请未能关联网格案件", WaitingCaseLinker.RefusedSubject), (refused.Subject, refused.SubjectEn));
        Assert.Equal(NotificationKinds.CaseLinkRefused, refused.Kind);
    }

    [Fact]
    public async Task A_submission_without_a_case_changes_nothing()
    {
        var caseId = await DispatchedCaseAsync();

        await DeliverAsync(new ApplicationSubmitted(Guid.CreateVersion7(), "HC-001", "dept-housing-construction", "citizen-7", "SERVICE_HALL",
            "district-03", April(3)));

        Assert.Equal(CaseStatus.Dispatched, (await CaseAsync(caseId)).Status);
        Assert.Empty(await NotificationsAsync());
    }
}
