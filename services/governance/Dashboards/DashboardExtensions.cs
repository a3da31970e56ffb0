using Longgang.Platform.Messaging;

namespace Longgang.Governance.Dashboards;

public static class DashboardExtensions
{
    /// <summary>The dashboards' read model: its merge, its consumers (one per event type) and its queries.</summary>
    public static WebApplicationBuilder AddDashboards(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DashboardMerger>();
        builder.Services.AddScoped<DashboardHandlers>();
        builder.AddIntegrationEventConsumer<DashboardApplicationSubmittedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardApplicationAcceptedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardApplicationNotAcceptedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardApplicationDecidedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardSlaWarningRaisedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardApplicationEvaluatedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardVisitLimitExceededConsumer>();
        builder.AddIntegrationEventConsumer<DashboardCaseReportedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardCaseDispatchedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardCaseReturnedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardCaseReassignedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardCaseEscalatedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardCaseClosedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardMediationConcludedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardCertificationAppliedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardTalentCertifiedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardPositionApplicationMovedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardEntitlementApprovedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardEntitlementPaidConsumer>();
        builder.AddIntegrationEventConsumer<DashboardEntitlementExpiredConsumer>();
        builder.AddIntegrationEventConsumer<DashboardProjectProposedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardProjectAdoptedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardMilestoneCompletedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardProjectDelayRiskRaisedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardVoteCountedConsumer>();
        builder.AddIntegrationEventConsumer<DashboardHeartbeatRecorder>();
        builder.AddIntegrationEventConsumer<DashboardReplayBatchConsumer>();
        return builder;
    }
}
