using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Platform.Messaging;
using Longgang.Talent.Contracts.Events.V1;

namespace Longgang.Governance.Dashboards;

// One consumer per event type (each its own queue and inbox name), all handing the event to the one merge.

/// <summary>Base of the read model's consumers: the inbox drops a redelivery, the merge makes any order end the same.</summary>
public abstract class DashboardConsumer<TEvent>(GovernanceDbContext db, OutboxSignal outboxSignal, DashboardMerger merger)
    : IdempotentConsumer<TEvent, GovernanceDbContext>(db, outboxSignal)
    where TEvent : class
{
    protected override Task HandleAsync(TEvent message, CancellationToken cancellationToken) => merger.MergeAsync(message, cancellationToken);
}

public sealed class DashboardApplicationSubmittedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<ApplicationSubmitted>(db, s, m);
public sealed class DashboardApplicationAcceptedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<ApplicationAccepted>(db, s, m);
public sealed class DashboardApplicationNotAcceptedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<ApplicationNotAccepted>(db, s, m);
public sealed class DashboardApplicationDecidedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<ApplicationDecided>(db, s, m);
public sealed class DashboardSlaWarningRaisedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<SlaWarningRaised>(db, s, m);
public sealed class DashboardApplicationEvaluatedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<ApplicationEvaluated>(db, s, m);
public sealed class DashboardVisitLimitExceededConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<VisitLimitExceeded>(db, s, m);

public sealed class DashboardCaseReportedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<CaseReported>(db, s, m);
public sealed class DashboardCaseDispatchedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<CaseDispatched>(db, s, m);
public sealed class DashboardCaseReturnedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<CaseReturned>(db, s, m);
public sealed class DashboardCaseReassignedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<CaseReassigned>(db, s, m);
public sealed class DashboardCaseEscalatedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<CaseEscalated>(db, s, m);
public sealed class DashboardCaseClosedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<CaseClosed>(db, s, m);
public sealed class DashboardMediationConcludedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<MediationConcluded>(db, s, m);

public sealed class DashboardCertificationAppliedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<CertificationApplied>(db, s, m);
public sealed class DashboardTalentCertifiedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<TalentCertified>(db, s, m);
public sealed class DashboardPositionApplicationMovedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<PositionApplicationMoved>(db, s, m);
public sealed class DashboardEntitlementApprovedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<EntitlementApproved>(db, s, m);
public sealed class DashboardEntitlementPaidConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<EntitlementPaid>(db, s, m);
public sealed class DashboardEntitlementExpiredConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<EntitlementExpired>(db, s, m);

public sealed class DashboardProjectProposedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<ProjectProposed>(db, s, m);
public sealed class DashboardProjectAdoptedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<ProjectAdopted>(db, s, m);
public sealed class DashboardMilestoneCompletedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<MilestoneCompleted>(db, s, m);
public sealed class DashboardProjectDelayRiskRaisedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<ProjectDelayRiskRaised>(db, s, m);
public sealed class DashboardVoteCountedConsumer(GovernanceDbContext db, OutboxSignal s, DashboardMerger m) : DashboardConsumer<VoteCounted>(db, s, m);
