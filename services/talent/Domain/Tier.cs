namespace Longgang.Talent.Domain;

/// <summary>
/// A talent tier (A top … E senior) in one version of the catalogue. Criteria change over time, so a
/// certification keeps the catalogue version it was applied under.
/// </summary>
public sealed class Tier
{
    public string Code { get; init; } = "";
    public int CatalogueVersion { get; init; } = 1;
    public string Name { get; init; } = "";
    public string Criteria { get; init; } = "";
    /// <summary>
    /// Applications for this tier (the top ones, A-C) are decided as an approvals matter
    /// (<see cref="Certification.ApprovalsMatterCode"/>) instead of by the talent office's own reviews.
    /// </summary>
    public bool CertifiedThroughApprovals { get; init; }
}
