using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Livelihood.Domain;
using static Longgang.Livelihood.Tests.CycleWorld;

namespace Longgang.Livelihood.Tests;

/// <summary>The aggregates record the events of their transitions; saving moves them to the outbox (CycleFlowTests).</summary>
public sealed class RecordedEventTests
{
    [Fact]
    public void A_proposal_records_ProjectProposed_with_the_category_as_events_spell_it()
    {
        var project = Proposal();

        var proposed = Assert.IsType<ProjectProposed>(Assert.Single(project.PendingEvents));
        Assert.Equal((project.Id, 2026, "TRANSPORT", 12_000_000L, Now), (proposed.ProjectId, proposed.Year, proposed.Category, proposed.EstimatedCostYuan, proposed.ProposedAt));
        Assert.Equal(["district-02"], proposed.DistrictCodes);
    }

    [Fact]
    public void A_deliberation_resolution_records_ProjectProposed_too()
    {
        var project = Project.FromResolution(Guid.NewGuid(), Guid.NewGuid(), "district-03", 2026, "Night bus", "ELDERLY_CARE", "Shift workers.", null, Now, null, Now);

        var proposed = Assert.IsType<ProjectProposed>(Assert.Single(project.PendingEvents));
        Assert.Equal((project.Id, "ELDERLY_CARE"), (proposed.ProjectId, proposed.Category));
    }

    [Fact]
    public void Only_an_adopted_candidate_records_ProjectAdopted()
    {
        var cycle = CycleIn(CyclePhase.Screening);
        var adopted = Candidate(cycle);
        var notAdopted = Candidate(cycle, "Benches");
        adopted.TakePendingEvents();
        notAdopted.TakePendingEvents();

        adopted.ApplyVote(new CountedCandidate(adopted.Id, 1, 5, 5, false, VoteOutcome.Adopted), Now);
        notAdopted.ApplyVote(new CountedCandidate(notAdopted.Id, 2, 1, 1, false, VoteOutcome.OverBudget), Now);

        var adoption = Assert.Single(adopted.PendingEvents.OfType<ProjectAdopted>());
        Assert.Equal((adopted.Id, "TRANSPORT", 12_000_000L, "dept-housing-construction", Now),
            (adoption.ProjectId, adoption.Category, adoption.CostYuan, adoption.OwningDepartmentCode, adoption.AdoptedAt));
        Assert.Empty(notAdopted.PendingEvents.OfType<ProjectAdopted>());
    }

    [Fact]
    public void Every_counted_candidate_records_ProposalVoted_for_its_proposer_with_its_outcome_and_rank()
    {
        var cycle = CycleIn(CyclePhase.Screening);
        var adopted = Candidate(cycle);
        var notAdopted = Candidate(cycle, "Benches");
        adopted.TakePendingEvents();
        notAdopted.TakePendingEvents();

        adopted.ApplyVote(new CountedCandidate(adopted.Id, 1, 5, 5, false, VoteOutcome.Adopted), Now);
        notAdopted.ApplyVote(new CountedCandidate(notAdopted.Id, 2, 1, 1, false, VoteOutcome.OverBudget), Now);

        Assert.Equal(new ProposalVoted(adopted.Id, 2026, "Covered walkways", "CITIZEN", "citizen-1", ProposalVoted.Adopted, 1, 5, 5, Now),
            adopted.PendingEvents[0]);
        Assert.Equal(new ProposalVoted(notAdopted.Id, 2026, "Benches", "CITIZEN", "citizen-1", "OVER_BUDGET", 2, 1, 1, Now),
            Assert.Single(notAdopted.PendingEvents));
    }

