using Longgang.Platform.Hosting;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Data;

/// <summary>
/// How long a service keeps the rows that only the platform's plumbing needs (<c>Retention:*</c>, validated at start):
/// published outbox rows, inbox rows and delivered notifications. The audit log and the reads of personal data
/// (personal_data_reads) are not among them: they are never deleted by the application (ops archive them).
/// </summary>
public sealed record RetentionSettings(
    TimeSpan OutboxAge, TimeSpan InboxAge, TimeSpan NotificationAge, TimeSpan Interval, int BatchSize, int MaxBatchesPerPass)
{
    public const string Section = "Retention";
    /// <summary>A published event is kept a week, to answer "was it sent?"; the relay never reads it again.</summary>
    public const int DefaultOutboxDays = 7;
    /// <summary>Well past <see cref="MinimumInboxAge"/>.</summary>
    public const int DefaultInboxDays = 30;
    /// <summary>A delivered notification is what the citizen's notification list shows: kept a year.</summary>
    public const int DefaultNotificationDays = 365;
    public const int DefaultIntervalSeconds = 3600;
    public const int DefaultBatchSize = 1000;
    public const int DefaultMaxBatchesPerPass = 50;

    /// <summary>
    /// How long after a consumer applied a message the same message id can still arrive; an inbox row must outlive
    /// it, or the late copy is applied a second time. The automatic windows are short: MassTransit retries a failing
    /// message <see cref="MessagingExtensions.RetryLimit"/> times at most <see cref="MessagingExtensions.RetryMaxInterval"/>
    /// apart (5 × 10 s = 50 s), and the outbox relay re-publishes a row it published but could not mark (a lost
    /// confirm, a failed save) on its next try, at most a publish timeout plus its longest backoff later (10 s + 30 s).
    /// The long one is people: a copy that failed into the <c>_error</c> queue (the relay's at-least-once delivery can
    /// send two) is replayed by an operator after a fix, and ops replay error queues within
    /// <see cref="ErrorQueueReplayWindow"/> (docs/operations.md). Outages only stretch the automatic windows by
    /// their length, and one of a week is an incident of its own.
    /// </summary>
    public static readonly TimeSpan ErrorQueueReplayWindow = TimeSpan.FromDays(7);

    public static TimeSpan MinimumInboxAge =>
        ErrorQueueReplayWindow
        + MessagingExtensions.RetryLimit * MessagingExtensions.RetryMaxInterval
        + OutboxRelay<PlatformDbContext>.PublishTimeout + OutboxRelay<PlatformDbContext>.MaxBackoff;

    /// <summary>The settings under <c>Retention:</c>; a non-positive value or too short an inbox age stops the start.</summary>
    public static RetentionSettings From(IConfiguration configuration)
    {
        var inboxAge = TimeSpan.FromDays(Positive(configuration, "InboxDays", DefaultInboxDays));
        if (inboxAge <= MinimumInboxAge)
        {
            throw new InvalidOperationException(
                $"{Section}:InboxDays must exceed the longest redelivery window ({MinimumInboxAge.TotalDays:0.###} days), " +
                $"or a late copy of a message would be applied twice; it is {inboxAge.TotalDays} days.");
        }
        return new RetentionSettings(
            TimeSpan.FromDays(Positive(configuration, "OutboxDays", DefaultOutboxDays)),
            inboxAge,
            TimeSpan.FromDays(Positive(configuration, "NotificationDays", DefaultNotificationDays)),
            TimeSpan.FromSeconds(Positive(configuration, "IntervalSeconds", DefaultIntervalSeconds)),
            Positive(configuration, "BatchSize", DefaultBatchSize),
            Positive(configuration, "MaxBatchesPerPass", DefaultMaxBatchesPerPass));
    }

    private static int Positive(IConfiguration configuration, string name, int defaultValue)
    {
        var key = $"{Section}:{name}";
        var value = configuration.GetValue(key, defaultValue);
        if (value <= 0) throw new InvalidOperationException($"{key} must be a positive number, not {value}.");
        return value;
    }
}

/// <summary>What one pass removed, per table, and in how many batches (DELETE statements) in all.</summary>
public sealed record RetentionResult(int Outbox, int Inbox, int Notifications, int Batches)
{
    public int Rows => Outbox + Inbox + Notifications;
}

/// <summary>
/// One retention pass over a service's database, oldest rows first, in batches of <see cref="RetentionSettings.BatchSize"/>:
/// each batch is one DELETE committed on its own, so it holds its row locks (SQLite: the write lock) only briefly and
/// the outbox relay and consumers go on between batches. A pass stops after <see cref="RetentionSettings.MaxBatchesPerPass"/>
/// batches per table; a backlog is worked off over the next passes. Never touches an unpublished outbox row, an
/// undelivered notification or the audit log.
/// </summary>
public sealed class RetentionPass<TContext>(TContext db, RetentionSettings settings, TimeProvider clock) where TContext : PlatformDbContext
{
    public async Task<RetentionResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var outboxBefore = now - settings.OutboxAge;
        var inboxBefore = now - settings.InboxAge;
        var notificationsBefore = now - settings.NotificationAge;

