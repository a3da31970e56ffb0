using Longgang.Livelihood.Domain;

namespace Longgang.Livelihood.Tests;

/// <summary>Worked examples of the count. Costs are in millions of yuan to keep the arithmetic readable.</summary>
public sealed class VoteCountingTests
{
    private const long M = 1_000_000;
    private static readonly DateTimeOffset Day = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static VoteCandidate Candidate(long costMillions, int order, ProjectCategory category = ProjectCategory.Transport, params string[] districts) =>
        new(Guid.NewGuid(), costMillions * M, category, districts.Length == 0 ? ["district-01"] : districts, Day.AddMinutes(order));

    private static VoteRules Rules(long budgetMillions, int slots = 10, BallotKind kind = BallotKind.Approval, int minimumSupport = 0,
        Dictionary<ProjectCategory, long>? categories = null, Dictionary<string, long>? districts = null) =>
        new(kind, slots, budgetMillions * M, minimumSupport, categories ?? [], districts ?? []);

    /// <summary>Each ballot approves the given candidates; <paramref name="votes"/> ballots each.</summary>
    private static List<IReadOnlyList<Guid>> Ballots(params (VoteCandidate Candidate, int Votes)[] votes) =>
        [.. votes.SelectMany(v => Enumerable.Repeat<IReadOnlyList<Guid>>([v.Candidate.Id], v.Votes))];

    private static VoteOutcome OutcomeOf(IReadOnlyList<CountedCandidate> count, VoteCandidate candidate) => count.Single(c => c.Id == candidate.Id).Outcome;

    [Fact]
    public void The_greedy_fit_skips_a_project_that_no_longer_fits_and_goes_on_to_cheaper_ones()
    {
        // budget 100: A (60, 5 votes) fits, 40 left; B (50, 4) does not and is skipped; C (30, 3) fits, 10 left; D (10, 1) fits
        VoteCandidate a = Candidate(60, 1), b = Candidate(50, 2), c = Candidate(30, 3), d = Candidate(10, 4);

        var count = VoteCounting.Count(Rules(100), [d, c, b, a], Ballots((a, 5), (b, 4), (c, 3), (d, 1)));

        Assert.Equal([a.Id, b.Id, c.Id, d.Id], count.Select(x => x.Id));
        Assert.Equal([1, 2, 3, 4], count.Select(x => x.Rank));
        Assert.Equal([5L, 4, 3, 1], count.Select(x => x.Score));
        Assert.Equal([VoteOutcome.Adopted, VoteOutcome.OverBudget, VoteOutcome.Adopted, VoteOutcome.Adopted], count.Select(x => x.Outcome));
        Assert.All(count, x => Assert.False(x.Tied));
    }

    [Fact]
    public void A_tie_goes_to_the_cheaper_project_and_both_are_marked_tied()
    {
        // budget 50: A (40) and B (30) have 3 votes each; B is cheaper, so it is counted first and A no longer fits
        VoteCandidate a = Candidate(40, 1), b = Candidate(30, 2), c = Candidate(10, 3);

        var count = VoteCounting.Count(Rules(50), [a, b, c], Ballots((a, 3), (b, 3), (c, 1)));

        Assert.Equal([b.Id, a.Id, c.Id], count.Select(x => x.Id));
        Assert.Equal([true, true, false], count.Select(x => x.Tied));
        Assert.Equal([VoteOutcome.Adopted, VoteOutcome.OverBudget, VoteOutcome.Adopted], count.Select(x => x.Outcome));
    }

    [Fact]
    public void A_tie_at_the_same_cost_goes_to_the_earlier_proposal()
    {
        VoteCandidate later = Candidate(30, 2), earlier = Candidate(30, 1);

        var count = VoteCounting.Count(Rules(40), [later, earlier], Ballots((later, 2), (earlier, 2)));

        Assert.Equal([earlier.Id, later.Id], count.Select(x => x.Id));
        Assert.Equal([VoteOutcome.Adopted, VoteOutcome.OverBudget], count.Select(x => x.Outcome));
    }

    [Fact]
    public void Ranking_ballots_are_counted_by_borda_points()
    {
        // 3 candidates: first place 3 points, second 2, third 1.
        // X: 3 + 1 + 2 = 6; Y: 2 + 3 + 3 = 8; Z: 1 + 2 = 3
        VoteCandidate x = Candidate(10, 1), y = Candidate(10, 2), z = Candidate(10, 3);
        List<IReadOnlyList<Guid>> ballots = [[x.Id, y.Id, z.Id], [y.Id, z.Id, x.Id], [y.Id, x.Id]];

        var count = VoteCounting.Count(Rules(100, kind: BallotKind.Ranking), [x, y, z], ballots);

        Assert.Equal([(y.Id, 8L, 3), (x.Id, 6L, 3), (z.Id, 3L, 2)], count.Select(c => (c.Id, c.Score, c.Supporters)));
    }

