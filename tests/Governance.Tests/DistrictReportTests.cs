using Longgang.Governance.Domain;
using Longgang.Platform.Calendar;

namespace Longgang.Governance.Tests;

public sealed class DistrictReportTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;
    private static readonly CaseActor Admin = new(Callers.CityAdmin(), OnGridTeam: false);
    private static readonly CaseActor Checker = new(Callers.CityAdmin("city-admin-2"), OnGridTeam: false);
    /// <summary>Monday 10 March 2025, 10:00 in Longgang.</summary>
    private static DateTimeOffset March(int day) => new(2025, 3, day, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly Grid OtherGrid = new() { Code = "grid-03-07-1", CommunityCode = "community-03-07", DistrictCode = "district-03", Name = "Grid 3-7-1" };

    private static Case Verifying(Grid grid, string category = "blocked drain")
    {
        var c = Case.Report(grid, new CaseDraft(grid.Code, CaseSource.Hotline, category, "described", []), Callers.CityAdmin(), March(10));
        c.BeginVerification(Admin, March(10));
        return c;
    }

    private static Case Dispatched(Grid grid, string category = "blocked drain")
    {
        var c = Verifying(grid, category);
        c.File(Admin, March(10));
        c.Dispatch(Admin, AssigneeKind.Department, "dept-housing-construction", March(10), Calendar);
        return c;
    }

    [Fact]
    public void Figures_from_the_districts_cases_mediations_and_teams()
    {
        var selfResolved = Verifying(Grids.InDistrict03);
        selfResolved.SelfResolve(Admin, "cleared it", March(10), Calendar);
        var returned = Dispatched(Grids.InDistrict03);        // due Thursday 13th: overdue on Friday 14th, the report's day
        returned.Return(Admin, "not ours", March(11));
        var escalated = Dispatched(OtherGrid, "safety hazard"); // due Tuesday 11th; at community level until Friday 14th
        Assert.True(escalated.TryEscalate(March(12), Calendar));
        var closed = Dispatched(Grids.InDistrict03);
        closed.Acknowledge(Admin, March(11));                 // 1 working day
        closed.StartWork(Admin, March(11));
        closed.MarkHandled(Admin, "done", March(13));
        closed.VerifyHandling(Checker, true, null, March(13));
        closed.Close(Admin, ClosureReason.Fixed, March(14), Calendar); // 4 working days

        var agreed = MediationCase.Open(new MediationDraft("district-03", ["A", "B"], "facts", "m-1"), Callers.CityAdmin(), March(10));
        agreed.Conclude(Callers.CityAdmin(), true, "terms", null, March(11));
        agreed.RecordFollowUp(Callers.CityAdmin(), true, null, March(14));
        var failed = MediationCase.Open(new MediationDraft("district-03", ["C", "D"], "facts", "m-1"), Callers.CityAdmin(), March(10));
        failed.Conclude(Callers.CityAdmin(), false, null, null, March(11));
        var open = MediationCase.Open(new MediationDraft("district-03", ["E", "F"], "facts", "m-1"), Callers.CityAdmin(), March(10));

        TeamSeat Member(string id, Grid grid, bool seconded) => new(id, grid.Code, seconded);

        var report = DistrictReport.Build("district-03", [Grids.InDistrict03, OtherGrid],
            DistrictCaseTallies.Of([selfResolved, returned, escalated, closed], [agreed, failed, open], March(14), Calendar),
            [Member("gw-1", Grids.InDistrict03, false), Member("s-1", Grids.InDistrict03, true), Member("gw-2", OtherGrid, false), Member("s-2", OtherGrid, true)]);

        Assert.Equal(2, report.OpenCases);      // the returned and the escalated one
        Assert.Equal(1, report.OverdueCases);
        Assert.Equal(1.0, report.AverageWorkingDaysToAcknowledge);
        Assert.Equal(4.0, report.AverageWorkingDaysToClose);
        Assert.Equal(new Dictionary<string, int> { ["dept-housing-construction"] = 1 }, report.ReturnsByAssignee);
        Assert.Equal(0.25, report.SelfResolutionRate); // one of four triaged
        Assert.Equal(1, report.Escalations);
        Assert.Equal(2, report.MediationsConcluded);
        Assert.Equal(0.5, report.MediationSuccessRate);
        Assert.Equal(1.0, report.AgreementsHonouredRate);
        Assert.Equal(2, report.SecondedStaff);
        Assert.Equal(0.5, report.OpenCasesPerTeamMember);
        Assert.Equal([new GridReportLine("grid-03-07-1", 1, 0, 1, 2, 1), new GridReportLine("grid-03-07-2", 1, 1, 0, 2, 1)], report.Grids);
    }

    [Fact]
    public void A_quiet_district_has_no_averages_or_rates_rather_than_zeros()
    {
        var report = DistrictReport.Build("district-03", [Grids.InDistrict03], DistrictCaseTallies.Of([], [], March(14), Calendar), []);

        Assert.Equal(0, report.OpenCases);
        Assert.Null(report.AverageWorkingDaysToAcknowledge);
        Assert.Null(report.SelfResolutionRate);
        Assert.Null(report.MediationSuccessRate);
        Assert.Null(report.OpenCasesPerTeamMember);
        Assert.Equal(0, Assert.Single(report.Grids).TeamMembers);
    }
}
