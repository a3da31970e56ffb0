namespace Longgang.Governance.Contracts.Events.V1;

/// <summary>
/// Published once a case reported from a grid has been stored. CityTag is the 一区五城 tag of its category (CityTags),
/// null for a category the platform does not know (categories are free text) and in older messages.
/// </summary>
public sealed record CaseReported(
    Guid CaseId,
    string DistrictCode,
    string GridCode,
    string Category,
    string Source,
    DateTimeOffset ReportedAt,
    string? CityTag = null);
