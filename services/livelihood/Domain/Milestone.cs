namespace Longgang.Livelihood.Domain;

public sealed record MilestoneDraft(string? Title, int Weight, DateOnly? DueDate, Guid? LinkedApplicationId, long AmountYuan);

/// <summary>
/// A step of an adopted project, with a weight (its share of the progress), a due date and the amount paid out when
/// it is done. Linked to an approvals application (e.g. a construction permit), it completes when that is issued.
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

    /// <summary>Through <see cref="Project"/>, which keeps its status, progress and events in step.</summary>
    internal void Complete(DateTimeOffset at) => CompletedAt = at;
}
