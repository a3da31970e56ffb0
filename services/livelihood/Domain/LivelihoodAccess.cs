using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Livelihood.Domain;

/// <summary>
/// Who may do what. The livelihood office (clerks of the Development and Reform Bureau) runs the cycle: opens it,
/// sets the budget, screens, imports paper ballots, counts. Deputies vote and evaluate. A department's clerks manage
/// the milestones of the projects their department owns. City admins may do everything the office does.
/// </summary>
public static class LivelihoodAccess
{
    public const string OfficeDepartment = "dept-development-reform";

    public static bool IsOffice(Caller caller) => caller.IsCityAdmin || (caller.Is(PlatformRoles.Clerk) && caller.BelongsTo(OfficeDepartment));

    public static void EnsureOffice(Caller caller)
    {
        if (!IsOffice(caller))
            throw new ForbiddenException("Only the livelihood office (Development and Reform Bureau clerks) and city admins run the cycle.");
    }

    public static void EnsureDeputy(Caller caller)
    {
        if (!caller.Is(PlatformRoles.Deputy)) throw new ForbiddenException("Only deputies vote on and evaluate livelihood projects.");
    }

    /// <summary>The office, or a clerk of the department that owns the project.</summary>
    public static void EnsureMayManage(Caller caller, Project project)
    {
        if (IsOffice(caller)) return;
        if (caller.Is(PlatformRoles.Clerk) && caller.BelongsTo(project.OwningDepartmentCode)) return;
        throw new ForbiddenException("Only the department owning this project, the livelihood office and city admins manage its milestones.");
    }

    /// <summary>The cycle's working view (rules, budget, counts): deputies, departments' clerks and supervisors, city admins.</summary>
    public static void EnsureMaySeeCycle(Caller caller)
    {
        if (caller.IsCityAdmin || caller.Role is PlatformRoles.Deputy or PlatformRoles.Clerk or PlatformRoles.Supervisor) return;
        throw new ForbiddenException("The cycle's working view is for deputies, departments and city admins; the public board is open to all.");
    }

    /// <summary>Filtering the projects by proposer: one's own proposals, or anybody's for the office and city admins.</summary>
    public static void EnsureMayFilterByProposer(Caller caller, string proposerId)
    {
        if (IsOffice(caller) || proposerId == caller.Subject) return;
        throw new ForbiddenException("Only the livelihood office and city admins list another proposer's projects; filter by your own id.");
    }

    /// <summary>Who proposed: the proposer themselves, the office and city admins. Everybody else sees the kind only.</summary>
    public static bool MaySeeProposer(Caller caller, Project project) =>
        IsOffice(caller) || (project.ProposerKind != ProposerKind.Deliberation && project.ProposerId == caller.Subject);
}
