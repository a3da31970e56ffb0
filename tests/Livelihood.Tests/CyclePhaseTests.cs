using Longgang.Livelihood.Domain;
using Longgang.Platform.Errors;
using static Longgang.Livelihood.Tests.CycleWorld;

namespace Longgang.Livelihood.Tests;

public sealed class CyclePhaseTests
{
    [Fact]
    public void A_cycle_opens_in_solicitation_and_records_the_date_of_each_phase()
    {
        var cycle = CycleIn(CyclePhase.Evaluation);

        Assert.Equal(CyclePhase.Evaluation, cycle.Phase);
        Assert.Equal(Enum.GetValues<CyclePhase>().Where(p => p <= CyclePhase.Evaluation), cycle.PhaseHistory.Select(h => h.Phase));
    }

    [Theory]
    [InlineData(CyclePhase.Solicitation, CyclePhase.CandidateList)] // skipping screening
    [InlineData(CyclePhase.Screening, CyclePhase.Solicitation)]     // going back
    [InlineData(CyclePhase.Screening, CyclePhase.Screening)]        // already there
    [InlineData(CyclePhase.Vote, CyclePhase.Implementation)]        // the vote ends by counting it
    [InlineData(CyclePhase.Closed, CyclePhase.Closed)]
    public void Only_the_next_phase_may_follow(CyclePhase from, CyclePhase to)
    {
        var cycle = CycleIn(from);

        Assert.Throws<ConflictException>(() => cycle.Advance(to, Now));
        Assert.Equal(from, cycle.Phase);
    }

    [Fact]
    public void The_vote_does_not_open_without_a_budget()
    {
        var cycle = Cycle.Open(new CycleRules(2026, BallotKind.Approval, 2, 0, [], []), Now);
        cycle.Advance(CyclePhase.Screening, Now);
        cycle.Advance(CyclePhase.CandidateList, Now);

        var error = Assert.Throws<ConflictException>(() => cycle.Advance(CyclePhase.Vote, Now));

        Assert.Contains("budget", error.Message);
        Assert.Equal(CyclePhase.CandidateList, cycle.Phase);
    }

    [Fact]
    public void Proposals_are_taken_in_solicitation_only()
    {
        var draft = new ProjectDraft(2026, "Walkways", ProjectCategory.Transport, ["district-02"], 1_000_000, "Rain.");

        Assert.Equal(ProjectStatus.Proposed, Project.Propose(draft, Citizen, CycleIn(CyclePhase.Solicitation), Now).Status);
        Assert.Throws<ConflictException>(() => Project.Propose(draft, Citizen, CycleIn(CyclePhase.Screening), Now));
        Assert.Throws<ConflictException>(() => Project.Propose(draft, Citizen, CycleIn(CyclePhase.Vote), Now));
    }

    [Fact]
    public void Screening_is_refused_outside_screening()
    {
        var proposal = Proposal();

        Assert.Throws<ConflictException>(() => proposal.ScreenOut(CycleIn(CyclePhase.Solicitation), "too costly"));
        Assert.Throws<ConflictException>(() => proposal.AcceptAsCandidate(CycleIn(CyclePhase.CandidateList), "dept-finance", 1, new DateOnly(2026, 12, 1)));
        Assert.Equal(ProjectStatus.Proposed, proposal.Status);
    }

    [Theory]
    [InlineData(CyclePhase.CandidateList)]
    [InlineData(CyclePhase.Implementation)]
    public void Ballots_are_cast_in_the_vote_only(CyclePhase phase)
    {
        var cycle = CycleIn(phase);
        var candidate = Guid.NewGuid();

        Assert.Throws<ConflictException>(() => Ballot.Cast(cycle, "deputy-1", false, [candidate], new HashSet<Guid> { candidate }, BallotSource.InSession, Now));
        Assert.Throws<ConflictException>(() => CycleIn(phase).CloseVote(Now));
    }

    [Fact]
    public void The_budget_is_fixed_once_the_vote_opens()
    {
        Assert.Throws<ConflictException>(() => CycleIn(CyclePhase.Vote).SetBudget(CompliantBudget, ProjectsBudgetYuan));
        Assert.Throws<ConflictException>(() => CycleIn(CyclePhase.Implementation).SetBudget(CompliantBudget, ProjectsBudgetYuan));
    }

    [Fact]
    public void Final_accounts_come_during_implementation_or_evaluation()
    {
        Assert.Throws<ConflictException>(() => CycleIn(CyclePhase.Vote).RecordFinalAccounts(CompliantBudget));
        Assert.Throws<ConflictException>(() => CycleIn(CyclePhase.Closed).RecordFinalAccounts(CompliantBudget));
        Assert.True(CycleIn(CyclePhase.Evaluation).RecordFinalAccounts(CompliantBudget).Complies);
    }

    [Fact]
    public void Milestones_belong_to_implementation_and_ratings_to_evaluation()
    {
        var (project, cycle) = Adopted();
        var draft = new MilestoneDraft("Permit", 1, new DateOnly(2026, 6, 30), null, 0);

        Assert.Throws<ConflictException>(() => project.AddMilestone(CycleIn(CyclePhase.Evaluation), draft, Now));
        Assert.Throws<ConflictException>(() => EvaluationRating.Rate(cycle, project, "deputy-1", Satisfaction.Satisfied, Now));
        cycle.Advance(CyclePhase.Evaluation, Now);
        Assert.Equal(Satisfaction.Satisfied, EvaluationRating.Rate(cycle, project, "deputy-1", Satisfaction.Satisfied, Now).Rating);
    }

    public static TheoryData<string, CycleRules> BadRules => new()
    {
        { "year", new CycleRules(2019, BallotKind.Approval, 2, 0, [], []) },
        { "ballotKind", new CycleRules(2026, null, 2, 0, [], []) },
        { "slots", new CycleRules(2026, BallotKind.Approval, 0, 0, [], []) },
        { "minimumSupport", new CycleRules(2026, BallotKind.Approval, 2, -1, [], []) },
        { "categoryEnvelopes", new CycleRules(2026, BallotKind.Approval, 2, 0, [new Envelope("PARKS", 10)], []) },
        { "categoryEnvelopes", new CycleRules(2026, BallotKind.Approval, 2, 0, [new Envelope("TRANSPORT", 0)], []) },
        { "categoryEnvelopes", new CycleRules(2026, BallotKind.Approval, 2, 0, [new Envelope("TRANSPORT", 5), new Envelope("transport", 6)], []) },
        { "districtEnvelopes", new CycleRules(2026, BallotKind.Approval, 2, 0, [], [new Envelope("district-10", 10)]) },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public void Bad_cycle_rules_are_named(string field, CycleRules rules)
    {
        var error = Assert.Throws<ValidationFailedException>(() => Cycle.Open(rules, Now));

        Assert.Equal([field], error.FieldErrors.Keys);
    }
}
