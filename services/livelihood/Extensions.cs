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
        builder.AddIntegrationEventConsumer<DeliberationProposalRecorder>();
        builder.AddIntegrationEventConsumer<HotspotProposalRecorder>();
        builder.AddIntegrationEventConsumer<MilestoneCertificateRecorder>();
        builder.AddIntegrationEventConsumer<DelayRiskRecorder>();
        return builder;
    }

    public static WebApplication MapLivelihood(this WebApplication app)
    {
        // every RPC needs a token except the public board's, which carry [AllowAnonymous]
        app.MapGrpcService<LivelihoodGrpcService>().RequireAuthorization();
        app.MapAuditLog<LivelihoodDbContext>("/api/livelihood/v1");
        app.MapOpenData("livelihood");
        return app;
    }
}
