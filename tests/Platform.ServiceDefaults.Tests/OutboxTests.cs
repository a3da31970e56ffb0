using Longgang.Platform.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longgang.Platform.Tests;

public sealed class OutboxTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<OutboxSignal>();
        services.AddDbContext<TallyDbContext>((sp, o) => o.UseSqlite(_dir.SqliteConnectionString("outbox"))
            .AddInterceptors(sp.GetRequiredService<OutboxSignal>()));
        services.AddMassTransitTestHarness();
        _services = services.BuildServiceProvider();
        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TallyDbContext>().Database.EnsureCreatedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
        _dir.Dispose();
    }

    private OutboxRelay<TallyDbContext> Relay(IPublishEndpoint bus) => new(
        _services.GetRequiredService<IServiceScopeFactory>(), bus, _services.GetRequiredService<OutboxSignal>(),
        NullLogger<OutboxRelay<TallyDbContext>>.Instance);

    private async Task<Guid> CommitWithEventAsync(string key)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
        db.Entries.Add(new TallyEntry { Key = key });
        db.AddIntegrationEvent(new SomethingHappened(Guid.NewGuid(), key));
        await db.SaveChangesAsync();
        return await db.OutboxMessages.Where(m => m.Payload.Contains(key)).Select(m => m.MessageId).SingleAsync();
    }

    /// <summary>Whether the relay's signal is set, without waiting for it; taking it resets it.</summary>
    private async Task<bool> RelayWokenAsync() =>
        await _services.GetRequiredService<OutboxSignal>().WaitAsync(typeof(TallyDbContext), TimeSpan.Zero, CancellationToken.None);

    [Fact]
    public async Task Events_saved_in_a_transaction_wake_the_relay_when_it_commits_not_before()
    {
        await RelayWokenAsync();
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AddIntegrationEvent(new SomethingHappened(Guid.NewGuid(), "in-a-transaction"));
            await db.SaveChangesAsync();
            Assert.False(await RelayWokenAsync()); // a relay woken now would find nothing and sleep until the next poll

            await transaction.CommitAsync();
            Assert.True(await RelayWokenAsync());
        }

        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AddIntegrationEvent(new SomethingHappened(Guid.NewGuid(), "rolled-back"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            Assert.False(await RelayWokenAsync());
        }

        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
            db.AddIntegrationEvent(new SomethingHappened(Guid.NewGuid(), "on-its-own"));
            await db.SaveChangesAsync();
            Assert.True(await RelayWokenAsync());
        }
    }

    [Fact]
    public async Task State_change_and_its_event_commit_together_or_not_at_all()
    {
        await CommitWithEventAsync("taken");

        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
            db.Entries.Add(new TallyEntry { Key = "taken" }); // violates the unique key: the whole transaction fails
            db.AddIntegrationEvent(new SomethingHappened(Guid.NewGuid(), "second"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = _services.CreateAsyncScope();
        var fresh = check.ServiceProvider.GetRequiredService<TallyDbContext>();
        Assert.Equal(1, await fresh.Entries.CountAsync());
        Assert.Equal(1, await fresh.OutboxMessages.CountAsync());
        Assert.DoesNotContain(await fresh.OutboxMessages.ToListAsync(), m => m.Payload.Contains("second"));
    }

    [Fact]
    public async Task Relay_publishes_with_the_outbox_message_id_and_marks_the_row_sent()
    {
        var messageId = await CommitWithEventAsync("b");

        var published = await Relay(_harness.Bus).PublishPendingAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, published);
        var sent = _harness.Published.Select<SomethingHappened>().Single();
        Assert.Equal(messageId, sent.Context.MessageId);
        Assert.Equal("b", sent.Context.Message.Key);
        await using var scope = _services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<TallyDbContext>().OutboxMessages.SingleAsync();
        Assert.NotNull(row.SentAt);
        Assert.Equal(0, await Relay(_harness.Bus).PublishPendingAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_failed_publish_keeps_the_row_for_the_next_attempt()
    {
        await CommitWithEventAsync("c");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Relay(new BrokenBus(_harness.Bus)).PublishPendingAsync(CancellationToken.None));

        await using (var scope = _services.CreateAsyncScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<TallyDbContext>().OutboxMessages.SingleAsync();
            Assert.Null(row.SentAt);
            Assert.Equal(1, row.Attempts);
            Assert.Contains("broker down", row.LastError);
        }

        Assert.Equal(1, await Relay(_harness.Bus).PublishPendingAsync(CancellationToken.None));
        Assert.Single(_harness.Published.Select<SomethingHappened>());
    }

    [Fact]
    public async Task One_pass_publishes_the_whole_batch()
    {
        foreach (var key in new[] { "k1", "k2", "k3" }) await CommitWithEventAsync(key);

        Assert.Equal(3, await Relay(_harness.Bus).PublishPendingAsync(CancellationToken.None));

        var keys = _harness.Published.Select<SomethingHappened>().Select(p => p.Context.Message.Key).Order().ToList();
        Assert.Equal(["k1", "k2", "k3"], keys);
    }

    [Fact]
    public async Task A_publish_that_fails_in_a_batch_keeps_only_its_own_row_unsent()
    {
        foreach (var key in new[] { "ok-1", "refused", "ok-2" }) await CommitWithEventAsync(key);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Relay(new RefusingBus(_harness.Bus, "refused")).PublishPendingAsync(CancellationToken.None));

        await using var scope = _services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<TallyDbContext>().OutboxMessages.ToListAsync();
        var unsent = Assert.Single(rows, r => r.SentAt is null);
        Assert.Contains("refused", unsent.Payload);
        Assert.Contains("broker refused", unsent.LastError);
        Assert.Equal(2, _harness.Published.Select<SomethingHappened>().Count());
    }

    [Fact]
    public async Task An_unreadable_row_is_set_aside_and_does_not_block_the_rest()
    {
        await CommitWithEventAsync("readable");
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO outbox_messages (MessageId, Type, Payload, CreatedAt, Attempts) VALUES ({0}, 'No.Such.Type, Nowhere', '{{}}', 0, 0)",
                Guid.NewGuid());
        }

        Assert.Equal(1, await Relay(_harness.Bus).PublishPendingAsync(CancellationToken.None));

        await using var check = _services.CreateAsyncScope();
        var rows = await check.ServiceProvider.GetRequiredService<TallyDbContext>().OutboxMessages.ToListAsync();
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
        Assert.Contains(rows, r => r.LastError?.Contains("Unknown message type") == true);
    }

    /// <summary>Refuses to publish one event, as a broker may nack a single message, and passes the rest on.</summary>
    private sealed class RefusingBus(IPublishEndpoint inner, string refusedKey) : IPublishEndpoint
    {
        public Task Publish(object message, Type messageType, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) =>
            message is SomethingHappened { Key: var key } && key == refusedKey
                ? Task.FromException(new InvalidOperationException("broker refused"))
                : inner.Publish(message, messageType, publishPipe, cancellationToken);
        public Task Publish<T>(T message, CancellationToken cancellationToken = default) where T : class => inner.Publish(message, cancellationToken);
        public Task Publish<T>(T message, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default) where T : class => inner.Publish(message, publishPipe, cancellationToken);
        public Task Publish<T>(T message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) where T : class => inner.Publish(message, publishPipe, cancellationToken);
        public Task Publish(object message, CancellationToken cancellationToken = default) => inner.Publish(message, cancellationToken);
        public Task Publish(object message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) => inner.Publish(message, publishPipe, cancellationToken);
        public Task Publish(object message, Type messageType, CancellationToken cancellationToken = default) => inner.Publish(message, messageType, cancellationToken);
        public Task Publish<T>(object values, CancellationToken cancellationToken = default) where T : class => inner.Publish<T>(values, cancellationToken);
        public Task Publish<T>(object values, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default) where T : class => inner.Publish(values, publishPipe, cancellationToken);
        public Task Publish<T>(object values, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) where T : class => inner.Publish<T>(values, publishPipe, cancellationToken);
        public ConnectHandle ConnectPublishObserver(IPublishObserver observer) => inner.ConnectPublishObserver(observer);
    }

    /// <summary>A publish endpoint that always fails, as when RabbitMQ is unreachable.</summary>
    private sealed class BrokenBus(IBus inner) : IPublishEndpoint
    {
        private static Task Fail() => Task.FromException(new InvalidOperationException("broker down"));
        public Task Publish<T>(T message, CancellationToken cancellationToken = default) where T : class => Fail();
        public Task Publish<T>(T message, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default) where T : class => Fail();
        public Task Publish<T>(T message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) where T : class => Fail();
        public Task Publish(object message, CancellationToken cancellationToken = default) => Fail();
        public Task Publish(object message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) => Fail();
        public Task Publish(object message, Type messageType, CancellationToken cancellationToken = default) => Fail();
        public Task Publish(object message, Type messageType, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) => Fail();
        public Task Publish<T>(object values, CancellationToken cancellationToken = default) where T : class => Fail();
        public Task Publish<T>(object values, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default) where T : class => Fail();
        public Task Publish<T>(object values, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) where T : class => Fail();
        public ConnectHandle ConnectPublishObserver(IPublishObserver observer) => inner.ConnectPublishObserver(observer);
    }
}
