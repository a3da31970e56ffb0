using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Livelihood.Domain;

/// <summary>The phases of a year's cycle, in order. Each action is allowed in one phase only (409 otherwise).</summary>
public enum CyclePhase
{
    Solicitation = 1,
    Screening = 2,
    CandidateList = 3,
    Vote = 4,
    Implementation = 5,
    Evaluation = 6,
    /// <summary>The evaluation results are published; nothing changes any more.</summary>
    Closed = 7,
}

/// <summary>How deputies fill in a ballot, chosen per cycle.</summary>
public enum BallotKind
{
    /// <summary>Approve a set of candidates (at most the number of slots); each approval is one vote.</summary>
    Approval = 1,
    /// <summary>Rank candidates; with n candidates the first place scores n points, the second n-1 (Borda count).</summary>
    Ranking = 2,
}

/// <summary>A spending limit for one category or one district, optional per cycle.</summary>
public sealed record Envelope(string Key, long LimitYuan);

/// <summary>When a phase began (the cycle's dates).</summary>
public sealed record PhaseChange(CyclePhase Phase, DateTimeOffset StartedAt);

/// <summary>What the livelihood office sets when it opens a cycle (already parsed, not yet validated).</summary>
public sealed record CycleRules(
    int Year,
    BallotKind? BallotKind,
    int Slots,
    int MinimumSupport,
    IReadOnlyList<Envelope> CategoryEnvelopes,
    IReadOnlyList<Envelope> DistrictEnvelopes);

/// <summary>One year's people's-livelihood cycle: its phase, vote rules, livelihood budget and fiscal figures.</summary>
public sealed class Cycle
{
    public const int MaxSlots = 100;

    public int Year { get; private set; }
    public CyclePhase Phase { get; private set; }
    public BallotKind BallotKind { get; private set; }
    /// <summary>At most this many projects are adopted.</summary>
    public int Slots { get; private set; }
    /// <summary>A candidate named on fewer ballots is not adopted; 0 = no minimum beyond one ballot.</summary>
    public int MinimumSupport { get; private set; }
    /// <summary>Keys are category names (TRANSPORT, ...).</summary>
    public List<Envelope> CategoryEnvelopes { get; private set; } = [];
    /// <summary>Keys are district codes.</summary>
    public List<Envelope> DistrictEnvelopes { get; private set; } = [];
    public List<PhaseChange> PhaseHistory { get; private set; } = [];

    /// <summary>Null until the budget is set; the figures the ⅔ rule was checked with are kept with it.</summary>
    public FiscalFigures? Budget { get; private set; }
    public FiscalFigures? FinalAccounts { get; private set; }
    /// <summary>Bumped by every change, so two concurrent changes cannot both win.</summary>
    public int Revision { get; private set; }

    private Cycle() { }

    public static Cycle Open(CycleRules rules, DateTimeOffset now)
    {
        new Validator()
            .Require(Project.IsYearInRange(rules.Year), "year", $"must be between {Project.MinYear} and {Project.MaxYear}")
            .Require(rules.BallotKind is not null, "ballotKind", "is required (approval or ranking)")
            .Require(rules.Slots is >= 1 and <= MaxSlots, "slots", $"must be between 1 and {MaxSlots}")
            .Require(rules.MinimumSupport >= 0, "minimumSupport", "must not be negative")
            .Require(rules.CategoryEnvelopes.All(e => CategoryNames.TryParse(e.Key, out _)),
                "categoryEnvelopes", "each key must be a project category")
            .Require(AreDistinctPositive(rules.CategoryEnvelopes), "categoryEnvelopes", "each category once, with a limit above 0")
            .Require(rules.DistrictEnvelopes.All(e => ReferenceData.IsDistrict(e.Key)), "districtEnvelopes", "each key must be a known district code")
            .Require(AreDistinctPositive(rules.DistrictEnvelopes), "districtEnvelopes", "each district once, with a limit above 0")
            .ThrowIfInvalid();

        return new Cycle
        {
            Year = rules.Year,
            Phase = CyclePhase.Solicitation,
            BallotKind = rules.BallotKind!.Value,
            Slots = rules.Slots,
            MinimumSupport = rules.MinimumSupport,
            CategoryEnvelopes = [.. rules.CategoryEnvelopes.Select(e => e with { Key = CategoryNames.Normalise(e.Key) })],
            DistrictEnvelopes = [.. rules.DistrictEnvelopes],
            PhaseHistory = [new PhaseChange(CyclePhase.Solicitation, now)],
        };
    }

