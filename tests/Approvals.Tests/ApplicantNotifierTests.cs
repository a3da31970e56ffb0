using System.Collections.Concurrent;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Approvals.Messaging;
using Longgang.Platform;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;
using Longgang.Platform.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Approvals.Tests;

/// <summary>The consumer on MassTransit's in-memory test harness, reading applications from a real SQLite database.</summary>
public sealed class ApplicantNotifierTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly Caller Citizen = new("citizen-7", PlatformRoles.Citizen, null, null);

    private readonly SqliteTestDatabase<ApprovalsDbContext> _database = new(options => new ApprovalsDbContext(options));
    private readonly RecordingNotifier _notifier = new();
    private readonly DeliveryObserver<ApplicationSubmitted> _deliveries = new();
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        await using (var db = _database.NewContext())
            await new MatterCatalogueSeeder().SeedAsync(db, Ct);

        _services = new ServiceCollection()
            .AddDbContext<ApprovalsDbContext>(options => options.UseSqlite(_database.ConnectionString))
            .AddSingleton<OutboxSignal>()
            .AddSingleton<ICitizenNotifier>(_notifier)
            .AddMassTransitTestHarness(bus => bus.AddConsumer<ApplicantNotifier>())
            .BuildServiceProvider(validateScopes: true);
        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
        _harness.Bus.ConnectConsumeMessageObserver(_deliveries);
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.Stop(Ct);
        await _services.DisposeAsync();
        _database.Dispose();
    }

    /// <summary>Stores an application for MS-002 (requires "application form" and "identity card") and returns its event.</summary>
    private async Task<ApplicationSubmitted> SubmittedAsync(params string[] materials)
    {
        await using var db = _database.NewContext();
        var matter = await db.CurrentMatterAsync("MS-002", Ct);
        var application = Application.Submit(matter,
            new SubmissionDraft("MS-002", null, "Wang Fang", SubmissionChannel.Online, null, materials), Citizen, DateTimeOffset.UtcNow);
        db.Applications.Add(application);
        await db.SaveChangesAsync(Ct);
        return new ApplicationSubmitted(application.Id, application.MatterCode, application.DepartmentCode, application.ApplicantId,
            "ONLINE", null, application.SubmittedAt);
    }

    /// <summary>Publishes under the given message id and waits until the consumer has finished with it.</summary>
    private async Task DeliverAsync(ApplicationSubmitted message, Guid messageId)
    {
        await _deliveries.DeliverAsync(_harness.Bus, message, messageId, Ct);
    }

    [Fact]
    public async Task Each_application_notifies_its_applicant_once_and_mentions_missing_materials_only_when_some_are()
    {
        var complete = await SubmittedAsync("application form", "identity card");
        var incomplete = await SubmittedAsync("application form");

        await DeliverAsync(complete, Guid.NewGuid());
        await DeliverAsync(incomplete, Guid.NewGuid());

        Assert.Empty(_deliveries.Faults);
        Assert.Collection(_notifier.Sent,
            first =>
            {
                Assert.Equal("citizen-7", first.CitizenId);
                Assert.Equal(ApplicantNotifier.Subject, first.Subject);
                Assert.Contains("MS-002", first.Body);
                Assert.Contains(complete.ApplicationId.ToString(), first.Body);
                Assert.DoesNotContain("correction notice", first.Body);
            },
            second =>
            {
                Assert.Contains(incomplete.ApplicationId.ToString(), second.Body);
                Assert.Contains("correction notice", second.Body);
            });
    }

    [Fact]
    public async Task The_same_message_delivered_twice_notifies_once()
    {
        var message = await SubmittedAsync("application form", "identity card");
        var messageId = Guid.NewGuid();

        await DeliverAsync(message, messageId);
        await DeliverAsync(message, messageId);

        Assert.Empty(_deliveries.Faults);
        Assert.Single(_notifier.Sent);
    }

    [Fact]
    public async Task A_failed_send_is_not_marked_done_so_the_redelivery_notifies()
    {
        var message = await SubmittedAsync("application form", "identity card");
        var messageId = Guid.NewGuid();
        _notifier.FailNext = true;

        await DeliverAsync(message, messageId);
        Assert.Single(_deliveries.Faults);
        Assert.Empty(_notifier.Sent);

        await DeliverAsync(message, messageId);
        Assert.Single(_notifier.Sent);
    }
}

internal sealed class RecordingNotifier : ICitizenNotifier
{
    public ConcurrentQueue<CitizenNotification> Sent { get; } = new();
    public bool FailNext { get; set; }

    public Task NotifyAsync(CitizenNotification notification, CancellationToken ct)
    {
        if (FailNext)
        {
            FailNext = false;
            throw new HttpRequestException("the delivery channel is down");
        }
        Sent.Enqueue(notification);
        return Task.CompletedTask;
    }
}
