using Longgang.Governance.Data;
using Longgang.Governance.Grpc;
using Longgang.Governance.Messaging;
using Longgang.Platform;
using Longgang.Platform.Audit;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
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
        builder.Services.AddScoped<IDatabaseSeeder<GovernanceDbContext>, DistrictDirectorySeeder>();
        // the embedded host's demo, after the directory it places its cases in
        if (builder.Configuration.GetValue<bool>("Demo:Enabled"))
            builder.Services.AddScoped<IDatabaseSeeder<GovernanceDbContext>, DemoSeeder>();
        builder.Services.AddScoped<DistrictHandlers>();
        builder.Services.AddScoped<CaseHandlers>();
        builder.Services.AddScoped<GridTeamHandlers>();
        builder.Services.AddScoped<StaffingHandlers>();
        builder.Services.AddScoped<CaseOwners>();
        builder.Services.AddScoped<MeetingHandlers>();
        builder.Services.AddScoped<MediationHandlers>();
        builder.AddIntegrationEventConsumer<ServiceHallSubmissionCounter>();
        builder.AddIntegrationEventConsumer<ServiceHallDecisionCounter>();
        builder.AddIntegrationEventConsumer<FollowUpCaseOpener>();
        builder.AddIntegrationEventConsumer<CaseOwnerNotifier>();
        builder.AddIntegrationEventConsumer<CaseReassignmentNotifier>();
        builder.AddCitizenNotifications<GovernanceDbContext>(); // escalated and reassigned cases' owners hear of them
        builder.Services.AddScoped<CaseEscalation>();
        builder.Services.AddScoped<IClockReprojector<GovernanceDbContext>, CaseClockReprojector>();
        if (!builder.IsMigrationRun()) builder.Services.AddHostedService<CaseEscalator>();
        return builder;
    }

    public static WebApplication MapGovernance(this WebApplication app)
    {
        app.MapGrpcService<GovernanceGrpcService>().RequireAuthorization();
        // every RPC needs a token except reading a calendar year, which carries [AllowAnonymous]
        app.MapGrpcService<CalendarGrpcService>().RequireAuthorization();
        app.MapAuditLog<GovernanceDbContext>("/api/governance/v1");
        return app;
    }
}
