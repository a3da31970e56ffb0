namespace Longgang.Talent.Contracts.Events.V1;

/// <summary>
/// The talent office certified a person after the public notice. Channel is the TalentChannel's name without prefix
/// (INTERNAL_CULTIVATION, ...), null in older messages.
/// </summary>
public sealed record TalentCertified(
    Guid CertificationId,
    string TierCode,
    int CatalogueVersion,
    string Sector,
    string Employer,
    string? DistrictCode,
    string CertificateNumber,
    DateOnly ValidUntil,
    DateTimeOffset CertifiedAt,
    string? Channel = null);

/// <summary>
/// Approvals approved an entitlement claim; it may be paid until ValidUntil (China Standard Time). DistrictCode here and on
/// <see cref="EntitlementPaid"/> and <see cref="EntitlementExpired"/> is the claim's (its certification's employer's district),
/// null when the certification names none and in older messages.
/// </summary>
public sealed record EntitlementApproved(
    Guid ClaimId,
    Guid ApplicationId,
    string ProgrammeCode,
    int Period,
    string ApplicantId,
    long Amount,
    DateOnly ValidUntil,
    DateTimeOffset ApprovedAt,
    string? DistrictCode = null);

/// <summary>The payment of an approved entitlement was recorded.</summary>
public sealed record EntitlementPaid(
    Guid ClaimId,
    string ProgrammeCode,
    int Period,
    string ApplicantId,
    long Amount,
    DateOnly PaidOn,
    string Reference,
    string? DistrictCode = null);

/// <summary>An approved entitlement was not paid by its valid-until; its amount went back to the programme's budget.</summary>
public sealed record EntitlementExpired(
    Guid ClaimId,
    string ProgrammeCode,
    int Period,
    string ApplicantId,
    long Amount,
    DateOnly ValidUntil,
    DateTimeOffset ExpiredAt,
    string? DistrictCode = null);
