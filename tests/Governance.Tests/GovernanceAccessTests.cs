using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Tests;

public sealed class GovernanceAccessTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 13, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A case citizen-1 reported in grid-03-07-2, dispatched to <paramref name="department"/> when given.</summary>
    private static Case CaseInDistrict03(string? department = null)
    {
        var c = Case.Report(Grids.InDistrict03, new CaseDraft(Grids.InDistrict03.Code, CaseSource.Citizen, "noise", "Music at 2 am.", []),
            Callers.Citizen("citizen-1"), Now);
        if (department is null) return c;
        var admin = new CaseActor(Callers.CityAdmin(), false);
        c.BeginVerification(admin, Now);
        c.File(admin, Now);
        c.Dispatch(admin, AssigneeKind.Department, department, Now, Longgang.Platform.Calendar.WorkingDayCalendar.Official);
        return c;
    }

    [Fact]
    public void The_reporter_sees_their_own_case_and_another_citizen_does_not()
    {
        Assert.True(GovernanceAccess.CanSeeCase(new CaseActor(Callers.Citizen("citizen-1"), false), CaseInDistrict03()));
        Assert.False(GovernanceAccess.CanSeeCase(new CaseActor(Callers.Citizen("citizen-2"), false), CaseInDistrict03()));
    }

    [Theory]
    [InlineData(PlatformRoles.GridWorker, "district-03", true, true)]
    [InlineData(PlatformRoles.GridWorker, "district-03", false, false)] // the same district, another grid's team
    [InlineData(PlatformRoles.DistrictAdmin, "district-03", false, true)]
    [InlineData(PlatformRoles.DistrictAdmin, "district-05", false, false)]
    [InlineData(PlatformRoles.CityAdmin, "district-05", false, true)]
    [InlineData(PlatformRoles.Clerk, "district-03", false, false)]
    [InlineData(PlatformRoles.Supervisor, "district-03", false, false)]
    [InlineData(PlatformRoles.Deputy, "district-03", false, false)]
    public void Others_see_a_case_by_its_grid_team_or_district(string role, string callerDistrict, bool onGridTeam, bool visible)
    {
        var actor = new CaseActor(Callers.ByRole(role, callerDistrict), onGridTeam);

        Assert.Equal(visible, GovernanceAccess.CanSeeCase(actor, CaseInDistrict03()));
    }

    [Theory]
    [InlineData(PlatformRoles.Clerk, "dept-market-supervision", true)]
    [InlineData(PlatformRoles.Supervisor, "dept-market-supervision", true)]
    [InlineData(PlatformRoles.Clerk, "dept-social-affairs", false)]
    [InlineData(PlatformRoles.Supervisor, "dept-social-affairs", false)]
    public void Department_staff_see_the_cases_dispatched_to_their_department(string role, string department, bool visible)
    {
        var caller = role == PlatformRoles.Clerk ? Callers.Clerk(department: department) : Callers.Supervisor(department);

        Assert.Equal(visible, GovernanceAccess.CanSeeCase(new CaseActor(caller, false), CaseInDistrict03("dept-market-supervision")));
    }

    [Theory]
    [InlineData(PlatformRoles.GridWorker)]
    [InlineData(PlatformRoles.DistrictAdmin)]
    public void District_staff_may_not_read_a_foreign_district(string role)
    {
        var caller = Callers.ByRole(role, district: "district-05");

        Assert.Throws<ForbiddenException>(() => GovernanceAccess.EnsureMayReadDistrict(caller, "district-03"));
        GovernanceAccess.EnsureMayReadDistrict(caller, "district-05");
    }

    [Theory]
    [InlineData(PlatformRoles.Citizen)]
    [InlineData(PlatformRoles.Clerk)]
    [InlineData(PlatformRoles.Supervisor)]
    [InlineData(PlatformRoles.Deputy)]
    [InlineData(PlatformRoles.CityAdmin)]
    public void Everyone_else_may_read_any_district(string role)
    {
        foreach (var district in ReferenceData.DistrictCodes)
            GovernanceAccess.EnsureMayReadDistrict(Callers.ByRole(role), district);
    }

    [Fact]
    public void An_unknown_role_may_not_read_the_directory()
    {
        Assert.Throws<ForbiddenException>(() =>
            GovernanceAccess.EnsureMayReadDistrict(new Caller("x", "auditor", null, null), "district-03"));
    }
}
