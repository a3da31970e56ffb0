using System.Text.Json;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Calendar;

namespace Longgang.Governance.Tests;

/// <summary>
/// What governance gives the dashboards: the 一区五城 tag of a case's category, the close's grid, category, assignee,
/// self-resolution and working days, and a replay that sends the events the live transitions published.
/// </summary>
public sealed class DashboardSourceTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;
    /// <summary>Thursday 13 March 2025, 10:00 in Longgang.</summary>
    private static readonly DateTimeOffset Thursday = new(2025, 3, 13, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly CaseActor Admin = new(Callers.CityAdmin(), OnGridTeam: false);
    private static readonly CaseActor Checker = new(Callers.CityAdmin("city-admin-2"), OnGridTeam: false);

    private static Case Reported(string category = "blocked drain") => Case.Report(Grids.InDistrict03,
        new CaseDraft(Grids.InDistrict03.Code, CaseSource.Hotline, category, "Water stands in the lane.", []), Callers.CityAdmin(), Thursday);

    private static List<string> Json(IEnumerable<object> events) => events.Select(e => JsonSerializer.Serialize(e, e.GetType())).ToList();

    private static IEnumerable<object> Published(Case c) => c.TakePendingEvents()
        .Where(e => e is CaseReported or CaseDispatched or CaseEscalated or CaseClosed);

    [Fact]
    public void At_every_stage_the_replay_sends_what_the_transitions_published_field_by_field()
    {
        var c = Reported();
        var live = Published(c).ToList();
        Assert.Equal(Json(live), Json(c.ImpliedEvents(Calendar)));

        c.BeginVerification(Admin, Thursday);
        c.File(Admin, Thursday);
        c.Dispatch(Admin, AssigneeKind.Module, "convenience-services", Thursday.AddHours(1), Calendar);
        live.AddRange(Published(c));
        Assert.Equal(Json(live), Json(c.ImpliedEvents(Calendar)));

        // blocked drain: 3 working days from Thursday, so overdue on Thursday 20 March; escalated to the community
        Assert.True(c.TryEscalate(Thursday.AddDays(7), Calendar, _ => "community-post-holder"));
        live.AddRange(Published(c));
        Assert.Equal(Json(live), Json(c.ImpliedEvents(Calendar)));

        c.Acknowledge(Admin, Thursday.AddDays(7));
        c.StartWork(Admin, Thursday.AddDays(7));
        c.MarkHandled(Admin, "drain cleared", Thursday.AddDays(8));
        c.VerifyHandling(Checker, true, null, Thursday.AddDays(8));
        c.Close(Admin, ClosureReason.Fixed, Thursday.AddDays(8), Calendar);
        live.AddRange(Published(c));
        Assert.Equal(Json(live), Json(c.ImpliedEvents(Calendar)));
        Assert.Equal([typeof(CaseReported), typeof(CaseDispatched), typeof(CaseEscalated), typeof(CaseClosed)], live.Select(e => e.GetType()));
    }

    [Fact]
    public void A_close_names_grid_category_last_dispatch_and_the_working_days_since_the_report()
    {
        var c = Reported();
        c.BeginVerification(Admin, Thursday);
        c.File(Admin, Thursday);
        c.Dispatch(Admin, AssigneeKind.Department, "dept-housing-construction", Thursday, Calendar);
        c.Return(Admin, "the drain is the water company's", Thursday);
        c.Dispatch(Admin, AssigneeKind.Module, "convenience-services", Thursday, Calendar);
        c.Acknowledge(Admin, Thursday);
        c.StartWork(Admin, Thursday);
        c.MarkHandled(Admin, "drain cleared", Thursday);
        c.VerifyHandling(Checker, true, null, Thursday);
        c.TakePendingEvents();
        // Thursday 13 → Tuesday 18 March: Friday, Monday, Tuesday
        c.Close(Admin, ClosureReason.Fixed, Thursday.AddDays(5), Calendar);

        var closed = Assert.IsType<CaseClosed>(Assert.Single(c.TakePendingEvents()));
        Assert.Equal((Grids.InDistrict03.Code, "blocked drain", "MODULE", "convenience-services", false, 3),
            (closed.GridCode, closed.Category, closed.AssigneeKind, closed.AssigneeCode, closed.SelfResolved, closed.WorkingDaysToClose));
    }

    [Fact]
    public void A_case_resolved_on_the_spot_is_closed_self_resolved_with_no_assignee()
    {
        var c = Reported("litter");
        c.BeginVerification(Admin, Thursday);
        c.TakePendingEvents();
        c.SelfResolve(Admin, "moved the bin", Thursday.AddDays(1), Calendar);

        var closed = Assert.IsType<CaseClosed>(Assert.Single(c.TakePendingEvents()));
        Assert.Equal(("FIXED", true, null, null, 1, false), (closed.Reason, closed.SelfResolved, closed.AssigneeKind, closed.AssigneeCode,
            closed.WorkingDaysToClose, closed.Overdue));
        Assert.Equal(Json([closed]), Json(c.ImpliedEvents(Calendar).Skip(1)));
    }

    [Fact]
    public void A_cases_category_gives_its_city_tag_and_an_unknown_category_none()
    {
        var reported = Assert.IsType<CaseReported>(Assert.Single(Reported("Road Damage ").TakePendingEvents()));
        Assert.Equal(CityTags.ModernSmart, reported.CityTag);
        Assert.Null(Assert.IsType<CaseReported>(Assert.Single(Reported("a lost cat").TakePendingEvents())).CityTag);
        Assert.All(CaseCategories.LimitWorkingDays.Keys, category => Assert.True(CityTags.IsKnown(CaseCategories.CityTag(category)), category));
    }

    [Fact]
    public void A_concluded_mediation_replays_its_conclusion_and_an_open_one_nothing()
    {
        var mediation = MediationCase.Open(
            new MediationDraft("district-03", ["Zhang San", "Li Si"], "A wall between two yards leans over Li's vegetable plot.", "mediator-03"),
            Callers.DistrictAdmin("district-03"), Thursday);
        mediation.TakePendingEvents();
        Assert.Null(mediation.ConcludedEvent());
        mediation.Conclude(new Caller("mediator-03", PlatformRoles.GridWorker, "district-03", null), agreed: true, "pay for the repair", null,
            Thursday.AddDays(2));
        var live = Assert.IsType<MediationConcluded>(Assert.Single(mediation.TakePendingEvents()));

        Assert.Equal(Json([live]), Json([mediation.ConcludedEvent()!]));
    }
}
