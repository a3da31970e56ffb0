namespace Longgang.Talent.Contracts.Events.V1;

/// <summary>Published once a certification application has been stored.</summary>
public sealed record CertificationApplied(
    Guid CertificationId,
    string TierCode,
    int CatalogueVersion,
    string? DistrictCode,
    DateTimeOffset SubmittedAt);
