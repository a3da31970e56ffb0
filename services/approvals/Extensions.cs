using Longgang.Approvals.Data;
using Longgang.Approvals.Documents;
using Longgang.Approvals.Grpc;
using Longgang.Approvals.Messaging;
using Longgang.Platform;
using Longgang.Platform.Api.OpenData;
using Longgang.Platform.Audit;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Files;
using Longgang.Platform.Localization;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;

namespace Longgang.Approvals;

public static class ApprovalsExtensions
{
    public const string DatabaseName = "approvals";

    public static WebApplicationBuilder AddApprovals(this WebApplicationBuilder builder)
    {
        builder.AddGrpcApi();
        builder.Services.AddPlatformText<Resources.Messages>();
        builder.AddServiceDatabase<ApprovalsDbContext>(DatabaseName);
        builder.AddCalendarYears<ApprovalsDbContext, CalendarYearRecorder>();
        builder.AddAuditLog<ApprovalsGrpcService, ApprovalsDbContext>();
        builder.AddFileAttachments<ApprovalsDbContext>(DatabaseName);
        builder.Services.AddScoped<IDatabaseSeeder<ApprovalsDbContext>, MatterCatalogueSeeder>();
        // the embedded host's demo only (its Program.cs turns it on), after the catalogue it submits to
        if (builder.Configuration.GetValue<bool>("Demo:Enabled"))
            builder.Services.AddScoped<IDatabaseSeeder<ApprovalsDbContext>, DemoSeeder>();
        builder.Services.AddScoped<MatterCatalogue>();
        builder.Services.AddScoped<SlaWarningQueries>();
        builder.Services.AddScoped<ApplicationList>();
        builder.Services.AddScoped<WorkQueue>();
        builder.Services.AddScoped<MyDataRequests>();
        builder.Services.AddScoped<PerformanceReports>();
        builder.Services.AddOpenDataset<OnTimeDataset>("approvals");
        builder.Services.AddScoped<SlaSupervision>();
        builder.Services.AddSingleton<SlaMetrics>();
        builder.Services.AddSingleton<DocumentFont>();
        builder.Services.AddSingleton<PdfRenderer>();
        builder.Services.AddScoped<DocumentPrinter>();
        builder.Services.AddHealthChecks().AddCheck<DocumentFontCheck>(DocumentFontCheck.Name, tags: [HealthTags.Ready]);
        if (!builder.IsMigrationRun()) builder.Services.AddHostedService<SlaSupervisor>();
        // here rather than in AddServiceDefaults: only services that write to citizens need it, not the gateway
        builder.AddCitizenNotifications<ApprovalsDbContext>();
        builder.AddServiceHeartbeat(DatabaseName);
        builder.AddIntegrationEventConsumer<ApprovalsNotificationPreferencesConsumer>();
        builder.AddIntegrationEventConsumer<ApplicantNotifier>();
        builder.AddIntegrationEventConsumer<CorrectionNotifier>();
        builder.AddIntegrationEventConsumer<NotAcceptedNotifier>();
        builder.AddIntegrationEventConsumer<DecisionNotifier>();
        builder.AddIntegrationEventConsumer<CertificateNotifier>();
        builder.AddIntegrationEventConsumer<ApplicationRequestHandler>();
        builder.AddIntegrationEventConsumer<DashboardReplayer>();
        builder.Services.AddScoped<IClockReprojector<ApprovalsDbContext>, ApplicationClockReprojector>();
        return builder;
    }

    public static WebApplication MapApprovals(this WebApplication app)
    {
        app.MapGrpcService<ApprovalsGrpcService>().RequireAuthorization();
        app.MapAuditLog<ApprovalsDbContext>("/api/approvals/v1");
        app.MapOpenData("approvals");
        app.MapApplicationFiles();
        app.MapGrpcService<NotificationsGrpcService>().RequireAuthorization();
        return app;
    }
}
