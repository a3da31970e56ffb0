using Longgang.Platform;
using Longgang.Talent.Domain;

namespace Longgang.Talent.Tests;

/// <summary>The callers the talent tests act as, built by the shared <see cref="Platform.Testing.Callers"/>.</summary>
internal static class Callers
{
    public static readonly Caller Applicant = Platform.Testing.Callers.Citizen("citizen-1");
    public static readonly Caller OtherCitizen = Platform.Testing.Callers.Citizen("citizen-2");
    public static readonly Caller Employer = Platform.Testing.Callers.Employer("employer-robotics");
    public static readonly Caller OtherEmployer = Platform.Testing.Callers.Employer("employer-other");
    public static readonly Caller TalentClerk = Platform.Testing.Callers.Clerk("clerk-hr", CertificationAccess.TalentOfficeDepartment);
    public static readonly Caller OtherClerk = Platform.Testing.Callers.Clerk("clerk-finance", "dept-finance");
    public static readonly Caller CityAdmin = Platform.Testing.Callers.CityAdmin("admin-1");
    public static readonly Caller DistrictAdmin = Platform.Testing.Callers.DistrictAdmin("district-03", "district-admin-3");
}
