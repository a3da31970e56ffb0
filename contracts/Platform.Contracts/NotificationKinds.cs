namespace Longgang.Platform;

/// <summary>
/// Every kind of notification the platform sends a person, with the service that sends it. The kind is what a citizen
/// sets preferences for and what an app links on; codes are ASCII and stable. A statutory kind is a written notice the
/// law requires (a correction notice, a decision, a public-notice objection and its ruling): it cannot be switched off,
/// and it does not wait for quiet hours or a digest.
/// </summary>
public static class NotificationKinds
{
    public sealed record Kind(string Code, string Service, bool Statutory);

    // approvals: to the applicant (and the grid worker who submitted for them)
    public const string ApplicationSubmitted = "APPLICATION_SUBMITTED";
    public const string CorrectionRequested = "CORRECTION_REQUESTED";
    public const string ApplicationNotAccepted = "APPLICATION_NOT_ACCEPTED";
    public const string ApplicationDecided = "APPLICATION_DECIDED";
    public const string CertificateIssued = "CERTIFICATE_ISSUED";
    public const string DueDatesReprojected = "DUE_DATES_REPROJECTED";

    // governance: to the reporter of a grid case
    public const string CaseDispatched = "CASE_DISPATCHED";
    public const string CaseHandled = "CASE_HANDLED";
    public const string CaseClosed = "CASE_CLOSED";
    // governance: to staff
    public const string CaseEscalated = "CASE_ESCALATED";
    public const string CaseReassigned = "CASE_REASSIGNED";
    public const string CaseLinkRefused = "CASE_LINK_REFUSED";

    // talent: to the applicant for certification, the claimant and the candidate
    public const string CertificationNoticeStarted = "CERTIFICATION_NOTICE_STARTED";
    public const string CertificationObjected = "CERTIFICATION_OBJECTED";
    public const string CertificationDecided = "CERTIFICATION_DECIDED";
    public const string ClaimApproved = "CLAIM_APPROVED";
    public const string ClaimPaid = "CLAIM_PAID";
    public const string ClaimExpiring = "CLAIM_EXPIRING";
    public const string PositionApplicationMoved = "POSITION_APPLICATION_MOVED";

    // livelihood: to the proposer of a project
    public const string ProposalScreened = "PROPOSAL_SCREENED";
    public const string ProposalVoted = "PROPOSAL_VOTED";
    public const string ProposalAdopted = "PROPOSAL_ADOPTED";

    public static IReadOnlyList<Kind> All { get; } =
    [
        new(ApplicationSubmitted, "approvals", false),
        new(CorrectionRequested, "approvals", true),
        new(ApplicationNotAccepted, "approvals", true),
        new(ApplicationDecided, "approvals", true),
        new(CertificateIssued, "approvals", false),
        new(DueDatesReprojected, "approvals", false),
        new(CaseDispatched, "governance", false),
        new(CaseHandled, "governance", false),
        new(CaseClosed, "governance", false),
        new(CaseEscalated, "governance", false),
        new(CaseReassigned, "governance", false),
        new(CaseLinkRefused, "governance", false),
        new(CertificationNoticeStarted, "talent", false),
        new(CertificationObjected, "talent", true),
        new(CertificationDecided, "talent", true),
        new(ClaimApproved, "talent", false),
        new(ClaimPaid, "talent", false),
        new(ClaimExpiring, "talent", false),
        new(PositionApplicationMoved, "talent", false),
        new(ProposalScreened, "livelihood", false),
        new(ProposalVoted, "livelihood", false),
        new(ProposalAdopted, "livelihood", false),
    ];

    public static Kind? Find(string? code) => All.FirstOrDefault(k => k.Code == code);

    public static bool IsStatutory(string? code) => Find(code)?.Statutory ?? false;
}
