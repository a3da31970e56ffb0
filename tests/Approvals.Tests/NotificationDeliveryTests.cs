using Longgang.Approvals.Data;
using Longgang.Approvals.Messaging;
using Longgang.Platform;
using Longgang.Platform.Events.V1;
using Longgang.Platform.Notifications;
using Longgang.Platform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longgang.Approvals.Tests;

/// <summary>
/// The dispatcher applying a recipient's preferences on a fake clock (quiet hours, digests, statutory notices, channel
/// and language, receipts, giving up), and the consumer that keeps each service's copy of the preferences.
/// </summary>
public sealed class NotificationDeliveryTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    /// <summary>23:00 China time: inside quiet hours of 22:00-07:00.</summary>
    private static readonly DateTimeOffset LateEvening = new(2026, 3, 2, 23, 0, 0, China);

    private ApprovalsTestHost _host = null!;
    private ConsumerHarness _bus = null!;
    private readonly RecordingNotifier _notifier = new() { Receipt = "{\"messageId\":\"sms-1\"}" };

    public async ValueTask InitializeAsync()
    {
        _host = await ApprovalsTestHost.CreateAsync(LateEvening, (services, _) => services
            .AddConsumerHarness(bus => bus.AddConsumer<ApprovalsNotificationPreferencesConsumer>()));
        _bus = await ConsumerHarness.StartAsync(_host.Services);
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _host.DisposeAsync();
    }

    private NotificationDispatcher<ApprovalsDbContext> Dispatcher(int maxAttempts = 8) => new(
        _host.Services.GetRequiredService<IServiceScopeFactory>(), _notifier, _host.Clock,
        NullLogger<NotificationDispatcher<ApprovalsDbContext>>.Instance, new NotificationOptions { MaxAttempts = maxAttempts, DigestHour = 20 });

    private static NotificationPreferencesChanged Preferences(DateTimeOffset changedAt, string language, params NotificationKindPreference[] kinds) =>
        new("citizen-7", language, kinds, changedAt);

    private Task PreferAsync(params NotificationKindPreference[] kinds) =>
        _host.WithDbAsync(db =>
        {
            db.NotificationPreferences.Add(NotificationPreferenceRecord.From(Preferences(LateEvening.AddDays(-1), "zh-CN", kinds)));
            return db.SaveChangesAsync(Ct);
        });

    private Task RecordAsync(string kind, string subject = "申请已收件") =>
        _host.WithDbAsync(db =>
        {
            db.AddCitizenNotification(new CitizenNotification("citizen-7", subject, "正文", kind, "ref") { SubjectEn = "Received", BodyEn = "Body" },
                _host.Clock.GetUtcNow());
            return db.SaveChangesAsync(Ct);
        });

    private Task<List<CitizenNotificationRecord>> StoredAsync() =>
        _host.WithDbAsync(db => db.Notifications.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(Ct));

    private void AdvanceTo(DateTimeOffset instant) => _host.Clock.Advance(instant - _host.Clock.GetUtcNow());

    [Fact]
    public async Task Quiet_hours_hold_a_non_urgent_notification_and_release_it_when_they_end()
    {
        await PreferAsync(new NotificationKindPreference(NotificationKinds.ApplicationSubmitted, "SMS", true, "22:00", "07:00", false));
        await RecordAsync(NotificationKinds.ApplicationSubmitted);
        var dispatcher = Dispatcher();

        Assert.Equal(0, await dispatcher.DispatchDueAsync(Ct));
        var waiting = Assert.Single(await StoredAsync());
        Assert.Equal(NotificationStatus.Waiting, waiting.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 7, 0, 0, China), waiting.NextAttemptAt);

        AdvanceTo(new DateTimeOffset(2026, 3, 3, 6, 59, 0, China));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Ct));
        Assert.Empty(_notifier.Sent);

        AdvanceTo(new DateTimeOffset(2026, 3, 3, 7, 0, 0, China));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(Ct));
        var delivered = Assert.Single(await StoredAsync());
        Assert.Equal((NotificationStatus.Delivered, _host.Clock.GetUtcNow()), (delivered.Status, delivered.DeliveredAt));
        Assert.Equal(_notifier.Receipt, delivered.Receipt);
        Assert.Equal(NotificationChannel.Sms, Assert.Single(_notifier.Channels));
    }

    [Fact]
    public async Task A_statutory_notice_goes_at_once_even_in_quiet_hours_switched_off_or_set_to_a_digest()
    {
        await PreferAsync(new NotificationKindPreference(NotificationKinds.CorrectionRequested, "SMS", false, "22:00", "07:00", true));
        await RecordAsync(NotificationKinds.CorrectionRequested, "申请需补正材料");

        Assert.Equal(1, await Dispatcher().DispatchDueAsync(Ct));

        Assert.Equal("申请需补正材料", Assert.Single(_notifier.Sent).Notification.Subject);
        Assert.Equal(NotificationChannel.Sms, Assert.Single(_notifier.Channels));
        Assert.Equal(NotificationStatus.Delivered, Assert.Single(await StoredAsync()).Status);
    }

    [Fact]
    public async Task A_switched_off_kind_is_listed_only_and_an_english_speaker_gets_english()
    {
        await _host.WithDbAsync(db =>
        {
            db.NotificationPreferences.Add(NotificationPreferenceRecord.From(Preferences(LateEvening.AddDays(-1), "en",
                new NotificationKindPreference(NotificationKinds.CertificateIssued, "EMAIL", false, null, null, false),
                new NotificationKindPreference(NotificationKinds.ApplicationSubmitted, "EMAIL", true, null, null, false))));
            return db.SaveChangesAsync(Ct);
        });
        await RecordAsync(NotificationKinds.CertificateIssued);
        await RecordAsync(NotificationKinds.ApplicationSubmitted);

        Assert.Equal(2, await Dispatcher().DispatchDueAsync(Ct));

        // recorded at the same instant, so they go in either order: each kind with its channel
        Assert.Equal(
            [(NotificationKinds.ApplicationSubmitted, (NotificationChannel?)NotificationChannel.Email), (NotificationKinds.CertificateIssued, NotificationChannel.InApp)],
            _notifier.Sent.Zip(_notifier.Channels, (s, c) => (s.Notification.Kind!, c)).OrderBy(p => p.Item1, StringComparer.Ordinal));
        Assert.All(_notifier.Sent, s => Assert.Equal("Received", s.Notification.Subject));
    }

    [Fact]
    public async Task A_digest_gathers_the_days_notifications_into_one_delivery_at_the_digest_hour()
    {
        AdvanceTo(new DateTimeOffset(2026, 3, 3, 9, 0, 0, China));
        await PreferAsync(new NotificationKindPreference(NotificationKinds.ApplicationSubmitted, "SMS", true, null, null, true),
            new NotificationKindPreference(NotificationKinds.CertificateIssued, "SMS", true, null, null, true));
        var dispatcher = Dispatcher();
        foreach (var hour in new[] { 9, 13, 19 })
        {
            AdvanceTo(new DateTimeOffset(2026, 3, 3, hour, 0, 0, China));
            await RecordAsync(hour == 13 ? NotificationKinds.CertificateIssued : NotificationKinds.ApplicationSubmitted, $"第 {hour} 时");
            Assert.Equal(0, await dispatcher.DispatchDueAsync(Ct));
        }
        Assert.All(await StoredAsync(), n => Assert.Equal((NotificationStatus.Waiting, true), (n.Status, n.InDigest)));

        AdvanceTo(new DateTimeOffset(2026, 3, 3, 20, 0, 0, China));
        Assert.Equal(3, await dispatcher.DispatchDueAsync(Ct));

        var digest = Assert.Single(_notifier.Sent).Notification;
        Assert.Equal("每日汇总：3 条通知", digest.Subject);
        Assert.Equal(["第 9 时：正文", "第 13 时：正文", "第 19 时：正文"], digest.Body.Split('\n'));
        Assert.All(await StoredAsync(), n => Assert.Equal((NotificationStatus.Delivered, _notifier.Receipt), (n.Status, n.Receipt)));
    }

    [Fact]
    public async Task A_failing_channel_is_retried_with_backoff_then_marked_failed_with_its_error_and_kept()
    {
        await RecordAsync(NotificationKinds.ApplicationSubmitted);
        _notifier.FailuresLeft = 10;
        var dispatcher = Dispatcher(maxAttempts: 3);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(0, await dispatcher.DispatchDueAsync(Ct));
            var row = Assert.Single(await StoredAsync());
            Assert.Equal(attempt, row.Attempts);
            Assert.Equal(attempt < 3 ? NotificationStatus.Pending : NotificationStatus.Failed, row.Status);
            _host.Clock.Advance(NotificationDispatcher<ApprovalsDbContext>.RetryDelay(attempt));
        }
        _host.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Ct));

        var failed = Assert.Single(await StoredAsync());
        Assert.Equal((NotificationStatus.Failed, 3, "the delivery channel is down"), (failed.Status, failed.Attempts, failed.LastError));
        Assert.Null(failed.DeliveredAt);
        Assert.Equal(7, _notifier.FailuresLeft); // three tries, then no more
    }

    // ---- the copy of the preferences ------------------------------------------------------------

    private async Task DeliverAsync(NotificationPreferencesChanged change, Guid messageId)
    {
        var deliveries = new DeliveryObserver<NotificationPreferencesChanged>();
        using var observing = _bus.Bus.ConnectConsumeMessageObserver(deliveries);
        await deliveries.DeliverAsync(_bus.Bus, change, messageId, Ct);
        Assert.Empty(deliveries.Faults);
    }

    [Fact]
    public async Task A_redelivered_change_applies_once_and_an_older_change_never_overwrites_a_newer_one()
    {
        var sms = new NotificationKindPreference(NotificationKinds.ApplicationSubmitted, "SMS", true, null, null, false);
        var email = sms with { Channel = "EMAIL" };
        var newer = Preferences(LateEvening, "en", email);
        var older = Preferences(LateEvening.AddMinutes(-5), "zh-CN", sms);
        var messageId = Guid.NewGuid();

        await DeliverAsync(newer, messageId);
        await DeliverAsync(newer, messageId);
        await DeliverAsync(older, Guid.NewGuid());

        var stored = await _host.WithDbAsync(db => db.NotificationPreferences.SingleAsync(Ct));
        Assert.Equal(("en", LateEvening), (stored.Language, stored.ChangedAt));
        Assert.Equal("EMAIL", Assert.Single(stored.KindPreferences()).Channel);
        Assert.Single(await _host.WithDbAsync(db => db.InboxMessages.Where(m => m.MessageId == messageId).ToListAsync(Ct)));
    }
}
