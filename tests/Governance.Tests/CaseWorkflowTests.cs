using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Tests;

/// <summary>Every transition of the case workflow, and every refusal from the wrong status (409).</summary>
public sealed class CaseWorkflowTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;
    /// <summary>Thursday 13 March 2025, 10:00 in Longgang: the weekend follows two days later.</summary>
    private static readonly DateTimeOffset Thursday = new(2025, 3, 13, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly CaseActor Admin = new(Callers.CityAdmin(), OnGridTeam: false);
    /// <summary>Another city admin: verifies work the first one handled.</summary>
    private static readonly CaseActor Checker = new(Callers.CityAdmin("city-admin-2"), OnGridTeam: false);

    private static Case Reported(string category = "blocked drain") => Case.Report(Grids.InDistrict03,
        new CaseDraft(Grids.InDistrict03.Code, CaseSource.Hotline, category, "Water stands in the lane.", []), Callers.CityAdmin(), Thursday);

    /// <summary>A case (reported by <see cref="Admin"/>) brought to <paramref name="status"/> along the workflow.</summary>
    private static Case InStatus(CaseStatus status)
    {
        Case Then(CaseStatus before, Action<Case> step)
        {
            var c = InStatus(before);
            step(c);
            return c;
        }

        return status switch
        {
            CaseStatus.Reported => Reported(),
            CaseStatus.Verifying => Then(CaseStatus.Reported, c => c.BeginVerification(Admin, Thursday)),
            CaseStatus.Voided => Then(CaseStatus.Verifying, c => c.Void(Admin, "not a public matter", Thursday)),
            CaseStatus.SelfResolved => Then(CaseStatus.Verifying, c => c.SelfResolve(Admin, "cleared the grate", Thursday, Calendar)),
            CaseStatus.Filed => Then(CaseStatus.Verifying, c => c.File(Admin, Thursday)),
            CaseStatus.Dispatched => Then(CaseStatus.Filed, c => c.Dispatch(Admin, AssigneeKind.Department, "dept-housing-construction", Thursday, Calendar)),
            CaseStatus.Returned => Then(CaseStatus.Dispatched, c => c.Return(Admin, "the drain is the water company's", Thursday)),
            CaseStatus.Acknowledged => Then(CaseStatus.Dispatched, c => c.Acknowledge(Admin, Thursday)),
            CaseStatus.InProgress => Then(CaseStatus.Acknowledged, c => c.StartWork(Admin, Thursday)),
            CaseStatus.Handled => Then(CaseStatus.InProgress, c => c.MarkHandled(Admin, "drain cleared", Thursday)),
            CaseStatus.Verified => Then(CaseStatus.Handled, c => c.VerifyHandling(Checker, true, null, Thursday)),
            CaseStatus.Closed => Then(CaseStatus.Verified, c => c.Close(Admin, ClosureReason.Fixed, Thursday, Calendar)),
            CaseStatus.Evaluated => Then(CaseStatus.Closed, c => c.Evaluate(Admin.Caller, 5, "quick", Thursday)),
            CaseStatus.WaitingForApproval => Then(CaseStatus.Dispatched,
                c => Assert.Null(c.AwaitApplication(Guid.CreateVersion7(), "district-03", "grid-worker-03-07-2", true, Thursday))),
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
    }

    /// <summary>Each transition with the only statuses it may start from.</summary>
    private static readonly Dictionary<string, (Action<Case> Act, CaseStatus[] From)> Transitions = new()
    {
        ["begin-verification"] = (c => c.BeginVerification(Admin, Thursday), [CaseStatus.Reported]),
        ["void"] = (c => c.Void(Admin, "duplicate of a hotline call", Thursday), [CaseStatus.Verifying]),
        ["self-resolve"] = (c => c.SelfResolve(Admin, "moved the bin", Thursday, Calendar), [CaseStatus.Verifying]),
        ["file"] = (c => c.File(Admin, Thursday), [CaseStatus.Verifying]),
        ["dispatch"] = (c => c.Dispatch(Admin, AssigneeKind.Module, "convenience-services", Thursday, Calendar), [CaseStatus.Filed, CaseStatus.Returned]),
        ["acknowledge"] = (c => c.Acknowledge(Admin, Thursday), [CaseStatus.Dispatched]),
        ["return"] = (c => c.Return(Admin, "not ours", Thursday), [CaseStatus.Dispatched]),
        ["start-work"] = (c => c.StartWork(Admin, Thursday), [CaseStatus.Acknowledged]),
        ["mark-handled"] = (c => c.MarkHandled(Admin, "done", Thursday), [CaseStatus.InProgress]),
        ["verify-handling"] = (c => c.VerifyHandling(Checker, true, null, Thursday), [CaseStatus.Handled]),
        ["close"] = (c => c.Close(Admin, ClosureReason.Fixed, Thursday, Calendar), [CaseStatus.Verified]),
        ["evaluate"] = (c => c.Evaluate(Admin.Caller, 4, null, Thursday), [CaseStatus.Closed]),
    };

    public static TheoryData<string, CaseStatus> WrongStatuses()
    {
        var data = new TheoryData<string, CaseStatus>();
        foreach (var (name, (_, from)) in Transitions)
        {
            foreach (var status in Enum.GetValues<CaseStatus>().Except(from))
                data.Add(name, status);
        }

        return data;
    }

    public static TheoryData<string, CaseStatus> RightStatuses()
    {
        var data = new TheoryData<string, CaseStatus>();
        foreach (var (name, (_, from)) in Transitions)
        {
            foreach (var status in from)
                data.Add(name, status);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WrongStatuses))]
    public void A_transition_from_the_wrong_status_is_a_conflict_and_changes_nothing(string transition, CaseStatus status)
    {
        var c = InStatus(status);
        var revision = c.Revision;

        var error = Assert.Throws<ConflictException>(() => Transitions[transition].Act(c));

        Assert.Contains(Longgang.Platform.Domain.EnumNames.Wire(status), error.Message);
        Assert.Equal(status, c.Status);
        Assert.Equal(revision, c.Revision);
    }

    [Theory]
    [MemberData(nameof(RightStatuses))]
    public void A_transition_from_its_status_moves_the_case_and_records_it(string transition, CaseStatus status)
    {
        var c = InStatus(status);
        var historyBefore = c.History.Count;

        Transitions[transition].Act(c);

        Assert.NotEqual(status, c.Status);
        Assert.Equal(historyBefore + 1, c.History.Count);
        Assert.Equal(c.Status, c.History[^1].Status);
    }

    [Fact]
    public void The_whole_way_from_report_to_evaluation()
    {
        var c = InStatus(CaseStatus.Evaluated);

        Assert.Equal(
            [CaseStatus.Reported, CaseStatus.Verifying, CaseStatus.Filed, CaseStatus.Dispatched, CaseStatus.Acknowledged,
             CaseStatus.InProgress, CaseStatus.Handled, CaseStatus.Verified, CaseStatus.Closed, CaseStatus.Evaluated],
            c.History.Select(h => h.Status));
        Assert.Equal(Enumerable.Range(1, 10), c.History.Select(h => h.Sequence));
        Assert.Equal("city-admin-1", c.HandlerId);
        Assert.Equal("city-admin-2", c.VerifiedBy);
        Assert.Equal(ClosureReason.Fixed, c.ClosureReason);
        Assert.False(c.ClosedOverdue);
        Assert.Equal(5, c.EvaluationScore);
        Assert.Equal(["CaseReported", "CaseDispatched", "CaseHandled", "CaseClosed"], c.PendingEvents.Select(e => e.GetType().Name));
        Assert.Equal(new CaseHandled(c.Id, "district-03", "DEPARTMENT", "dept-housing-construction", "drain cleared", Thursday),
            c.PendingEvents.OfType<CaseHandled>().Single());
    }

    [Fact]
    public void Dispatch_starts_the_category_limit_in_working_days_over_the_weekend()
    {
        var c = InStatus(CaseStatus.Filed); // blocked drain: 3 working days

        c.Dispatch(Admin, AssigneeKind.Module, "comprehensive-governance", Thursday, Calendar);

        Assert.Equal(3, c.LimitWorkingDays);
        Assert.Equal(new DateOnly(2025, 3, 18), c.DueOn); // Friday, Monday, Tuesday
        Assert.Equal(Thursday, c.DispatchedAt);
        Assert.Equal(AssigneeKind.Module, c.AssigneeKind);
        Assert.IsType<CaseReported>(c.PendingEvents[0]);
        var dispatched = Assert.IsType<CaseDispatched>(Assert.Single(c.PendingEvents.Skip(1)));
        Assert.Equal(new CaseDispatched(c.Id, "district-03", "MODULE", "comprehensive-governance", new DateOnly(2025, 3, 18), Thursday), dispatched);
    }

    [Fact]
    public void A_category_without_its_own_limit_gets_five_working_days()
    {
        var c = Reported("graffiti");
        c.BeginVerification(Admin, Thursday);
        c.File(Admin, Thursday);

        c.Dispatch(Admin, AssigneeKind.Department, "dept-housing-construction", Thursday, Calendar);

        Assert.Equal(CaseCategories.DefaultLimitWorkingDays, c.LimitWorkingDays);
        Assert.Equal(new DateOnly(2025, 3, 20), c.DueOn);
    }

    [Fact]
    public void A_return_is_recorded_with_its_reason_and_a_re_dispatch_keeps_the_running_clock()
    {
        var c = InStatus(CaseStatus.Returned);
        var dueOn = c.DueOn;
        var returned = Assert.IsType<CaseReturned>(c.PendingEvents[^1]);

        c.Dispatch(Admin, AssigneeKind.Department, "dept-market-supervision", Thursday.AddDays(1), Calendar);

        Assert.Equal("DEPARTMENT", returned.AssigneeKind);
        Assert.Equal("dept-housing-construction", returned.AssigneeCode);
        Assert.Equal("the drain is the water company's", returned.Reason);
        Assert.Equal(dueOn, c.DueOn);
        Assert.Equal(Thursday, c.DispatchedAt);
        Assert.Equal("dept-market-supervision", c.AssigneeCode);
    }

    [Fact]
    public void Failed_verification_sends_the_case_back_to_the_assignee_with_the_reason()
    {
        var c = InStatus(CaseStatus.Handled);

        c.VerifyHandling(Checker, false, "the grate is still blocked", Thursday);

        Assert.Equal(CaseStatus.Dispatched, c.Status);
        Assert.Equal("the grate is still blocked", c.StatusNote);
        Assert.Null(c.HandlerId);
        Assert.Equal("dept-housing-construction", c.AssigneeCode);
    }

    [Fact]
    public void Failed_verification_needs_a_note()
    {
        var c = InStatus(CaseStatus.Handled);

        var error = Assert.Throws<ValidationFailedException>(() => c.VerifyHandling(Checker, false, " ", Thursday));

        Assert.Equal("note", Assert.Single(error.FieldErrors).Key);
        Assert.Equal(CaseStatus.Handled, c.Status);
    }

    [Fact]
    public void The_handler_may_not_verify_their_own_work()
    {
        var c = InStatus(CaseStatus.Handled);

        Assert.Throws<ForbiddenException>(() => c.VerifyHandling(Admin, true, null, Thursday));
        Assert.Equal(CaseStatus.Handled, c.Status);
    }

    [Theory]
    [InlineData(null, null, "moduleCode")]
    [InlineData(AssigneeKind.Module, "street-lighting", "moduleCode")]
    [InlineData(AssigneeKind.Department, "dept-nowhere", "departmentCode")]
    [InlineData(AssigneeKind.Department, " ", "departmentCode")]
    public void Dispatch_names_a_bad_assignee(AssigneeKind? kind, string? code, string field)
    {
        var c = InStatus(CaseStatus.Filed);

        var error = Assert.Throws<ValidationFailedException>(() => c.Dispatch(Admin, kind, code, Thursday, Calendar));

        Assert.Equal(field, Assert.Single(error.FieldErrors).Key);
        Assert.Equal(CaseStatus.Filed, c.Status);
    }

    [Theory]
    [InlineData("void")]
    [InlineData("return")]
    public void A_reason_is_required(string transition)
    {
        var c = InStatus(transition == "void" ? CaseStatus.Verifying : CaseStatus.Dispatched);
        Action act = transition == "void" ? () => c.Void(Admin, "", Thursday) : () => c.Return(Admin, null, Thursday);

        Assert.Equal("reason", Assert.Single(Assert.Throws<ValidationFailedException>(act).FieldErrors).Key);
    }

    [Fact]
    public void Closing_needs_a_typed_reason()
    {
        var c = InStatus(CaseStatus.Verified);

        var error = Assert.Throws<ValidationFailedException>(() => c.Close(Admin, null, Thursday, Calendar));

        Assert.Equal("reason", Assert.Single(error.FieldErrors).Key);
    }

    [Fact]
    public void Closing_after_the_time_limit_is_recorded_as_overdue()
    {
        var c = InStatus(CaseStatus.InProgress); // due Tuesday 18 March
        c.MarkHandled(Admin, "done at last", Thursday.AddDays(6)); // Wednesday 19 March

        c.VerifyHandling(Checker, true, null, Thursday.AddDays(6));
        c.Close(Admin, ClosureReason.Fixed, Thursday.AddDays(6), Calendar);

        Assert.True(c.ClosedOverdue);
        Assert.True(Assert.IsType<CaseClosed>(c.PendingEvents[^1]).Overdue);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void An_evaluation_scores_one_to_five(int score)
    {
        var c = InStatus(CaseStatus.Closed);

        var error = Assert.Throws<ValidationFailedException>(() => c.Evaluate(Admin.Caller, score, null, Thursday));

        Assert.Equal("score", Assert.Single(error.FieldErrors).Key);
    }

    [Fact]
    public void Only_the_reporter_evaluates()
    {
        var c = InStatus(CaseStatus.Closed);

        Assert.Throws<ForbiddenException>(() => c.Evaluate(Checker.Caller, 5, null, Thursday));
    }

    // ---- who may act ---------------------------------------------------------------------------------

    private static Case ReportedByCitizen()
    {
        var c = Case.Report(Grids.InDistrict03, new CaseDraft(Grids.InDistrict03.Code, CaseSource.Citizen, "noise", "Music at 2 am.", []),
            Callers.Citizen(), Thursday);
        return c;
    }

    [Fact]
    public void The_grid_team_triages_but_a_grid_worker_of_another_grid_may_not()
    {
        var c = ReportedByCitizen();

        Assert.Throws<ForbiddenException>(() => c.BeginVerification(new CaseActor(Callers.GridWorker("district-03", "grid-worker-03-01-1"), false), Thursday));
        c.BeginVerification(new CaseActor(Callers.GridWorker("district-03", "grid-worker-03-07-2"), true), Thursday);

        Assert.Equal(CaseStatus.Verifying, c.Status);
    }

    [Fact]
    public void A_grid_worker_may_not_dispatch_and_a_foreign_district_admin_may_not_see_the_case()
    {
        var c = ReportedByCitizen();
        c.BeginVerification(Admin, Thursday);
        c.File(Admin, Thursday);

        Assert.Throws<ForbiddenException>(() => c.Dispatch(new CaseActor(Callers.GridWorker("district-03"), true),
            AssigneeKind.Module, "comprehensive-governance", Thursday, Calendar));
        Assert.Throws<ForbiddenException>(() => c.Dispatch(new CaseActor(Callers.DistrictAdmin("district-05"), false),
            AssigneeKind.Module, "comprehensive-governance", Thursday, Calendar));
        c.Dispatch(new CaseActor(Callers.DistrictAdmin("district-03"), false), AssigneeKind.Department, "dept-market-supervision", Thursday, Calendar);

        Assert.Equal(CaseStatus.Dispatched, c.Status);
    }

    [Fact]
    public void A_case_dispatched_to_a_department_is_worked_by_that_departments_clerks_only()
    {
        var c = ReportedByCitizen();
        c.BeginVerification(Admin, Thursday);
        c.File(Admin, Thursday);
        c.Dispatch(Admin, AssigneeKind.Department, "dept-market-supervision", Thursday, Calendar);

        Assert.Throws<ForbiddenException>(() => c.Acknowledge(new CaseActor(Callers.Clerk("clerk-9", "dept-social-affairs"), false), Thursday));
        Assert.Throws<ForbiddenException>(() => c.Acknowledge(new CaseActor(Callers.Supervisor(), false), Thursday));
        Assert.Throws<ForbiddenException>(() => c.Acknowledge(new CaseActor(Callers.DistrictAdmin("district-03"), false), Thursday));
        c.Acknowledge(new CaseActor(Callers.Clerk(), false), Thursday);

        Assert.Equal(CaseStatus.Acknowledged, c.Status);
    }

    [Fact]
    public void A_case_dispatched_to_a_module_is_worked_by_the_district_admin()
    {
        var c = ReportedByCitizen();
        c.BeginVerification(Admin, Thursday);
        c.File(Admin, Thursday);
        c.Dispatch(Admin, AssigneeKind.Module, "comprehensive-governance", Thursday, Calendar);

        Assert.Throws<ForbiddenException>(() => c.Return(new CaseActor(Callers.Clerk(), false), "not ours", Thursday));
        c.Return(new CaseActor(Callers.DistrictAdmin("district-03"), false), "a matter for law enforcement", Thursday);

        Assert.Equal(CaseStatus.Returned, c.Status);
    }

    [Fact]
    public void A_citizen_may_not_move_their_own_case()
    {
        var c = ReportedByCitizen();

        Assert.Throws<ForbiddenException>(() => c.BeginVerification(new CaseActor(Callers.Citizen(), false), Thursday));
    }

    // ---- follow-up cases ------------------------------------------------------------------------------

    [Fact]
    public void A_follow_up_is_dispatched_to_market_supervision_at_once_with_its_clock_running_from_the_decision()
    {
        var applicationId = Guid.CreateVersion7();

        var c = Case.OpenFollowUp(applicationId, "MS-001", "citizen-7", "district-04", Thursday, Calendar);

        Assert.Equal(CaseStatus.Dispatched, c.Status);
        Assert.Equal(AssigneeKind.Module, c.AssigneeKind);
        Assert.Equal("market-supervision", c.AssigneeCode);
        Assert.Equal("district-04", c.DistrictCode);
        Assert.Equal("", c.GridCode);
        Assert.Equal(applicationId, c.FollowUpOfApplicationId);
        Assert.Equal(CaseSource.Referral, c.Source);
        Assert.Equal(Case.ApprovalsReporter, c.ReporterId);
        Assert.Equal(10, c.LimitWorkingDays);
        Assert.Equal(new DateOnly(2025, 3, 27), c.DueOn);
        Assert.Equal([CaseStatus.Filed, CaseStatus.Dispatched], c.History.Select(h => h.Status));
        Assert.IsType<CaseDispatched>(Assert.Single(c.PendingEvents));
    }
}
