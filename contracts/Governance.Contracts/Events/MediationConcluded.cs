namespace Longgang.Governance.Contracts.Events.V1;

/// <summary>A mediation ended: Outcome AGREED or FAILED; OnTime when it ended by its (possibly extended) due day.</summary>
public sealed record MediationConcluded(
    Guid MediationId,
    string DistrictCode,
    string Outcome,
    bool OnTime,
    DateTimeOffset ConcludedAt)
{
    public const string Agreed = "AGREED";
    public const string Failed = "FAILED";
}
