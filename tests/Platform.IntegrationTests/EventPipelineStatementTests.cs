using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Messaging;
using Longgang.Platform.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// The database work of the event pipeline, counted in PostgreSQL's own statement log: one consumed event (governance's
/// service-hall tally, the consumer bench/ times) and one outbox relay batch. Counts, not times: they hold on a busy
/// machine, and each extra statement is a round trip or a transaction that the throughput pays for at every event.
/// bench/README.md ("Profile: one consumed event and one relay batch") records the figures these tests print.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EventPipelineStatementTests(PlatformFixture platform, ITestOutputHelper output)
{
    /// <summary>
    /// BEGIN, the inbox insert, the tally row's read and insert, COMMIT, and the pooled connection's reset (DISCARD ALL)
    /// while Npgsql still sends one. Before this round: 12.
    /// </summary>
    private const double StatementsPerEvent = 6;

    /// <summary>BEGIN, the claim (SELECT ... FOR UPDATE SKIP LOCKED), one UPDATE for the batch, COMMIT, and a reset.</summary>
    private const int StatementsPerBatch = 5;

    [Fact]
    public async Task A_consumed_event_costs_one_transaction_and_a_bounded_number_of_statements()
    {
        platform.RequireDocker();
        const int warmUp = 3, events = 20;
        var (services, database, roundTrips) = await StartAsync(bus => bus.AddConsumer<ServiceHallSubmissionCounter>());
        await using var _ = services;
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        // the first messages pay for the model, the JIT and the pool's first connections
        await PublishAndWaitAsync(harness, warmUp, consumedBefore: 0);

        roundTrips.Reset();
        await using var log = await PostgresStatementLog.StartAsync(platform.Postgres, database);
        await PublishAndWaitAsync(harness, events, consumedBefore: warmUp);
        var counts = await log.StopAsync();

        output.WriteLine($"{events} events: {counts}; {roundTrips.Count} round trips from EF");
        output.WriteLine($"per event: {(double)counts.Statements / events:0.##} statements, {(double)counts.Transactions / events:0.##} transactions, " +
                         $"{(double)roundTrips.Count / events:0.##} round trips");
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            Assert.Equal(warmUp + events, await db.ServiceHallSubmissions.CountAsync());
        }
        Assert.Equal(events, counts.Transactions);
        Assert.True(counts.Statements <= StatementsPerEvent * events,
            $"{(double)counts.Statements / events:0.##} statements per consumed event, more than {StatementsPerEvent}: {counts}");
        await harness.Stop();
    }

    [Fact]
    public async Task A_relay_batch_marks_its_rows_sent_in_one_statement()
    {
        platform.RequireDocker();
        var (services, database, roundTrips) = await StartAsync(_ => { });
        await using var _ = services;
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var relay = new OutboxRelay<GovernanceDbContext>(services.GetRequiredService<IServiceScopeFactory>(),
            harness.Bus, services.GetRequiredService<OutboxSignal>(), NullLogger<OutboxRelay<GovernanceDbContext>>.Instance);
        await QueueEventsAsync(services, 1);
        await relay.PublishPendingAsync(TestContext.Current.CancellationToken); // warm-up

        var batch = OutboxRelay<GovernanceDbContext>.BatchSize;
        await QueueEventsAsync(services, batch);
        roundTrips.Reset();
        await using var log = await PostgresStatementLog.StartAsync(platform.Postgres, database);
        var published = await relay.PublishPendingAsync(TestContext.Current.CancellationToken);
        var counts = await log.StopAsync();

        output.WriteLine($"one batch of {published}: {counts}; {roundTrips.Count} round trips from EF");
        Assert.Equal(batch, published);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.SentAt == null));
        }
        Assert.Equal(1, counts.ByKind.GetValueOrDefault("UPDATE"));
        Assert.True(counts.Statements <= StatementsPerBatch, $"{counts.Statements} statements for one batch, more than {StatementsPerBatch}: {counts}");
        await harness.Stop();
    }

    /// <summary>Governance's database (its own, on the shared server, named in the result) as its service registers it.</summary>
    private async Task<(ServiceProvider Services, string Database, RoundTripCounter RoundTrips)> StartAsync(
        Action<IBusRegistrationConfigurator> consumers)
    {
        var database = $"pipeline_{Guid.NewGuid():N}"[..24];
        var connectionString = platform.ConnectionString(database);
        var roundTrips = new RoundTripCounter();
        var services = new ServiceCollection()
            .AddSingleton<OutboxSignal>()
            .AddDbContext<GovernanceDbContext>((provider, o) =>
                o.UseNpgsql(connectionString).AddInterceptors(provider.GetRequiredService<OutboxSignal>(), roundTrips))
            .AddMassTransitTestHarness(consumers)
            .BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().Database.EnsureCreatedAsync();
        return (services, database, roundTrips);
    }

    private static async Task PublishAndWaitAsync(ITestHarness harness, int count, int consumedBefore)
    {
        for (var i = 0; i < count; i++)
        {
            await harness.Bus.Publish(new ApplicationSubmitted(Guid.NewGuid(), "M-001", "dept-civil-affairs", "citizen-1",
                ApplicationSubmitted.ServiceHallChannel, "district-01", DateTimeOffset.UtcNow));
        }
        var consumer = harness.GetConsumerHarness<ServiceHallSubmissionCounter>();
        var consumed = 0;
        await foreach (var _ in consumer.Consumed.SelectAsync<ApplicationSubmitted>())
            if (++consumed == consumedBefore + count) return;
        throw new TimeoutException($"{consumed - consumedBefore} of {count} events consumed.");
    }

    private static async Task QueueEventsAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        for (var i = 0; i < count; i++)
        {
            db.AddIntegrationEvent(new ApplicationSubmitted(Guid.NewGuid(), "M-001", "dept-civil-affairs", "citizen-1",
                ApplicationSubmitted.ServiceHallChannel, "district-01", DateTimeOffset.UtcNow));
        }
        await db.SaveChangesAsync();
    }
}
