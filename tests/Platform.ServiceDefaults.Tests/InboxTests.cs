using Longgang.Platform.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform.Tests;

/// <summary>Adds one tally entry per message; the inbox makes a redelivery a no-op.</summary>
public sealed class TallyConsumer(TallyDbContext db) : IdempotentConsumer<SomethingHappened, TallyDbContext>(db)
{
    protected override Task HandleAsync(SomethingHappened message, CancellationToken cancellationToken)
    {
        Db.Entries.Add(new TallyEntry { Key = message.Key });
        if (message.Key.StartsWith("fail")) throw new InvalidOperationException("the effect failed");
        return Task.CompletedTask;
    }
}

public sealed class InboxTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<OutboxSignal>();
        services.AddDbContext<TallyDbContext>(o => o.UseSqlite(_dir.SqliteConnectionString("inbox")));
        services.AddMassTransitTestHarness(bus => bus.AddConsumer<TallyConsumer>());
        _services = services.BuildServiceProvider();
        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TallyDbContext>().Database.EnsureCreatedAsync();
        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
        _dir.Dispose();
    }

    private async Task DeliverAsync(SomethingHappened message, Guid messageId)
    {
        var done = new ConsumeCompletion(message);
        using var _ = _harness.Bus.ConnectConsumeObserver(done);
        await _harness.Bus.Publish(message, context => context.MessageId = messageId);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Completes once a consumer has returned or thrown for this exact message (the harness folds duplicates).</summary>
    private sealed class ConsumeCompletion(SomethingHappened message) : IConsumeObserver
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task Task => _done.Task;
        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => System.Threading.Tasks.Task.CompletedTask;
        public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Complete(context.Message);
        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Complete(context.Message);

        private Task Complete(object consumed)
        {
            if (Equals(consumed, message)) _done.TrySetResult();
            return System.Threading.Tasks.Task.CompletedTask;
        }
    }

    private async Task<(int Entries, int Inbox)> CountsAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
        return (await db.Entries.CountAsync(), await db.InboxMessages.CountAsync());
    }

    [Fact]
    public async Task The_same_message_delivered_twice_is_applied_once()
    {
        var messageId = Guid.NewGuid();
        await DeliverAsync(new SomethingHappened(Guid.NewGuid(), "once"), messageId);
        await DeliverAsync(new SomethingHappened(Guid.NewGuid(), "once-again"), messageId);

        Assert.Equal((1, 1), await CountsAsync());
    }

    [Fact]
    public async Task The_same_message_delivered_twice_at_once_is_applied_once()
    {
        // two deliveries in flight together: the second waits for the first's inbox row, then inserts nothing
        var messageId = Guid.NewGuid();
        await Task.WhenAll(
            DeliverAsync(new SomethingHappened(Guid.NewGuid(), "together"), messageId),
            DeliverAsync(new SomethingHappened(Guid.NewGuid(), "together-again"), messageId));

        Assert.Equal((1, 1), await CountsAsync());
    }

    [Fact]
    public async Task Different_messages_are_each_applied()
    {
        await DeliverAsync(new SomethingHappened(Guid.NewGuid(), "one"), Guid.NewGuid());
        await DeliverAsync(new SomethingHappened(Guid.NewGuid(), "two"), Guid.NewGuid());

        Assert.Equal((2, 2), await CountsAsync());
    }

    [Fact]
    public async Task A_failed_effect_leaves_no_inbox_row_so_a_retry_can_apply_it()
    {
        await DeliverAsync(new SomethingHappened(Guid.NewGuid(), "fail-1"), Guid.NewGuid());

        Assert.True(_harness.Consumed.Select<SomethingHappened>(c => c.Exception is not null).Any());
        Assert.Equal((0, 0), await CountsAsync());
    }
}
