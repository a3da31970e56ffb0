using Longgang.Approvals;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Data;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Bench;

/// <summary>
/// The approvals write path without HTTP: the service's DbContext, its outbox and the product's outbox relay
/// publishing to the same RabbitMQ, in the bench process. Its own database (approvals_bench on the same server),
/// so the approvals process's relay never competes for its rows. Suite 2's baseline and suite 3's event source.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    public const string DatabaseName = "approvals_bench";
    private static readonly Caller Citizen = new("citizen-bench", PlatformRoles.Citizen, null, null);
    private readonly IHost _host;

    private BenchHost(IHost host) => _host = host;

    public static async Task<BenchHost> StartAsync(Infrastructure infrastructure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // a pool cap: PostgreSQL's 100 connections are shared with the services
            ["ConnectionStrings:approvals"] = infrastructure.Database(DatabaseName, maxPoolSize: 32),
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMq.GetConnectionString(),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddServiceDatabase<ApprovalsDbContext>(ApprovalsExtensions.DatabaseName);
        builder.Services.AddScoped<IDatabaseSeeder<ApprovalsDbContext>, MatterCatalogueSeeder>();
        builder.AddMessaging();
        var host = builder.Build();
        await host.StartAsync();
        return new BenchHost(host);
    }

    /// <summary>
    /// What SubmitApplication does, minus HTTP, gRPC and auth: look up the matter, build the application, insert it
    /// and its ApplicationSubmitted outbox row in one SaveChanges. The relay (woken by the commit) publishes it.
    /// </summary>
    public async Task<Guid> SubmitAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        var matter = await db.CurrentMatterAsync("MS-001", cancellationToken);
        var application = Application.Submit(matter,
            new SubmissionDraft("MS-001", null, "Li Lei", Channel.ServiceHall, "district-03", ["application form"]),
            Citizen, DateTimeOffset.UtcNow);
        db.Applications.Add(application);
        db.AddIntegrationEvent(new ApplicationSubmitted(application.Id, application.MatterCode, application.DepartmentCode,
            application.ApplicantId, ApplicationSubmitted.ServiceHallChannel, application.DistrictCode, application.SubmittedAt));
        await db.SaveChangesAsync(cancellationToken);
        return application.Id;
    }

    public async Task<int> UnsentAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
        return await db.OutboxMessages.CountAsync(m => m.SentAt == null);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
