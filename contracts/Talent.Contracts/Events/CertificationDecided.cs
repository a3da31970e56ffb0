namespace Longgang.Talent.Contracts.Events.V1;

/// <summary>
/// A ruling on a certification, for its applicant: CERTIFIED, REJECTED (at a review, or by approvals' decision),
/// OBJECTION_UPHELD (the certification fails) or OBJECTION_DISMISSED (it goes on). Reason is the reviewer's note, when
/// given. Certifying also raises <see cref="TalentCertified"/>, which carries the certificate for the dashboards.
/// </summary>
public sealed record CertificationDecided(
    Guid CertificationId,
    string ApplicantId,
    string TierCode,
    string Outcome,
    string? Reason)
{
    public const string Certified = "CERTIFIED";
    public const string Rejected = "REJECTED";
    public const string ObjectionUpheld = "OBJECTION_UPHELD";
    public const string ObjectionDismissed = "OBJECTION_DISMISSED";
}
