using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Approvals.Domain;

/// <summary>
/// Who may see and do what. Citizens: their own applications. Grid workers: what they submitted. District
/// admins: their district's (service hall). Clerks act on their department's steps; clerks and supervisors see
/// their department's applications (the lead's or a participating department's). City admins see all and act on
/// none. Refusals are 403 rather than an empty answer, so nobody learns whether a foreign application exists.
/// </summary>
public static class ApplicationAccess
{
    public static void EnsureMaySubmit(Caller caller, Channel channel, string? districtCode, string? applicantId)
    {
        switch (caller.Role)
        {
            case PlatformRoles.Citizen:
                if (!string.IsNullOrWhiteSpace(applicantId) && applicantId != caller.Subject)
                    throw new ForbiddenException("A citizen may only apply for themselves.");
                if (channel == Channel.GridWorker)
                    throw new ForbiddenException("Only a grid worker submits through the grid-worker channel.");
                return;
            case PlatformRoles.GridWorker or PlatformRoles.DistrictAdmin:
                if (!caller.WorksIn(districtCode))
                    throw new ForbiddenException("You may only submit applications for your own district ({0}).", (object?)caller.DistrictCode ?? new LocalText("none"));
                return;
            case PlatformRoles.Clerk:
                if (channel != Channel.ServiceHall)
                    throw new ForbiddenException("Clerks submit applications at a service hall.");
                return;
            case PlatformRoles.CityAdmin:
                return;
            default:
                throw new ForbiddenException("The role '{0}' may not submit applications.", caller.Role);
        }
    }

    public static bool CanSee(Caller caller, Application application) =>
        CanSee(caller, application.ApplicantId, application.SubmittedBy, application.DepartmentCode,
            application.ReviewingDepartments, application.DistrictCode);

    public static bool CanSee(Caller caller, string applicantId, string submittedBy, string departmentCode,
        IEnumerable<string> reviewingDepartments, string? districtCode) => caller.Role switch
        {
            PlatformRoles.CityAdmin => true,
            PlatformRoles.Citizen => applicantId == caller.Subject,
            PlatformRoles.GridWorker => submittedBy == caller.Subject,
            PlatformRoles.DistrictAdmin => caller.WorksIn(districtCode),
            // a counter clerk may take in an application for another department, and hand in its corrections
            PlatformRoles.Clerk or PlatformRoles.Supervisor =>
                caller.BelongsTo(departmentCode) || reviewingDepartments.Any(caller.BelongsTo) || submittedBy == caller.Subject,
            _ => false,
        };

    /// <summary>
    /// Who prints an application's documents: the applicant, whoever submitted for them (grid worker, counter clerk) and
    /// the clerks and supervisors of the handling departments. Admins read the application but hand out no papers.
    /// </summary>
    public static void EnsureMayPrint(Caller caller, Application application)
    {
        var allowed = caller.Role switch
        {
            PlatformRoles.Citizen => application.ApplicantId == caller.Subject,
            PlatformRoles.GridWorker => application.SubmittedBy == caller.Subject,
            PlatformRoles.Clerk or PlatformRoles.Supervisor => CanSee(caller, application),
            _ => false,
        };
        if (!allowed)
            throw new ForbiddenException("Only the applicant, whoever submitted for them and the handling departments print this application's documents.");
    }

    public static void EnsureMaySee(Caller caller, Application application)
    {
        if (!CanSee(caller, application))
            throw new ForbiddenException("This application belongs to another applicant, department or district.");
    }

    /// <summary>Acceptance, corrections, extension, issuance and rectification belong to the lead department's clerks.</summary>
    public static void EnsureLeadClerk(Caller caller, Application application)
    {
        EnsureMaySee(caller, application);
        if (!caller.Is(PlatformRoles.Clerk) || !caller.BelongsTo(application.DepartmentCode))
            throw new ForbiddenException("Only a clerk of {0} may do this.", application.DepartmentCode);
    }

    /// <summary>Suspending and resuming: a clerk of any department reviewing the application (an inspection may be theirs).</summary>
    public static void EnsureReviewingClerk(Caller caller, Application application)
    {
        EnsureMaySee(caller, application);
        var reviewing = application.ReviewingDepartments.Append(application.DepartmentCode);
        if (!caller.Is(PlatformRoles.Clerk) || !reviewing.Any(caller.BelongsTo))
            throw new ForbiddenException("Only a clerk of a reviewing department may do this.");
    }

    /// <summary>A step is decided by a clerk of that step's department, and nobody else.</summary>
    public static void EnsureStepClerk(Caller caller, string? departmentCode)
    {
        if (!caller.Is(PlatformRoles.Clerk) || !caller.BelongsTo(departmentCode))
            throw new ForbiddenException("A review step is decided by a clerk of its own department.");
    }

    public static void EnsureApplicantOrSubmitter(Caller caller, Application application)
    {
        EnsureMaySee(caller, application);
        if (caller.Subject != application.ApplicantId && caller.Subject != application.SubmittedBy)
            throw new ForbiddenException("Only the applicant, or whoever submitted for them, may hand in materials.");
    }

