using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Platform.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Longgang.Platform.IntegrationTests;

/// <summary>The outbox relay as several replicas run it, on a real PostgreSQL (a database of its own).</summary>
[Collection(PlatformCollection.Name)]
public sealed class OutboxRelayOnPostgresTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_relay_skips_the_rows_another_replica_is_publishing_so_each_row_goes_out_once()
    {
        platform.RequireDocker();
        var database = $"outbox_{Guid.NewGuid():N}"[..20];
        var connectionString = platform.ConnectionString(database);
        var services = new ServiceCollection()
            .AddSingleton<OutboxSignal>()
            .AddDbContext<GovernanceDbContext>(o => o.UseNpgsql(connectionString))
            .AddMassTransitTestHarness()
            .BuildServiceProvider();
        await using var _ = services;
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        long[] ids;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            await db.Database.EnsureCreatedAsync();
            for (var i = 0; i < 150; i++)
            {
                db.AddIntegrationEvent(new LivelihoodProposalResolved(Guid.NewGuid(), Guid.NewGuid(), "district-01", 2026, $"relay-{i}",
                    "TRANSPORT", "a relay test", null, DateTimeOffset.UtcNow));
            }

            await db.SaveChangesAsync();
            ids = await db.OutboxMessages.OrderBy(m => m.Id).Select(m => m.Id).ToArrayAsync();
        }
        var relay = new OutboxRelay<GovernanceDbContext>(services.GetRequiredService<IServiceScopeFactory>(),
            harness.Bus, services.GetRequiredService<OutboxSignal>(), NullLogger<OutboxRelay<GovernanceDbContext>>.Instance);

        // another replica's relay holds the oldest 50 rows, in the middle of publishing them
        await using var otherReplica = new NpgsqlConnection(connectionString);
        await otherReplica.OpenAsync();
        await using var held = await otherReplica.BeginTransactionAsync();
        await using (var lockRows = new NpgsqlCommand("""SELECT 1 FROM outbox_messages WHERE "Id" = ANY(@ids) FOR UPDATE""", otherReplica, held))
        {
            lockRows.Parameters.AddWithValue("ids", ids[..50]);
            await lockRows.ExecuteNonQueryAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // without SKIP LOCKED the relay would wait here
        var whileHeld = await relay.PublishPendingAsync(timeout.Token) + await relay.PublishPendingAsync(timeout.Token);
        await held.RollbackAsync(); // the other replica died before marking them: its rows are free again
        var afterwards = await relay.PublishPendingAsync(timeout.Token);

        Assert.Equal(100, whileHeld);
        Assert.Equal(50, afterwards);
        var published = harness.Published.Select<LivelihoodProposalResolved>().Select(p => p.Context.MessageId).ToList();
        Assert.Equal(150, published.Count);
        Assert.Equal(150, published.Distinct().Count());
        await harness.Stop();
    }
}
