using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Talent.Domain;

/// <summary>Claims are seen by their applicant, the talent office's clerks and city admins.</summary>
public static class ClaimAccess
{
    public static bool CanSee(Caller caller, EntitlementClaim claim) =>
        caller.IsCityAdmin || CertificationAccess.IsTalentOffice(caller) || (caller.Is(PlatformRoles.Citizen) && caller.Subject == claim.ApplicantId);

    /// <summary>The applicant a caller's list of claims is confined to (null: all): a citizen their own; the talent office and city admins all.</summary>
    public static string? ListScope(Caller caller, string? applicantId)
    {
        if (caller.IsCityAdmin || CertificationAccess.IsTalentOffice(caller)) return null;
        if (!caller.Is(PlatformRoles.Citizen))
            throw new ForbiddenException("Claims are listed for their claimants, the talent office and city admins.");
        if (applicantId is not null && applicantId != caller.Subject)
            throw new ForbiddenException("A citizen lists only their own claims.");
        return caller.Subject;
    }
}
