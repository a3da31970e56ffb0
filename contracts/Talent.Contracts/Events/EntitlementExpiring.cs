namespace Longgang.Talent.Contracts.Events.V1;

/// <summary>
/// An approved entitlement is still unpaid and may be paid only until ValidUntil (China Standard Time), which is near:
/// raised once per claim, when the expiry job first finds it within the configured number of days.
/// </summary>
public sealed record EntitlementExpiring(
    Guid ClaimId,
    string ProgrammeCode,
    int Period,
    string ApplicantId,
    long Amount,
    DateOnly ValidUntil,
    DateTimeOffset WarnedAt,
    string? DistrictCode = null);
