using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Platform;
using Longgang.Platform.Domain;
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

/// <summary>
/// The count of a year's vote: the candidates in the count's order, each with its <see cref="Project.Vote"/>, and the
/// part of the budget the projects carried over into the year had already taken (<see cref="Cycle.CountVote"/>).
/// </summary>
public sealed record CountedVote(int Year, int Ballots, long BudgetYuan, long CarriedOverCostYuan, long AdoptedCostYuan, IReadOnlyList<Project> Candidates);

/// <summary>
/// One year's people's-livelihood cycle: its phase, vote rules, livelihood budget and fiscal figures, and the rules
/// that move the year's projects along with it (the candidate list, the count, the close).
/// </summary>
public sealed class Cycle : Aggregate
{
    public const int MaxSlots = 100;

    public int Year { get; private set; }
    public CyclePhase Phase { get; private set; }
    public BallotKind BallotKind { get; private set; }
    /// <summary>At most this many projects are adopted.</summary>
    public int Slots { get; private set; }
    /// <summary>A candidate named on fewer ballots is not adopted; 0 = no minimum beyond one ballot.</summary>
    public int MinimumSupport { get; private set; }
    private List<Envelope> _categoryEnvelopes = [];
    private List<Envelope> _districtEnvelopes = [];
    private readonly List<PhaseChange> _phaseHistory = [];
    /// <summary>Keys are category names (TRANSPORT, ...).</summary>
    public IReadOnlyList<Envelope> CategoryEnvelopes => _categoryEnvelopes;
    /// <summary>Keys are district codes.</summary>
    public IReadOnlyList<Envelope> DistrictEnvelopes => _districtEnvelopes;
    public IReadOnlyList<PhaseChange> PhaseHistory => _phaseHistory;

    /// <summary>Null until the budget is set; the figures the ⅔ rule was checked with are kept with it.</summary>
    public FiscalFigures? Budget { get; private set; }
    /// <summary>
    /// The part of the budget's livelihood spending for the projects voted on this year (null until the budget is set):
    /// the rest of the spending is the city's running livelihood programmes, so counting the vote against the whole
    /// spending would let every candidate fit.
    /// </summary>
    public long? ProjectsBudgetYuan { get; private set; }
    public FiscalFigures? FinalAccounts { get; private set; }
    /// <summary>Bumped by every change, so two concurrent changes cannot both win.</summary>
    public int Revision { get; private set; }

    private Cycle() { }

    public static Cycle Open(CycleRules rules, DateTimeOffset now)
    {
        new Validator()
            .Require(Project.IsYearInRange(rules.Year), "year", "must be between {0} and {1}", Project.MinYear, Project.MaxYear)
            .Require(rules.BallotKind is not null, "ballotKind", "is required (approval or ranking)")
            .Require(rules.Slots is >= 1 and <= MaxSlots, "slots", "must be between {0} and {1}", 1, MaxSlots)
            .Require(rules.MinimumSupport >= 0, "minimumSupport", "must not be negative")
            .Require(rules.CategoryEnvelopes.All(e => EnumNames.TryParse<ProjectCategory>(e.Key, out _)),
                "categoryEnvelopes", "each key must be a project category")
            .Require(AreDistinctPositive(rules.CategoryEnvelopes), "categoryEnvelopes", "each category once, with a limit above 0")
            .Require(rules.DistrictEnvelopes.All(e => ReferenceData.IsDistrict(e.Key)), "districtEnvelopes", "each key must be a known district code")
            .Require(AreDistinctPositive(rules.DistrictEnvelopes), "districtEnvelopes", "each district once, with a limit above 0")
            .ThrowIfInvalid();

        var cycle = new Cycle
        {
            Year = rules.Year,
            Phase = CyclePhase.Solicitation,
            BallotKind = rules.BallotKind!.Value,
            Slots = rules.Slots,
            MinimumSupport = rules.MinimumSupport,
            _categoryEnvelopes = [.. rules.CategoryEnvelopes.Select(e => e with { Key = EnumNames.Of(Project.ParseCategory(e.Key)) })],
            _districtEnvelopes = [.. rules.DistrictEnvelopes],
        };
        cycle._phaseHistory.Add(new PhaseChange(CyclePhase.Solicitation, now));
        return cycle;
    }

    private static bool AreDistinctPositive(IReadOnlyList<Envelope> envelopes) =>
        envelopes.All(e => e.LimitYuan is > 0 and <= Project.MaxEstimatedCostYuan) && envelopes.Select(e => e.Key.Trim().ToUpperInvariant()).Distinct().Count() == envelopes.Count;

