using System.Collections.Concurrent;
using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Longgang.Platform.Messaging;

/// <summary>
/// Wakes a service's outbox relay as soon as a transaction that queued events has committed, so events
/// leave within milliseconds instead of waiting for the next poll. Polling stays as the safety net.
/// </summary>
public sealed class OutboxSignal : SaveChangesInterceptor
{
    private readonly ConcurrentDictionary<Type, SemaphoreSlim> _signals = new();
    private readonly ConcurrentDictionary<DbContext, bool> _pending = new();

    public async Task WaitAsync(Type contextType, TimeSpan timeout, CancellationToken cancellationToken) =>
        await SignalFor(contextType).WaitAsync(timeout, cancellationToken);

    public void Notify(Type contextType)
    {
        var signal = SignalFor(contextType);
        // one pending wake-up is enough: the relay drains everything unsent when it wakes
        if (signal.CurrentCount == 0)
        {
            try { signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PlatformDbContext context &&
            context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _pending[context] = true;
        }
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // inside an explicit transaction the rows are not visible yet; the poll picks them up after commit
        if (eventData.Context is { } context && _pending.TryRemove(context, out _))
            Notify(context.GetType());
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) _pending.TryRemove(context, out _);
        return Task.CompletedTask;
    }

    private SemaphoreSlim SignalFor(Type contextType) => _signals.GetOrAdd(contextType, _ => new SemaphoreSlim(0, 1));
}
