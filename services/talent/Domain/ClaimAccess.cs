using Longgang.Platform;

namespace Longgang.Talent.Domain;

/// <summary>Claims are seen by their applicant, the talent office's clerks and city admins.</summary>
public static class ClaimAccess
{
    public static bool CanSee(Caller caller, EntitlementClaim claim) =>
        caller.IsCityAdmin || CertificationAccess.IsTalentOffice(caller) || (caller.Is(PlatformRoles.Citizen) && caller.Subject == claim.ApplicantId);
}
