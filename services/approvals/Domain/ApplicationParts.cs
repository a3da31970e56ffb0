using Longgang.Platform.Calendar;

namespace Longgang.Approvals.Domain;

public enum Channel
{
    Online = 1,
    ServiceHall = 2, // at a district's convenience-service hall
    GridWorker = 3,  // a grid worker on a citizen's behalf
}

/// <summary>The states of DOMAIN.md §1; the numbers are the proto enum's.</summary>
public enum ApplicationStatus
{
    Submitted = 1,
    CorrectionRequested = 2,
    NotAccepted = 3,
    InReview = 4,
    Suspended = 5,
    Approved = 6,
    Rejected = 7,
    Issued = 8,
}

public enum SuspensionKind
{
    Hearing = 1,
    Inspection = 2,
    ExpertReview = 3,
}

public enum StepStatus
{
    Pending = 1,
    Approved = 2,
    Rejected = 3,
}

public enum Decision
{
    Approve = 1,
    Reject = 2,
}

public enum LedgerAction
{
    Submitted = 1,
    CorrectionRequested = 2,
    Resubmitted = 3,
    Accepted = 4,
    DeemedAccepted = 5,
    NotAccepted = 6,
    Suspended = 7,
    Resumed = 8,
    Extended = 9,
    StepDecided = 10,
    Decided = 11,
    Issued = 12,
    Evaluated = 13,
    RectificationClosed = 14,
    /// <summary>A year's working days changed (official data published): open due dates recomputed from their starts.</summary>
    Reprojected = 15,
}

/// <summary>What a caller hands in to submit an application (already parsed, not yet validated).</summary>
public sealed record SubmissionDraft(
    string MatterCode,
    string? ApplicantId,
    string? ApplicantName,
    Channel? Channel,
    string? DistrictCode,
    IReadOnlyList<string> Materials,
    string? ResidentId = null,
    Guid? CaseId = null);

/// <summary>What a department owes on an application (<see cref="Application.OpenWork"/>): the rows of a clerk's queue.</summary>
public enum WorkKind
{
    Acceptance = 1,    // the lead department accepts, asks for corrections or does not accept
    Review = 2,        // each reviewing department decides its step (or resumes a suspension)
    Certificate = 3,   // the lead department issues the certificate
    Rectification = 4, // the lead department closes a bad rating's rectification
}

/// <summary>One department's review of an accepted application.</summary>
public sealed class ReviewStep
{
    public string DepartmentCode { get; init; } = "";
    public StepStatus Status { get; private set; } = StepStatus.Pending;
    public string? Reason { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Through <see cref="Application.DecideStep"/>, which checks who may decide and records it in the ledger.</summary>
    internal void Decide(StepStatus status, string? reason, string decidedBy, DateTimeOffset decidedAt)
    {
        Status = status;
        Reason = reason;
        DecidedBy = decidedBy;
        DecidedAt = decidedAt;
    }
}

/// <summary>
/// One line of the clock ledger the applicant can read: who did what, when and why, and the due dates
/// that resulted. Append-only.
/// </summary>
public sealed class LedgerEntry
{
    /// <summary>1, 2, 3… in the order the entries were made.</summary>
    public int Sequence { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    public string ActorRole { get; init; } = "";
    public LedgerAction Action { get; init; }
    public string? Reason { get; init; }
    public string? DepartmentCode { get; init; }
    public DateOnly? PromisedDueOn { get; init; }
    public DateOnly? StatutoryDueOn { get; init; }
    /// <summary>
    /// Whether the open deadlines at that moment were counted over official data only, or over a provisional year (and
    /// so may still move); null when no deadline was open.
    /// </summary>
    public CalendarBasis? CalendarBasis { get; init; }
}

public sealed class Evaluation
{
    public int Rating { get; init; }
    public string? Comment { get; init; }
    public DateTimeOffset EvaluatedAt { get; init; }
}

/// <summary>Opened by a rating of 1 or 2; the lead department closes it with what it did.</summary>
public sealed class Rectification
{
    public DateOnly OpenedOn { get; init; }
    /// <summary>Moved only when the calendar it was counted with changes (<see cref="Application.ReprojectClocks"/>).</summary>
    public DateOnly DueOn { get; internal set; }
    public string? ActionTaken { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public bool IsClosed => ClosedAt is not null;

    /// <summary>Through <see cref="Application.CloseRectification"/>, which checks who may close it and records it in the ledger.</summary>
    internal void Close(string actionTaken, DateTimeOffset closedAt)
    {
        ActionTaken = actionTaken;
        ClosedAt = closedAt;
    }
}

/// <summary>How a material came to count as provided; the numbers are the proto enum's.</summary>
public enum MaterialEvidence
{
    File = 1,         // a file was attached to it
    OriginalSeen = 2, // a clerk saw the original at the counter
}

/// <summary>One proof that a material was provided: a file attached, or the original seen at the counter. Append-only.</summary>
public sealed class ProvidedMaterial
{
    public int Sequence { get; init; }
    public string Material { get; init; } = "";
    public MaterialEvidence Evidence { get; init; }
    public Guid? FileId { get; init; }
    public string ProvidedBy { get; init; } = "";
    public DateTimeOffset ProvidedAt { get; init; }
}
