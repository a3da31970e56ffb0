using System.Collections.Concurrent;
using MassTransit;

namespace Longgang.Platform.Testing;

/// <summary>
/// Counts every delivery a consumer finished, successfully or not. MassTransit's test harness cannot be used for
/// this: its consumed-message list keeps one entry per message id, so a redelivery of the same message never
/// shows up, and its own waits give up after a few milliseconds of inactivity.
/// </summary>
public sealed class DeliveryObserver<TMessage> : IConsumeMessageObserver<TMessage> where TMessage : class
{
    private int _handled;

    public int Handled => Volatile.Read(ref _handled);
    public ConcurrentQueue<Exception> Faults { get; } = new();

    /// <summary>Publishes under the given message id and waits (up to 30 s) until a consumer has finished with it.</summary>
    public async Task DeliverAsync(IBus bus, TMessage message, Guid messageId, CancellationToken cancellationToken)
    {
        var before = Handled;
        await bus.Publish(message, context => context.MessageId = messageId, cancellationToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Handled == before)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{typeof(TMessage).Name} {messageId} was not consumed within 30 s.");
            await Task.Delay(20, cancellationToken);
        }
    }

    public Task PreConsume(ConsumeContext<TMessage> context) => Task.CompletedTask;

    public Task PostConsume(ConsumeContext<TMessage> context)
    {
        Interlocked.Increment(ref _handled);
        return Task.CompletedTask;
    }

    public Task ConsumeFault(ConsumeContext<TMessage> context, Exception exception)
    {
        Faults.Enqueue(exception);
        Interlocked.Increment(ref _handled);
        return Task.CompletedTask;
    }
}
