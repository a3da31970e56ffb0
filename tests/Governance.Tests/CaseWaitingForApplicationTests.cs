using Longgang.Governance.Domain;
using Longgang.Platform.Calendar;

namespace Longgang.Governance.Tests;

/// <summary>
/// Flow 1's rules on the case: it waits for the application a grid worker linked, its clock paused on the working-day
/// calendar, and resumes once. Dates are in the official 2025 calendar: 清明 is Friday 4 April to Sunday 6 April.
/// </summary>
public sealed class CaseWaitingForApplicationTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;
    private static readonly CaseActor Admin = new(Callers.CityAdmin(), OnGridTeam: false);
    private const string Worker = "grid-worker-1";
    private static readonly Guid ApplicationId = Guid.CreateVersion7();

    private static DateTimeOffset On(int month, int day, int hour = 10) => new(2025, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A blocked drain (3 working days) dispatched at <paramref name="at"/>.</summary>
    private static Case Dispatched(DateTimeOffset at)
    {
        var c = Reported(at);
        c.BeginVerification(Admin, at);
        c.File(Admin, at);
        c.Dispatch(Admin, AssigneeKind.Module, "convenience-services", at, Calendar);
        return c;
    }

    private static Case Reported(DateTimeOffset at) =>
        Case.Report(Grids.InDistrict03, new CaseDraft(Grids.InDistrict03.Code, CaseSource.GridPatrol, "blocked drain",
            "The drain outside the shop is blocked; the owner needs a permit to dig.", []), Callers.CityAdmin(), at);

    private static void Wait(Case c, DateTimeOffset at) =>
        Assert.Null(c.AwaitApplication(ApplicationId, "district-03", Worker, submitterOnGridTeam: true, at));

    [Fact]
    public void The_deadline_moves_by_the_working_days_waited_not_counting_a_weekend_and_a_holiday()
    {
        var c = Dispatched(On(4, 2)); // Wednesday: due three working days later, Tuesday 8 April (4-6 April are off)
        Assert.Equal(new DateOnly(2025, 4, 8), c.DueOn);

        Wait(c, On(4, 3, 9)); // Thursday
        Assert.Equal(CaseStatus.WaitingForApproval, c.Status);
        Assert.False(c.IsOverdue(On(4, 10), Calendar)); // the clock is paused: nothing escalates while the case waits

        // decided Tuesday 8 April: Friday is 清明, then a weekend, so the case waited two working days (7 and 8 April)
        Assert.True(c.ResumeAfterApplication(ApplicationId, "APPROVED", On(4, 8, 16), Calendar));

        Assert.Equal(CaseStatus.Dispatched, c.Status);
        Assert.Equal(new DateOnly(2025, 4, 10), c.DueOn);
        Assert.Null(c.WaitingForApplicationId);
        var line = c.History[^1];
        Assert.Equal(Case.ApprovalsActor, line.Actor);
        Assert.Equal($"application {ApplicationId} APPROVED; waited 2 working days", line.Note);
        Assert.Equal(new DateOnly(2025, 4, 10), line.DueOn);
        // the pause stays in the deadline when the calendar recounts it
        Assert.False(c.ReprojectDue(Calendar, On(4, 9), "2025 published again"));
    }

    [Fact]
    public void A_wait_over_a_weekend_only_costs_no_time()
    {
        var c = Dispatched(On(3, 12)); // Wednesday 12 March: due Monday 17 March
        Assert.Equal(new DateOnly(2025, 3, 17), c.DueOn);

        Wait(c, On(3, 14, 17)); // Friday evening
        c.ResumeAfterApplication(ApplicationId, "REJECTED", On(3, 16, 12), Calendar); // decided on Sunday

        Assert.Equal(new DateOnly(2025, 3, 17), c.DueOn);
        Assert.Equal($"application {ApplicationId} REJECTED; waited 0 working days", c.History[^1].Note);
    }

    [Fact]
    public void The_same_decision_twice_resumes_once_and_a_decision_on_another_application_changes_nothing()
    {
        var c = Dispatched(On(4, 2));
        Wait(c, On(4, 3));

        Assert.False(c.ResumeAfterApplication(Guid.CreateVersion7(), "APPROVED", On(4, 8), Calendar));
        Assert.Equal(CaseStatus.WaitingForApproval, c.Status);
        Assert.True(c.ResumeAfterApplication(ApplicationId, "APPROVED", On(4, 8), Calendar));
        var revision = c.Revision;
        Assert.False(c.ResumeAfterApplication(ApplicationId, "APPROVED", On(4, 8), Calendar));

        Assert.Equal(revision, c.Revision);
        Assert.Equal(new DateOnly(2025, 4, 10), c.DueOn);
    }

    [Fact]
    public void A_case_waiting_before_dispatch_resumes_where_it_was_without_a_deadline()
    {
        var c = Reported(On(4, 2));
        c.BeginVerification(Admin, On(4, 2));
        Wait(c, On(4, 2));

        c.ResumeAfterApplication(ApplicationId, "NOT_ACCEPTED", On(4, 9), Calendar);

        Assert.Equal(CaseStatus.Verifying, c.Status);
        Assert.Null(c.DueOn);
    }

    [Fact]
    public void A_correction_request_shows_on_the_case_until_the_application_is_accepted()
    {
        var c = Dispatched(On(4, 2));
        Wait(c, On(4, 3));

        Assert.False(c.RecordCorrectionRequested(Guid.CreateVersion7(), ["identity card"], On(4, 7)));
        Assert.True(c.RecordCorrectionRequested(ApplicationId, ["identity card", "site plan"], On(4, 7)));
        Assert.True(c.AwaitingCorrection);
        Assert.Equal($"application {ApplicationId}: correction requested (identity card; site plan)", c.History[^1].Note);

        Assert.True(c.RecordApplicationAccepted(ApplicationId));
        Assert.False(c.AwaitingCorrection);
        Assert.Equal(CaseStatus.WaitingForApproval, c.Status);
    }

    [Fact]
    public void Only_a_worker_on_the_grid_team_links_an_open_case_of_the_applications_district_once()
    {
        var c = Dispatched(On(4, 2));

        Assert.Equal(WaitRefusal.NotOnGridTeam, c.AwaitApplication(ApplicationId, "district-03", Worker, submitterOnGridTeam: false, On(4, 3)));
        Assert.Equal(WaitRefusal.NotOnGridTeam, c.AwaitApplication(ApplicationId, "district-04", Worker, submitterOnGridTeam: true, On(4, 3)));
        Assert.Equal(CaseStatus.Dispatched, c.Status);

        Wait(c, On(4, 3));
        Assert.Equal(WaitRefusal.AlreadyWaiting, c.AwaitApplication(Guid.CreateVersion7(), "district-03", Worker, submitterOnGridTeam: true, On(4, 3)));

        var voided = Reported(On(4, 2));
        voided.BeginVerification(Admin, On(4, 2));
        voided.Void(Admin, "Reported twice.", On(4, 2));
        Assert.Equal(WaitRefusal.NotOpen, voided.AwaitApplication(ApplicationId, "district-03", Worker, submitterOnGridTeam: true, On(4, 3)));
    }

    [Fact]
    public void A_waiting_case_refuses_the_workflow_until_it_resumes()
    {
        var c = Dispatched(On(4, 2));
        Wait(c, On(4, 3));

        Assert.Throws<Longgang.Platform.Errors.ConflictException>(() => c.Acknowledge(Admin, On(4, 3)));
    }
}
