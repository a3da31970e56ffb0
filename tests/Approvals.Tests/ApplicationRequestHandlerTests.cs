using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Domain;
using Longgang.Approvals.Messaging;
using Longgang.Platform.Messaging;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Approvals.Tests;

/// <summary>
/// Applications another service asks for (talent's entitlement claims), on MassTransit's in-memory harness and SQLite:
/// opened under the requester's id as an online submission, once, however often the request arrives.
/// </summary>
public sealed class ApplicationRequestHandlerTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private ApprovalsTestHost _host = null!;
    private ConsumerHarness _bus = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await ApprovalsTestHost.CreateAsync(Now, (services, clock) => services
            .AddSingleton<TimeProvider>(clock)
            .AddConsumerHarness(bus => bus.AddConsumer<ApplicationRequestHandler>()));
        _bus = await ConsumerHarness.StartAsync(_host.Services);
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _host.DisposeAsync();
    }

    private static ApplicationRequested Request(Guid id, string matter = "HR-001") => new(id, matter, "citizen-talent-7", "Chen Jing",
        "district-04", ["application form", "identity card", "talent certificate", "labour contract"], "talent", Now);

    private Task<IReadOnlyCollection<Exception>> DeliverAsync(ApplicationRequested request, Guid messageId) =>
        _bus.DeliverAsync(request, messageId, Ct);

    [Fact]
    public async Task Opens_the_application_under_the_requesters_id_once_whether_redelivered_or_sent_again()
    {
        var id = Guid.NewGuid();
        var messageId = Guid.NewGuid();

        Assert.Empty(await DeliverAsync(Request(id), messageId));
        Assert.Empty(await DeliverAsync(Request(id), messageId));      // a broker redelivery: the inbox drops it
        Assert.Empty(await DeliverAsync(Request(id), Guid.NewGuid())); // the requester sent it again: the id is taken

        var stored = await _host.WithDbAsync(db => db.Applications.Where(a => a.ApplicantId == "citizen-talent-7").ToListAsync(Ct));
        var application = Assert.Single(stored);
        Assert.Equal(id, application.Id);
        Assert.Equal("HR-001", application.MatterCode);
        Assert.Equal(Channel.Online, application.Channel);
        // its submission event goes out through the outbox, as for any submission, once
        var submitted = await _host.WithDbAsync(db => db.OutboxMessages.Where(m => m.Type.Contains(nameof(ApplicationSubmitted))).ToListAsync(Ct));
        Assert.Single(submitted, m => m.Payload.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_request_for_an_unknown_matter_fails_and_opens_nothing()
    {
        var faults = await DeliverAsync(Request(Guid.NewGuid(), matter: "NOPE-1"), Guid.NewGuid());

        Assert.NotEmpty(faults); // retried, then the consumer's _error queue, where operators see it
        Assert.Empty(await _host.WithDbAsync(db => db.Applications.Where(a => a.ApplicantId == "citizen-talent-7").ToListAsync(Ct)));
    }
}
