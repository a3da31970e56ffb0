namespace Longgang.Approvals.Contracts.Events.V1;

// The lifecycle events other services react to. Enum-like values are strings (the proto enum's name
// without its prefix) so that consumers need no gRPC types to read them. Dates are China Standard Time.

/// <summary>The owning department accepted the application (or acceptance was deemed); the clocks run from here.</summary>
public sealed record ApplicationAccepted(
    Guid ApplicationId,
    string MatterCode,
    string DepartmentCode,
    string ApplicantId,
    string? DistrictCode,
    bool Deemed,
    DateTimeOffset AcceptedAt,
    DateOnly PromisedDueOn,
    DateOnly StatutoryDueOn);

/// <summary>One notice listing every missing material. Goes back to whoever submitted (the citizen or the grid worker).</summary>
public sealed record CorrectionRequested(
    Guid ApplicationId,
    string MatterCode,
    string DepartmentCode,
    string ApplicantId,
    string SubmittedBy,
    string? DistrictCode,
    IReadOnlyList<string> MissingMaterials,
    DateTimeOffset RequestedAt);

/// <summary>
/// The application was not accepted, with the reason. CaseId is the governance case a grid worker linked it to (flow 1),
/// null otherwise and in older messages.
/// </summary>
public sealed record ApplicationNotAccepted(
    Guid ApplicationId,
    string MatterCode,
    string DepartmentCode,
    string ApplicantId,
    string? DistrictCode,
    string Reason,
    DateTimeOffset At,
    Guid? CaseId = null);

/// <summary>
/// Every review step has been decided. Outcome is APPROVED or REJECTED; Reasons are the rejecting departments'.
/// Channel is the submission's (as in <see cref="ApplicationSubmitted"/>), so a consumer can tell a service-hall
/// application even if this event reaches it before the submission's. SupervisionRequired is the matter's flag: an
/// approved licence that governance follows up with a market-supervision case (false in messages older than the flag).
/// Visits are the applicant's trips to the service hall for it (0 online, and in older messages); CityTag is the matter's
/// 一区五城 tag (CityTags), null where it has none or in older messages. CaseId is the governance case a grid worker linked
/// the application to (flow 1), null otherwise and in older messages: with it, a decision that overtakes its submission
/// still ends the case's wait.
/// </summary>
public sealed record ApplicationDecided(
    Guid ApplicationId,
    string MatterCode,
    string DepartmentCode,
    string ApplicantId,
    string Channel,
    string? DistrictCode,
    string Outcome,
    IReadOnlyList<string> Reasons,
    DateTimeOffset DecidedAt,
    int ElapsedWorkingDays,
    int StatutoryLimitDays,
    bool OnTime,
    bool SupervisionRequired = false,
    int Visits = 0,
    string? CityTag = null,
    Guid? CaseId = null)
{
    public const string Approved = "APPROVED";
    public const string Rejected = "REJECTED";
}

/// <summary>The certificate of an approved application was issued.</summary>
public sealed record CertificateIssued(
    Guid ApplicationId,
    string MatterCode,
    string DepartmentCode,
    string ApplicantId,
    string? DistrictCode,
    string CertificateNumber,
    DateTimeOffset IssuedAt);

/// <summary>
/// The SLA supervisor found a clock at 90% of its limit (YELLOW) or past it (RED). Raised once per
/// application, scope (APPLICATION, STEP, CERTIFICATE, RECTIFICATION), department and level. DistrictCode is the
/// application's (its service hall or grid), null for an online application and in older messages.
/// </summary>
public sealed record SlaWarningRaised(
    Guid WarningId,
    Guid ApplicationId,
    string MatterCode,
    string DepartmentCode,
    string Scope,
    string Level,
    DateOnly DueOn,
    int ElapsedWorkingDays,
    int LimitWorkingDays,
    DateTimeOffset RaisedAt,
    string? DistrictCode = null)
{
    public const string Yellow = "YELLOW";
    public const string Red = "RED";
}

/// <summary>The applicant rated the service (1-5); a rating of 1 or 2 opened a rectification item.</summary>
public sealed record ApplicationEvaluated(
    Guid ApplicationId,
    string MatterCode,
    string DepartmentCode,
    string? DistrictCode,
    int Rating,
    bool RectificationOpened,
    DateTimeOffset EvaluatedAt);

/// <summary>
/// The applicant came to the service hall more often than the matter allows (its max visits, "run at most once"): a
/// warning to the lead department's supervisor. Raised at each visit beyond the limit.
/// </summary>
public sealed record VisitLimitExceeded(
    Guid ApplicationId,
    string MatterCode,
    string DepartmentCode,
    string? DistrictCode,
    int Visits,
    int MaxVisits,
    DateTimeOffset At);
