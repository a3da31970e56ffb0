using Longgang.Platform.Data;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Governance.Messaging;
using Longgang.Platform.Calendar;
using Longgang.Platform.Messaging;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Governance.Tests;

/// <summary>The follow-up case of a supervised licence, on MassTransit's in-memory test harness and a real SQLite database.</summary>
public sealed class FollowUpCaseOpenerTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset DecidedAt = new(2025, 3, 13, 10, 0, 0, TimeSpan.FromHours(8));

    private TestDatabase _database = null!;
    private ConsumerHarness _bus = null!;
    private readonly DeliveryObserver<ApplicationDecided> _decisions = new();

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _bus = await ConsumerHarness.StartAsync(services => services
                .AddDbContext<GovernanceDbContext>(options => options.UseSqlite(_database.ConnectionString).AddInterceptors(PinyinCollation.ForSqlite))
                .AddSingleton(WorkingDayCalendar.Official),
            bus => bus.AddConsumer<FollowUpCaseOpener>());
        _bus.Bus.ConnectConsumeMessageObserver(_decisions);
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        _database.Dispose();
    }

    private static ApplicationDecided Decided(Guid id, string outcome = ApplicationDecided.Approved, bool supervised = true,
        string channel = ApplicationSubmitted.ServiceHallChannel, string? district = "district-04") =>
        new(id, "MS-001", "dept-market-supervision", "citizen-1", channel, district, outcome, [], DecidedAt, 3, 20, true, supervised);

    private async Task DeliverAsync(ApplicationDecided message, Guid? messageId = null)
    {
        await _decisions.DeliverAsync(_bus.Bus, message, messageId ?? Guid.NewGuid(), Ct);
        Assert.Empty(_decisions.Faults);
    }

    private async Task<List<Case>> CasesAsync()
    {
        await using var db = _database.NewContext();
        return await db.Cases.AsNoTracking().ToListAsync(Ct);
    }

    [Fact]
    public async Task An_approved_supervised_licence_opens_one_case_in_the_districts_market_supervision_module()
    {
        var id = Guid.CreateVersion7();

        await DeliverAsync(Decided(id));

        var followUp = Assert.Single(await CasesAsync());
        Assert.Equal(id, followUp.FollowUpOfApplicationId);
        Assert.Equal("district-04", followUp.DistrictCode);
        Assert.Equal(CaseStatus.Dispatched, followUp.Status);
        Assert.Equal(AssigneeKind.Module, followUp.AssigneeKind);
        Assert.Equal("market-supervision", followUp.AssigneeCode);
        Assert.Equal(DecidedAt, followUp.DispatchedAt);
        await using var db = _database.NewContext();
        Assert.Equal("CaseDispatched", (await db.OutboxMessages.SingleAsync(Ct)).ResolveType()!.Name);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_opens_one_case()
    {
        var message = Decided(Guid.CreateVersion7());
        var messageId = Guid.NewGuid();

        await DeliverAsync(message, messageId);
        await DeliverAsync(message, messageId);

        Assert.Single(await CasesAsync());
    }

    [Fact]
    public async Task The_same_decision_republished_under_a_new_message_id_opens_one_case()
    {
        var message = Decided(Guid.CreateVersion7());

        await DeliverAsync(message);
        await DeliverAsync(message);

        Assert.Single(await CasesAsync());
    }

    [Fact]
    public async Task Two_licences_open_two_cases()
    {
        await DeliverAsync(Decided(Guid.CreateVersion7()));
        await DeliverAsync(Decided(Guid.CreateVersion7(), district: "district-05"));

        Assert.Equal(["district-04", "district-05"], (await CasesAsync()).Select(c => c.DistrictCode).Order());
    }

    [Fact]
    public async Task A_rejection_an_unsupervised_matter_and_an_application_without_a_district_open_nothing()
    {
        await DeliverAsync(Decided(Guid.CreateVersion7(), ApplicationDecided.Rejected));
        await DeliverAsync(Decided(Guid.CreateVersion7(), supervised: false));
        await DeliverAsync(Decided(Guid.CreateVersion7(), channel: "ONLINE", district: null));

        Assert.Empty(await CasesAsync());
    }
}
