namespace Longgang.Governance.Contracts.Events.V1;

/// <summary>Published once a case reported from a grid has been stored.</summary>
public sealed record CaseReported(
    Guid CaseId,
    string DistrictCode,
    string GridCode,
    string Category,
    string Source,
    DateTimeOffset ReportedAt,
    string? CityTag = null);
