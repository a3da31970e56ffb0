using System.Collections.Concurrent;
using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Grpc;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Notifications;
using Longgang.Platform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static Longgang.Approvals.Tests.Callers;
using static Longgang.Approvals.Tests.Departments;

namespace Longgang.Approvals.Tests;

/// <summary>
/// The notifications table on a real SQLite database: the dispatcher that delivers its rows, and the API that lists
/// them to their recipients.
/// </summary>
public sealed class NotificationsTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApprovalsTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await ApprovalsTestHost.CreateAsync(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>Records one notification per recipient, a minute apart, as consumers would; subjects "Subject 0", "Subject 1", ...</summary>
    private Task RecordAsync(params string[] recipients) =>
        _host.WithDbAsync(db =>
        {
            foreach (var (recipient, index) in recipients.Select((r, i) => (r, i)))
            {
                db.AddCitizenNotification(new CitizenNotification(recipient, $"Subject {index}", "Body", "KIND", "ref"), _host.Clock.GetUtcNow());
                _host.Clock.Advance(TimeSpan.FromMinutes(1));
            }
            return db.SaveChangesAsync(Ct);
        });

    private Task<List<CitizenNotificationRecord>> StoredAsync() =>
        _host.WithDbAsync(db => db.Notifications.OrderBy(n => n.CreatedAt).ToListAsync(Ct));

    private NotificationDispatcher<ApprovalsDbContext> Dispatcher(ICitizenNotifier notifier) => new(
        _host.Services.GetRequiredService<IServiceScopeFactory>(), notifier, _host.Clock, NullLogger<NotificationDispatcher<ApprovalsDbContext>>.Instance);

    // ---- the dispatcher ----------------------------------------------------------------------------

    [Fact]
    public async Task The_dispatcher_delivers_every_notification_once_oldest_first_and_marks_it_delivered()
    {
        await RecordAsync("citizen-7", "citizen-8", "gw-1");
        var notifier = new RecordingNotifier();
        var dispatcher = Dispatcher(notifier);

        Assert.Equal(3, await dispatcher.DispatchDueAsync(Ct));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Ct));

        var stored = await StoredAsync();
        Assert.Equal(stored.Select(n => (n.Id, n.CitizenId)), notifier.Sent.Select(s => (s.Id, s.Notification.CitizenId)));
        Assert.Equal(stored[0].ToNotification(NotificationLanguages.Chinese), notifier.Sent.First().Notification);
        Assert.All(stored, n =>
        {
            Assert.Equal(_host.Clock.GetUtcNow(), n.DeliveredAt);
            Assert.Equal(1, n.Attempts);
            Assert.Null(n.LastError);
        });
    }

    [Fact]
    public async Task A_failed_send_keeps_the_row_and_is_retried_after_a_backoff_without_holding_up_the_others()
    {
        await RecordAsync("citizen-7", "citizen-8");
        var notifier = new RecordingNotifier { FailuresLeft = 1 };
        var dispatcher = Dispatcher(notifier);

        Assert.Equal(1, await dispatcher.DispatchDueAsync(Ct));
        var failed = (await StoredAsync())[0];
        Assert.Null(failed.DeliveredAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("the delivery channel is down", failed.LastError);
        Assert.Equal("citizen-8", Assert.Single(notifier.Sent).Notification.CitizenId);

        // not before its backoff has passed
        _host.Clock.Advance(NotificationDispatcher<ApprovalsDbContext>.FirstRetryDelay - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Ct));
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(Ct));

        var retried = (await StoredAsync())[0];
        Assert.Equal(_host.Clock.GetUtcNow(), retried.DeliveredAt);
        Assert.Equal(2, retried.Attempts);
        Assert.Equal(["citizen-8", "citizen-7"], notifier.Sent.Select(s => s.Notification.CitizenId));
    }

    [Fact]
    public void The_backoff_doubles_up_to_a_ceiling()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), NotificationDispatcher<ApprovalsDbContext>.RetryDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(20), NotificationDispatcher<ApprovalsDbContext>.RetryDelay(3));
        Assert.Equal(TimeSpan.FromMinutes(10), NotificationDispatcher<ApprovalsDbContext>.RetryDelay(50));
    }

    [Fact]
    public async Task Two_replicas_reading_the_same_rows_send_each_notification_once()
    {
        await RecordAsync("citizen-7", "citizen-8");
        var sent = new ConcurrentQueue<Guid>();
        NotificationDispatcher<ApprovalsDbContext>? other = null;
        // the first replica has read both rows; while it sends the first, the second replica runs a whole pass
        var first = Dispatcher(new CallbackNotifier(async id =>
        {
            sent.Enqueue(id);
            if (sent.Count == 1) await other!.DispatchDueAsync(Ct);
        }));
        other = Dispatcher(new CallbackNotifier(id =>
        {
            sent.Enqueue(id);
            return Task.CompletedTask;
        }));

        await first.DispatchDueAsync(Ct);

        var stored = await StoredAsync();
        Assert.Equal(stored.Select(n => n.Id), sent);
        Assert.All(stored, n => Assert.NotNull(n.DeliveredAt));
    }

    [Fact]
    public async Task Over_long_texts_are_shortened_rather_than_failing_the_consumer()
    {
        await _host.WithDbAsync(db =>
        {
            db.AddCitizenNotification(new CitizenNotification("citizen-7", new string('s', 500), new string('b', 5000)), _host.Clock.GetUtcNow());
            return db.SaveChangesAsync(Ct);
        });

        var stored = Assert.Single(await StoredAsync());
        Assert.Equal(CitizenNotificationRecord.MaxSubjectLength, stored.Subject.Length);
        Assert.Equal(CitizenNotificationRecord.MaxBodyLength, stored.Body.Length);
        Assert.EndsWith("…", stored.Body);
    }

    // ---- ListNotifications ---------------------------------------------------------------------------

    private Task<ListNotificationsResponse> ListAsync(Caller caller, string citizenId = "", int pageSize = 0, string pageToken = "") =>
        _host.ScopeAsync(services => Service(services).ListNotifications(
            new ListNotificationsRequest { CitizenId = citizenId, PageSize = pageSize, PageToken = pageToken }, new TestServerCallContext(caller)));

    private NotificationsGrpcService Service(IServiceProvider services) => new(services.GetRequiredService<ApprovalsDbContext>(), _host.Clock);

    [Fact]
    public async Task A_citizen_lists_their_own_notifications_newest_first_page_by_page()
    {
        await RecordAsync("citizen-7", "citizen-8", "citizen-7", "citizen-7");
        await Dispatcher(new RecordingNotifier()).DispatchDueAsync(Ct);

        var first = await ListAsync(Citizen, pageSize: 2);
        var second = await ListAsync(Citizen, pageSize: 2, pageToken: first.NextPageToken);

        var all = first.Notifications.Concat(second.Notifications).ToList();
        Assert.Equal(["Subject 3", "Subject 2", "Subject 0"], all.Select(n => n.Subject));
        Assert.All(all, n => Assert.Equal("citizen-7", n.CitizenId));
        Assert.Equal("", second.NextPageToken);
        var newest = all[0];
        Assert.Equal(("KIND", "ref", "Body"), (newest.Kind, newest.Reference, newest.Body));
        Assert.NotNull(newest.DeliveredAt);
        Assert.True(Guid.TryParse(newest.Id, out _));
        // naming themselves is the same as naming nobody
        Assert.Equal(3, (await ListAsync(Citizen, citizenId: "citizen-7")).Notifications.Count);
    }

    [Fact]
    public async Task A_citizen_asking_for_someone_elses_notifications_is_refused()
    {
        await RecordAsync("citizen-8");

        await Assert.ThrowsAsync<ForbiddenException>(() => ListAsync(Citizen, citizenId: "citizen-8"));
        Assert.Empty((await ListAsync(Citizen)).Notifications);
        Assert.Single((await ListAsync(OtherCitizen)).Notifications);
    }

    [Fact]
    public async Task A_grid_worker_sees_the_notifications_addressed_to_them_and_no_citizens()
    {
        await RecordAsync("citizen-7", "gw-1");

        Assert.Equal("gw-1", Assert.Single((await ListAsync(GridWorker)).Notifications).CitizenId);
        await Assert.ThrowsAsync<ForbiddenException>(() => ListAsync(GridWorker, citizenId: "citizen-7"));
    }

    [Fact]
    public async Task A_city_admin_sees_everyones_or_filters_by_citizen()
    {
        await RecordAsync("citizen-7", "citizen-8", "gw-1");

        Assert.Equal(3, (await ListAsync(CityAdmin)).Notifications.Count);
        Assert.Equal("citizen-8", Assert.Single((await ListAsync(CityAdmin, citizenId: "citizen-8")).Notifications).CitizenId);
    }

    [Fact]
    public async Task Staff_list_only_what_is_addressed_to_them()
    {
        await RecordAsync("citizen-7");

        Assert.Empty((await ListAsync(Clerk(Market))).Notifications);
        await Assert.ThrowsAsync<ForbiddenException>(() => ListAsync(Clerk(Market), citizenId: "citizen-7"));
    }

    [Fact]
    public async Task A_page_token_this_api_did_not_issue_or_a_negative_page_size_is_bad_input()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => ListAsync(Citizen, pageSize: -1, pageToken: "not-a-token"));

        Assert.Equal(["pageSize", "pageToken"], error.FieldErrors.Keys.Order());
    }

    // ---- preferences -------------------------------------------------------------------------------

    private static NotificationKindPreference Kind(string kind, bool enabled = true) =>
        new() { Kind = kind, Channel = Contracts.V1.NotificationChannel.Sms, Enabled = enabled, QuietFrom = "22:00", QuietUntil = "07:00" };

    private Task<NotificationPreferences> UpdateAsync(Caller caller, string citizenId, params NotificationKindPreference[] kinds) =>
        _host.ScopeAsync(services => Service(services).UpdateNotificationPreferences(
            new UpdateNotificationPreferencesRequest { CitizenId = citizenId, Language = "en", Kinds = { kinds } }, new TestServerCallContext(caller)));

    private Task<NotificationPreferences> GetAsync(Caller caller, string citizenId) =>
        _host.ScopeAsync(services => Service(services).GetNotificationPreferences(
            new GetNotificationPreferencesRequest { CitizenId = citizenId }, new TestServerCallContext(caller)));

    [Fact]
    public async Task A_citizen_sets_their_preferences_every_service_is_told_and_every_kind_is_answered()
    {
        var before = await GetAsync(Citizen, "citizen-7");
        Assert.Equal(NotificationKinds.All.Count, before.Kinds.Count);
        Assert.Null(before.ChangedAt);

        var updated = await UpdateAsync(Citizen, "citizen-7", Kind(NotificationKinds.CertificateIssued));

        var certificate = Assert.Single(updated.Kinds, k => k.Kind == NotificationKinds.CertificateIssued);
        Assert.Equal((Contracts.V1.NotificationChannel.Sms, "22:00", "07:00", false), (certificate.Channel, certificate.QuietFrom, certificate.QuietUntil, certificate.Statutory));
        Assert.True(Assert.Single(updated.Kinds, k => k.Kind == NotificationKinds.ApplicationDecided).Statutory);
        Assert.Equal("en", (await GetAsync(CityAdmin, "citizen-7")).Language);
        var published = Assert.Single(await _host.WithDbAsync(db => db.OutboxMessages.ToListAsync(Ct)));
        Assert.Contains(nameof(Platform.Events.V1.NotificationPreferencesChanged), published.Type);
    }

    [Fact]
    public async Task A_statutory_kind_cannot_be_switched_off()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            UpdateAsync(Citizen, "citizen-7", Kind(NotificationKinds.CertificateIssued), Kind(NotificationKinds.ApplicationDecided, enabled: false)));

        Assert.Equal(["kinds[1].enabled"], error.FieldErrors.Keys);
        Assert.Empty(await _host.WithDbAsync(db => db.NotificationPreferences.ToListAsync(Ct)));
    }

    [Fact]
    public async Task Nobody_reads_or_sets_another_citizens_preferences_but_a_city_admin_may_read_them()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => GetAsync(OtherCitizen, "citizen-7"));
        await Assert.ThrowsAsync<ForbiddenException>(() => UpdateAsync(OtherCitizen, "citizen-7"));
        await Assert.ThrowsAsync<ForbiddenException>(() => UpdateAsync(CityAdmin, "citizen-7"));
        Assert.Equal("citizen-7", (await GetAsync(CityAdmin, "citizen-7")).CitizenId);
    }

    [Fact]
    public async Task The_list_answers_in_the_requests_language_with_status_and_receipt()
    {
        await _host.WithDbAsync(db =>
        {
            db.AddCitizenNotification(new CitizenNotification("citizen-7", "证照已发放", "正文", NotificationKinds.CertificateIssued, "ref")
            { SubjectEn = "Certificate issued", BodyEn = "Body" }, _host.Clock.GetUtcNow());
            return db.SaveChangesAsync(Ct);
        });
        await Dispatcher(new RecordingNotifier { Receipt = "sms-1" }).DispatchDueAsync(Ct);

        var chinese = Assert.Single((await ListAsync(Citizen)).Notifications);
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = Platform.Localization.LocalizationExtensions.English;
        try
        {
            var english = Assert.Single((await ListAsync(Citizen)).Notifications);
            Assert.Equal(("Certificate issued", "Body"), (english.Subject, english.Body));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
        Assert.Equal(("证照已发放", "APPLICATION", "sms-1"), (chinese.Subject, chinese.ReferenceType, chinese.Receipt));
        Assert.Equal(Contracts.V1.NotificationStatus.Delivered, chinese.Status);
    }
}

/// <summary>
/// Records what the dispatcher sends and through which channel, answering <see cref="Receipt"/>; fails the next
/// <see cref="FailuresLeft"/> sends.
/// </summary>
internal sealed class RecordingNotifier : ICitizenNotifier
{
    public ConcurrentQueue<(Guid Id, CitizenNotification Notification)> Sent { get; } = new();
    public ConcurrentQueue<Platform.Notifications.NotificationChannel?> Channels { get; } = new();
    public int FailuresLeft { get; set; }
    public string? Receipt { get; set; }

    public Task<string?> NotifyAsync(Guid notificationId, CitizenNotification notification, Platform.Notifications.NotificationChannel? channel, CancellationToken ct)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new HttpRequestException("the delivery channel is down");
        }
        Sent.Enqueue((notificationId, notification));
        Channels.Enqueue(channel);
        return Task.FromResult(Receipt);
    }
}

internal sealed class CallbackNotifier(Func<Guid, Task> send) : ICitizenNotifier
{
    public async Task<string?> NotifyAsync(Guid notificationId, CitizenNotification notification, Platform.Notifications.NotificationChannel? channel, CancellationToken ct)
    {
        await send(notificationId);
        return null;
    }
}
