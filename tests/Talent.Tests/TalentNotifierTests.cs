using Longgang.Platform;
using Longgang.Platform.Notifications;
using Longgang.Platform.Testing;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Talent.Data;
using Longgang.Talent.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Talent.Tests;

/// <summary>
/// Talent's notifications on MassTransit's in-memory test harness and a real SQLite database: each event, delivered twice
/// (a redelivery, with its message id), tells the person it names once, in Chinese, linked to their record, and nobody else.
/// </summary>
public sealed class TalentNotifierTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero); // Monday 2 November 2026, 10:00 in China
    private const string Person = "citizen-talent-7";
    private static readonly Guid Record = Guid.Parse("01950a6e-7c3a-7d41-9f0e-3b6f1c2d4e10");

    private readonly TestDatabase _database = new();
    private ConsumerHarness _bus = null!;

    public async ValueTask InitializeAsync() =>
        _bus = await ConsumerHarness.StartAsync(services => services
                .AddDbContext<TalentDbContext>(options => options.UseSqlite(_database.ConnectionString))
                .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
                .AddSingleton(TestText.Instance),
            bus =>
            {
                bus.AddConsumer<CertificationNoticeNotifier>();
                bus.AddConsumer<CertificationObjectionNotifier>();
                bus.AddConsumer<CertificationDecisionNotifier>();
                bus.AddConsumer<ClaimApprovedNotifier>();
                bus.AddConsumer<ClaimPaidNotifier>();
                bus.AddConsumer<ClaimExpiringNotifier>();
                bus.AddConsumer<PositionApplicationNotifier>();
            });

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        _database.Dispose();
    }

    /// <summary>Delivers the event of <paramref name="kind"/> twice under one message id.</summary>
    private Task DeliverTwiceAsync(string kind) => kind switch
    {
        NotificationKinds.CertificationNoticeStarted => TwiceAsync(
            new CertificationNoticeStarted(Record, Person, "C", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 9), Now)),
        NotificationKinds.CertificationObjected => TwiceAsync(
            new CertificationObjected(Record, Person, Guid.NewGuid(), new DateOnly(2026, 11, 9), Now)),
        NotificationKinds.CertificationDecided => TwiceAsync(
            new CertificationDecided(Record, Person, "C", CertificationDecided.Rejected, "业绩材料不足")),
        NotificationKinds.ClaimApproved => TwiceAsync(
            new EntitlementApproved(Record, Guid.NewGuid(), "HOUSING-2026", 2026, Person, 100_000, new DateOnly(2026, 12, 2), Now)),
        NotificationKinds.ClaimPaid => TwiceAsync(
            new EntitlementPaid(Record, "HOUSING-2026", 2026, Person, 100_000, new DateOnly(2026, 11, 20), "PAY-2026-000451")),
        NotificationKinds.ClaimExpiring => TwiceAsync(
            new EntitlementExpiring(Record, "HOUSING-2026", 2026, Person, 100_000, new DateOnly(2026, 12, 2), Now)),
        NotificationKinds.PositionApplicationMoved => TwiceAsync(
            new PositionApplicationMoved(Record, Guid.NewGuid(), Person, "深圳市龙岗区某通信设备有限公司", "INTERVIEW", "district-04", "EXTERNAL_RECRUITMENT", Now)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private async Task TwiceAsync<TMessage>(TMessage message) where TMessage : class
    {
        var messageId = Guid.NewGuid();
        for (var i = 0; i < 2; i++)
            Assert.Empty(await _bus.DeliverAsync(message, messageId, Ct));
    }

    private async Task<List<CitizenNotificationRecord>> NotificationsAsync()
    {
        await using var db = _database.NewContext();
        return await db.Notifications.AsNoTracking().ToListAsync(Ct);
    }

    [Theory]
    [InlineData(NotificationKinds.CertificationNoticeStarted, "自 2026-11-02 起公示至 2026-11-09")]
    [InlineData(NotificationKinds.CertificationObjected, "在公示期内收到异议")]
    [InlineData(NotificationKinds.CertificationDecided, "未获通过。理由：业绩材料不足")]
    [InlineData(NotificationKinds.ClaimApproved, "将于 2026-12-02 前发放")]
    [InlineData(NotificationKinds.ClaimPaid, "支付凭证号 PAY-2026-000451")]
    [InlineData(NotificationKinds.ClaimExpiring, "仅可在 2026-12-02 前发放")]
    [InlineData(NotificationKinds.PositionApplicationMoved, "邀请您参加面试")]
    public async Task The_event_delivered_twice_tells_the_person_it_names_once(string kind, string saying)
    {
        await DeliverTwiceAsync(kind);

        var notification = Assert.Single(await NotificationsAsync());
        Assert.Equal((Person, kind, Record.ToString()), (notification.CitizenId, notification.Kind, notification.Reference));
        Assert.Contains(saying, notification.Body);
    }
}
