using Longgang.Approvals;
using Longgang.Approvals.Data;
using Longgang.Platform.Data;
using Longgang.Platform.Messaging;

namespace Longgang.Bench;

/// <summary>
/// The product's outbox relay for approvals' DbContext, publishing to the same RabbitMQ, in the bench process. Its
/// own database (approvals_bench on the same server, migrated like approvals' at start), so the approvals process's
/// relay never competes for its rows: suite 3's events are inserted there by <see cref="RawSubmissions"/>, and this
/// relay, woken after each commit as the service's own SaveChanges wakes it, publishes them.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    public const string DatabaseName = "approvals_bench";
    private readonly IHost _host;
    private readonly OutboxSignal _signal;

    private BenchHost(IHost host)
    {
        _host = host;
        _signal = host.Services.GetRequiredService<OutboxSignal>();
    }

    public static async Task<BenchHost> StartAsync(Infrastructure infrastructure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // a pool cap: PostgreSQL's 100 connections are shared with the services
            ["ConnectionStrings:approvals"] = infrastructure.Database(DatabaseName, maxPoolSize: 8),
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMq.GetConnectionString(),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddServiceDatabase<ApprovalsDbContext>(ApprovalsExtensions.DatabaseName);
        builder.AddMessaging();
        var host = builder.Build();
        await host.StartAsync();
        return new BenchHost(host);
    }

    /// <summary>Wakes the relay, as the service's SaveChanges does after a commit that queued events.</summary>
    public void NotifyRelay() => _signal.Notify(typeof(ApprovalsDbContext));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
