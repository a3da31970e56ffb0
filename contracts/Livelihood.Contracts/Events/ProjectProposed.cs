namespace Longgang.Livelihood.Contracts.Events.V1;

/// <summary>Published once a livelihood-project proposal has been stored.</summary>
public sealed record ProjectProposed(
    Guid ProjectId,
    int Year,
    string Category,
    IReadOnlyList<string> DistrictCodes,
    long EstimatedCostYuan,
    DateTimeOffset ProposedAt,
    string? CityTag = null);