    [Fact]
    public void Screening_records_ProposalScreened_for_the_proposer_accepted_screened_out_with_the_reason_or_merged()
    {
        var cycle = CycleIn(CyclePhase.Screening);
        var accepted = Proposal();
        var screenedOut = Proposal("Benches");
        var merged = Proposal("Covered walkways too");
        foreach (var project in new[] { accepted, screenedOut, merged }) project.TakePendingEvents();

        accepted.AcceptAsCandidate(cycle, "dept-housing-construction", 12_000_000, new DateOnly(2026, 12, 31));
        screenedOut.ScreenOut(cycle, "Already funded by the district.");
        merged.MergeInto(cycle, accepted);

        Assert.Equal(new ProposalScreened(accepted.Id, 2026, "Covered walkways", "CITIZEN", "citizen-1", ProposalScreened.Candidate, null, null),
            Assert.Single(accepted.PendingEvents));
        Assert.Equal(new ProposalScreened(screenedOut.Id, 2026, "Benches", "CITIZEN", "citizen-1", ProposalScreened.ScreenedOut,
            "Already funded by the district.", null), Assert.Single(screenedOut.PendingEvents));
        Assert.Equal(new ProposalScreened(merged.Id, 2026, "Covered walkways too", "CITIZEN", "citizen-1", ProposalScreened.Merged, null, accepted.Id),
            Assert.Single(merged.PendingEvents));
    }

    [Fact]
    public void A_completed_milestone_records_MilestoneCompleted_naming_the_application_only_when_an_issuance_completed_it()
    {
        var (project, cycle) = Adopted();
        var application = Guid.NewGuid();
        var design = project.AddMilestone(cycle, new MilestoneDraft("Design", 1, new DateOnly(2026, 3, 31), null, 0), Now);
        var permit = project.AddMilestone(cycle, new MilestoneDraft("Permit", 1, new DateOnly(2026, 5, 31), application, 0), Now);
        project.TakePendingEvents();

        project.CompleteMilestone(cycle, design.Id, Now);
        project.CompleteMilestonesLinkedTo(application, Now.AddDays(30));

        Assert.Equal([(design.Id, null, 50, Now), (permit.Id, application, 100, Now.AddDays(30))],
            project.PendingEvents.Cast<MilestoneCompleted>().Select(e => (e.MilestoneId, e.LinkedApplicationId, e.ProgressPercent, e.CompletedAt)));
    }

    [Fact]
    public void Counting_the_vote_adopts_within_the_slots_and_records_VoteCounted()
    {
        var cycle = CycleIn(CyclePhase.Screening, slots: 1);
        var benches = Candidate(cycle, "Benches", cost: 10_000_000);
        var shelters = Candidate(cycle, "Shelters", cost: 20_000_000);
        cycle.Advance(CyclePhase.CandidateList, [shelters, benches], Now);
        cycle.SetBudget(CompliantBudget, ProjectsBudgetYuan);
        cycle.Advance(CyclePhase.Vote, Now);
        var candidates = new HashSet<Guid> { benches.Id, shelters.Id };
        Ballot[] ballots =
        [
            Ballot.Cast(cycle, "deputy-1", false, [shelters.Id], candidates, BallotSource.InSession, Now),
            Ballot.Cast(cycle, "deputy-2", false, [shelters.Id], candidates, BallotSource.Paper, Now),
            Ballot.Cast(cycle, "deputy-3", false, [benches.Id], candidates, BallotSource.InSession, Now),
        ];
        cycle.TakePendingEvents();

        var count = cycle.CountVote([benches, shelters], ballots, carriedOver: [], Now);

        Assert.Equal([1, 2], new[] { benches.CandidateNumber, shelters.CandidateNumber }.Order());
        Assert.Equal([shelters, benches], count.Candidates);
        Assert.Equal((ProjectStatus.Adopted, VoteOutcome.NoSlotLeft), (shelters.Status, benches.Vote!.Outcome));
        Assert.Equal((3, 20_000_000L, CyclePhase.Implementation), (count.Ballots, count.AdoptedCostYuan, cycle.Phase));
        var counted = Assert.IsType<VoteCounted>(Assert.Single(cycle.PendingEvents));
        // the budget the vote was counted against: the projects budget
        Assert.Equal((2026, 3, ProjectsBudgetYuan, 20_000_000L), (counted.Year, counted.Ballots, counted.BudgetYuan, counted.AdoptedCostYuan));
        Assert.Equal([shelters.Id], counted.AdoptedProjectIds);
    }
}
