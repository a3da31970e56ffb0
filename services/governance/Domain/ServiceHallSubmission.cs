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
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    /// <summary>APPROVED or REJECTED once decided.</summary>
    public string? Outcome { get; private set; }

    /// <summary>The first report stands: a re-sent event changes nothing.</summary>
    public void RecordSubmitted(DateTimeOffset at) => SubmittedAt ??= at;

    /// <summary>The first report stands: a re-sent event changes nothing.</summary>
    public void RecordDecided(DateTimeOffset at, string outcome)
    {
        if (DecidedAt is not null) return;
        DecidedAt = at;
        Outcome = outcome;
    }
}

/// <summary>A district service hall's applications: submitted, decided, and approved among the decided.</summary>
public sealed record ServiceHallTally(int Submitted, int Decided, int Approved);
