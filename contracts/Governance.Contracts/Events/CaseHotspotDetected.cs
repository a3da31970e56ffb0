namespace Longgang.Governance.Contracts.Events.V1;

/// <summary>
/// The same category was reported CaseCount times in one grid within WindowDays days from WindowStartsAt (DOMAIN.md
/// flow 5). Published once per hotspot; the livelihood service turns it into one proposal (once per HotspotId).
/// Category is the case category as the grid reported it (free text, e.g. "blocked drain").
/// </summary>
public sealed record CaseHotspotDetected(
    Guid HotspotId,
    string DistrictCode,
    string GridCode,
    string Category,
    int CaseCount,
    int WindowDays,
    DateTimeOffset WindowStartsAt,
    DateTimeOffset DetectedAt);
