using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Domain;

/// <summary>
/// Who may report, see and act on cases, and read the directory.
/// Report: grid workers and district admins in their own district; citizens in any grid, as CITIZEN;
/// city admins anywhere; others not at all.
/// See a case: its reporter; grid workers on its grid's team; district admins of its district; clerks and supervisors
/// of the department it is dispatched to; holders of the post of the district module it is dispatched to; the person it
/// was escalated or reassigned to (its owner); city admins.
/// Triage (verify, void, resolve on the spot, file) and check the handling: the grid team, the district admin, city admins.
/// Dispatch and close: the district admin, city admins.
/// Work on it (acknowledge, return, start, mark handled): clerks of the department it is dispatched to; for a district
/// work module, the holders of that module's post in the case's district (一人多岗: whatever their token role; a
/// deactivated post or an ended secondment no longer counts) and the district admin; city admins.
/// Reassign an escalated case: as dispatch, the district admin and city admins.
/// Read a district's report: its district admin, city admins.
/// Read a district: every signed-in role, because the directory is public information, except that grid workers and
/// district admins are confined to their own district, as they are for cases.
/// Lists: a filter outside the caller's scope is refused (403), not answered with an empty list.
/// </summary>
public static class GovernanceAccess
{
    /// <summary>
    /// Checked before the draft is validated, with what is known of it: the district of the grid it names (null when
    /// none does) and its source (null when unset); what is unknown is left to validation.
    /// </summary>
    public static void EnsureMayReport(Caller caller, string? districtCode, CaseSource? source)
    {
        switch (caller.Role)
        {
            case PlatformRoles.Citizen:
                if (source is not null && source != CaseSource.Citizen)
                    throw new ForbiddenException("A citizen reports cases with the source {0}.", CaseSource.Citizen);
                return;
            case PlatformRoles.GridWorker or PlatformRoles.DistrictAdmin:
                if (districtCode is not null && !caller.WorksIn(districtCode))
                    throw new ForbiddenException("You may only report cases in your own district ({0}).", caller.DistrictCode ?? "-");
                return;
            case PlatformRoles.CityAdmin:
                return;
            default:
                throw new ForbiddenException("The role '{0}' may not report cases.", caller.Role);
        }
    }

    public static bool CanSeeCase(CaseActor actor, Case c)
    {
        var caller = actor.Caller;
        return caller.IsCityAdmin
            || c.ReporterId == caller.Subject
            || (caller.Is(PlatformRoles.GridWorker) && actor.OnGridTeam)
            || (caller.Is(PlatformRoles.DistrictAdmin) && caller.WorksIn(c.DistrictCode))
            || (caller.Role is PlatformRoles.Clerk or PlatformRoles.Supervisor && IsDispatchedTo(c, caller.DepartmentCode))
            || actor.InDispatchedModule
            || (c.OwnerId is not null && c.OwnerId == caller.Subject);
    }

    /// <summary>Seeing a case comes first: someone who may not see it learns nothing more than 403.</summary>
    public static void EnsureMaySee(CaseActor actor, Case c)
    {
        if (!CanSeeCase(actor, c))
            throw new ForbiddenException("This case is outside your grid, district or department.");
    }

    /// <summary>Photos: the reporter, and whoever may triage the case (the grid team, the district admin, city admins).</summary>
    public static void EnsureMayAttach(CaseActor actor, Case c)
    {
        EnsureMaySee(actor, c);
        if (c.ReporterId != actor.Caller.Subject) EnsureMayTriage(actor, c);
    }

    public static void EnsureMayTriage(CaseActor actor, Case c)
    {
        EnsureMaySee(actor, c);
        var caller = actor.Caller;
        if (caller.IsCityAdmin
            || (caller.Is(PlatformRoles.DistrictAdmin) && caller.WorksIn(c.DistrictCode))
            || (caller.Is(PlatformRoles.GridWorker) && actor.OnGridTeam))
        {
            return;
        }

        throw new ForbiddenException("Only the grid team, the district admin or a city admin checks a case.");
    }

    public static void EnsureMayDispatch(CaseActor actor, Case c)
    {
        EnsureMaySee(actor, c);
        var caller = actor.Caller;
        if (caller.IsCityAdmin || (caller.Is(PlatformRoles.DistrictAdmin) && caller.WorksIn(c.DistrictCode))) return;
        throw new ForbiddenException("Only the district admin or a city admin dispatches and closes a case.");
    }

