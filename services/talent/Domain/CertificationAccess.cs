using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Talent.Domain;

/// <summary>
/// Who may apply for and see certifications. Citizens: apply for themselves and see their own.
/// Clerks of the talent office and city admins: see all. Everyone else: nothing.
/// </summary>
public static class CertificationAccess
{
    /// <summary>The Human Resources and Social Security Bureau runs the talent office.</summary>
    public const string TalentOfficeDepartment = "dept-human-resources";

    public static void EnsureMayApply(Caller caller)
    {
        // employers and the talent office will apply on a person's behalf once certification has review steps
        if (!caller.Is(PlatformRoles.Citizen))
            throw new ForbiddenException($"The role '{caller.Role}' may not apply for certification; citizens apply for themselves.");
    }

    public static bool CanSee(Caller caller, string applicantId) => caller.Role switch
    {
        PlatformRoles.CityAdmin => true,
        PlatformRoles.Citizen => applicantId == caller.Subject,
        PlatformRoles.Clerk => caller.BelongsTo(TalentOfficeDepartment),
        _ => false,
    };
}
