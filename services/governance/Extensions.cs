using Longgang.Governance.Dashboards;
using Longgang.Governance.Data;
using Longgang.Governance.Grpc;
using Longgang.Governance.Messaging;
using Longgang.Platform;
using Longgang.Platform.Audit;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Files;
using Longgang.Platform.Localization;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;

namespace Longgang.Governance;

public static class GovernanceExtensions
{
    public const string DatabaseName = "governance";

    public static WebApplicationBuilder AddGovernance(this WebApplicationBuilder builder)
    {
        builder.AddGrpcApi();
        builder.Services.AddPlatformText<Resources.Messages>();
        builder.AddServiceDatabase<GovernanceDbContext>(DatabaseName);
        builder.AddCalendarYears<GovernanceDbContext, CalendarYearRecorder>();
        builder.AddAuditLog<GovernanceGrpcService, GovernanceDbContext>();
        builder.AddAuditLog<CalendarGrpcService, GovernanceDbContext>();
        builder.AddFileAttachments<GovernanceDbContext>(DatabaseName);
        builder.Services.AddScoped<IDatabaseSeeder<GovernanceDbContext>, DistrictDirectorySeeder>();
        // the embedded host's demo, after the directory it places its cases in
        if (builder.Configuration.GetValue<bool>("Demo:Enabled"))
        {
            builder.Services.AddScoped<IDatabaseSeeder<GovernanceDbContext>, DemoSeeder>();
            builder.Services.AddScoped<IDatabaseSeeder<GovernanceDbContext>, DashboardDemoSeeder>();
        }
        builder.Services.AddScoped<DistrictHandlers>();
        builder.Services.AddScoped<CaseHandlers>();
        builder.Services.AddScoped<MyDataRequests>();
        builder.Services.AddScoped<GridTeamHandlers>();
        builder.Services.AddScoped<StaffingHandlers>();
        builder.Services.AddScoped<CaseOwners>();
        builder.Services.AddScoped<MeetingHandlers>();
        builder.Services.AddScoped<MediationHandlers>();
        builder.Services.AddScoped<ServiceComplexHandlers>();
        builder.Services.AddScoped<Indicators.CityIndicatorHandlers>();
        builder.Services.AddSingleton(HotspotRuleFrom(builder.Configuration));
        builder.AddServiceHeartbeat(DatabaseName);
        builder.AddIntegrationEventConsumer<DashboardReplayer>();
        builder.AddIntegrationEventConsumer<ServiceHallSubmissionCounter>();
        builder.AddIntegrationEventConsumer<ServiceHallDecisionCounter>();
        builder.AddIntegrationEventConsumer<FollowUpCaseOpener>();
        // flow 1: a case waiting for the application a grid worker made for the citizen
        builder.AddCitizenNotifications<GovernanceDbContext>();
        builder.AddIntegrationEventConsumer<GovernanceNotificationPreferencesConsumer>();
        builder.AddIntegrationEventConsumer<WaitingCaseLinker>();
        builder.AddIntegrationEventConsumer<WaitingCaseCorrectionRecorder>();
        builder.AddIntegrationEventConsumer<WaitingCaseAcceptanceRecorder>();
        builder.AddIntegrationEventConsumer<WaitingCaseResumer>();
        builder.AddIntegrationEventConsumer<NotAcceptedCaseResumer>();
        builder.AddIntegrationEventConsumer<HotspotDetector>();
        builder.AddIntegrationEventConsumer<CaseOwnerNotifier>();
        builder.AddIntegrationEventConsumer<CaseReassignmentNotifier>();
        // the citizen who reported a case hears of its dispatch, handling and closure
        builder.AddIntegrationEventConsumer<CaseDispatchedNotifier>();
        builder.AddIntegrationEventConsumer<CaseHandledNotifier>();
        builder.AddIntegrationEventConsumer<CaseClosedNotifier>();
        builder.AddDashboards();
        builder.Services.AddScoped<CaseEscalation>();
        builder.Services.AddScoped<IClockReprojector<GovernanceDbContext>, CaseClockReprojector>();
        if (!builder.IsMigrationRun()) builder.Services.AddHostedService<CaseEscalator>();
        return builder;
    }

    /// <summary>Governance:Hotspots:Cases (default 3) cases within Governance:Hotspots:WindowDays (default 30) days.</summary>
    internal static Domain.HotspotRule HotspotRuleFrom(IConfiguration configuration)
    {
        var defaults = new Domain.HotspotRule();
        var rule = new Domain.HotspotRule(
            configuration.GetValue("Governance:Hotspots:Cases", defaults.Cases),
            configuration.GetValue("Governance:Hotspots:WindowDays", defaults.WindowDays));
        if (rule.Cases < 2 || rule.WindowDays < 1)
            throw new InvalidOperationException("Governance:Hotspots needs Cases of at least 2 and WindowDays of at least 1.");
        return rule;
    }

    public static WebApplication MapGovernance(this WebApplication app)
    {
        app.MapGrpcService<GovernanceGrpcService>().RequireAuthorization();
        // every RPC needs a token except reading a calendar year, which carries [AllowAnonymous]
        app.MapGrpcService<CalendarGrpcService>().RequireAuthorization();
        app.MapGrpcService<GovernanceNotificationsGrpcService>().RequireAuthorization();
        app.MapAuditLog<GovernanceDbContext>("/api/governance/v1");
        app.MapCaseFiles();
        return app;
    }
}
