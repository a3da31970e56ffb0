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
/// Publishes a service's committed outbox rows, oldest first, and marks each one sent. A broker outage only
/// delays events: a failed publish is retried with backoff and the row stays unsent until the broker
/// confirms it. Delivery is at least once (a crash between publish and mark re-publishes the row with the
/// same MessageId), which is why every consumer is idempotent.
/// It publishes through the singleton bus (<see cref="IBus"/>), not a scoped publish endpoint.
/// </summary>
public sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes, IPublishEndpoint bus, OutboxSignal signal, ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : PlatformDbContext
{
    public const int BatchSize = 100;
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
            .ToListAsync(cancellationToken);

        // A batch is published concurrently and confirmed together: waiting for each broker confirm in turn capped
        // the relay at about 200 events/s (bench/). Rows are taken oldest first, but consumers never relied on
        // arrival order anyway: MassTransit consumes concurrently.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        var publishing = new List<(OutboxMessage Message, Task Publish)>(pending.Count);
        foreach (var message in pending)
        {
            if (Readable(message) is not var (payload, type))
            {
                // a row we cannot read would fail every pass: set it aside, loudly
                message.Attempts++;
                message.SentAt = DateTimeOffset.MinValue.ToUniversalTime();
                logger.LogError("Outbox message {MessageId} cannot be read ({Error}); set aside", message.MessageId, message.LastError);
                continue;
            }
            publishing.Add((message, bus.Publish(payload, type, context => context.MessageId = message.MessageId, timeout.Token)));
        }

        var published = 0;
        Exception? failure = null;
        foreach (var (message, publish) in publishing)
        {
            message.Attempts++;
            try
            {
                await publish;
                message.SentAt = DateTimeOffset.UtcNow;
                published++;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                failure ??= ex;
            }
        }
        // a full batch may leave more behind it: the next pass (at once) reports those
        signal.ReportOldestUnsent(typeof(TContext), pending.FirstOrDefault(m => m.SentAt is null)?.CreatedAt);
        // one save per batch; a crash before it re-publishes the batch with the same MessageIds, which the inbox drops
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(cancellationToken);
        if (claim is not null) await claim.CommitAsync(cancellationToken);
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
        return published;
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