    /// <summary>Refuses an action that belongs to another phase (409).</summary>
    public void EnsurePhase(CyclePhase phase, LocalText action)
    {
        if (Phase != phase)
            throw new ConflictException("{0} is only possible in the {1} phase; the {2} cycle is in {3}.", action, phase, Year, Phase);
    }

    /// <summary>
    /// Moves the year to <paramref name="to"/> with its projects (<paramref name="projects"/>: all of the year's and
    /// those carried over into it).
    /// Leaving screening needs every proposal screened and more candidates than slots, and numbers the candidates for
    /// the ballot paper in proposal order; closing publishes the evaluation, so the adopted projects become evaluated.
    /// </summary>
    public void Advance(CyclePhase to, IReadOnlyList<Project> projects, DateTimeOffset now)
    {
        if (projects.Any(p => p.Year != Year && p.CarriedOverToYear != Year))
            throw new ArgumentException($"Only projects of {Year} and those carried over into it move with its cycle.", nameof(projects));
        var inProposalOrder = projects.OrderBy(p => p.ProposedAt).ThenBy(p => p.Id).ToList();
        if (to == CyclePhase.CandidateList && Phase == CyclePhase.Screening)
        {
            var unscreened = inProposalOrder.Count(p => p.Status == ProjectStatus.Proposed);
            if (unscreened > 0) throw new ConflictException("{0} proposals are not screened yet.", unscreened);
            var candidates = inProposalOrder.Where(p => p.Status == ProjectStatus.Candidate).ToList();
            if (candidates.Count <= Slots)
                throw new ConflictException("The candidate list needs more candidates than the {0} slots; there are {1}.", Slots, candidates.Count);
            Advance(to, now);
            for (var i = 0; i < candidates.Count; i++) candidates[i].NumberAsCandidate(i + 1);
            return;
        }
        Advance(to, now);
        if (to == CyclePhase.Closed) inProposalOrder.ForEach(p => p.MarkEvaluated(Year));
    }

    /// <summary>
    /// Moves to <paramref name="to"/>, which must be the next phase: the cycle's own rules, without the ones about its
    /// projects (the overload with them is what the API uses; this one builds cycles in tests). Counting the vote is the
    /// only way out of the vote (<see cref="CountVote"/>), so results and phase change together.
    /// </summary>
    public void Advance(CyclePhase to, DateTimeOffset now)
    {
        if (Phase == CyclePhase.Vote)
            throw new ConflictException("The vote ends by counting it (POST .../cycles/{0}:count).", Year);
        if (Phase == CyclePhase.Closed)
            throw new ConflictException("The {0} cycle is closed; it has no next phase.", Year);
        if (to != Phase + 1)
            throw new ConflictException("The {0} cycle is in {1}; it can only move to the next phase, {2}.", Year, Phase, Phase + 1);
        if (to == CyclePhase.Vote && Budget is null)
            throw new ConflictException("Set the livelihood budget before the vote opens: the vote is counted against it.");
        MoveTo(to, now);
    }

    /// <summary>Ends the vote without counting it (tests building a cycle in implementation); the API counts with <see cref="CountVote"/>.</summary>
    public void CloseVote(DateTimeOffset now)
    {
        EnsurePhase(CyclePhase.Vote, new LocalText("Counting the vote"));
        MoveTo(CyclePhase.Implementation, now);
    }

    /// <summary>
    /// Ends the vote by counting it (<see cref="VoteCounting"/>): every candidate gets its result, the adopted ones
    /// within the budget, envelopes and slots, and the cycle moves to implementation. The projects carried over into the
    /// year come first: the rest of their cost is already this year's livelihood spending, so only what is left of the
    /// budget after it is voted on (they take no slot and no envelope: those are for the projects voted this year).
    /// </summary>
    /// <param name="candidates">The year's candidates.</param>
    /// <param name="ballots">The year's ballots.</param>
    /// <param name="carriedOver">The projects carried over into this year (<see cref="Project.CarriedOverToYear"/>).</param>
    public CountedVote CountVote(IReadOnlyList<Project> candidates, IReadOnlyList<Ballot> ballots, IReadOnlyList<Project> carriedOver, DateTimeOffset now)
    {
        if (carriedOver.Any(p => p.CarriedOverToYear != Year))
            throw new ArgumentException($"Only projects carried over into {Year} count against its budget.", nameof(carriedOver));
        CloseVote(now);
        var carriedOverCost = carriedOver.Sum(p => p.CarriedOverCostYuan);
        var rules = VoteRules();
        rules = rules with { BudgetYuan = Math.Max(0, rules.BudgetYuan - carriedOverCost) };
        var counted = VoteCounting.Count(rules,
            [.. candidates.Select(c => new VoteCandidate(c.Id, c.EstimatedCostYuan, c.Category, c.DistrictCodes, c.ProposedAt))],
            [.. ballots.Select(b => b.Choices)]);
        var byId = candidates.ToDictionary(c => c.Id);
        var inCountOrder = counted.Select(result => byId[result.Id]).ToList();
        foreach (var result in counted) byId[result.Id].ApplyVote(result, now);

        var adopted = inCountOrder.Where(p => p.Status == ProjectStatus.Adopted).ToList();
        var count = new CountedVote(Year, ballots.Count, ProjectsBudgetYuan!.Value, carriedOverCost, adopted.Sum(p => p.EstimatedCostYuan), inCountOrder);
        Record(VoteCountedEvent(count.Ballots, adopted, now));
        return count;
    }

