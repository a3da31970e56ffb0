using Longgang.Livelihood.Data;
using Longgang.Livelihood.Grpc;
using Longgang.Livelihood.Messaging;
using Longgang.Platform;
using Longgang.Platform.Api.OpenData;
using Longgang.Platform.Audit;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Localization;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;

namespace Longgang.Livelihood;

public static class LivelihoodExtensions
{
    public const string DatabaseName = "livelihood";

    public static WebApplicationBuilder AddLivelihood(this WebApplicationBuilder builder)
    {
        builder.AddGrpcApi();
        builder.Services.AddPlatformText<Resources.Messages>();
        builder.AddServiceDatabase<LivelihoodDbContext>(DatabaseName);
        builder.AddCalendarYears<LivelihoodDbContext, CalendarYearRecorder>();
        builder.AddAuditLog<LivelihoodGrpcService, LivelihoodDbContext>();
        builder.Services.AddScoped<ProposalRequests>();
        builder.Services.AddScoped<MyDataRequests>();
        builder.Services.AddScoped<ProjectLists>();
        builder.Services.AddScoped<CycleRequests>();
        builder.Services.AddScoped<ScreeningRequests>();
        builder.Services.AddScoped<VoteRequests>();
        builder.Services.AddScoped<ImplementationRequests>();
        builder.Services.AddScoped<EvaluationRequests>();
        builder.Services.AddScoped<PublicBoardQuery>();
        builder.Services.AddOpenDataset<LivelihoodBoardDataset>("livelihood");
        // the demo only where the embedded host turns it on, never in a deployment
        if (builder.Configuration.GetValue<bool>("Demo:Enabled"))
            builder.Services.AddScoped<IDatabaseSeeder<LivelihoodDbContext>, DemoSeeder>();
        builder.AddServiceHeartbeat(DatabaseName);
        builder.AddIntegrationEventConsumer<DashboardReplayer>();
        builder.AddIntegrationEventConsumer<DeliberationProposalRecorder>();
        builder.AddIntegrationEventConsumer<HotspotProposalRecorder>();
        builder.AddIntegrationEventConsumer<MilestoneCertificateRecorder>();
        builder.AddIntegrationEventConsumer<DelayRiskRecorder>();
        // the citizen or deputy who proposed a project hears of its screening, the vote and its adoption
        builder.AddCitizenNotifications<LivelihoodDbContext>();
        builder.AddIntegrationEventConsumer<LivelihoodNotificationPreferencesConsumer>();
        builder.AddIntegrationEventConsumer<ProposalScreenedNotifier>();
        builder.AddIntegrationEventConsumer<ProposalVotedNotifier>();
        builder.AddIntegrationEventConsumer<ProposalAdoptedNotifier>();
        return builder;
    }

    public static WebApplication MapLivelihood(this WebApplication app)
    {
        // every RPC needs a token except the public board's, which carry [AllowAnonymous]
        app.MapGrpcService<LivelihoodGrpcService>().RequireAuthorization();
        app.MapGrpcService<LivelihoodNotificationsGrpcService>().RequireAuthorization();
        app.MapAuditLog<LivelihoodDbContext>("/api/livelihood/v1");
        app.MapOpenData("livelihood");
        return app;
    }
}
