using Longgang.Platform.Errors;

namespace Longgang.Livelihood.Domain;

public enum Satisfaction
{
    Satisfied = 1,
    BasicallySatisfied = 2,
    NotSatisfied = 3,
}

/// <summary>One deputy's rating of one adopted project at the next congress; (project, deputy) is unique.</summary>
public sealed class EvaluationRating
{
    public Guid ProjectId { get; private set; }
    public string DeputyId { get; private set; } = "";
    public Satisfaction Rating { get; private set; }
    public DateTimeOffset RatedAt { get; private set; }

    private EvaluationRating() { }

    public static EvaluationRating Rate(Cycle cycle, Project project, string deputyId, Satisfaction? rating, DateTimeOffset now)
    {
        new Validator().Require(rating is not null, "rating", "is required (satisfied, basically satisfied, not satisfied)").ThrowIfInvalid();
        cycle.EnsurePhase(CyclePhase.Evaluation, new LocalText("Evaluating a project"));
        if (!project.IsAdopted) throw new ConflictException("Only adopted projects are evaluated; this one is {0}.", project.Status);
        return new EvaluationRating { ProjectId = project.Id, DeputyId = deputyId, Rating = rating!.Value, RatedAt = now };
    }
}

/// <summary>How many deputies gave each rating.</summary>
public sealed record EvaluationTally(int Satisfied, int BasicallySatisfied, int NotSatisfied)
{
    public static EvaluationTally Of(IEnumerable<Satisfaction> ratings)
    {
        var list = ratings.ToList();
        return new(list.Count(r => r == Satisfaction.Satisfied), list.Count(r => r == Satisfaction.BasicallySatisfied),
            list.Count(r => r == Satisfaction.NotSatisfied));
    }
}
