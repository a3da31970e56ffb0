using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Longgang.Platform.Messaging;

/// <summary>
/// Wakes a service's outbox relay as soon as a transaction that queued events has committed (a SaveChanges of its
/// own, or the commit of the explicit transaction it ran in), so events leave within milliseconds instead of waiting
/// for the next poll. Polling stays as the safety net (another process's commits, a wake-up lost to a crash).
/// It also carries what the relays last saw of their backlog, for the metric
/// <c>platform_outbox_oldest_unsent_age_seconds</c> (the chart alerts on it).
/// </summary>
public sealed class OutboxSignal : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public const string MeterName = "Longgang.Platform.Outbox";

    private static readonly object Pending = new();

    private readonly ConcurrentDictionary<Type, SemaphoreSlim> _signals = new();
    // contexts whose saved outbox rows wait for their commit; weak, so a context disposed mid-transaction leaves nothing
    private readonly ConditionalWeakTable<DbContext, object> _pending = new();
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

    /// <summary>Waits until a commit wakes the relay of <paramref name="contextType"/>: true when woken, false at the timeout.</summary>
    public Task<bool> WaitAsync(Type contextType, TimeSpan timeout, CancellationToken cancellationToken) =>
        SignalFor(contextType).WaitAsync(timeout, cancellationToken);

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
            _pending.AddOrUpdate(context, Pending);
        }
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // inside an explicit transaction the rows are not visible yet: the commit wakes the relay (TransactionCommitted)
        if (eventData.Context is { Database.CurrentTransaction: null } context) Wake(context);
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context) _pending.Remove(context);
        return Task.CompletedTask;
    }

    // EF's own transaction around a SaveChanges of several statements commits here too, before SavedChanges
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) Wake(context);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) _pending.Remove(context);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private void Wake(DbContext context)
    {
        if (_pending.Remove(context)) Notify(context.GetType());
    }

    private SemaphoreSlim SignalFor(Type contextType) => _signals.GetOrAdd(contextType, _ => new SemaphoreSlim(0, 1));
}
