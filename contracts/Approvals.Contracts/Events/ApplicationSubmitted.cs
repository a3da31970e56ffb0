namespace Longgang.Approvals.Contracts.Events.V1;

/// <summary>
/// Published once an application has been stored. Governance counts service-hall submissions per district.
/// Channel is the proto enum's name without prefix (ONLINE, SERVICE_HALL, GRID_WORKER) so that
/// consumers need no gRPC types to read it. CaseId is the governance case a grid worker linked (flow 1; governance
/// checks that SubmittedBy is on the case's grid team before the case waits); both are null in older messages.
/// CityTag is the matter's 一区五城 tag (CityTags) when submitted; null where it has none or in older messages.
/// MissingMaterials are the matter's required materials the application lacks (the catalogue's English names), which
/// the applicant's receipt lists without reading the application back; null in older messages.
/// </summary>
public sealed record ApplicationSubmitted(
    Guid ApplicationId,
    string MatterCode,
    string DepartmentCode,
    string ApplicantId,
    string Channel,
    string? DistrictCode,
    DateTimeOffset SubmittedAt,
    Guid? CaseId = null,
    string? SubmittedBy = null,
    string? CityTag = null,
    IReadOnlyList<string>? MissingMaterials = null)
{
    public const string ServiceHallChannel = "SERVICE_HALL";
}
