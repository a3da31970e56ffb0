using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Livelihood.Messaging;
using Longgang.Platform.Messaging;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Longgang.Livelihood.Tests.CycleWorld;

namespace Longgang.Livelihood.Tests;

/// <summary>
/// The consumers on MassTransit's in-memory test harness and SQLite, each event delivered twice under one message
/// id and once more under another. (The same on PostgreSQL and RabbitMQ: Platform.IntegrationTests' LivelihoodEventTests.)
/// </summary>
public sealed class ConsumerTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestDatabase _database = new();
    private ConsumerHarness _bus = null!;

    public async ValueTask InitializeAsync()
    {
        _bus = await ConsumerHarness.StartAsync(services => services
                .AddDbContext<LivelihoodDbContext>(options => options.UseSqlite(_database.ConnectionString))
                .AddSingleton<TimeProvider>(new FakeTimeProvider(Now)),
            bus =>
            {
                bus.AddConsumer<DeliberationProposalRecorder>();
                bus.AddConsumer<MilestoneCertificateRecorder>();
                bus.AddConsumer<HotspotProposalRecorder>();
                bus.AddConsumer<DelayRiskRecorder>();
            });
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        _database.Dispose();
    }

    /// <summary>Twice under one message id, then once under a new one; returns the consumer's faults.</summary>
    private async Task<IReadOnlyCollection<Exception>> DeliverThreeTimesAsync<T>(T message) where T : class
    {
        var deliveries = new DeliveryObserver<T>();
        using var observing = _bus.Bus.ConnectConsumeMessageObserver(deliveries);
        var messageId = Guid.NewGuid();
        await deliveries.DeliverAsync(_bus.Bus, message, messageId, Ct);
        await deliveries.DeliverAsync(_bus.Bus, message, messageId, Ct);
        await deliveries.DeliverAsync(_bus.Bus, message, Guid.NewGuid(), Ct);
        return deliveries.Faults;
    }

    private static LivelihoodProposalResolved Resolution(int year, string category = "EDUCATION") =>
        new(Guid.NewGuid(), Guid.NewGuid(), "district-06", year, "After-school care", category, "Parents work late.", null, Now);

    [Fact]
    public async Task A_case_hotspot_becomes_one_proposal_of_the_open_solicitation()
    {
        var cycle = CycleIn(CyclePhase.Solicitation);
        await using (var db = _database.NewContext())
        {
            db.Cycles.Add(cycle);
            await db.SaveChangesAsync(Ct);
        }
        var hotspot = new CaseHotspotDetected(Guid.NewGuid(), "district-06", "grid-06-01-1", "blocked drain", 3, 30, Now.AddDays(-9), Now);

        Assert.Empty(await DeliverThreeTimesAsync(hotspot));

        await using var check = _database.NewContext();
        var proposal = await check.Projects.SingleAsync(Ct);
        Assert.Equal((hotspot.HotspotId, ProposerKind.Hotspot, ProjectCategory.Environment, cycle.Year, false),
            (proposal.SourceHotspotId, proposal.ProposerKind, proposal.Category, proposal.Year, proposal.Late));
        Assert.Equal(["district-06"], proposal.DistrictCodes);
    }

    [Fact]
    public async Task A_resolution_becomes_one_deliberation_proposal()
    {
        var resolution = Resolution(2027);

        Assert.Empty(await DeliverThreeTimesAsync(resolution));

        await using var db = _database.NewContext();
        var proposal = await db.Projects.SingleAsync(Ct);
        Assert.Equal((resolution.ResolutionId, ProposerKind.Deliberation, ProjectCategory.Education, 0L, false),
            (proposal.SourceResolutionId, proposal.ProposerKind, proposal.Category, proposal.EstimatedCostYuan, proposal.Late));
        Assert.Equal(2, await db.InboxMessages.CountAsync(Ct));
    }

    [Fact]
    public async Task A_resolution_arriving_during_the_vote_is_kept_as_a_late_proposal()
    {
        await using (var db = _database.NewContext())
        {
            db.Cycles.Add(CycleIn(CyclePhase.Vote));
            await db.SaveChangesAsync(Ct);
        }

        Assert.Empty(await DeliverThreeTimesAsync(Resolution(2026)));

        await using var check = _database.NewContext();
        var proposal = await check.Projects.SingleAsync(Ct);
        Assert.Equal((ProjectStatus.Proposed, true), (proposal.Status, proposal.Late));
    }

    [Fact]
    public async Task A_resolution_with_an_unknown_category_fails_rather_than_being_dropped()
    {
        var faults = await DeliverThreeTimesAsync(Resolution(2027, "CASINOS"));

        Assert.Equal(3, faults.Count);
        await using var db = _database.NewContext();
        Assert.False(await db.Projects.AnyAsync(Ct));
        Assert.False(await db.InboxMessages.AnyAsync(Ct)); // not marked processed: a redelivery from the error queue is tried again
    }

    [Fact]
    public async Task An_issuance_completes_the_linked_milestone_once()
    {
        var permit = Guid.NewGuid();
        var (project, cycle) = Adopted();
        project.AddMilestone(cycle, new MilestoneDraft("Permit", 1, new DateOnly(2026, 6, 30), permit, 0), Now);
        project.AddMilestone(cycle, new MilestoneDraft("Works", 1, new DateOnly(2026, 10, 30), null, 0), Now);
        await using (var db = _database.NewContext())
        {
            db.Cycles.Add(cycle);
            db.Projects.Add(project);
            await db.SaveChangesAsync(Ct);
        }
        var issuedAt = Now.AddDays(40);

        Assert.Empty(await DeliverThreeTimesAsync(new CertificateIssued(permit, "HC-011", "dept-housing-construction", "citizen-1", null, "LG-1", issuedAt)));
        Assert.Empty(await DeliverThreeTimesAsync(new CertificateIssued(Guid.NewGuid(), "MS-002", "dept-market-supervision", "citizen-2", null, "LG-2", issuedAt)));

        await using var check = _database.NewContext();
        var stored = await check.Projects.SingleAsync(Ct);
        Assert.Equal((50, issuedAt), (stored.ProgressPercent, stored.Milestones.Single(m => m.LinkedApplicationId == permit).CompletedAt));
        Assert.Equal(1, await check.OutboxMessages.CountAsync(m => m.Type.Contains("MilestoneCompleted"), Ct));
    }

    private static SlaWarningRaised Warning(Guid applicationId, string level) =>
        new(Guid.NewGuid(), applicationId, "HC-011", "dept-housing-construction", "APPLICATION", level, new DateOnly(2026, 3, 20), 9, 10, Now.AddDays(30));

    [Fact]
    public async Task An_sla_warning_raises_the_linked_projects_delay_risk_once_per_level()
    {
        var permit = Guid.NewGuid();
        var (project, cycle) = Adopted();
        project.AddMilestone(cycle, new MilestoneDraft("Permit", 1, new DateOnly(2026, 6, 30), permit, 0), Now);
        await using (var db = _database.NewContext())
        {
            db.Cycles.Add(cycle);
            db.Projects.Add(project);
            await db.SaveChangesAsync(Ct);
        }

        // the same warning three times, then a YELLOW of another scope (a new warning id), and one on an unlinked application
        var yellow = Warning(permit, "YELLOW");
        Assert.Empty(await DeliverThreeTimesAsync(yellow));
        Assert.Empty(await DeliverThreeTimesAsync(yellow with { WarningId = Guid.NewGuid(), Scope = "STEP" }));
        Assert.Empty(await DeliverThreeTimesAsync(Warning(Guid.NewGuid(), "RED")));

        await using (var check = _database.NewContext())
        {
            var stored = await check.Projects.SingleAsync(Ct);
            Assert.Equal((DelayRiskLevel.Yellow, Now.AddDays(30), new DateOnly(2026, 3, 20)),
                (stored.DelayRisk?.RiskLevel, stored.DelayRisk?.RiskRaisedAt, stored.DelayRisk?.RiskApplicationDueOn));
            Assert.Equal(1, await check.OutboxMessages.CountAsync(m => m.Type.Contains("ProjectDelayRiskRaised"), Ct));
        }

        // a RED escalates, once
        Assert.Empty(await DeliverThreeTimesAsync(Warning(permit, "RED")));
        await using var after = _database.NewContext();
        Assert.Equal(DelayRiskLevel.Red, (await after.Projects.SingleAsync(Ct)).DelayRisk?.RiskLevel);
        Assert.Equal(2, await after.OutboxMessages.CountAsync(m => m.Type.Contains("ProjectDelayRiskRaised"), Ct));
    }

    [Fact]
    public async Task An_sla_warning_with_an_unknown_level_fails_rather_than_being_dropped()
    {
        var permit = Guid.NewGuid();
        var (project, cycle) = Adopted();
        project.AddMilestone(cycle, new MilestoneDraft("Permit", 1, new DateOnly(2026, 6, 30), permit, 0), Now);
        await using (var db = _database.NewContext())
        {
            db.Cycles.Add(cycle);
            db.Projects.Add(project);
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(3, (await DeliverThreeTimesAsync(Warning(permit, "PURPLE"))).Count);
        await using var check = _database.NewContext();
        Assert.Null((await check.Projects.SingleAsync(Ct)).DelayRisk);
    }
}
