using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Approvals.Domain;

/// <summary>
/// Who may submit and see applications. Citizens: their own. Clerks: their department's matters.
/// Grid workers and district admins: their district's. City admins: all. Deputies: none.
/// </summary>
public static class ApplicationAccess
{
    public static void EnsureMaySubmit(Caller caller, SubmissionChannel channel, string? districtCode, string? applicantId)
    {
        switch (caller.Role)
        {
            case PlatformRoles.Citizen:
                if (!string.IsNullOrWhiteSpace(applicantId) && applicantId != caller.Subject)
                    throw new ForbiddenException("A citizen may only apply for themselves.");
                if (channel == SubmissionChannel.GridWorker)
                    throw new ForbiddenException("Only a grid worker submits through the grid-worker channel.");
                return;
            case PlatformRoles.GridWorker or PlatformRoles.DistrictAdmin:
                if (!caller.WorksIn(districtCode))
                    throw new ForbiddenException($"You may only submit applications for your own district ({caller.DistrictCode ?? "none"}).");
                return;
            case PlatformRoles.Clerk:
                if (channel != SubmissionChannel.ServiceHall)
                    throw new ForbiddenException("Clerks submit applications at a service hall.");
                return;
            case PlatformRoles.CityAdmin:
                return;
            default:
                throw new ForbiddenException($"The role '{caller.Role}' may not submit applications.");
        }
    }

    public static bool CanSee(Caller caller, string applicantId, string departmentCode, string? districtCode) => caller.Role switch
    {
        PlatformRoles.CityAdmin => true,
        PlatformRoles.Citizen => applicantId == caller.Subject,
        PlatformRoles.Clerk => caller.BelongsTo(departmentCode),
        PlatformRoles.GridWorker or PlatformRoles.DistrictAdmin => caller.WorksIn(districtCode),
        _ => false,
    };

    /// <summary>The filter a listing is confined to, or a refusal when the caller asks for someone else's.</summary>
    public static ApplicationScope ScopeFor(Caller caller, string? requestedApplicant)
    {
        if (caller.Is(PlatformRoles.Citizen) && !string.IsNullOrEmpty(requestedApplicant) && requestedApplicant != caller.Subject)
            throw new ForbiddenException("A citizen may only list their own applications.");
        return caller.Role switch
        {
            PlatformRoles.CityAdmin => new ApplicationScope(null, null, null),
            PlatformRoles.Citizen => new ApplicationScope(caller.Subject, null, null),
            PlatformRoles.Clerk when caller.DepartmentCode is not null => new ApplicationScope(null, caller.DepartmentCode, null),
            PlatformRoles.GridWorker or PlatformRoles.DistrictAdmin when caller.DistrictCode is not null => new ApplicationScope(null, null, caller.DistrictCode),
            _ => throw new ForbiddenException($"The role '{caller.Role}' may not list applications."),
        };
    }
}

/// <summary>Non-null parts restrict a listing.</summary>
public sealed record ApplicationScope(string? ApplicantId, string? DepartmentCode, string? DistrictCode);
