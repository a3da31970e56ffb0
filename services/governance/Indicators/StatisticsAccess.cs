using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Indicators;

/// <summary>
/// Who may grant the statistics role (city admins) and who may enter and read the city indicators: city admins, and
/// staff holding a live grant (<paramref name="holdsGrant"/>, looked up by the caller's subject).
/// </summary>
public static class StatisticsAccess
{
    /// <summary>The roles a grant can make a statistician of: staff, not citizens, employers or deputies.</summary>
    private static readonly string[] StaffRoles = [PlatformRoles.Clerk, PlatformRoles.Supervisor, PlatformRoles.GridWorker, PlatformRoles.DistrictAdmin];

    public static void EnsureCityAdmin(Caller caller)
    {
        if (!caller.IsCityAdmin) throw new ForbiddenException("Only city admins grant and revoke the statistics role.");
    }

    public static bool MayUseIndicators(Caller caller, bool holdsGrant) =>
        caller.IsCityAdmin || (holdsGrant && StaffRoles.Contains(caller.Role));

    public static void EnsureMayUseIndicators(Caller caller, bool holdsGrant)
    {
        if (!MayUseIndicators(caller, holdsGrant))
            throw new ForbiddenException("Only city admins and staff granted the statistics role enter and read the city indicators.");
    }
}