    /// <summary>When the vote ended (by its count, if it was counted): the cycle moved to implementation then; null before.</summary>
    public DateTimeOffset? VoteEndedAt => PhaseHistory.LastOrDefault(p => p.Phase == CyclePhase.Implementation)?.StartedAt;

    /// <summary>
    /// The count of the vote, with the ⅔ rule's figures of the budget: built from the stored cycle and its adopted projects
    /// (in the count's order), so the count and the dashboards' replay (DashboardReplayer) build the same event.
    /// </summary>
    public VoteCounted VoteCountedEvent(int ballots, IReadOnlyList<Project> adoptedInCountOrder, DateTimeOffset countedAt)
    {
        var rule = TwoThirdsRule.Check(Budget!);
        return new VoteCounted(Year, ballots, ProjectsBudgetYuan ?? Budget!.LivelihoodSpendingYuan, adoptedInCountOrder.Sum(p => p.EstimatedCostYuan),
            [.. adoptedInCountOrder.Select(p => p.Id)], countedAt, rule.LivelihoodIncreaseYuan, rule.FiscalCapacityIncreaseYuan, rule.Complies);
    }

    private void MoveTo(CyclePhase phase, DateTimeOffset now)
    {
        Revision++;
        Phase = phase;
        _phaseHistory.Add(new PhaseChange(phase, now));
    }

    /// <summary>
    /// Sets the livelihood budget with the figures of the ⅔ rule, and the projects budget the vote is counted against
    /// (part of the livelihood spending); a budget that breaks the rule is refused, naming the figures. Possible until
    /// the vote opens.
    /// </summary>
    public TwoThirdsCheck SetBudget(FiscalFigures figures, long projectsBudgetYuan)
    {
        figures.Validate();
        new Validator()
            .Require(projectsBudgetYuan > 0, "projectsBudgetYuan", "must be above 0")
            .Require(projectsBudgetYuan <= figures.LivelihoodSpendingYuan, "projectsBudgetYuan",
                "must not exceed the livelihood spending of {0} yuan", figures.LivelihoodSpendingYuan)
            .ThrowIfInvalid();
        var check = TwoThirdsRule.Check(figures);
        if (!check.Complies)
            throw new ValidationFailedException(new Dictionary<string, LocalText> { ["livelihoodSpendingYuan"] = check.Explanation });
        if (Phase >= CyclePhase.Vote)
            throw new ConflictException("The budget is fixed once the vote opens; the {0} cycle is in {1}.", Year, Phase);
        Revision++;
        Budget = figures;
        ProjectsBudgetYuan = projectsBudgetYuan;
        return check;
    }

    /// <summary>The actual figures at final accounts: recorded whatever they are (they are facts), with the ⅔ check shown.</summary>
    public TwoThirdsCheck RecordFinalAccounts(FiscalFigures figures)
    {
        figures.Validate();
        if (Phase is not (CyclePhase.Implementation or CyclePhase.Evaluation))
            throw new ConflictException("Final accounts are recorded during implementation or evaluation; the {0} cycle is in {1}.", Year, Phase);
        Revision++;
        FinalAccounts = figures;
        return TwoThirdsRule.Check(figures);
    }

    public VoteRules VoteRules() => new(BallotKind, Slots, ProjectsBudgetYuan ?? 0, MinimumSupport,
        CategoryEnvelopes.ToDictionary(e => Project.ParseCategory(e.Key), e => e.LimitYuan),
        DistrictEnvelopes.ToDictionary(e => e.Key, e => e.LimitYuan));
}