    /// <summary>Files: the applicant, whoever submitted for them (a grid worker), or a clerk of a handling department.</summary>
    public static void EnsureMayAttach(Caller caller, Application application)
    {
        EnsureMaySee(caller, application);
        if (caller.Subject != application.ApplicantId && caller.Subject != application.SubmittedBy && !IsHandlingClerk(caller, application))
            throw new ForbiddenException("Only the applicant, whoever submitted for them or a clerk of a handling department may attach files.");
    }

    /// <summary>Seeing an original at the counter: a clerk of the lead or a reviewing department.</summary>
    public static void EnsureHandlingClerk(Caller caller, Application application)
    {
        EnsureMaySee(caller, application);
        if (!IsHandlingClerk(caller, application))
            throw new ForbiddenException("Only a clerk of a department handling the application may confirm an original.");
    }

    private static bool IsHandlingClerk(Caller caller, Application application) =>
        caller.Is(PlatformRoles.Clerk) && application.ReviewingDepartments.Append(application.DepartmentCode).Any(caller.BelongsTo);

    public static void EnsureApplicant(Caller caller, Application application)
    {
        EnsureMaySee(caller, application);
        if (!caller.Is(PlatformRoles.Citizen) || caller.Subject != application.ApplicantId)
            throw new ForbiddenException("Only the applicant may evaluate the service.");
    }

    /// <summary>
    /// The applicant's resident ID number as this caller may read it: whole for the applicant and for clerks of the
    /// departments handling the application (the lead and every reviewing department), masked for everyone else.
    /// </summary>
    public static string? ResidentIdFor(Caller caller, string? residentId, string applicantId, string departmentCode,
        IEnumerable<string> reviewingDepartments)
    {
        if (residentId is null) return null;
        var whole = (caller.Is(PlatformRoles.Citizen) && caller.Subject == applicantId)
            || (caller.Is(PlatformRoles.Clerk) && (caller.BelongsTo(departmentCode) || reviewingDepartments.Any(caller.BelongsTo)));
        return whole ? residentId : ResidentIdNumber.Mask(residentId);
    }

    /// <summary>The filter a listing is confined to, or a refusal when the caller asks for someone else's.</summary>
    /// <remarks>A district admin naming another service hall is refused too; other filters only narrow the scope.</remarks>
    public static ApplicationScope ScopeFor(Caller caller, string? requestedApplicant, string? requestedDistrict = null)
    {
        if (caller.Is(PlatformRoles.Citizen) && !string.IsNullOrEmpty(requestedApplicant) && requestedApplicant != caller.Subject)
            throw new ForbiddenException("A citizen may only list their own applications.");
        if (caller.Is(PlatformRoles.DistrictAdmin) && requestedDistrict is not null && !caller.WorksIn(requestedDistrict))
            throw new ForbiddenException("You may only list the applications of your own district ({0}).", caller.DistrictCode);
        return caller.Role switch
        {
            PlatformRoles.CityAdmin => new ApplicationScope(),
            PlatformRoles.Citizen => new ApplicationScope(ApplicantId: caller.Subject),
            PlatformRoles.GridWorker => new ApplicationScope(SubmittedBy: caller.Subject),
            PlatformRoles.Clerk or PlatformRoles.Supervisor when caller.DepartmentCode is not null => new ApplicationScope(DepartmentCode: caller.DepartmentCode),
            PlatformRoles.DistrictAdmin when caller.DistrictCode is not null => new ApplicationScope(DistrictCode: caller.DistrictCode),
            _ => throw new ForbiddenException("The role '{0}' may not list applications.", caller.Role),
        };
    }

    /// <summary>
    /// Warnings and reports: city admins see every department; clerks and supervisors their own department;
    /// district admins their service hall. Returns the department or district the caller is confined to.
    /// </summary>
    public static (string? Department, string? District) SupervisionScope(Caller caller, string? requestedDepartment, string? requestedDistrict)
    {
        switch (caller.Role)
        {
            case PlatformRoles.CityAdmin:
                return (requestedDepartment, requestedDistrict);
            case PlatformRoles.Clerk or PlatformRoles.Supervisor when caller.DepartmentCode is not null:
                if (!string.IsNullOrEmpty(requestedDepartment) && !caller.BelongsTo(requestedDepartment))
                    throw new ForbiddenException("You may only see {0}'s figures.", caller.DepartmentCode);
                return (caller.DepartmentCode, requestedDistrict);
            case PlatformRoles.DistrictAdmin when caller.DistrictCode is not null:
                if (!string.IsNullOrEmpty(requestedDistrict) && !caller.WorksIn(requestedDistrict))
                    throw new ForbiddenException("You may only see {0}'s figures.", caller.DistrictCode);
                return (requestedDepartment, caller.DistrictCode);
            default:
                throw new ForbiddenException("The role '{0}' may not see supervision figures.", caller.Role);
        }
    }
}

/// <summary>Non-null parts restrict a listing. A department scope covers the applications it leads or reviews.</summary>
public sealed record ApplicationScope(string? ApplicantId = null, string? SubmittedBy = null, string? DepartmentCode = null, string? DistrictCode = null);
