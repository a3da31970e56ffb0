namespace Longgang.Livelihood.Contracts.Events.V1;

/// <summary>
/// Published once a livelihood-project proposal has been stored. CityTag is its 一区五城 tag (CityTags): the proposer's
/// choice or its category's; null in older messages.
/// </summary>
public sealed record ProjectProposed(
    Guid ProjectId,
    int Year,
    string Category,
    IReadOnlyList<string> DistrictCodes,
    long EstimatedCostYuan,
    DateTimeOffset ProposedAt,
    string? CityTag = null);
