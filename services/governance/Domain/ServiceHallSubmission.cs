namespace Longgang.Governance.Domain;

/// <summary>
/// An application submitted at a district's convenience-service hall, as approvals reported it. Keyed by the
/// application id, so a re-published or re-sent event can never be counted twice. Events travel on separate
/// queues, so the decision may arrive first: then the row exists before its submission time is known.
/// </summary>
public sealed class ServiceHallSubmission
{
    public Guid ApplicationId { get; init; }
    public string DistrictCode { get; init; } = "";
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>APPROVED or REJECTED once decided.</summary>
    public string? Outcome { get; set; }
}

/// <summary>A district service hall's applications: submitted, decided, and approved among the decided.</summary>
public sealed record ServiceHallTally(int Submitted, int Decided, int Approved);
