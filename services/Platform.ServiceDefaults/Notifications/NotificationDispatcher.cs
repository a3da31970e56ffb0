using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Notifications;

/// <summary>
/// Hands a service's recorded notifications to <see cref="ICitizenNotifier"/>, oldest first, as the recipient's
/// preferences say (<see cref="DeliveryRules"/>: channel, language, quiet hours, daily digest), and marks each one
/// delivered with the channel's receipt. A failed send never loses the row: it keeps the error and is tried again
/// later, backing off per notification (5 s, 10 s, 20 s, ... at most 10 min) so that one the channel keeps refusing
/// does not hold up the rest, and after <see cref="NotificationOptions.MaxAttempts"/> it is marked FAILED and stays
/// listed. Delivery is at least once: a crash between a send and its mark sends it again, with the same id.
/// </summary>
/// <remarks>
/// It polls instead of being woken like the outbox relay: a notification a couple of seconds late is fine, and the
/// outbox's signal only watches outbox rows. Each notification is claimed before it is sent (see
/// <see cref="CitizenNotificationRecord.NextAttemptAt"/>), so replicas polling the same table never send it twice.
/// </remarks>
public sealed class NotificationDispatcher<TContext>(
    IServiceScopeFactory scopes, ICitizenNotifier notifier, TimeProvider clock, ILogger<NotificationDispatcher<TContext>> logger,
    NotificationOptions? options = null)
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
            .Where(n => n.DeliveredAt == null && n.Status != NotificationStatus.Failed && n.NextAttemptAt <= now)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        if (due.Count == 0) return 0;
        // the batch's recipients' preferences in one query, not one per notification
        var recipients = due.Select(n => n.CitizenId).Distinct().ToList();
        var preferencesOf = await db.NotificationPreferences.AsNoTracking()
            .Where(p => recipients.Contains(p.CitizenId))
            .ToDictionaryAsync(p => p.CitizenId, cancellationToken);

        var delivered = 0;
        var failed = 0;
        Exception? lastFailure = null;
        var digested = new HashSet<Guid>();
        foreach (var notification in due)
        {
            if (digested.Contains(notification.Id)) continue;
            var plan = DeliveryRules.Plan(preferencesOf.GetValueOrDefault(notification.CitizenId), notification.Kind, notification.Status == NotificationStatus.Waiting, now, Options.DigestHour);
            if (plan is DeliveryPlan.Wait wait)
            {
                await HoldAsync(db, notification, wait, cancellationToken);
                continue;
            }
            var send = (DeliveryPlan.Send)plan;
            var batch = notification.InDigest ? await DigestAsync(db, notification, now, cancellationToken) : [notification];
            if (!await ClaimAsync(db, batch, cancellationToken)) continue;
            digested.UnionWith(batch.Select(n => n.Id));
            var attempts = notification.Attempts + 1;
            string? receipt;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(SendTimeout);
                var message = batch.Count == 1 ? notification.ToNotification(send.Language) : Digest(scope.ServiceProvider.GetRequiredService<PlatformText>(), batch, send.Language);
                receipt = await notifier.NotifyAsync(notification.Id, message, send.Channel, timeout.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                await FailAsync(db, batch, attempts, ex, cancellationToken);
                failed++;
                lastFailure = ex;
                continue;
            }
            var deliveredAt = clock.GetUtcNow();
            var shortReceipt = receipt is null ? null : CitizenNotificationRecord.Shorten(receipt, CitizenNotificationRecord.MaxReceiptLength);
            var ids = batch.Select(n => n.Id).ToList();
            // not cancellable: the channel has it, and an unmarked row would be sent again
            await db.Notifications.Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Attempts, attempts)
                .SetProperty(n => n.Status, NotificationStatus.Delivered)
                .SetProperty(n => n.Receipt, shortReceipt)
                .SetProperty(n => n.DeliveredAt, deliveredAt), CancellationToken.None);
            delivered += batch.Count;
        }
        if (lastFailure is not null)
        {
            logger.LogWarning(lastFailure, "{Failed} of {Due} notifications of {Context} could not be delivered; each is tried again later or marked failed",
                failed, due.Count, typeof(TContext).Name);
        }
        return delivered;
    }

    private NotificationOptions Options { get; } = options ?? new NotificationOptions();

    /// <summary>Holds it until the plan says, marked waiting; the compare-and-set is the claim, as for a send.</summary>
    private static Task HoldAsync(TContext db, CitizenNotificationRecord notification, DeliveryPlan.Wait wait, CancellationToken cancellationToken) =>
        db.Notifications
            .Where(n => n.Id == notification.Id && n.DeliveredAt == null && n.NextAttemptAt == notification.NextAttemptAt)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, NotificationStatus.Waiting)
                .SetProperty(n => n.InDigest, wait.Digest)
                .SetProperty(n => n.NextAttemptAt, wait.Until), cancellationToken);

    /// <summary>Every digest notification of the same recipient that is due now, this one first.</summary>
    private static async Task<List<CitizenNotificationRecord>> DigestAsync(TContext db, CitizenNotificationRecord first, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var others = await db.Notifications.AsNoTracking()
            .Where(n => n.CitizenId == first.CitizenId && n.InDigest && n.DeliveredAt == null && n.Status != NotificationStatus.Failed
                && n.NextAttemptAt <= now && n.Id != first.Id)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .ToListAsync(cancellationToken);
        return [first, .. others];
    }

    /// <summary>One message listing what waited for the digest: each subject, then its body.</summary>
    private static CitizenNotification Digest(PlatformText text, IReadOnlyList<CitizenNotificationRecord> batch, string language)
    {
        var culture = language == NotificationLanguages.English ? LocalizationExtensions.English : LocalizationExtensions.Chinese;
        var parts = batch.Select(n => n.ToNotification(language)).ToList();
        var subject = text.In(culture, new LocalText("Daily digest: {0} notifications", parts.Count));
        var body = string.Join("\n", parts.Select(p => text.In(culture, new LocalText("{0}: {1}", p.Subject, p.Body))));
        return new CitizenNotification(batch[0].CitizenId, subject, body);
    }

    /// <summary>Keeps the error and backs off; after <see cref="NotificationOptions.MaxAttempts"/> it is FAILED, still listed.</summary>
    private async Task FailAsync(TContext db, IReadOnlyList<CitizenNotificationRecord> batch, int attempts, Exception ex, CancellationToken cancellationToken)
    {
        var error = CitizenNotificationRecord.Shorten(ex.Message, CitizenNotificationRecord.MaxErrorLength);
        var retryAt = clock.GetUtcNow() + RetryDelay(attempts);
        var status = attempts >= Options.MaxAttempts ? NotificationStatus.Failed : NotificationStatus.Pending;
        var ids = batch.Select(n => n.Id).ToList();
        await db.Notifications.Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Attempts, attempts)
            .SetProperty(n => n.LastError, error)
            .SetProperty(n => n.Status, status)
            .SetProperty(n => n.NextAttemptAt, retryAt), cancellationToken);
    }

    /// <summary>5 s after the first failure, doubling, at most <see cref="MaxRetryDelay"/>.</summary>
    public static TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Clamp(attempts - 1, 0, 20)));

    /// <summary>
    /// Moves the due time forward if nobody else has since: a compare-and-set on the values we read, so of two replicas
    /// that read the same rows only one sends them (a digest: all of them, or none).
    /// </summary>
    private async Task<bool> ClaimAsync(TContext db, IReadOnlyList<CitizenNotificationRecord> batch, CancellationToken cancellationToken)
    {
        var claimedUntil = clock.GetUtcNow() + ClaimDuration;
        // one notification (nearly always): a single statement is atomic by itself, no transaction round trips needed
        if (batch.Count == 1) return await ClaimOneAsync(db, batch[0], claimedUntil, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var notification in batch)
        {
            if (!await ClaimOneAsync(db, notification, claimedUntil, cancellationToken)) return false; // rolled back with the transaction
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<bool> ClaimOneAsync(TContext db, CitizenNotificationRecord notification, DateTimeOffset claimedUntil, CancellationToken cancellationToken) =>
        await db.Notifications
            .Where(n => n.Id == notification.Id && n.DeliveredAt == null && n.NextAttemptAt == notification.NextAttemptAt)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.NextAttemptAt, claimedUntil), cancellationToken) == 1;
}

/// <summary>The dispatcher's settings (<c>Notifications:*</c>).</summary>
public sealed record NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Attempts before a notification is marked FAILED (it stays listed, with its last error).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The China-time hour at which a day's digest goes out.</summary>
    public int DigestHour { get; init; } = 20;
}
