namespace Longgang.Approvals.Contracts.Events.V1;

/// <summary>
/// Published once an application has been stored. Governance counts service-hall submissions per district.
/// Channel is the proto enum's name without prefix (ONLINE, SERVICE_HALL, GRID_WORKER) so that
/// consumers need no gRPC types to read it.
/// </summary>
public sealed record ApplicationSubmitted(
    Guid ApplicationId,
    string MatterCode,
    string DepartmentCode,
    string ApplicantId,
    string Channel,
    string? DistrictCode,
    DateTimeOffset SubmittedAt)
{
    public const string ServiceHallChannel = "SERVICE_HALL";
}
