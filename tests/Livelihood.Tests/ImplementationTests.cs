using Longgang.Livelihood.Domain;
using Longgang.Platform.Errors;
using static Longgang.Livelihood.Tests.CycleWorld;

namespace Longgang.Livelihood.Tests;

public sealed class ImplementationTests
{
    private static readonly Guid Permit = Guid.NewGuid();

    private static MilestoneDraft Step(string title, int weight, int month, Guid? linked = null, long amount = 0) =>
        new(title, weight, new DateOnly(2026, month, 28), linked, amount);

    [Fact]
    public void Progress_rolls_up_by_weight_and_spend_by_completed_amounts()
    {
        var (project, cycle) = Adopted(cost: 10_000_000);
        var design = project.AddMilestone(cycle, Step("Design", 1, 3, amount: 1_000_000), Now);
        project.AddMilestone(cycle, Step("Permit", 1, 5, Permit), Now);
        var works = project.AddMilestone(cycle, Step("Works", 2, 10, amount: 9_000_000), Now);

        project.CompleteMilestone(cycle, design.Id, Now);
        Assert.Equal((25, 1_000_000L, ProjectStatus.InProgress), (project.ProgressPercent, project.SpentYuan, project.Status));

        project.CompleteMilestone(cycle, works.Id, Now);
        Assert.Equal((75, 10_000_000L), (project.ProgressPercent, project.SpentYuan));
    }

    [Fact]
    public void A_linked_milestone_completes_once_when_approvals_issues_and_the_last_one_completes_the_project()
    {
        var (project, cycle) = Adopted();
        var design = project.AddMilestone(cycle, Step("Design", 1, 3), Now);
        project.AddMilestone(cycle, Step("Permit", 3, 5, Permit), Now);
        project.CompleteMilestone(cycle, design.Id, Now);
        var issuedAt = Now.AddDays(30);

        Assert.Single(project.CompleteMilestonesLinkedTo(Permit, issuedAt));
        Assert.Empty(project.CompleteMilestonesLinkedTo(Permit, issuedAt.AddDays(1)));
        Assert.Empty(project.CompleteMilestonesLinkedTo(Guid.NewGuid(), issuedAt));

        Assert.Equal((100, ProjectStatus.Completed, issuedAt), (project.ProgressPercent, project.Status, project.CompletedAt));
    }

    [Fact]
    public void A_milestone_past_its_due_date_marks_the_project_delayed_until_it_is_done()
    {
        var (project, cycle) = Adopted();
        var permit = project.AddMilestone(cycle, Step("Permit", 1, 5), Now);
        project.AddMilestone(cycle, Step("Works", 1, 11), Now);

        Assert.Equal(ProjectStatus.InProgress, project.StatusOn(new DateOnly(2026, 5, 28)));
        Assert.Equal(ProjectStatus.Delayed, project.StatusOn(new DateOnly(2026, 5, 29)));

        project.CompleteMilestone(cycle, permit.Id, Now);
        Assert.Equal(ProjectStatus.InProgress, project.StatusOn(new DateOnly(2026, 5, 29)));
    }

    [Fact]
    public void An_unfinished_project_carries_over_with_a_stage_target_and_a_finished_one_cannot()
    {
        var (project, cycle) = Adopted();
        project.AddMilestone(cycle, Step("Works", 1, 11), Now);

        Assert.Throws<ValidationFailedException>(() => project.CarryOver(cycle, " "));
        project.CarryOver(cycle, "Structure topped out by June 2027");

        Assert.Equal((ProjectStatus.CarriedOver, 2027, "Structure topped out by June 2027"), (project.Status, project.CarriedOverToYear, project.StageTarget));
        var (finished, finishedCycle) = Adopted();
        var only = finished.AddMilestone(finishedCycle, Step("Works", 1, 11), Now);
        finished.CompleteMilestone(finishedCycle, only.Id, Now);
        Assert.Throws<ConflictException>(() => finished.CarryOver(finishedCycle, "more"));
    }

