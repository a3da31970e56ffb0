using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Talent.Domain;

/// <summary>
/// Who may act on and see certifications. Citizens: apply for themselves and see their own. Employers: review and see
/// the applications naming them. Clerks of the talent office: review, rule and certify, and see all; city admins see all.
/// Everyone else: nothing (they may still object during a public notice, which shows no personal data).
/// </summary>
public static class CertificationAccess
{
    /// <summary>The Human Resources and Social Security Bureau runs the talent office.</summary>
    public const string TalentOfficeDepartment = "dept-human-resources";

    public static void EnsureMayApply(Caller caller)
    {
        if (!caller.Is(PlatformRoles.Citizen))
            throw new ForbiddenException("The role '{0}' may not apply for certification; citizens apply for themselves.", caller.Role);
    }

    public static bool IsTalentOffice(Caller caller) => caller.Is(PlatformRoles.Clerk) && caller.BelongsTo(TalentOfficeDepartment);

    public static void EnsureTalentOffice(Caller caller)
    {
        if (!IsTalentOffice(caller))
            throw new ForbiddenException("Only the talent office's clerks review, rule on and certify talent.");
    }

    /// <summary>The employer named by its account reviews; an employer without an account is reviewed for by the talent office.</summary>
    public static void EnsureEmployerReviewer(Caller caller, Certification certification)
    {
        var allowed = certification.EmployerId is { } employerId
            ? caller.Is(PlatformRoles.Employer) && caller.Subject == employerId
            : IsTalentOffice(caller);
        if (allowed) return;
        if (certification.EmployerId is null)
            throw new ForbiddenException("The applicant named no employer account: the talent office reviews for the employer.");
        throw new ForbiddenException("Only the employer named in the application reviews it.");
    }

    /// <summary>
    /// What a caller's list of certifications is confined to: a citizen to their own, an employer to those naming it, the
    /// talent office and city admins to nothing. A filter naming someone else's records is refused, not answered empty.
    /// </summary>
    public static CertificationScope ListScope(Caller caller, string? applicantId, string? employerId)
    {
        if (caller.IsCityAdmin || IsTalentOffice(caller)) return new(null, null);
        if (caller.Is(PlatformRoles.Citizen))
        {
            if (applicantId is not null && applicantId != caller.Subject)
                throw new ForbiddenException("A citizen lists only their own certifications.");
            return new(caller.Subject, null);
        }
        if (caller.Is(PlatformRoles.Employer))
        {
            if (employerId is not null && employerId != caller.Subject)
                throw new ForbiddenException("An employer lists only the certifications naming it.");
            return new(null, caller.Subject);
        }
        throw new ForbiddenException("Certifications are listed for their applicants, their employers, the talent office and city admins.");
    }

    /// <summary>Who lodged an objection is seen by the talent office and city admins only: objectors stay anonymous to the applicant.</summary>
    public static bool SeesObjectors(Caller caller) => caller.IsCityAdmin || IsTalentOffice(caller);

    public static bool CanSee(Caller caller, string applicantId, string? employerId = null) => caller.Role switch
    {
        PlatformRoles.CityAdmin => true,
        PlatformRoles.Citizen => applicantId == caller.Subject,
        PlatformRoles.Employer => employerId is not null && employerId == caller.Subject,
        PlatformRoles.Clerk => caller.BelongsTo(TalentOfficeDepartment),
        _ => false,
    };
}

/// <summary>The records a list is confined to (null: not confined by that).</summary>
public sealed record CertificationScope(string? ApplicantId, string? EmployerId);