        // CreatedAt too: a row the relay set aside as unreadable has SentAt = MinValue, and is kept as long as the others
        var outbox = db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < outboxBefore && m.CreatedAt < outboxBefore);
        var (outboxRows, outboxBatches) = await DeleteInBatchesAsync(outboxBefore,
            (skip, ct) => outbox.OrderBy(m => m.SentAt).Select(m => m.SentAt).Skip(skip).FirstOrDefaultAsync(ct),
            (upTo, ct) => outbox.Where(m => m.SentAt <= upTo).ExecuteDeleteAsync(ct), cancellationToken);
        var inbox = db.InboxMessages.Where(m => m.ProcessedAt < inboxBefore);
        var (inboxRows, inboxBatches) = await DeleteInBatchesAsync(inboxBefore,
            (skip, ct) => inbox.OrderBy(m => m.ProcessedAt).Select(m => (DateTimeOffset?)m.ProcessedAt).Skip(skip).FirstOrDefaultAsync(ct),
            (upTo, ct) => inbox.Where(m => m.ProcessedAt <= upTo).ExecuteDeleteAsync(ct), cancellationToken);
        var notifications = db.Notifications.Where(n => n.DeliveredAt != null && n.DeliveredAt < notificationsBefore);
        var (notificationRows, notificationBatches) = await DeleteInBatchesAsync(notificationsBefore,
            (skip, ct) => notifications.OrderBy(n => n.DeliveredAt).Select(n => n.DeliveredAt).Skip(skip).FirstOrDefaultAsync(ct),
            (upTo, ct) => notifications.Where(n => n.DeliveredAt <= upTo).ExecuteDeleteAsync(ct), cancellationToken);
        return new RetentionResult(outboxRows, inboxRows, notificationRows, outboxBatches + inboxBatches + notificationBatches);
    }

    /// <summary>
    /// A batch is the age of the <see cref="RetentionSettings.BatchSize"/>-th oldest eligible row (a short walk along
    /// the age column's index), then one DELETE of the eligible rows up to that age: an index range scan again, so a
    /// batch is that many rows (a few more where ages tie). Deleting by key instead (<c>WHERE id IN (SELECT ... LIMIT
    /// n)</c>, or a list of keys) made PostgreSQL scan the whole table for every batch (tests/Platform.IntegrationTests).
    /// </summary>
    private async Task<(int Rows, int Batches)> DeleteInBatchesAsync(DateTimeOffset cutoff,
        Func<int, CancellationToken, Task<DateTimeOffset?>> ageOfOldest, Func<DateTimeOffset, CancellationToken, Task<int>> deleteUpTo,
        CancellationToken cancellationToken)
    {
        var rows = 0;
        var batches = 0;
        while (batches < settings.MaxBatchesPerPass)
        {
            // fewer rows than a batch: all the eligible ones, whose ages are all below the cutoff, are this batch
            var upTo = await ageOfOldest(settings.BatchSize - 1, cancellationToken);
            // outside a transaction of ours, the DELETE commits by itself
            var deleted = await deleteUpTo(upTo ?? cutoff, cancellationToken);
            if (deleted == 0) break;
            rows += deleted;
            batches++;
            if (upTo is null) break;
        }
        return (rows, batches);
    }
}

/// <summary>
/// Runs a <see cref="RetentionPass{TContext}"/> every <c>Retention:IntervalSeconds</c> on the replica holding the
/// service's retention lock. Registered by <see cref="DatabaseExtensions.AddServiceDatabase{TContext}"/>.
/// </summary>
public sealed class RetentionJob<TContext>(IServiceScopeFactory scopes, IJobLock jobLock, TimeProvider clock, RetentionSettings settings,
    ILogger<RetentionJob<TContext>> logger)
    : ScheduledJob(scopes, jobLock, clock, logger, $"retention:{typeof(TContext).Name}", settings.Interval)
    where TContext : PlatformDbContext
{
    protected override async Task<string?> RunPassAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await new RetentionPass<TContext>(services.GetRequiredService<TContext>(), settings,
            services.GetRequiredService<TimeProvider>()).RunOnceAsync(cancellationToken);
        return result.Rows == 0 ? null
            : $"removed {result.Outbox} published outbox rows, {result.Inbox} inbox rows and {result.Notifications} delivered notifications";
    }
}
