using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Tests;

public sealed class GovernanceAccessTests
{
    [Fact]
    public void The_reporter_sees_their_own_case_whatever_their_role()
    {
        Assert.True(GovernanceAccess.CanSeeCase(Callers.Citizen("c-1"), reporterId: "c-1", districtCode: "district-03"));
        Assert.True(GovernanceAccess.CanSeeCase(Callers.GridWorker("district-05", "gw-1"), reporterId: "gw-1", districtCode: "district-03"));
    }

    [Fact]
    public void Another_citizen_does_not_see_the_case()
    {
        Assert.False(GovernanceAccess.CanSeeCase(Callers.Citizen("c-2"), reporterId: "c-1", districtCode: "district-03"));
    }

    [Theory]
    [InlineData(PlatformRoles.GridWorker, "district-03", true)]
    [InlineData(PlatformRoles.GridWorker, "district-05", false)]
    [InlineData(PlatformRoles.DistrictAdmin, "district-03", true)]
    [InlineData(PlatformRoles.DistrictAdmin, "district-05", false)]
    [InlineData(PlatformRoles.CityAdmin, "district-05", true)]
    [InlineData(PlatformRoles.Clerk, "district-03", false)]
    [InlineData(PlatformRoles.Deputy, "district-03", false)]
    public void Others_see_a_case_by_its_district(string role, string callerDistrict, bool visible)
    {
        var caller = Callers.ByRole(role, callerDistrict);

        Assert.Equal(visible, GovernanceAccess.CanSeeCase(caller, reporterId: "someone-else", districtCode: "district-03"));
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
