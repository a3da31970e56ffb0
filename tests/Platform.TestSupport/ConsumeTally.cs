using System.Collections.Concurrent;
using Longgang.Platform.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform.Testing;

/// <summary>
/// Counts, per message id, the deliveries that consumers finished: the ones they applied and the ones that faulted
/// (after their retries), apart. A fault is not a delivery handled: a test waits for both, then asserts no faults.
/// Connect it to every bus whose consumers take the messages (<c>bus.ConnectConsumeObserver</c>).
/// </summary>
public sealed class ConsumeTally(IEnumerable<Guid>? messageIds) : IConsumeObserver
{
    /// <summary>The messages counted; null counts every message, for a test that learns the id only later.</summary>
    private readonly HashSet<Guid>? _messageIds = messageIds?.ToHashSet();

    /// <summary>A tally of every message the observed buses consume.</summary>
    public static ConsumeTally OfEverything() => new(null);
    private readonly ConcurrentDictionary<Guid, int> _consumed = new();
    private readonly ConcurrentQueue<string> _faults = new();

    public int Consumed => _consumed.Values.Sum();

    /// <summary>The deliveries of one message applied so far.</summary>
    public int ConsumedOf(Guid messageId) => _consumed.GetValueOrDefault(messageId);

    /// <summary>Each fault as "consumer message-id: exception".</summary>
    public IReadOnlyCollection<string> Faults => _faults;

    /// <summary>Waits until <paramref name="deliveries"/> deliveries were applied or faulted; on time-out, says which were missing.</summary>
    public async Task WaitForAsync(int deliveries, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (Consumed + _faults.Count < deliveries)
        {
            // which message is missing tells a lost publish (0 for an id) from a slow consumer
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{Consumed} deliveries applied and {_faults.Count} faulted within {deadline.TotalSeconds} s, " +
                    $"expected {deliveries}: {string.Join(", ", (_messageIds ?? [.. _consumed.Keys]).Select(id => $"{id} {_consumed.GetValueOrDefault(id)}x"))}");
            }

            await Task.Delay(50);
        }
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (Counts(context, out var id)) _consumed.AddOrUpdate(id, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        if (Counts(context, out var id)) _faults.Enqueue($"{typeof(T).Name} {id}: {exception.GetType().Name}: {exception.Message}");
        return Task.CompletedTask;
    }

    private bool Counts(ConsumeContext context, out Guid id)
    {
        id = context.MessageId ?? Guid.Empty;
        return _messageIds is null || _messageIds.Contains(id);
    }
}

/// <summary>The <c>_error</c> queues of a service's consumers, where a message goes once it has failed every retry.</summary>
public static class ErrorQueues
{
    /// <summary>
    /// The service's error queues that hold messages, as "name: count" with the first failures' exceptions (so that a
    /// failing assertion says why); empty when none does (or it has no broker).
    /// </summary>
    public static async Task<IReadOnlyList<string>> NonEmptyAsync(IServiceProvider services)
    {
        if (services.GetService<ErrorQueueOperator>() is not { } queues) return [];
        return (await queues.ListAsync(peek: 3, CancellationToken.None))
            .Where(q => q.MessageCount > 0)
            .Select(q => $"{q.ErrorQueueName}: {q.MessageCount}"
                         + string.Concat(q.Messages.Select(m => $" | {m.MessageType} {m.ExceptionType}: {m.ExceptionMessage}")))
            .ToList();
    }
}