    [Fact]
    public void Minimum_support_counts_ballots_naming_the_project_and_does_not_use_up_budget()
    {
        VoteCandidate x = Candidate(10, 1), y = Candidate(10, 2), z = Candidate(10, 3);
        List<IReadOnlyList<Guid>> ballots = [[x.Id, y.Id, z.Id], [y.Id, z.Id, x.Id], [y.Id, x.Id]];

        var count = VoteCounting.Count(Rules(100, kind: BallotKind.Ranking, minimumSupport: 3), [x, y, z], ballots);

        Assert.Equal(VoteOutcome.Adopted, OutcomeOf(count, y));
        Assert.Equal(VoteOutcome.Adopted, OutcomeOf(count, x));
        Assert.Equal(VoteOutcome.BelowMinimumSupport, OutcomeOf(count, z));
    }

    [Fact]
    public void A_candidate_no_ballot_names_is_not_adopted_even_with_budget_and_slots_left()
    {
        VoteCandidate a = Candidate(10, 1), b = Candidate(10, 2);

        var count = VoteCounting.Count(Rules(100), [a, b], Ballots((a, 1)));

        Assert.Equal([VoteOutcome.Adopted, VoteOutcome.BelowMinimumSupport], count.Select(x => x.Outcome));
    }

    [Fact]
    public void No_more_projects_than_slots_are_adopted()
    {
        VoteCandidate a = Candidate(10, 1), b = Candidate(10, 2), c = Candidate(10, 3);

        var count = VoteCounting.Count(Rules(100, slots: 2), [a, b, c], Ballots((a, 3), (b, 2), (c, 1)));

        Assert.Equal([VoteOutcome.Adopted, VoteOutcome.Adopted, VoteOutcome.NoSlotLeft], count.Select(x => x.Outcome));
    }

    [Fact]
    public void A_category_envelope_caps_that_category_only()
    {
        // transport envelope 50: T1 (40) fits; T2 (20) would make 60; the education project is not limited by it
        VoteCandidate t1 = Candidate(40, 1), t2 = Candidate(20, 2), e1 = Candidate(20, 3, ProjectCategory.Education);

        var count = VoteCounting.Count(Rules(200, categories: new() { [ProjectCategory.Transport] = 50 * M }), [t1, t2, e1],
            Ballots((t1, 5), (t2, 4), (e1, 3)));

        Assert.Equal([VoteOutcome.Adopted, VoteOutcome.OverCategoryEnvelope, VoteOutcome.Adopted], count.Select(x => x.Outcome));
    }

    [Fact]
    public void A_district_envelope_counts_a_multi_district_project_in_full()
    {
        // district-01 envelope 30: P1 (40) exceeds it; P2 (25, districts 01 and 02) fits, 5 left; P3 (10, 01) no longer fits;
        // P4 (10, district-02 only, which has no envelope) fits
        VoteCandidate p1 = Candidate(40, 1, ProjectCategory.Health, "district-01"),
            p2 = Candidate(25, 2, ProjectCategory.Health, "district-01", "district-02"),
            p3 = Candidate(10, 3, ProjectCategory.Health, "district-01"),
            p4 = Candidate(10, 4, ProjectCategory.Health, "district-02");

        var count = VoteCounting.Count(Rules(200, districts: new() { ["district-01"] = 30 * M }), [p1, p2, p3, p4],
            Ballots((p1, 4), (p2, 3), (p3, 2), (p4, 1)));

        Assert.Equal([VoteOutcome.OverDistrictEnvelope, VoteOutcome.Adopted, VoteOutcome.OverDistrictEnvelope, VoteOutcome.Adopted],
            count.Select(x => x.Outcome));
    }

    [Fact]
    public void The_adopted_cost_never_exceeds_the_budget()
    {
        var candidates = Enumerable.Range(1, 12).Select(i => Candidate(5 + i * 7 % 23, i)).ToList();
        var ballots = Enumerable.Range(0, 40).Select(d => (IReadOnlyList<Guid>)[.. candidates.Where((_, i) => (d + i) % 3 == 0).Select(c => c.Id)]).ToList();

        var count = VoteCounting.Count(Rules(60), candidates, ballots);

        // replaying the count: an adopted project fits the budget left at its turn, a skipped one does not
        var left = 60 * M;
        foreach (var counted in count)
        {
            var cost = candidates.Single(x => x.Id == counted.Id).CostYuan;
            Assert.Equal(cost <= left ? VoteOutcome.Adopted : VoteOutcome.OverBudget, counted.Outcome);
            if (counted.Outcome == VoteOutcome.Adopted) left -= cost;
        }
        Assert.InRange(left, 0, 60 * M - 1);
    }
}
