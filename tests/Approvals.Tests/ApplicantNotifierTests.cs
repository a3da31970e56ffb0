using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Domain;
using Longgang.Approvals.Messaging;
using Longgang.Platform;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Longgang.Approvals.Tests.Callers;

namespace Longgang.Approvals.Tests;

/// <summary>
/// The notification consumers on MassTransit's in-memory test harness and a real SQLite database. Every event is
/// delivered twice under one message id, as a broker redelivery or a re-published outbox row would: the inbox must
/// keep the second delivery from recording anything.
/// </summary>
public sealed class ApplicantNotifierTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    /// <summary>The clock stands still here, so every notification is recorded at this instant.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private ApprovalsTestHost _host = null!;
    private ConsumerHarness _bus = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await ApprovalsTestHost.CreateAsync(Now, (services, clock) => services
            // the notifiers take their clock from the container; none of them uses the cache, which must not see it
            .AddSingleton<TimeProvider>(clock)
            .AddConsumerHarness(bus =>
            {
                bus.AddConsumer<ApplicantNotifier>();
                bus.AddConsumer<CorrectionNotifier>();
                bus.AddConsumer<NotAcceptedNotifier>();
                bus.AddConsumer<DecisionNotifier>();
                bus.AddConsumer<CertificateNotifier>();
            }));
        _bus = await ConsumerHarness.StartAsync(_host.Services);
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _host.DisposeAsync();
    }

    /// <summary>
    /// Stores an application for MS-002 (requires "application form" and "identity card") handed in at a service hall,
    /// where what it names counts as provided, and returns its event.
    /// </summary>
    private Task<ApplicationSubmitted> SubmittedAsync(params string[] materials) =>
        _host.WithDbAsync(async db =>
        {
            var matter = await db.CurrentMatterAsync("MS-002", Ct);
            var application = Application.Submit(matter,
                new SubmissionDraft("MS-002", null, "Wang Fang", Channel.ServiceHall, "district-03", materials), Citizen, Now);
            db.Applications.Add(application);
            await db.SaveChangesAsync(Ct);
            return new ApplicationSubmitted(application.Id, application.MatterCode, application.DepartmentCode, application.ApplicantId,
                "SERVICE_HALL", "district-03", application.SubmittedAt);
        });

    /// <summary>Delivers the message twice under one message id; returns the consumer's faults.</summary>
    private async Task<IReadOnlyCollection<Exception>> DeliverTwiceAsync<TMessage>(TMessage message) where TMessage : class
    {
        var deliveries = new DeliveryObserver<TMessage>();
        using var observing = _bus.Bus.ConnectConsumeMessageObserver(deliveries);
        var messageId = Guid.NewGuid();
        await deliveries.DeliverAsync(_bus.Bus, message, messageId, Ct);
        await deliveries.DeliverAsync(_bus.Bus, message, messageId, Ct);
        return deliveries.Faults;
    }

    private Task<List<CitizenNotificationRecord>> StoredAsync() =>
        _host.WithDbAsync(db => db.Notifications.OrderBy(n => n.CitizenId).ThenBy(n => n.Id).ToListAsync(Ct));

    [Fact]
    public async Task A_receipt_is_recorded_once_per_application_and_names_the_missing_materials_when_some_are()
    {
        var complete = await SubmittedAsync("application form", "identity card");
        var incomplete = await SubmittedAsync("application form");

        Assert.Empty(await DeliverTwiceAsync(complete));
        Assert.Empty(await DeliverTwiceAsync(incomplete));

        var stored = await StoredAsync();
        Assert.Equal(2, stored.Count);
        var first = Assert.Single(stored, n => n.Reference == complete.ApplicationId.ToString());
        Assert.Equal("citizen-7", first.CitizenId);
        Assert.Equal("申请已收件", first.Subject);
        Assert.Equal(ApplicantNotifier.Subject, first.SubjectEn);
        Assert.Equal(NotificationKinds.ApplicationSubmitted, first.Kind);
        Assert.Contains("MS-002", first.Body);
        Assert.Contains(complete.ApplicationId.ToString(), first.Body);
        Assert.DoesNotContain("缺少", first.Body);
        Assert.Equal(Now, first.CreatedAt);
        Assert.Null(first.DeliveredAt); // the dispatcher's job
        var second = Assert.Single(stored, n => n.Reference == incomplete.ApplicationId.ToString());
        Assert.Contains("缺少必需材料（居民身份证）", second.Body); // in Chinese, as people read them
    }

    [Fact]
    public async Task A_receipt_takes_the_missing_materials_from_the_event_without_reading_the_application()
    {
        // not stored: a receipt that read the application back would fail
        var announced = new ApplicationSubmitted(Guid.NewGuid(), "MS-002", "dept-market-supervision", "citizen-7", "ONLINE", null, Now,
            MissingMaterials: ["identity card"]);

        Assert.Empty(await DeliverTwiceAsync(announced));

        var receipt = Assert.Single(await StoredAsync());
        Assert.Equal((announced.ApplicationId.ToString(), "citizen-7"), (receipt.Reference, receipt.CitizenId));
        Assert.Contains("缺少必需材料（居民身份证）", receipt.Body);
    }

    [Fact]
    public async Task An_announced_application_that_is_not_stored_records_nothing_and_is_not_marked_processed()
    {
        var unknown = new ApplicationSubmitted(Guid.NewGuid(), "MS-002", "dept-market-supervision", "citizen-7", "ONLINE", null, Now);

        var faults = await DeliverTwiceAsync(unknown);

        // both deliveries failed: the first one's inbox row rolled back with it, so the second was tried again
        Assert.Equal(2, faults.Count);
        Assert.Empty(await StoredAsync());
        Assert.Empty(await _host.WithDbAsync(db => db.InboxMessages.ToListAsync(Ct)));
    }

    [Fact]
    public async Task A_correction_notice_reaches_the_applicant_and_the_grid_worker_who_submitted_with_every_missing_material()
    {
        var applicationId = Guid.NewGuid();
        var requested = new CorrectionRequested(applicationId, "MS-002", "dept-market-supervision", "citizen-7", GridWorker.Subject,
            "district-03", ["identity card", "business premises lease"], Now);

        Assert.Empty(await DeliverTwiceAsync(requested));

        var stored = await StoredAsync();
        Assert.Equal(["citizen-7", "gw-1"], stored.Select(n => n.CitizenId));
        Assert.All(stored, n =>
        {
            Assert.Equal(CorrectionNotifier.Subject, n.SubjectEn);
            Assert.Equal(NotificationKinds.CorrectionRequested, n.Kind);
            Assert.Equal(applicationId.ToString(), n.Reference);
            Assert.Contains("居民身份证、business premises lease", n.Body);
        });
    }

    [Fact]
    public async Task A_citizen_who_submitted_themselves_gets_one_correction_notice()
    {
        var requested = new CorrectionRequested(Guid.NewGuid(), "MS-002", "dept-market-supervision", "citizen-7", "citizen-7",
            null, ["identity card"], Now);

        Assert.Empty(await DeliverTwiceAsync(requested));

        Assert.Equal("citizen-7", Assert.Single(await StoredAsync()).CitizenId);
    }

    [Fact]
    public async Task A_refusal_to_accept_tells_the_applicant_why()
    {
        var notAccepted = new ApplicationNotAccepted(Guid.NewGuid(), "MS-002", "dept-market-supervision", "citizen-7", null,
            "The business address is outside Longgang.", Now);

        Assert.Empty(await DeliverTwiceAsync(notAccepted));

        var stored = Assert.Single(await StoredAsync());
        Assert.Equal(("citizen-7", NotAcceptedNotifier.Subject, NotificationKinds.ApplicationNotAccepted),
            (stored.CitizenId, stored.SubjectEn, stored.Kind));
        Assert.Contains("The business address is outside Longgang.", stored.Body);
    }

    [Fact]
    public async Task A_decision_tells_the_applicant_the_outcome_and_a_rejection_its_reasons()
    {
        ApplicationDecided Decided(string outcome, params string[] reasons) => new(Guid.NewGuid(), "MS-001", "dept-market-supervision",
            "citizen-7", "ONLINE", null, outcome, reasons, Now, 3, 20, true);
        var approved = Decided(ApplicationDecided.Approved);
        var rejected = Decided(ApplicationDecided.Rejected, "dept-market-supervision: no hygiene certificate", "dept-fire: exits blocked");

        Assert.Empty(await DeliverTwiceAsync(approved));
        Assert.Empty(await DeliverTwiceAsync(rejected));

        var stored = await StoredAsync();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, n => Assert.Equal(NotificationKinds.ApplicationDecided, n.Kind));
        var yes = Assert.Single(stored, n => n.Reference == approved.ApplicationId.ToString());
        Assert.Equal(DecisionNotifier.ApprovedSubject, yes.SubjectEn);
        Assert.Contains("已批准", yes.Body);
        var no = Assert.Single(stored, n => n.Reference == rejected.ApplicationId.ToString());
        Assert.Equal(DecisionNotifier.RejectedSubject, no.SubjectEn);
        Assert.Contains("dept-market-supervision: no hygiene certificate；dept-fire: exits blocked", no.Body);
    }

    [Fact]
    public async Task An_issued_certificate_tells_the_applicant_its_number()
    {
        var issued = new CertificateIssued(Guid.NewGuid(), "MS-002", "dept-market-supervision", "citizen-7", null, "MS-002-20260302-1A2B3C4D", Now);

        Assert.Empty(await DeliverTwiceAsync(issued));

        var stored = Assert.Single(await StoredAsync());
        Assert.Equal((CertificateNotifier.Subject, NotificationKinds.CertificateIssued, issued.ApplicationId.ToString()),
            (stored.SubjectEn, stored.Kind, stored.Reference));
        Assert.Contains("MS-002-20260302-1A2B3C4D", stored.Body);
    }
}
