using System.Runtime.ExceptionServices;
using System.Text.Json;
using Longgang.Platform.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Messaging;

/// <summary>
/// Publishes a service's committed outbox rows, oldest first, and marks them sent. A broker outage only
/// delays events: a failed publish is retried with backoff and the row stays unsent until the broker
/// confirms it. Delivery is at least once (a crash between publish and mark re-publishes the row with the
/// same MessageId), which is why every consumer is idempotent.
/// It publishes through the singleton bus (<see cref="IBus"/>), not a scoped publish endpoint.
/// </summary>
public sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes, IPublishEndpoint bus, OutboxSignal signal, ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : PlatformDbContext
{
    /// <summary>
    /// Rows per pass. A pass costs the same four statements (BEGIN, claim, one UPDATE, COMMIT) whatever its size, so a
    /// backlog drains with fewer of them; an idle relay publishes each commit at once (see <see cref="OutboxSignal"/>),
    /// so the size only matters once events queue up.
    /// </summary>
    public const int BatchSize = 500;
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishPendingAsync(stoppingToken);
                failures = 0;
                if (published == BatchSize) continue;
                await signal.WaitAsync(typeof(TContext), PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 200 * Math.Pow(2, Math.Min(failures, 10))));
                logger.LogWarning(ex, "Outbox relay for {Context} failed ({Failures} in a row); retrying in {Delay}",
                    typeof(TContext).Name, failures, delay);
                try { await Task.Delay(delay, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Publishes up to one batch; returns how many were published.</summary>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // On PostgreSQL every replica runs a relay: each locks the rows it takes until it has marked them, and skips
        // the rows another holds, so a backlog is published once, not once per replica. (SQLite is one process.)
        var shared = db.Database.IsNpgsql();
        await using var claim = shared ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var pending = await (shared
                ? db.OutboxMessages.FromSql(
                    $"""SELECT * FROM outbox_messages WHERE "SentAt" IS NULL ORDER BY "Id" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED""")
                : db.OutboxMessages.Where(m => m.SentAt == null).OrderBy(m => m.Id).Take(BatchSize))
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        // A batch is published concurrently and confirmed together: waiting for each broker confirm in turn capped
        // the relay at about 200 events/s (bench/). Rows are taken oldest first, but consumers never relied on
        // arrival order anyway: MassTransit consumes concurrently.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        var publishing = new List<(OutboxMessage Message, Task Publish)>(pending.Count);
        var unreadable = new List<OutboxMessage>();
        foreach (var message in pending)
        {
            if (Readable(message) is not var (payload, type))
            {
                unreadable.Add(message);
                continue;
            }
            publishing.Add((message, bus.Publish(payload, type, context => context.MessageId = message.MessageId, timeout.Token)));
        }

        var sent = new List<long>(publishing.Count);
        var failed = new List<OutboxMessage>();
        Exception? failure = null;
        foreach (var (message, publish) in publishing)
        {
            try
            {
                await publish;
                sent.Add(message.Id);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                failed.Add(message);
                failure ??= ex;
            }
        }
        // a full batch may leave more behind it: the next pass (at once) reports those
        signal.ReportOldestUnsent(typeof(TContext), failed.Select(m => (DateTimeOffset?)m.CreatedAt).Min());

        // The whole batch is marked sent in one statement (a row each cost one UPDATE, 100 statements a batch). A crash
        // before it re-publishes the batch with the same MessageIds, which the inbox drops.
        var now = DateTimeOffset.UtcNow;
        if (sent.Count > 0)
        {
            await db.OutboxMessages.Where(m => sent.Contains(m.Id))
                .ExecuteUpdateAsync(row => row.SetProperty(m => m.SentAt, now).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        }
        // failures are rare (a broker outage, a bad row) and each has its own error: a statement each
        foreach (var message in failed)
        {
            await db.OutboxMessages.Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(row => row.SetProperty(m => m.LastError, message.LastError).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        }
        foreach (var message in unreadable)
        {
            // a row we cannot read would fail every pass: set it aside, loudly
            logger.LogError("Outbox message {MessageId} cannot be read ({Error}); set aside", message.MessageId, message.LastError);
            await db.OutboxMessages.Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(row => row.SetProperty(m => m.LastError, message.LastError).SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.SentAt, DateTimeOffset.MinValue.ToUniversalTime()), cancellationToken);
        }
        if (claim is not null) await claim.CommitAsync(cancellationToken);
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
        return sent.Count;
    }

    private static (object Payload, Type Type)? Readable(OutboxMessage message)
    {
        var type = message.ResolveType();
        if (type is null)
        {
            message.LastError = $"Unknown message type '{message.Type}'";
            return null;
        }
        try
        {
            return (message.Deserialize(type), type);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            message.LastError = $"Unreadable payload: {ex.Message}";
            return null;
        }
    }
}
