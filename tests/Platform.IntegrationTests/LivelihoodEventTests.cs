using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Livelihood.Messaging;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// The events livelihood consumes, over RabbitMQ into PostgreSQL, each published four times: twice under one
/// message id (a redelivery) and twice under new ids (a producer that published again). Each takes effect once.
/// </summary>
[Collection(LivelihoodEventCollection.Name)]
public sealed class LivelihoodEventTests(LivelihoodEventFixture fixture)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset Now = new(2031, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private async Task<T> InDatabaseAsync<T>(Func<LivelihoodDbContext, Task<T>> query)
    {
        await using var scope = fixture.Livelihood.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LivelihoodDbContext>());
    }

    /// <summary>
    /// Publishes the event four times (two deliveries of one message, then two more messages) and waits until the
    /// consumer has finished all four: each applied, none faulted, nothing left in an error queue.
    /// </summary>
    private async Task PublishFourTimesAndWaitAsync<T>(T message) where T : class
    {
        var bus = fixture.Livelihood.Services.GetRequiredService<IBus>();
        var ids = new[] { NewId.NextGuid(), NewId.NextGuid(), NewId.NextGuid() };
        var deliveries = new ConsumeTally(ids);
        using var _ = bus.ConnectConsumeObserver(deliveries);
        foreach (var id in new[] { ids[0], ids[0], ids[1], ids[2] })
            await bus.Publish(message, context => context.MessageId = id);
        await deliveries.WaitForAsync(4, EventDeadline);
        Assert.Empty(deliveries.Faults);
        Assert.Equal(4, deliveries.Consumed);
        Assert.Empty(await ErrorQueues.NonEmptyAsync(fixture.Livelihood.Services));
    }

    [Fact]
    public async Task A_deliberation_resolution_becomes_one_proposal_however_often_it_arrives()
    {
        fixture.RequireDocker();
        var resolution = new LivelihoodProposalResolved(Guid.NewGuid(), Guid.NewGuid(), "district-04", 2030, "Evening bus to the industrial park",
            "TRANSPORT", "Shift workers walk home after 22:00.", 3_500_000, Now);

        await PublishFourTimesAndWaitAsync(resolution);

        var proposals = await InDatabaseAsync(db => db.Projects.Where(p => p.SourceResolutionId == resolution.ResolutionId).ToListAsync());
        var proposal = Assert.Single(proposals);
        Assert.True(await InDatabaseAsync(db => Task.FromResult(db.Database.IsNpgsql())));
        Assert.Equal((2030, ProposerKind.Deliberation, ProjectStatus.Proposed, 3_500_000L, false),
            (proposal.Year, proposal.ProposerKind, proposal.Status, proposal.EstimatedCostYuan, proposal.Late));
        var announced = await InDatabaseAsync(db => db.OutboxMessages.Where(m => m.Type.Contains(nameof(ProjectProposed))).ToListAsync());
        Assert.Single(announced, m => ((ProjectProposed)m.Deserialize(typeof(ProjectProposed))).ProjectId == proposal.Id);
        // three messages, one inbox row each; the two later ones found the resolution already recorded
        Assert.Equal(3, await InDatabaseAsync(db => db.InboxMessages.CountAsync(m => m.Consumer == nameof(DeliberationProposalRecorder))));
    }

    [Fact]
    public async Task An_approvals_issuance_completes_the_linked_milestone_once_however_often_it_arrives()
    {
        fixture.RequireDocker();
        var permit = Guid.NewGuid();
        var (projectId, milestoneId) = await SeedProjectWaitingForAsync(permit);
        var issued = new CertificateIssued(permit, "HC-011", "dept-housing-construction", "dept-housing-construction", "district-03",
            "LG-2031-000123", Now.AddDays(20));

        await PublishFourTimesAndWaitAsync(issued);

        var project = await InDatabaseAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId));
        var milestone = project.Milestones.Single(m => m.Id == milestoneId);
        Assert.Equal(Now.AddDays(20), milestone.CompletedAt);
        Assert.Equal((25, ProjectStatus.InProgress), (project.ProgressPercent, project.Status));
        var completions = await InDatabaseAsync(db => db.OutboxMessages.Where(m => m.Type.Contains(nameof(MilestoneCompleted))).ToListAsync());
        Assert.Single(completions, m => ((MilestoneCompleted)m.Deserialize(typeof(MilestoneCompleted))).MilestoneId == milestoneId);
    }

    [Fact]
    public async Task Flow4_an_sla_warning_delivered_twice_raises_the_linked_projects_delay_risk_once()
    {
        fixture.RequireDocker();
        var permit = Guid.NewGuid();
        var (projectId, milestoneId) = await SeedProjectWaitingForAsync(permit);
        var warning = new SlaWarningRaised(Guid.NewGuid(), permit, "HC-011", "dept-housing-construction", "APPLICATION", SlaWarningRaised.Yellow,
            new DateOnly(2031, 3, 20), 18, 20, Now.AddDays(10));

        await PublishFourTimesAndWaitAsync(warning);

        var project = await InDatabaseAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId));
        var atRisk = project.DelayRisk;
        Assert.NotNull(atRisk);
        Assert.Equal((milestoneId, DelayRiskLevel.Yellow, Now.AddDays(10), new DateOnly(2031, 3, 20)),
            (atRisk.Id, atRisk.RiskLevel, atRisk.RiskRaisedAt, atRisk.RiskApplicationDueOn));
        var raised = await InDatabaseAsync(db => db.OutboxMessages.Where(m => m.Type.Contains(nameof(ProjectDelayRiskRaised))).ToListAsync());
        var announced = Assert.Single(raised, m => ((ProjectDelayRiskRaised)m.Deserialize(typeof(ProjectDelayRiskRaised))).ProjectId == projectId);
        Assert.Equal("YELLOW", ((ProjectDelayRiskRaised)announced.Deserialize(typeof(ProjectDelayRiskRaised))).Level);
        // the at-risk filter's query runs on PostgreSQL too
        Assert.True(await InDatabaseAsync(db => db.Projects.AnyAsync(p => p.Id == projectId && p.Milestones.Any(m => m.RiskLevel != null && m.CompletedAt == null))));
    }

    /// <summary>An adopted project of 2031 in implementation (the cycle stored once): a permit milestone (weight 1) linked to the application, works (3).</summary>
    private async Task<(Guid Project, Guid Milestone)> SeedProjectWaitingForAsync(Guid applicationId)
    {
        var office = new Caller("office-1", PlatformRoles.Clerk, null, LivelihoodAccess.OfficeDepartment);
        var cycle = Cycle.Open(new CycleRules(2031, BallotKind.Approval, 1, 0, [], []), Now);
        var project = Project.Propose(new ProjectDraft(2031, "Covered market hall", ProjectCategory.UrbanConstruction, ["district-03"], 20_000_000,
            "The open market floods."), office, cycle, Now);
        cycle.Advance(CyclePhase.Screening, Now);
        project.AcceptAsCandidate(cycle, "dept-housing-construction", 20_000_000, new DateOnly(2031, 12, 31));
        cycle.Advance(CyclePhase.CandidateList, Now);
        cycle.SetBudget(new FiscalFigures(2_200_000_000, 2_000_000_000, 3_300_000_000, 3_000_000_000), 150_000_000);
        cycle.Advance(CyclePhase.Vote, Now);
        project.ApplyVote(new CountedCandidate(project.Id, 1, 12, 12, false, VoteOutcome.Adopted), Now);
        cycle.CloseVote(Now);
        var permit = project.AddMilestone(cycle, new MilestoneDraft("Building permit", 1, new DateOnly(2031, 6, 30), applicationId, 0), Now);
        project.AddMilestone(cycle, new MilestoneDraft("Construction", 3, new DateOnly(2031, 11, 30), null, 18_000_000), Now);
        await InDatabaseAsync(async db =>
        {
            // the tests share the database: the first one to seed stores the cycle
            if (!await db.Cycles.AnyAsync(c => c.Year == cycle.Year)) db.Cycles.Add(cycle);
            db.Projects.Add(project);
            return await db.SaveChangesAsync();
        });
        return (project.Id, permit.Id);
    }
}
