namespace Longgang.Livelihood.Domain;

public sealed record MilestoneDraft(string? Title, int Weight, DateOnly? DueDate, Guid? LinkedApplicationId, long AmountYuan);

/// <summary>How close an approvals application a milestone waits for is to missing its SLA (approvals' warning levels).</summary>
public enum DelayRiskLevel
{
    /// <summary>The application's clock reached 90% of its limit.</summary>
    Yellow = 1,
    /// <summary>The application's clock is past its limit.</summary>
    Red = 2,
}

/// <summary>
/// A step of an adopted project, with a weight (its share of the progress), a due date and the amount paid out when
/// it is done. Linked to an approvals application (e.g. a construction permit), it completes when that is issued, and
/// an SLA warning on that application puts it (and so its project) at risk of delay.
/// </summary>
public sealed class Milestone(Guid id, string title, int weight, DateOnly dueDate, Guid? linkedApplicationId, long amountYuan)
{
    public const int MaxWeight = 100;
    public const int MaxPerProject = 50;

    public Guid Id { get; private set; } = id;
    public string Title { get; private set; } = title;
    public int Weight { get; private set; } = weight;
    public DateOnly DueDate { get; private set; } = dueDate;
    public Guid? LinkedApplicationId { get; private set; } = linkedApplicationId;
    public long AmountYuan { get; private set; } = amountYuan;
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>The highest SLA warning level of the linked application; null while approvals has warned of none.</summary>
    public DelayRiskLevel? RiskLevel { get; private set; }
    /// <summary>When approvals raised the warning that set <see cref="RiskLevel"/>.</summary>
    public DateTimeOffset? RiskRaisedAt { get; private set; }
    /// <summary>The China date the application is due by, as the warning gave it.</summary>
    public DateOnly? RiskApplicationDueOn { get; private set; }

    /// <summary>A risk counts while the milestone is open: completing it (by hand or by the issuance) clears it.</summary>
    public bool IsAtRisk => RiskLevel is not null && CompletedAt is null;

    /// <summary>Through <see cref="Project"/>, which keeps its status, progress and events in step.</summary>
    /// <summary>Completed because approvals issued <see cref="LinkedApplicationId"/>, not by the department's hand.</summary>
    public bool CompletedByIssuance { get; private set; }

    internal void Complete(DateTimeOffset at, bool byIssuance)
    {
        CompletedAt = at;
        CompletedByIssuance = byIssuance;
    }

    /// <summary>
    /// Through <see cref="Project"/>. Only a higher level than the one recorded changes anything (YELLOW, then RED), so
    /// repeated warnings of one level (other scopes or departments, a redelivery) raise the risk once.
    /// </summary>
    internal bool RaiseRisk(DelayRiskLevel level, DateOnly applicationDueOn, DateTimeOffset raisedAt)
    {
        if (CompletedAt is not null || RiskLevel >= level) return false;
        RiskLevel = level;
        RiskRaisedAt = raisedAt;
        RiskApplicationDueOn = applicationDueOn;
        return true;
    }
}
