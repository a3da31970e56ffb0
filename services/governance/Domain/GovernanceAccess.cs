using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Domain;

/// <summary>
/// Who may report and see cases, and read the directory.
/// Report: grid workers and district admins in their own district; citizens in any grid, as CITIZEN;
/// city admins anywhere; clerks and deputies not at all.
/// See a case: its reporter, grid workers and district admins of its district, city admins.
/// Read a district: everyone, because the directory is public information, except that grid workers and district
/// admins are confined to their own district, as they are for cases.
/// </summary>
public static class GovernanceAccess
{
    public static void EnsureMayReport(Caller caller, string districtCode, CaseSource source)
    {
        switch (caller.Role)
        {
            case PlatformRoles.Citizen:
                if (source != CaseSource.Citizen)
                    throw new ForbiddenException("A citizen reports cases with the source CITIZEN.");
                return;
            case PlatformRoles.GridWorker or PlatformRoles.DistrictAdmin:
                if (!caller.WorksIn(districtCode))
                    throw new ForbiddenException($"You may only report cases in your own district ({caller.DistrictCode ?? "none"}).");
                return;
            case PlatformRoles.CityAdmin:
                return;
            default:
                throw new ForbiddenException($"The role '{caller.Role}' may not report cases.");
        }
    }

    public static bool CanSeeCase(Caller caller, string reporterId, string districtCode) =>
        caller.IsCityAdmin
        || reporterId == caller.Subject
        || (caller.Role is PlatformRoles.GridWorker or PlatformRoles.DistrictAdmin && caller.WorksIn(districtCode));

    public static void EnsureMayReadDistrict(Caller caller, string districtCode)
    {
        switch (caller.Role)
        {
            case PlatformRoles.GridWorker or PlatformRoles.DistrictAdmin:
                if (!caller.WorksIn(districtCode))
                    throw new ForbiddenException($"You may only read your own district ({caller.DistrictCode ?? "none"}).");
                return;
            case PlatformRoles.CityAdmin or PlatformRoles.Citizen or PlatformRoles.Clerk or PlatformRoles.Deputy:
                return;
            default:
                throw new ForbiddenException($"The role '{caller.Role}' may not read the directory.");
        }
    }
}
