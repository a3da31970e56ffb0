namespace Longgang.Governance.Domain;

/// <summary>
/// Flow 1: the outcome of a case-linked application that reached governance before its submission did (the broker does
/// not keep order across queues). The submission, when it arrives, puts the case on hold and resumes it at once with
/// this outcome, so the case's deadline still moves by the working days the application took, and the row goes.
/// </summary>
public sealed class EarlyDecision
{
    public Guid ApplicationId { get; private set; }
    public Guid CaseId { get; private set; }
    public string Outcome { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    private EarlyDecision() { }

    public EarlyDecision(Guid applicationId, Guid caseId, string outcome, DateTimeOffset at)
    {
        ApplicationId = applicationId;
        CaseId = caseId;
        Outcome = outcome;
        At = at;
    }
}
