using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Livelihood.Domain;
using static Longgang.Livelihood.Tests.CycleWorld;

namespace Longgang.Livelihood.Tests;

/// <summary>Flow 4: approvals' SLA warnings on a linked application raise the project's delay risk.</summary>
public sealed class DelayRiskTests
{
    private static readonly Guid Permit = Guid.NewGuid();
    private static readonly DateOnly PermitDueOn = new(2026, 3, 20);

    /// <summary>An adopted project in progress: a permit milestone linked to <see cref="Permit"/>, and works.</summary>
    private static (Project Project, Milestone PermitStep, Cycle Cycle) WaitingForPermit()
    {
        var (project, cycle) = Adopted();
        var permit = project.AddMilestone(cycle, new MilestoneDraft("Permit", 1, new DateOnly(2026, 4, 30), Permit, 0), Now);
        project.AddMilestone(cycle, new MilestoneDraft("Works", 3, new DateOnly(2026, 10, 30), null, 10_000_000), Now);
        project.TakePendingEvents();
        return (project, permit, cycle);
    }

    private static List<ProjectDelayRiskRaised> Raised(Project project) => [.. project.PendingEvents.OfType<ProjectDelayRiskRaised>()];

    [Fact]
    public void Warnings_on_the_linked_application_raise_the_risk_once_per_level_and_a_red_one_escalates()
    {
        var (project, permit, _) = WaitingForPermit();

        Assert.Single(project.RaiseDelayRisk(Permit, DelayRiskLevel.Yellow, PermitDueOn, Now.AddDays(1)));
        // approvals warns per scope and department: another YELLOW on the same application changes nothing
        Assert.Empty(project.RaiseDelayRisk(Permit, DelayRiskLevel.Yellow, PermitDueOn, Now.AddDays(2)));
        Assert.Equal((permit.Id, DelayRiskLevel.Yellow, Now.AddDays(1)), (project.DelayRisk?.Id, permit.RiskLevel, permit.RiskRaisedAt));

        Assert.Single(project.RaiseDelayRisk(Permit, DelayRiskLevel.Red, PermitDueOn, Now.AddDays(5)));
        Assert.Empty(project.RaiseDelayRisk(Permit, DelayRiskLevel.Yellow, PermitDueOn, Now.AddDays(6)));
        Assert.Empty(project.RaiseDelayRisk(Permit, DelayRiskLevel.Red, PermitDueOn, Now.AddDays(7)));

        Assert.Equal((DelayRiskLevel.Red, Now.AddDays(5)), (permit.RiskLevel, permit.RiskRaisedAt));
        var events = Raised(project);
        Assert.Equal(["YELLOW", "RED"], events.Select(e => e.Level));
        Assert.All(events, e => Assert.Equal((project.Id, permit.Id, Permit, PermitDueOn, "dept-housing-construction"),
            (e.ProjectId, e.MilestoneId, e.ApplicationId, e.ApplicationDueOn, e.OwningDepartmentCode)));
    }

    [Fact]
    public void The_risk_clears_when_the_milestone_completes_by_the_certificate_or_by_hand()
    {
        var (byCertificate, _, _) = WaitingForPermit();
        byCertificate.RaiseDelayRisk(Permit, DelayRiskLevel.Red, PermitDueOn, Now.AddDays(1));
        byCertificate.CompleteMilestonesLinkedTo(Permit, Now.AddDays(3));
        Assert.Null(byCertificate.DelayRisk);

        var (byHand, permit, cycle) = WaitingForPermit();
        byHand.RaiseDelayRisk(Permit, DelayRiskLevel.Yellow, PermitDueOn, Now.AddDays(1));
        Assert.NotNull(byHand.DelayRisk);
        byHand.CompleteMilestone(cycle, permit.Id, Now.AddDays(3));
        Assert.Null(byHand.DelayRisk);
        // a warning arriving after the milestone is done raises nothing
        Assert.Empty(byHand.RaiseDelayRisk(Permit, DelayRiskLevel.Red, PermitDueOn, Now.AddDays(4)));
        Assert.Empty(Raised(byHand).Skip(1));
    }

    [Fact]
    public void A_warning_on_another_application_or_on_a_project_not_in_progress_raises_nothing()
    {
        var (project, _, _) = WaitingForPermit();
        Assert.Empty(project.RaiseDelayRisk(Guid.NewGuid(), DelayRiskLevel.Red, PermitDueOn, Now));
        Assert.Null(project.DelayRisk);

        var (completed, cycle) = Adopted();
        var only = completed.AddMilestone(cycle, new MilestoneDraft("Permit", 1, new DateOnly(2026, 4, 30), Permit, 0), Now);
        completed.CompleteMilestone(cycle, only.Id, Now);
        Assert.Empty(completed.RaiseDelayRisk(Permit, DelayRiskLevel.Red, PermitDueOn, Now));
        Assert.Empty(Raised(project));
    }

    [Fact]
    public void The_projects_risk_is_its_highest_open_one()
    {
        var (project, cycle) = Adopted();
        var otherPermit = Guid.NewGuid();
        var first = project.AddMilestone(cycle, new MilestoneDraft("Permit", 1, new DateOnly(2026, 4, 30), Permit, 0), Now);
        var second = project.AddMilestone(cycle, new MilestoneDraft("Fire check", 1, new DateOnly(2026, 5, 30), otherPermit, 0), Now);

        project.RaiseDelayRisk(Permit, DelayRiskLevel.Yellow, PermitDueOn, Now);
        project.RaiseDelayRisk(otherPermit, DelayRiskLevel.Red, PermitDueOn, Now.AddDays(1));
        Assert.Equal(second.Id, project.DelayRisk?.Id);

        project.CompleteMilestonesLinkedTo(otherPermit, Now.AddDays(2));
        Assert.Equal(first.Id, project.DelayRisk?.Id); // the other one still stands
    }
}
