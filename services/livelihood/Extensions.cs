using Longgang.Livelihood.Data;
using Longgang.Livelihood.Grpc;
using Longgang.Platform;
using Longgang.Platform.Data;

namespace Longgang.Livelihood;

public static class LivelihoodExtensions
{
    public const string DatabaseName = "livelihood";

    public static WebApplicationBuilder AddLivelihood(this WebApplicationBuilder builder)
    {
        builder.AddGrpcApi();
        builder.AddServiceDatabase<LivelihoodDbContext>(DatabaseName);
        return builder;
    }

    public static WebApplication MapLivelihood(this WebApplication app)
    {
        app.MapGrpcService<LivelihoodGrpcService>().RequireAuthorization();
        return app;
    }
}
