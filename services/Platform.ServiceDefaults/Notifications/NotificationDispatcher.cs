using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Notifications;

/// <summary>
/// Hands a service's recorded notifications to <see cref="ICitizenNotifier"/>, oldest first, and marks each one
/// delivered. A failed send never loses the row: it keeps the error and is tried again later, backing off per
/// notification (5 s, 10 s, 20 s, ... at most 10 min) so that one the channel keeps refusing does not hold up the
/// rest. Delivery is at least once: a crash between a send and its mark sends it again, with the same id.
/// </summary>
/// <remarks>
/// It polls instead of being woken like the outbox relay: a notification a couple of seconds late is fine, and the
/// outbox's signal only watches outbox rows. Each notification is claimed before it is sent (see
/// <see cref="CitizenNotificationRecord.NextAttemptAt"/>), so replicas polling the same table never send it twice.
/// </remarks>
public sealed class NotificationDispatcher<TContext>(
    IServiceScopeFactory scopes, ICitizenNotifier notifier, TimeProvider clock, ILogger<NotificationDispatcher<TContext>> logger)
    : BackgroundService
    where TContext : PlatformDbContext
{
    public const int BatchSize = 50;
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(15);
    /// <summary>Longer than a send may take, so a slow send is not taken over; a crashed sender's claim runs out after it.</summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxDatabaseBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var delivered = await DispatchDueAsync(stoppingToken);
                failures = 0;
                if (delivered == BatchSize) continue; // a full batch: more may be waiting
                await Task.Delay(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // the database failed (a failed send is kept on its row): back off so an outage does not flood the log
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(MaxDatabaseBackoff.TotalMilliseconds, PollInterval.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 10))));
                logger.LogWarning(ex, "Notification dispatcher for {Context} failed ({Failures} in a row); retrying in {Delay}",
                    typeof(TContext).Name, failures, delay);
                try { await Task.Delay(delay, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Tries one batch of due notifications; returns how many were delivered.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = clock.GetUtcNow();
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.DeliveredAt == null && n.NextAttemptAt <= now)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var delivered = 0;
        var failed = 0;
        Exception? lastFailure = null;
        foreach (var notification in due)
        {
            if (!await ClaimAsync(db, notification, cancellationToken)) continue;
            var attempts = notification.Attempts + 1;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(SendTimeout);
                await notifier.NotifyAsync(notification.Id, notification.ToNotification(), timeout.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var error = CitizenNotificationRecord.Shorten(ex.Message, CitizenNotificationRecord.MaxErrorLength);
                var retryAt = clock.GetUtcNow() + RetryDelay(attempts);
                await db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.Attempts, attempts)
                    .SetProperty(n => n.LastError, error)
                    .SetProperty(n => n.NextAttemptAt, retryAt), cancellationToken);
                failed++;
                lastFailure = ex;
                continue;
            }
            var deliveredAt = clock.GetUtcNow();
            // not cancellable: the channel has it, and an unmarked row would be sent again
            await db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Attempts, attempts)
                .SetProperty(n => n.DeliveredAt, deliveredAt), CancellationToken.None);
            delivered++;
        }
        if (lastFailure is not null)
        {
            logger.LogWarning(lastFailure, "{Failed} of {Due} notifications of {Context} could not be delivered; each is tried again later",
                failed, due.Count, typeof(TContext).Name);
        }
        return delivered;
    }

    /// <summary>5 s after the first failure, doubling, at most <see cref="MaxRetryDelay"/>.</summary>
    public static TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Clamp(attempts - 1, 0, 20)));

    /// <summary>
    /// Moves the due time forward if nobody else has since: a compare-and-set on the value we read, so of two replicas
    /// that read the same row only one sends it.
    /// </summary>
    private async Task<bool> ClaimAsync(TContext db, CitizenNotificationRecord notification, CancellationToken cancellationToken)
    {
        var claimedUntil = clock.GetUtcNow() + ClaimDuration;
        var claimed = await db.Notifications
            .Where(n => n.Id == notification.Id && n.DeliveredAt == null && n.NextAttemptAt == notification.NextAttemptAt)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.NextAttemptAt, claimedUntil), cancellationToken);
        return claimed == 1;
    }
}
