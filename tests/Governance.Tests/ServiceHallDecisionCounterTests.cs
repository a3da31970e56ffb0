using Longgang.Platform.Data;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Messaging;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Governance.Tests;

/// <summary>The district tally's decided/approved counts, from approvals' decision events, whatever order they arrive in.</summary>
public sealed class ServiceHallDecisionCounterTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;
    private ConsumerHarness _bus = null!;
    private readonly DeliveryObserver<ApplicationSubmitted> _submissions = new();
    private readonly DeliveryObserver<ApplicationDecided> _decisions = new();

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _bus = await ConsumerHarness.StartAsync(services => services
                .AddDbContext<GovernanceDbContext>(options => options.UseSqlite(_database.ConnectionString).AddInterceptors(PinyinCollation.ForSqlite)),
            bus =>
            {
                bus.AddConsumer<ServiceHallSubmissionCounter>();
                bus.AddConsumer<ServiceHallDecisionCounter>();
            });
        _bus.Bus.ConnectConsumeMessageObserver(_submissions);
        _bus.Bus.ConnectConsumeMessageObserver(_decisions);
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        _database.Dispose();
    }

    private static ApplicationSubmitted Submitted(Guid id, string channel = ApplicationSubmitted.ServiceHallChannel) =>
        new(id, "MS-001", "dept-market-supervision", "citizen-1", channel, "district-03", DateTimeOffset.UtcNow);

    private static ApplicationDecided Decided(Guid id, string outcome = ApplicationDecided.Approved, string channel = ApplicationSubmitted.ServiceHallChannel) =>
        new(id, "MS-001", "dept-market-supervision", "citizen-1", channel, "district-03", outcome, [], DateTimeOffset.UtcNow, 3, 20, true);

    private async Task DeliverAsync(ApplicationSubmitted message)
    {
        await _submissions.DeliverAsync(_bus.Bus, message, Guid.NewGuid(), Ct);
        Assert.Empty(_submissions.Faults);
    }

    private async Task DeliverAsync(ApplicationDecided message, Guid? messageId = null)
    {
        await _decisions.DeliverAsync(_bus.Bus, message, messageId ?? Guid.NewGuid(), Ct);
        Assert.Empty(_decisions.Faults);
    }

    private async Task<Domain.ServiceHallTally> TallyAsync()
    {
        await using var db = _database.NewContext();
        return await db.ServiceHallTallyAsync("district-03", Ct);
    }

    [Fact]
    public async Task Decisions_are_counted_with_their_outcome()
    {
        var (approved, rejected, pending) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        foreach (var id in new[] { approved, rejected, pending }) await DeliverAsync(Submitted(id));

        await DeliverAsync(Decided(approved));
        await DeliverAsync(Decided(rejected, ApplicationDecided.Rejected));

        Assert.Equal(new Domain.ServiceHallTally(3, 2, 1), await TallyAsync());
    }

    [Fact]
    public async Task A_decision_arriving_before_its_submission_is_still_counted_once()
    {
        var id = Guid.CreateVersion7();

        await DeliverAsync(Decided(id));
        await DeliverAsync(Submitted(id));

        Assert.Equal(new Domain.ServiceHallTally(1, 1, 1), await TallyAsync());
        await using var db = _database.NewContext();
        Assert.NotNull((await db.ServiceHallSubmissions.SingleAsync(Ct)).SubmittedAt);
    }

    [Fact]
    public async Task A_redelivered_or_republished_decision_counts_once()
    {
        var id = Guid.CreateVersion7();
        await DeliverAsync(Submitted(id));
        var messageId = Guid.NewGuid();

        await DeliverAsync(Decided(id), messageId);
        await DeliverAsync(Decided(id), messageId);
        await DeliverAsync(Decided(id, ApplicationDecided.Rejected));

        Assert.Equal(new Domain.ServiceHallTally(1, 1, 1), await TallyAsync());
    }

    [Fact]
    public async Task Decisions_on_online_applications_are_not_the_halls()
    {
        var id = Guid.CreateVersion7();

        await DeliverAsync(Decided(id, channel: "ONLINE"));

        Assert.Equal(new Domain.ServiceHallTally(0, 0, 0), await TallyAsync());
    }
}
