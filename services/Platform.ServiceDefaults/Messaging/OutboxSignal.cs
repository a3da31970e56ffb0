using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Longgang.Platform.Messaging;

/// <summary>
/// Wakes a service's outbox relay as soon as a transaction that queued events has committed, so events
/// leave within milliseconds instead of waiting for the next poll. Polling stays as the safety net.
/// It also carries what the relays last saw of their backlog, for the metric
/// <c>platform_outbox_oldest_unsent_age_seconds</c> (the chart alerts on it).
/// </summary>
public sealed class OutboxSignal : SaveChangesInterceptor
{
    public const string MeterName = "Longgang.Platform.Outbox";

    private readonly ConcurrentDictionary<Type, SemaphoreSlim> _signals = new();
    private readonly ConcurrentDictionary<DbContext, bool> _pending = new();
    private readonly ConcurrentDictionary<Type, DateTimeOffset?> _oldestUnsent = new();

    public OutboxSignal(IMeterFactory? meters = null) =>
        meters?.Create(MeterName).CreateObservableGauge("platform.outbox.oldest_unsent_age", ObserveOldestUnsent,
            unit: "s", description: "Age of the oldest outbox row the service's relay has not yet published (0 when none)");

    /// <summary>What a relay pass left unsent: the creation time of the oldest such row, or null when it left none.</summary>
    public void ReportOldestUnsent(Type contextType, DateTimeOffset? createdAt) => _oldestUnsent[contextType] = createdAt;

    private IEnumerable<Measurement<double>> ObserveOldestUnsent()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (context, createdAt) in _oldestUnsent)
        {
            var age = createdAt is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0;
            yield return new Measurement<double>(age, new KeyValuePair<string, object?>("context", context.Name));
        }
    }

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
