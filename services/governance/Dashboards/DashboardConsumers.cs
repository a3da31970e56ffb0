using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Platform.Messaging;
using Longgang.Talent.Contracts.Events.V1;

namespace Longgang.Governance.Dashboards;

// One consumer per event type (each its own queue and inbox name), all handing the event to the one merge.

/// <summary>Base of the read model's consumers: the inbox drops a redelivery, the merge makes any order end the same.</summary>
public abstract class DashboardConsumer<TEvent>(GovernanceDbContext db, DashboardMerger merger)
    : IdempotentConsumer<TEvent, GovernanceDbContext>(db)
    where TEvent : class
{
    protected override Task HandleAsync(TEvent message, CancellationToken cancellationToken) => merger.MergeAsync(message, cancellationToken);
}

public sealed class DashboardApplicationSubmittedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<ApplicationSubmitted>(db, m);
public sealed class DashboardApplicationAcceptedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<ApplicationAccepted>(db, m);
public sealed class DashboardApplicationNotAcceptedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<ApplicationNotAccepted>(db, m);
public sealed class DashboardApplicationDecidedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<ApplicationDecided>(db, m);
public sealed class DashboardSlaWarningRaisedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<SlaWarningRaised>(db, m);
public sealed class DashboardApplicationEvaluatedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<ApplicationEvaluated>(db, m);
public sealed class DashboardVisitLimitExceededConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<VisitLimitExceeded>(db, m);

public sealed class DashboardCaseReportedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<CaseReported>(db, m);
public sealed class DashboardCaseDispatchedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<CaseDispatched>(db, m);
public sealed class DashboardCaseReturnedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<CaseReturned>(db, m);
public sealed class DashboardCaseReassignedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<CaseReassigned>(db, m);
public sealed class DashboardCaseEscalatedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<CaseEscalated>(db, m);
public sealed class DashboardCaseClosedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<CaseClosed>(db, m);
public sealed class DashboardMediationConcludedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<MediationConcluded>(db, m);

public sealed class DashboardCertificationAppliedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<CertificationApplied>(db, m);
public sealed class DashboardTalentCertifiedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<TalentCertified>(db, m);
public sealed class DashboardPositionApplicationMovedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<PositionApplicationMoved>(db, m);
public sealed class DashboardEntitlementApprovedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<EntitlementApproved>(db, m);
public sealed class DashboardEntitlementPaidConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<EntitlementPaid>(db, m);
public sealed class DashboardEntitlementExpiredConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<EntitlementExpired>(db, m);

public sealed class DashboardProjectProposedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<ProjectProposed>(db, m);
public sealed class DashboardProjectAdoptedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<ProjectAdopted>(db, m);
public sealed class DashboardMilestoneCompletedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<MilestoneCompleted>(db, m);
public sealed class DashboardProjectDelayRiskRaisedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<ProjectDelayRiskRaised>(db, m);
public sealed class DashboardVoteCountedConsumer(GovernanceDbContext db, DashboardMerger m) : DashboardConsumer<VoteCounted>(db, m);
