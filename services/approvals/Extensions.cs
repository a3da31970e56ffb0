using Longgang.Approvals.Data;
using Longgang.Approvals.Grpc;
using Longgang.Platform;
using Longgang.Platform.Data;

namespace Longgang.Approvals;

public static class ApprovalsExtensions
{
    public const string DatabaseName = "approvals";

    public static WebApplicationBuilder AddApprovals(this WebApplicationBuilder builder)
    {
        builder.AddGrpcApi();
        builder.AddServiceDatabase<ApprovalsDbContext>(DatabaseName);
        builder.Services.AddScoped<IDatabaseSeeder<ApprovalsDbContext>, MatterCatalogueSeeder>();
        return builder;
    }

    public static WebApplication MapApprovals(this WebApplication app)
    {
        app.MapGrpcService<ApprovalsGrpcService>().RequireAuthorization();
        return app;
    }
}