    public static void EnsureMayWork(CaseActor actor, Case c)
    {
        EnsureMaySee(actor, c);
        var caller = actor.Caller;
        if (caller.IsCityAdmin) return;
        if (c.AssigneeKind == AssigneeKind.Department
                ? caller.Is(PlatformRoles.Clerk) && IsDispatchedTo(c, caller.DepartmentCode)
                : actor.InDispatchedModule || (caller.Is(PlatformRoles.DistrictAdmin) && caller.WorksIn(c.DistrictCode)))
        {
            return;
        }

        throw new ForbiddenException("Only the module or department the case is dispatched to works on it.");
    }

    private static bool IsDispatchedTo(Case c, string? departmentCode) =>
        c.AssigneeKind == AssigneeKind.Department && departmentCode is not null && c.AssigneeCode == departmentCode;

    /// <summary>A district's report: its district admin, and city admins for every district.</summary>
    public static void EnsureMayReadReport(Caller caller, string districtCode)
    {
        if (caller.IsCityAdmin || (caller.Is(PlatformRoles.DistrictAdmin) && caller.WorksIn(districtCode))) return;
        throw new ForbiddenException("Only the district admin or a city admin reads a district's report.");
    }

    public static void EnsureMayReadDistrict(Caller caller, string districtCode)
    {
        switch (caller.Role)
        {
            case PlatformRoles.GridWorker or PlatformRoles.DistrictAdmin:
                if (!caller.WorksIn(districtCode))
                    throw new ForbiddenException("You may only read your own district ({0}).", caller.DistrictCode ?? "-");
                return;
            case PlatformRoles.CityAdmin or PlatformRoles.Citizen or PlatformRoles.Clerk or PlatformRoles.Supervisor or PlatformRoles.Deputy:
                return;
            default:
                throw new ForbiddenException("The role '{0}' may not read the directory.", caller.Role);
        }
    }

    /// <summary>
    /// The district a list of the directory (grid-team members, meetings) is confined to: grid workers and district
    /// admins their own, whatever they filter (naming another is 403); everyone else the district filtered, or all (null).
    /// </summary>
    public static string? DirectoryListScope(Caller caller, string? districtFilter)
    {
        EnsureMayReadDistrict(caller, districtFilter ?? caller.DistrictCode ?? "");
        return IsDistrictStaff(caller) ? caller.DistrictCode : districtFilter;
    }

    /// <summary>A case or mediation list filtered by district: district staff may name only their own.</summary>
    public static void EnsureMayFilterDistrict(Caller caller, string? districtFilter)
    {
        if (districtFilter is not null && IsDistrictStaff(caller) && !caller.WorksIn(districtFilter))
            throw new ForbiddenException("You may only list your own district ({0}).", caller.DistrictCode ?? "-");
    }

    /// <summary>A case list filtered by assignee: a department's clerks and supervisors may name only their department.</summary>
    public static void EnsureMayFilterAssignee(Caller caller, string? assigneeCode)
    {
        if (assigneeCode is not null && caller.Role is PlatformRoles.Clerk or PlatformRoles.Supervisor && assigneeCode != caller.DepartmentCode)
            throw new ForbiddenException("You may only list the cases of your own department ({0}).", caller.DepartmentCode ?? "-");
    }

    /// <summary>
    /// The department the secondment report is confined to: city admins and district admins read every department
    /// (the rule is city policy and the districts receive the staff); a department's supervisors and clerks their own,
    /// whatever they filter (naming another is 403); others not at all.
    /// </summary>
    public static string? SecondmentReportScope(Caller caller, string? departmentFilter)
    {
        switch (caller.Role)
        {
            case PlatformRoles.CityAdmin or PlatformRoles.DistrictAdmin:
                return departmentFilter;
            case PlatformRoles.Supervisor or PlatformRoles.Clerk when caller.DepartmentCode is { } own:
                if (departmentFilter is not null && departmentFilter != own)
                    throw new ForbiddenException("You may only read your own department ({0}).", own);
                return own;
            default:
                throw new ForbiddenException("Only city admins, district admins and a department's own staff read the secondment report.");
        }
    }

    private static bool IsDistrictStaff(Caller caller) => caller.Role is PlatformRoles.GridWorker or PlatformRoles.DistrictAdmin;
}
