using System.Runtime.CompilerServices;
using System.Text.Json;
using Longgang.Platform.Data;
using Longgang.Platform.Events.V1;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Platform.Messaging;

/// <summary>
/// A service's answer to <see cref="DashboardReplayRequested"/>: the integration events its records' current state
/// implies, wrapped (<see cref="ReplayedEvent"/>, typed and serialised as the outbox does) and cut into
/// <see cref="DashboardReplayBatch"/> messages, Sequence from 1 and Last on the final one (one empty Last batch when the
/// service has no records). A service supplies only "the events of my records", read page by page.
/// </summary>
public static class DashboardReplay
{
    /// <summary>Events per batch: a batch stays a small message (some 100 KB) however large the service.</summary>
    public const int BatchSize = 200;
    /// <summary>Records read per query: never a whole table in memory.</summary>
    public const int PageSize = 500;

    /// <summary>The event as the outbox would have stored and published it.</summary>
    public static ReplayedEvent Wrap(object integrationEvent)
    {
        var type = integrationEvent.GetType();
        return new ReplayedEvent(OutboxMessage.TypeNameOf(type), JsonSerializer.Serialize(integrationEvent, type));
    }

    /// <summary>
    /// The batches of <paramref name="events"/>. A full batch is handed out only once the next event is known to exist,
    /// so the final batch, and only it, is Last.
    /// </summary>
    public static async IAsyncEnumerable<DashboardReplayBatch> BatchesAsync(Guid replayId, string service, IAsyncEnumerable<object> events,
        int batchSize = BatchSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var sequence = 0;
        var current = new List<ReplayedEvent>();
        await foreach (var integrationEvent in events.WithCancellation(cancellationToken))
        {
            if (current.Count == batchSize)
            {
                yield return new DashboardReplayBatch(replayId, service, ++sequence, false, current);
                current = [];
            }
            current.Add(Wrap(integrationEvent));
        }
        yield return new DashboardReplayBatch(replayId, service, ++sequence, true, current);
    }

    /// <summary>
    /// Every row of a table in id order, read <see cref="PageSize"/> at a time with keyset paging: <paramref name="page"/>
    /// returns the next rows after the given id (all from the first when null), ordered by id, at most <see cref="PageSize"/>.
    /// </summary>
    public static async IAsyncEnumerable<T> ByIdAsync<T>(Func<Guid?, Task<List<T>>> page, Func<T, Guid> idOf)
    {
        Guid? after = null;
        while (true)
        {
            var rows = await page(after);
            foreach (var row in rows) yield return row;
            if (rows.Count < PageSize) yield break;
            after = idOf(rows[^1]);
        }
    }
}

/// <summary>
/// Each service's consumer of <see cref="DashboardReplayRequested"/>: records its batches through the outbox, in the
/// inbox's transaction, so a redelivered request is answered once. Batches are saved as they are made and the change
/// tracker emptied, so memory stays flat however many records the service has.
/// </summary>
public abstract class DashboardReplayer<TContext>(TContext db)
    : IdempotentConsumer<DashboardReplayRequested, TContext>(db)
    where TContext : PlatformDbContext
{
    /// <summary>The service's name, as in its heartbeats (approvals, governance, talent, livelihood).</summary>
    protected abstract string Service { get; }

    /// <summary>For every record, the events its current state implies, built by the same code as the live ones.</summary>
    public abstract IAsyncEnumerable<object> EventsOfRecordsAsync(CancellationToken cancellationToken);

    protected override async Task HandleAsync(DashboardReplayRequested message, CancellationToken cancellationToken)
    {
        await foreach (var batch in DashboardReplay.BatchesAsync(message.ReplayId, Service, EventsOfRecordsAsync(cancellationToken),
                           cancellationToken: cancellationToken))
        {
            if (Db.HasUnsavedEvents())
            {
                await Db.SaveChangesAsync(cancellationToken);
                Db.ChangeTracker.Clear();
            }
            // the last one stays unsaved: the base saves it with the transaction and wakes the outbox relay
            Db.AddIntegrationEvent(batch);
        }
    }
}
