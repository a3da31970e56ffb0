namespace Longgang.Approvals.Contracts.Events.V1;

/// <summary>
/// Inbound: another service (RequestedBy, e.g. "talent") asks approvals to open an application for a matter on a
/// citizen's behalf, as if the citizen had submitted it online. ApplicationId is chosen by the requester, so it can
/// match approvals' later events (ApplicationDecided, CertificateIssued) to its own record; a repeated request with
/// the same id opens nothing more.
/// </summary>
public sealed record ApplicationRequested(
    Guid ApplicationId,
    string MatterCode,
    string ApplicantId,
    string ApplicantName,
    string? DistrictCode,
    IReadOnlyList<string> Materials,
    string RequestedBy,
    DateTimeOffset RequestedAt);
