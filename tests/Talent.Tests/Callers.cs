using Longgang.Platform;
using Longgang.Talent.Domain;

namespace Longgang.Talent.Tests;

internal static class Callers
{
    public static readonly Caller Applicant = new("citizen-1", PlatformRoles.Citizen, null, null);
    public static readonly Caller OtherCitizen = new("citizen-2", PlatformRoles.Citizen, null, null);
    public static readonly Caller Employer = new("employer-robotics", PlatformRoles.Employer, null, null);
    public static readonly Caller OtherEmployer = new("employer-other", PlatformRoles.Employer, null, null);
    public static readonly Caller TalentClerk = new("clerk-hr", PlatformRoles.Clerk, null, CertificationAccess.TalentOfficeDepartment);
    public static readonly Caller OtherClerk = new("clerk-finance", PlatformRoles.Clerk, null, "dept-finance");
    public static readonly Caller CityAdmin = new("admin-1", PlatformRoles.CityAdmin, null, null);
    public static readonly Caller DistrictAdmin = new("district-admin-3", PlatformRoles.DistrictAdmin, "district-03", null);
}