    private static bool AreDistinctPositive(IReadOnlyList<Envelope> envelopes) =>
        envelopes.All(e => e.LimitYuan is > 0 and <= Project.MaxEstimatedCostYuan) && envelopes.Select(e => e.Key.Trim().ToUpperInvariant()).Distinct().Count() == envelopes.Count;

    /// <summary>Refuses an action that belongs to another phase (409).</summary>
    public void EnsurePhase(CyclePhase phase, string action)
    {
        if (Phase != phase)
            throw new ConflictException($"{action} is only possible in the {phase} phase; the {Year} cycle is in {Phase}.");
    }

    /// <summary>
    /// Moves to <paramref name="to"/>, which must be the next phase. Counting the vote is the only way out of the vote
    /// (<see cref="CloseVote"/>), so results and phase change together.
    /// </summary>
    public void Advance(CyclePhase to, DateTimeOffset now)
    {
        if (Phase == CyclePhase.Vote)
            throw new ConflictException("The vote ends by counting it (POST .../cycles/{year}:count).");
        if (Phase == CyclePhase.Closed || to != Phase + 1)
            throw new ConflictException($"The {Year} cycle is in {Phase}; it can only move to the next phase{(Phase == CyclePhase.Closed ? " (it is closed)" : $", {Phase + 1}")}.");
        if (to == CyclePhase.Vote && Budget is null)
            throw new ConflictException("Set the livelihood budget before the vote opens: the vote is counted against it.");
        MoveTo(to, now);
    }

    public void CloseVote(DateTimeOffset now)
    {
        EnsurePhase(CyclePhase.Vote, "Counting the vote");
        MoveTo(CyclePhase.Implementation, now);
    }

    private void MoveTo(CyclePhase phase, DateTimeOffset now)
    {
        Revision++;
        Phase = phase;
        PhaseHistory.Add(new PhaseChange(phase, now));
    }

    /// <summary>
    /// Sets the livelihood budget with the figures of the ⅔ rule; a budget that breaks the rule is refused, naming
    /// the figures. Possible until the vote opens.
    /// </summary>
    public TwoThirdsCheck SetBudget(FiscalFigures figures)
    {
        if (Phase >= CyclePhase.Vote)
            throw new ConflictException($"The budget is fixed once the vote opens; the {Year} cycle is in {Phase}.");
        figures.Validate();
        var check = TwoThirdsRule.Check(figures);
        if (!check.Complies)
            throw new ValidationFailedException("livelihoodSpendingYuan", check.Explanation);
        Revision++;
        Budget = figures;
        return check;
    }

    /// <summary>The actual figures at final accounts: recorded whatever they are (they are facts), with the ⅔ check shown.</summary>
    public TwoThirdsCheck RecordFinalAccounts(FiscalFigures figures)
    {
        if (Phase is not (CyclePhase.Implementation or CyclePhase.Evaluation))
            throw new ConflictException($"Final accounts are recorded during implementation or evaluation; the {Year} cycle is in {Phase}.");
        figures.Validate();
        Revision++;
        FinalAccounts = figures;
        return TwoThirdsRule.Check(figures);
    }

    public VoteRules VoteRules() => new(BallotKind, Slots, Budget?.LivelihoodSpendingYuan ?? 0, MinimumSupport,
        CategoryEnvelopes.ToDictionary(e => CategoryNames.Parse(e.Key), e => e.LimitYuan),
        DistrictEnvelopes.ToDictionary(e => e.Key, e => e.LimitYuan));
}

/// <summary>The wire names of categories (as events carry them): URBAN_CONSTRUCTION, TRANSPORT, ...</summary>
public static class CategoryNames
{
    public static string Of(ProjectCategory category) => category switch
    {
        ProjectCategory.UrbanConstruction => "URBAN_CONSTRUCTION",
        ProjectCategory.Transport => "TRANSPORT",
        ProjectCategory.Education => "EDUCATION",
        ProjectCategory.Health => "HEALTH",
        ProjectCategory.ConsumerProtection => "CONSUMER_PROTECTION",
        ProjectCategory.ElderlyCare => "ELDERLY_CARE",
        ProjectCategory.Environment => "ENVIRONMENT",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public static bool TryParse(string? name, out ProjectCategory category)
    {
        foreach (var candidate in Enum.GetValues<ProjectCategory>())
        {
            if (string.Equals(Of(candidate), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                category = candidate;
                return true;
            }
        }
        category = default;
        return false;
    }

    public static ProjectCategory Parse(string name) =>
        TryParse(name, out var category) ? category : throw new ArgumentException($"'{name}' is not a project category.", nameof(name));

    public static string Normalise(string name) => Of(Parse(name));
}
