using Longgang.Platform.Errors;

namespace Longgang.Livelihood.Domain;

public enum BallotSource
{
    /// <summary>Cast by the deputy in session, through the API.</summary>
    InSession = 1,
    /// <summary>A paper ballot imported by the livelihood office.</summary>
    Paper = 2,
}

/// <summary>One deputy's ballot in one year's vote. A deputy votes once: (year, deputy) is unique.</summary>
public sealed class Ballot
{
    public const int MaxDeputyIdLength = 64;

    public Guid Id { get; private set; }
    public int Year { get; private set; }
    public string DeputyId { get; private set; } = "";
    /// <summary>The chosen candidates' project ids, in the deputy's order.</summary>
    private List<Guid> _choices = [];
    public IReadOnlyList<Guid> Choices => _choices;
    public BallotSource Source { get; private set; }
    public DateTimeOffset CastAt { get; private set; }

    private Ballot() { }

    /// <summary>
    /// Checks a ballot's choices against the cycle's candidates: at least one, no repeats, only candidates, and for an
    /// approval ballot at most as many as there are slots. Returns the problem, or null for a valid ballot.
    /// </summary>
    public static LocalText? Problem(Cycle cycle, IReadOnlyList<Guid> choices, IReadOnlySet<Guid> candidates)
    {
        if (choices.Count == 0) return new LocalText("a ballot names at least one candidate");
        if (choices.Distinct().Count() != choices.Count) return new LocalText("a ballot names each candidate at most once");
        if (!choices.All(candidates.Contains)) return new LocalText("a ballot may only name this year's candidates");
        if (cycle.BallotKind == BallotKind.Approval && choices.Count > cycle.Slots)
            return new LocalText("an approval ballot names at most {0} candidates (the number of slots)", cycle.Slots);
        return null;
    }

    public static LocalText AlreadyVoted(string deputyId, int year) => new("Deputy {0} has already voted in {1}.", deputyId, year);

    /// <summary>
    /// A deputy's ballot. The phase and whether the deputy already voted come before the choices: the choices are
    /// checked against the candidates of an open vote.
    /// </summary>
    /// <param name="alreadyVoted">The deputy has a ballot of this year already (a second one is refused, 409).</param>
    public static Ballot Cast(Cycle cycle, string deputyId, bool alreadyVoted, IReadOnlyList<Guid> choices, IReadOnlySet<Guid> candidates,
        BallotSource source, DateTimeOffset now)
    {
        cycle.EnsurePhase(CyclePhase.Vote, new LocalText("Voting"));
        if (alreadyVoted)
        {
            var text = AlreadyVoted(deputyId, cycle.Year);
            throw new ConflictException(text.Text, text.Args);
        }
        if (Problem(cycle, choices, candidates) is { } problem)
            throw new ValidationFailedException(new Dictionary<string, LocalText> { ["projectIds"] = problem });
        return new Ballot
        {
            Id = Guid.CreateVersion7(now),
            Year = cycle.Year,
            DeputyId = deputyId,
            _choices = [.. choices],
            Source = source,
            CastAt = now,
        };
    }
}
