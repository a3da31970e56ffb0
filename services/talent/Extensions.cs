using Longgang.Platform;
using Longgang.Platform.Audit;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Localization;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;
using Longgang.Talent.Data;
using Longgang.Talent.Grpc;
using Longgang.Talent.Messaging;

namespace Longgang.Talent;

public static class TalentExtensions
{
    public const string DatabaseName = "talent";

    public static WebApplicationBuilder AddTalent(this WebApplicationBuilder builder)
    {
        builder.AddGrpcApi();
        builder.Services.AddPlatformText<Resources.Messages>();
        builder.AddServiceDatabase<TalentDbContext>(DatabaseName);
        builder.AddCalendarYears<TalentDbContext, CalendarYearRecorder>();
        builder.AddAuditLog<TalentGrpcService, TalentDbContext>();
        builder.Services.AddScoped<CertificationRequests>();
        builder.Services.AddScoped<MyDataRequests>();
        builder.Services.AddScoped<ObjectionRequests>();
        builder.Services.AddScoped<ProgrammeRequests>();
        builder.Services.AddScoped<ClaimRequests>();
        builder.Services.AddScoped<PositionRequests>();
        builder.Services.AddScoped<PositionApplicationRequests>();
        builder.Services.AddScoped<TalentReports>();
        builder.Services.AddScoped<IDatabaseSeeder<TalentDbContext>, TierCatalogueSeeder>();
        // after the catalogue, which the demo's certifications are applied under; only the embedded host turns it on
        if (builder.Configuration.GetValue<bool>("Demo:Enabled")) builder.Services.AddScoped<IDatabaseSeeder<TalentDbContext>, DemoSeeder>();
        builder.Services.AddScoped<EntitlementExpiryWarningPass>();
        builder.Services.AddScoped<EntitlementExpiryPass>();
        builder.Services.AddScoped<IClockReprojector<TalentDbContext>, NoticeClockReprojector>();
        if (!builder.IsMigrationRun()) builder.Services.AddHostedService<EntitlementExpiryJob>();
        builder.AddServiceHeartbeat(DatabaseName);
        builder.AddIntegrationEventConsumer<DashboardReplayer>();
        builder.AddIntegrationEventConsumer<ApprovalsDecisionHandler>();
        builder.AddIntegrationEventConsumer<ApprovalsNotAcceptedHandler>();
        // the applicant for certification, the claimant and the candidate hear of their records
        builder.AddCitizenNotifications<TalentDbContext>();
        builder.AddIntegrationEventConsumer<TalentNotificationPreferencesConsumer>();
        builder.AddIntegrationEventConsumer<CertificationNoticeNotifier>();
        builder.AddIntegrationEventConsumer<CertificationObjectionNotifier>();
        builder.AddIntegrationEventConsumer<CertificationDecisionNotifier>();
        builder.AddIntegrationEventConsumer<ClaimApprovedNotifier>();
        builder.AddIntegrationEventConsumer<ClaimPaidNotifier>();
        builder.AddIntegrationEventConsumer<ClaimExpiringNotifier>();
        builder.AddIntegrationEventConsumer<PositionApplicationNotifier>();
        return builder;
    }

    public static WebApplication MapTalent(this WebApplication app)
    {
        app.MapGrpcService<TalentGrpcService>().RequireAuthorization();
        app.MapGrpcService<TalentNotificationsGrpcService>().RequireAuthorization();
        app.MapAuditLog<TalentDbContext>("/api/talent/v1");
        return app;
    }
}
