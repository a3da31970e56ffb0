using Longgang.Platform.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Messaging;

/// <summary>
/// Publishes a service's committed outbox rows in order and marks each one sent. A broker outage only
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
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

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
        var pending = await db.OutboxMessages
            .Where(m => m.SentAt == null)
            .OrderBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var published = 0;
        foreach (var message in pending)
        {
            var type = message.ResolveType();
            if (type is null)
            {
                // a row we cannot read would block every later event: set it aside, loudly
                message.Attempts++;
                message.LastError = $"Unknown message type '{message.Type}'";
                message.SentAt = DateTimeOffset.MinValue.ToUniversalTime();
                logger.LogError("Outbox message {MessageId} has unknown type {Type}; skipped", message.MessageId, message.Type);
                await db.SaveChangesAsync(cancellationToken);
                continue;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PublishTimeout);
            try
            {
                await bus.Publish(message.Deserialize(type), type, context => context.MessageId = message.MessageId, timeout.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                message.Attempts++;
                message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                // also saves the rows this batch already published, so they are not sent again
                await db.SaveChangesAsync(cancellationToken);
                throw;
            }
            // marked here, saved once per batch: a commit per message capped the relay at a few hundred events/s
            // (bench/). A crash before the save re-publishes the batch with the same MessageIds, which the inbox drops.
            message.SentAt = DateTimeOffset.UtcNow;
            message.Attempts++;
            published++;
        }
        if (published > 0) await db.SaveChangesAsync(cancellationToken);
        return published;
    }
}
