using Longgang.Platform.Audit;
using Longgang.Platform.Data;
using Longgang.Platform.Hosting;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Longgang.Platform.Tests;

/// <summary>The retention rules on SQLite (the embedded default): what goes, when, and what never goes.</summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly RetentionSettings Settings = RetentionSettings.From(new ConfigurationBuilder().Build());
    private readonly TempDirectory _dir = new();

    private TallyDbContext NewContext() =>
        new(new DbContextOptionsBuilder<TallyDbContext>().UseSqlite(_dir.SqliteConnectionString("retention")).Options);

    public async ValueTask InitializeAsync()
    {
        await using var db = NewContext();
        await db.Database.EnsureCreatedAsync(Ct);
    }

    public ValueTask DisposeAsync()
    {
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<RetentionResult> RunPassAsync(RetentionSettings? settings = null)
    {
        await using var db = NewContext();
        return await new RetentionPass<TallyDbContext>(db, settings ?? Settings, new FixedClock(Now)).RunOnceAsync(Ct);
    }

    private async Task<Guid> AddOutboxAsync(TimeSpan createdAgo, TimeSpan? sentAgo)
    {
        await using var db = NewContext();
        var message = OutboxMessage.From(new SomethingHappened(Guid.NewGuid(), "k"), Now - createdAgo);
        message.SentAt = Now - sentAgo;
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync(Ct);
        return message.MessageId;
    }

    private async Task<Guid> AddInboxAsync(TimeSpan processedAgo)
    {
        await using var db = NewContext();
        var message = new InboxMessage { MessageId = Guid.NewGuid(), Consumer = "TallyConsumer", ProcessedAt = Now - processedAgo };
        db.InboxMessages.Add(message);
        await db.SaveChangesAsync(Ct);
        return message.MessageId;
    }

    private async Task<Guid> AddNotificationAsync(TimeSpan createdAgo, TimeSpan? deliveredAgo)
    {
        await using var db = NewContext();
        var record = CitizenNotificationRecord.From(new CitizenNotification("citizen-1", "Subject", "Body"), Now - createdAgo);
        db.Notifications.Add(record);
        await db.SaveChangesAsync(Ct);
        if (deliveredAgo is { } ago)
        {
            await db.Notifications.Where(n => n.Id == record.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.DeliveredAt, Now - ago), Ct);
        }
        return record.Id;
    }

    private async Task<(Guid[] Outbox, Guid[] Inbox, Guid[] Notifications)> RemainingAsync()
    {
        await using var db = NewContext();
        return (await db.OutboxMessages.Select(m => m.MessageId).ToArrayAsync(Ct),
            await db.InboxMessages.Select(m => m.MessageId).ToArrayAsync(Ct),
            await db.Notifications.Select(n => n.Id).ToArrayAsync(Ct));
    }

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Each_kind_of_row_goes_once_it_is_older_than_its_age_and_not_before()
    {
        var oldSent = await AddOutboxAsync(Settings.OutboxAge + Minute, Settings.OutboxAge + Minute);
        var youngSent = await AddOutboxAsync(Settings.OutboxAge + Minute, Settings.OutboxAge - Minute); // sent late: its age counts from then
        var oldProcessed = await AddInboxAsync(Settings.InboxAge + Minute);
        var youngProcessed = await AddInboxAsync(Settings.InboxAge - Minute);
        var oldDelivered = await AddNotificationAsync(Settings.NotificationAge + Minute, Settings.NotificationAge + Minute);
        var youngDelivered = await AddNotificationAsync(Settings.NotificationAge + Minute, Settings.NotificationAge - Minute);

        var result = await RunPassAsync();

        Assert.Equal(new RetentionResult(1, 1, 1, 3), result);
        var (outbox, inbox, notifications) = await RemainingAsync();
        Assert.Equal([youngSent], outbox);
        Assert.Equal([youngProcessed], inbox);
        Assert.Equal([youngDelivered], notifications);
        Assert.DoesNotContain(oldSent, outbox);
        Assert.DoesNotContain(oldProcessed, inbox);
        Assert.DoesNotContain(oldDelivered, notifications);
    }

    [Fact]
    public async Task An_unpublished_outbox_row_is_never_removed_however_old()
    {
        var pending = await AddOutboxAsync(TimeSpan.FromDays(3650), sentAgo: null);
        // set aside as unreadable by the relay (SentAt = MinValue): kept as long as a published row, from its creation
        var setAsideRecently = await AddOutboxAsync(Minute, sentAgo: Now - DateTimeOffset.MinValue.ToUniversalTime());
        var setAsideLongAgo = await AddOutboxAsync(Settings.OutboxAge + Minute, sentAgo: Now - DateTimeOffset.MinValue.ToUniversalTime());

        var result = await RunPassAsync();

        Assert.Equal(1, result.Outbox);
        var (outbox, _, _) = await RemainingAsync();
        Assert.Equal(new[] { pending, setAsideRecently }.Order(), outbox.Order());
        Assert.DoesNotContain(setAsideLongAgo, outbox);
    }

    [Fact]
    public async Task An_undelivered_notification_is_never_removed_however_old()
    {
        var undelivered = await AddNotificationAsync(TimeSpan.FromDays(3650), deliveredAgo: null);

        var result = await RunPassAsync();

        Assert.Equal(0, result.Notifications);
        Assert.Equal([undelivered], (await RemainingAsync()).Notifications);
    }

    [Fact]
    public async Task The_audit_log_is_left_alone()
    {
        // no append-only triggers here: were the job to delete audit entries, nothing but this test would stop it
        await using (var db = NewContext())
        {
            for (var i = 0; i < 3; i++)
                db.AuditLog.Add(new AuditEntry { At = Now - TimeSpan.FromDays(3650), Subject = "clerk-1", Role = "clerk", Method = "/x/Accept", Outcome = "OK" });
            await db.SaveChangesAsync(Ct);
        }

        await RunPassAsync(Settings with { OutboxAge = TimeSpan.FromDays(1), NotificationAge = TimeSpan.FromDays(1) });

        await using (var db = NewContext())
            Assert.Equal(3, await db.AuditLog.CountAsync(Ct));
    }

    [Fact]
    public async Task A_pass_deletes_in_batches_and_stops_after_its_last_batch_leaving_the_rest_to_the_next()
    {
        for (var i = 0; i < 25; i++) await AddInboxAsync(Settings.InboxAge + TimeSpan.FromMinutes(i + 1));
        var young = await AddInboxAsync(Minute);
        var settings = Settings with { BatchSize = 4, MaxBatchesPerPass = 3 };

        var passes = new[] { await RunPassAsync(settings), await RunPassAsync(settings), await RunPassAsync(settings) };

        Assert.Equal([12, 12, 1], passes.Select(p => p.Inbox));
        // stop at the last batch, or after a batch that found fewer rows than it could take; no batch for no rows
        Assert.Equal([3, 3, 1], passes.Select(p => p.Batches));
        Assert.Equal([young], (await RemainingAsync()).Inbox);
    }

    [Theory]
    [InlineData("Retention:OutboxDays", "0")]
    [InlineData("Retention:InboxDays", "-1")]
    [InlineData("Retention:NotificationDays", "0")]
    [InlineData("Retention:IntervalSeconds", "0")]
    [InlineData("Retention:BatchSize", "0")]
    [InlineData("Retention:MaxBatchesPerPass", "-5")]
    [InlineData("Retention:InboxDays", "7")] // the error-queue replay window alone is 7 days
    public void Settings_that_would_delete_too_much_or_never_run_stop_the_start(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(key, (string?)value)]).Build();

        var error = Assert.Throws<InvalidOperationException>(() => RetentionSettings.From(configuration));
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void The_defaults_keep_the_inbox_past_the_longest_redelivery_window()
    {
        Assert.Equal(TimeSpan.FromDays(7), Settings.OutboxAge);
        Assert.Equal(TimeSpan.FromDays(30), Settings.InboxAge);
        Assert.Equal(TimeSpan.FromDays(365), Settings.NotificationAge);
        Assert.True(Settings.InboxAge > RetentionSettings.MinimumInboxAge);
        var eightDays = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("Retention:InboxDays", (string?)"8")]).Build();
        Assert.Equal(TimeSpan.FromDays(8), RetentionSettings.From(eightDays).InboxAge);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public void A_service_database_gets_one_retention_job_except_in_a_migration_run(bool migrateOnly, int jobs)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection([
            KeyValuePair.Create("Storage:DataDirectory", (string?)_dir.Path),
            KeyValuePair.Create(DatabaseExtensions.MigrateOnlyKey, (string?)migrateOnly.ToString()),
        ]);
        builder.Services.AddMassTransitTestHarness();
        builder.AddServiceDatabase<TallyDbContext>("tally");
        using var app = builder.Build();

        Assert.Equal(jobs, app.Services.GetServices<IHostedService>().OfType<RetentionJob<TallyDbContext>>().Count());
        if (jobs == 1) Assert.NotNull(app.Services.GetRequiredService<IJobLock>());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
