using Longgang.Platform.Data;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Messaging;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Governance.Tests;

/// <summary>The consumer on MassTransit's in-memory test harness, writing to a real SQLite database.</summary>
public sealed class ServiceHallSubmissionCounterTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase _database = null!;
    private ConsumerHarness _bus = null!;
    private readonly DeliveryObserver<ApplicationSubmitted> _deliveries = new();

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _bus = await ConsumerHarness.StartAsync(services => services
                .AddDbContext<GovernanceDbContext>(options => options.UseSqlite(_database.ConnectionString).AddInterceptors(PinyinCollation.ForSqlite)),
            bus => bus.AddConsumer<ServiceHallSubmissionCounter>());
        _bus.Bus.ConnectConsumeMessageObserver(_deliveries);
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        _database.Dispose();
    }

    private static ApplicationSubmitted Submitted(string channel = ApplicationSubmitted.ServiceHallChannel, string? district = "district-03") =>
        new(Guid.CreateVersion7(), "MS-001", "dept-market-supervision", "citizen-1", channel, district, DateTimeOffset.UtcNow);

    /// <summary>Publishes under the given message id and waits until the consumer has handled it, successfully.</summary>
    private async Task DeliverAsync(ApplicationSubmitted message, Guid messageId)
    {
        await _deliveries.DeliverAsync(_bus.Bus, message, messageId, Ct);
        Assert.Empty(_deliveries.Faults);
    }

    private async Task<int> CountAsync(string district)
    {
        await using var db = _database.NewContext();
        return await db.ServiceHallSubmissionCountAsync(district, Ct);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_counts_once()
    {
        var message = Submitted();
        var messageId = Guid.NewGuid();

        await DeliverAsync(message, messageId);
        await DeliverAsync(message, messageId);

        Assert.Equal(1, await CountAsync("district-03"));
    }

    [Fact]
    public async Task Two_submissions_count_twice()
    {
        await DeliverAsync(Submitted(), Guid.NewGuid());
        await DeliverAsync(Submitted(), Guid.NewGuid());

        Assert.Equal(2, await CountAsync("district-03"));
        Assert.Equal(0, await CountAsync("district-04"));
    }

    [Fact]
    public async Task The_same_application_republished_under_a_new_message_id_counts_once()
    {
        var message = Submitted();

        await DeliverAsync(message, Guid.NewGuid());
        await DeliverAsync(message, Guid.NewGuid());

        Assert.Equal(1, await CountAsync("district-03"));
    }

    [Theory]
    [InlineData("ONLINE")]
    [InlineData("GRID_WORKER")]
    public async Task Submissions_through_other_channels_are_not_counted(string channel)
    {
        await DeliverAsync(Submitted(channel), Guid.NewGuid());

        Assert.Equal(0, await CountAsync("district-03"));
    }

    [Fact]
    public async Task A_submission_naming_an_unknown_district_is_not_counted_and_does_not_fail()
    {
        await DeliverAsync(Submitted(district: "district-99"), Guid.NewGuid());

        Assert.Equal(0, await CountAsync("district-99"));
    }
}
