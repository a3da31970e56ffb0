namespace Longgang.Governance.Domain;

/// <summary>
/// An application submitted at a district's convenience-service hall, as approvals reported it. Keyed by the
/// application id, so a re-published or re-sent event can never be counted twice.
/// </summary>
public sealed class ServiceHallSubmission
{
    public Guid ApplicationId { get; init; }
    public string DistrictCode { get; init; } = "";
    public DateTimeOffset SubmittedAt { get; init; }
}
