using Longgang.Livelihood.Data;
using Longgang.Livelihood.Grpc;
using Longgang.Platform;
using Longgang.Platform.Audit;
using Longgang.Platform.Data;

namespace Longgang.Livelihood;

public static class LivelihoodExtensions
{
    public const string DatabaseName = "livelihood";

    public static WebApplicationBuilder AddLivelihood(this WebApplicationBuilder builder)
    {
        builder.AddGrpcApi();
        builder.AddServiceDatabase<LivelihoodDbContext>(DatabaseName);
        builder.AddAuditLog<LivelihoodGrpcService, LivelihoodDbContext>();
        return builder;
    }

    public static WebApplication MapLivelihood(this WebApplication app)
    {
        app.MapGrpcService<LivelihoodGrpcService>().RequireAuthorization();
        app.MapAuditLog<LivelihoodDbContext>("/api/livelihood/v1");
        return app;
    }
}
