using Longgang.Livelihood.Domain;
using Longgang.Platform.Errors;
using static Longgang.Livelihood.Tests.CycleWorld;

namespace Longgang.Livelihood.Tests;

/// <summary>A carried-over project continues in the next year's cycle (its board and lists: CycleFlowTests).</summary>
public sealed class CarryOverTests
{
    /// <summary>A project of 2026 (12 m) with design done (2 m, weight 1) and works open (8 m, weight 3), carried into 2027.</summary>
    private static (Project Project, Milestone Works, Cycle Cycle) CarriedOver(long cost = 12_000_000)
    {
        var (project, cycle) = Adopted(cost);
        var design = project.AddMilestone(cycle, new MilestoneDraft("Design", 1, new DateOnly(2026, 3, 28), null, 2_000_000), Now);
        var works = project.AddMilestone(cycle, new MilestoneDraft("Works", 3, new DateOnly(2026, 11, 28), null, 8_000_000), Now);
        project.CompleteMilestone(cycle, design.Id, Now);
        project.CarryOver(cycle, "Structure topped out by June 2027");
        return (project, works, cycle);
    }

    [Fact]
    public void A_carried_over_project_keeps_its_figures_at_the_carry_over_and_the_rest_of_its_cost_is_next_years()
    {
        var (project, _, _) = CarriedOver();

        Assert.Equal((2027, 2027, 2_000_000L, 25, 10_000_000L),
            (project.CarriedOverToYear, project.ImplementationYear, project.SpentAtCarryOverYuan, project.ProgressAtCarryOverPercent, project.CarriedOverCostYuan));
        Assert.Throws<ConflictException>(() => project.CarryOver(CycleIn(CyclePhase.Implementation), "again"));
    }

    [Fact]
    public void Its_milestones_are_worked_in_the_next_years_implementation_and_finishing_them_completes_it()
    {
        var (project, works, thisYear) = CarriedOver();
        var nextYear = CycleIn(CyclePhase.Implementation, year: 2027);

        Assert.Throws<ArgumentException>(() => project.CompleteMilestone(thisYear, works.Id, Now));
        Assert.Throws<ConflictException>(() => project.CompleteMilestone(CycleIn(CyclePhase.Vote, year: 2027), works.Id, Now));
        var handover = project.AddMilestone(nextYear, new MilestoneDraft("Handover", 1, new DateOnly(2027, 6, 28), null, 0), Now);
        Assert.Equal(ProjectStatus.CarriedOver, project.Status);
        project.CompleteMilestone(nextYear, works.Id, Now.AddDays(200));
        project.CompleteMilestone(nextYear, handover.Id, Now.AddDays(300));

        Assert.Equal((ProjectStatus.Completed, 100, 10_000_000L, 2_000_000L), (project.Status, project.ProgressPercent, project.SpentYuan, project.SpentAtCarryOverYuan));
    }

    [Fact]
    public void It_closes_with_the_year_it_was_carried_into_not_with_its_own()
    {
        var (project, _, thisYear) = CarriedOver();
        thisYear.Advance(CyclePhase.Evaluation, [project], Now);
        thisYear.Advance(CyclePhase.Closed, [project], Now);
        Assert.Equal(ProjectStatus.CarriedOver, project.Status);

        var nextYear = CycleIn(CyclePhase.Evaluation, year: 2027);
        nextYear.Advance(CyclePhase.Closed, [project], Now);
        Assert.Equal(ProjectStatus.Evaluated, project.Status);
    }

    [Fact]
    public void The_next_years_vote_allots_only_the_budget_left_after_the_carried_over_cost()
    {
        // a projects budget of 150 m of which 145 m is carried over: 5 m is left, so the 12 m candidate is over budget
        var (carried, _, _) = CarriedOver(cost: 147_000_000);
        var nextYear = CycleIn(CyclePhase.Screening, year: 2027);
        var candidate = Project.Propose(new ProjectDraft(2027, "Bus shelters", ProjectCategory.Transport, ["district-02"], 12_000_000, "Rain."), Citizen,
            null, Now);
        candidate.AcceptAsCandidate(nextYear, "dept-housing-construction", 12_000_000, new DateOnly(2027, 12, 31));
        nextYear.Advance(CyclePhase.CandidateList, Now);
        nextYear.SetBudget(CompliantBudget, ProjectsBudgetYuan);
        nextYear.Advance(CyclePhase.Vote, Now);
        var ballot = Ballot.Cast(nextYear, "deputy-01", alreadyVoted: false, [candidate.Id], new HashSet<Guid> { candidate.Id }, BallotSource.InSession, Now);

        var count = nextYear.CountVote([candidate], [ballot], [carried], Now);

        Assert.Equal((150_000_000L, 145_000_000L, 0L), (count.BudgetYuan, count.CarriedOverCostYuan, count.AdoptedCostYuan));
        Assert.Equal(VoteOutcome.OverBudget, candidate.Vote!.Outcome);
        Assert.Throws<ArgumentException>(() => CycleIn(CyclePhase.Vote, year: 2028).CountVote([], [], [carried], Now));
    }
}
