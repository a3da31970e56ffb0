using System.Text.Json;
using Longgang.Governance.Data;
using Longgang.Platform.Events.V1;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Dashboards;

/// <summary>Dates each service's part of the dashboards with its last heartbeat (the later one wins, in any order).</summary>
public sealed class DashboardHeartbeatRecorder(GovernanceDbContext db)
    : IdempotentConsumer<ServiceHeartbeat, GovernanceDbContext>(db)
{
    protected override async Task HandleAsync(ServiceHeartbeat message, CancellationToken cancellationToken)
    {
        if (!DashboardSource.All.Contains(message.Service)) return;
        var source = await Db.DashboardSourceAsync(message.Service, cancellationToken);
        if (source.LastHeartbeatAt is null || source.LastHeartbeatAt < message.At) source.LastHeartbeatAt = message.At;
    }
}

/// <summary>
/// Unwraps a service's replay batch into the same merge as live events, and notes how far the service's replay got.
/// A batch of any replay but the current (latest requested) one is ignored: its model was cleared since.
/// </summary>
public sealed class DashboardReplayBatchConsumer(GovernanceDbContext db, DashboardMerger merger, TimeProvider clock)
    : IdempotentConsumer<DashboardReplayBatch, GovernanceDbContext>(db)
{
    protected override async Task HandleAsync(DashboardReplayBatch message, CancellationToken cancellationToken)
    {
        var current = await Db.DashboardReplays.AsNoTracking().OrderByDescending(r => r.RequestedAt).Select(r => (Guid?)r.ReplayId)
            .FirstOrDefaultAsync(cancellationToken);
        if (current != message.ReplayId || !DashboardSource.All.Contains(message.Service)) return;
        foreach (var replayed in message.Events)
        {
            // resolved like the outbox resolves its rows; a type this build does not know is none of the dashboards'
            if (Type.GetType(replayed.Type, throwOnError: false) is not { } type) continue;
            if (JsonSerializer.Deserialize(replayed.Payload, type) is { } integrationEvent) await merger.MergeAsync(integrationEvent, cancellationToken);
        }
        var source = await Db.DashboardSourceAsync(message.Service, cancellationToken);
        if (source.ReplayId != message.ReplayId)
        {
            source.ReplayId = message.ReplayId;
            source.ReplayBatches = 0;
            source.ReplayFinishedAt = null;
        }
        source.ReplayBatches++;
        if (message.Last) source.ReplayFinishedAt = clock.GetUtcNow();
    }
}

internal static class DashboardSourceQueries
{
    /// <summary>The service's row, tracked; added when it has none yet.</summary>
    public static async Task<DashboardSource> DashboardSourceAsync(this GovernanceDbContext db, string service, CancellationToken ct)
    {
        if (await db.DashboardSources.FindAsync([service], ct) is { } known) return known;
        var added = new DashboardSource { Service = service };
        db.DashboardSources.Add(added);
        return added;
    }
}