    [Fact]
    public void Milestone_amounts_may_not_exceed_the_projects_cost_and_bad_fields_are_named()
    {
        var (project, cycle) = Adopted(cost: 5_000_000);
        project.AddMilestone(cycle, Step("Design", 1, 3, amount: 4_000_000), Now);

        var over = Assert.Throws<ValidationFailedException>(() => project.AddMilestone(cycle, Step("Works", 1, 9, amount: 1_000_001), Now));
        var bad = Assert.Throws<ValidationFailedException>(() => project.AddMilestone(cycle, new MilestoneDraft("", 0, null, null, -1), Now));

        Assert.Equal(["amountYuan"], over.FieldErrors.Keys);
        Assert.Equal(["amountYuan", "dueDate", "title", "weight"], bad.FieldErrors.Keys.Order());
        Assert.Single(project.Milestones);
    }

    [Fact]
    public void A_not_adopted_project_gets_no_milestones_and_is_not_evaluated()
    {
        var cycle = CycleIn(CyclePhase.Screening);
        var project = Candidate(cycle);
        project.ApplyVote(new CountedCandidate(project.Id, 2, 1, 1, false, VoteOutcome.OverBudget), Now);
        var implementation = CycleIn(CyclePhase.Implementation);

        Assert.Equal(ProjectStatus.NotAdopted, project.Status);
        Assert.Throws<ConflictException>(() => project.AddMilestone(implementation, Step("Design", 1, 3), Now));
        Assert.Throws<ConflictException>(() => EvaluationRating.Rate(CycleIn(CyclePhase.Evaluation), project, "deputy-1", Satisfaction.Satisfied, Now));
    }

    [Fact]
    public void Screening_needs_a_reason_to_refuse_and_merging_folds_districts_into_the_kept_proposal()
    {
        var cycle = CycleIn(CyclePhase.Screening);
        var kept = Proposal("Bus shelters", district: "district-02");
        var duplicate = Proposal("More bus shelters", district: "district-05");
        var refused = Proposal("A monorail");

        Assert.Equal(["reason"], Assert.Throws<ValidationFailedException>(() => refused.ScreenOut(cycle, "")).FieldErrors.Keys);
        refused.ScreenOut(cycle, "Costs more than the year's budget");
        duplicate.MergeInto(cycle, kept);

        Assert.Equal((ProjectStatus.ScreenedOut, "Costs more than the year's budget"), (refused.Status, refused.ScreeningReason));
        Assert.Equal((ProjectStatus.Merged, kept.Id), (duplicate.Status, duplicate.MergedIntoId));
        Assert.Equal(["district-02", "district-05"], kept.DistrictCodes);
        Assert.Throws<ConflictException>(() => refused.AcceptAsCandidate(cycle, "dept-finance", 1, new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void A_resolution_arriving_after_solicitation_is_kept_as_a_late_proposal()
    {
        var resolution = Guid.NewGuid();

        var onTime = Project.FromResolution(resolution, Guid.NewGuid(), "district-03", 2026, "Night bus", "TRANSPORT", "Shift workers.", null, Now, CycleIn(CyclePhase.Solicitation), Now);
        var late = Project.FromResolution(resolution, Guid.NewGuid(), "district-03", 2026, "Night bus", "TRANSPORT", "Shift workers.", 500_000, Now, CycleIn(CyclePhase.Vote), Now);

        Assert.Equal((ProposerKind.Deliberation, false, 0L, resolution), (onTime.ProposerKind, onTime.Late, onTime.EstimatedCostYuan, onTime.SourceResolutionId));
        Assert.Equal((ProjectStatus.Proposed, true, 500_000L), (late.Status, late.Late, late.EstimatedCostYuan));
        Assert.Throws<ArgumentException>(() => Project.FromResolution(resolution, Guid.NewGuid(), "district-03", 2026, "x", "PARKS", "y", null, Now, null, Now));
    }
}
