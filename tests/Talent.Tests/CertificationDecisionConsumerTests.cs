using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Messaging;
using Longgang.Platform.Testing;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Longgang.Talent.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Longgang.Talent.Tests.Callers;

namespace Longgang.Talent.Tests;

/// <summary>
/// Flow 3 through the gRPC service on SQLite: an application for a tier the catalogue certifies through approvals (A-C)
/// asks approvals for an application, and approvals' decision, delivered through the consumers (MassTransit's test
/// harness), certifies or rejects it once however often it arrives.
/// </summary>
public sealed class CertificationDecisionConsumerTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestDatabase _database = new();
    // Monday 2 November 2026, 10:00 in China
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
    private ConsumerHarness _bus = null!;
    private readonly DeliveryObserver<ApplicationDecided> _decisions = new();
    private readonly DeliveryObserver<ApplicationNotAccepted> _notAccepted = new();

    public async ValueTask InitializeAsync()
    {
        await using (var db = _database.NewContext())
        {
            await new TierCatalogueSeeder().SeedAsync(db, Ct);
        }
        _bus = await ConsumerHarness.StartAsync(services => services
                .AddDbContext<TalentDbContext>(options => options.UseSqlite(_database.ConnectionString)),
            bus =>
            {
                bus.AddConsumer<ApprovalsDecisionHandler>();
                bus.AddConsumer<ApprovalsNotAcceptedHandler>();
            });
        _bus.Bus.ConnectConsumeMessageObserver(_decisions);
        _bus.Bus.ConnectConsumeMessageObserver(_notAccepted);
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        _database.Dispose();
    }

    private async Task<T> CallAsync<T>(Func<TalentApi, Task<T>> call)
    {
        await using var db = _database.NewContext();
        return await call(new TalentApi(db, _clock));
    }

    private Task<Certification> ApplyAsync(string tierCode) => CallAsync(api => api.Certifications.ApplyAsync(new ApplyForCertificationRequest
    {
        TierCode = tierCode,
        ApplicantName = "Zhang Min",
        Employer = "Longgang New Materials Ltd",
        Sector = "new materials",
        DistrictCode = "district-01",
        Evidence = { "identity card", "national programme letter" },
        Channel = TalentChannel.ExternalRecruitment,
    }, Applicant, Ct));

    private Task<Certification> GetAsync(string id) =>
        CallAsync(api => api.Certifications.GetAsync(new GetCertificationRequest { Id = id }, TalentClerk, Ct));

    private async Task DecideAsync(string applicationId, string outcome, Guid messageId)
    {
        var decided = new ApplicationDecided(Guid.Parse(applicationId), "HR-002", "dept-human-resources", "citizen-1", "ONLINE", "district-01",
            outcome, outcome == ApplicationDecided.Rejected ? ["No proof of the national programme."] : [], _clock.GetUtcNow(), 12, 20, true);
        await _decisions.DeliverAsync(_bus.Bus, decided, messageId, Ct);
        Assert.Empty(_decisions.Faults);
    }

    private async Task<List<T>> OutboxAsync<T>()
    {
        await using var db = _database.NewContext();
        var messages = await db.OutboxMessages.ToListAsync(Ct);
        return messages.Where(m => m.ResolveType() == typeof(T)).Select(m => (T)m.Deserialize(typeof(T))).ToList();
    }

    [Fact]
    public async Task The_catalogue_marks_tiers_A_to_C_for_approvals()
    {
        var tiers = await CallAsync(api => api.Certifications.ListTiersAsync(Ct));

        Assert.Equal(["A", "B", "C"], tiers.Tiers.Where(t => t.CertifiedThroughApprovals).Select(t => t.Code));
    }

    [Fact]
    public async Task A_tier_B_application_opens_an_approvals_application_and_the_approval_delivered_twice_certifies_once()
    {
        var applied = await ApplyAsync("B");
        Assert.Equal(CertificationStatus.InApprovals, applied.Status);
        var requested = Assert.Single(await OutboxAsync<ApplicationRequested>());
        Assert.Equal((applied.ApplicationId, "HR-002", "talent"), (requested.ApplicationId.ToString(), requested.MatterCode, requested.RequestedBy));
        Assert.Equal(["identity card", "national programme letter"], requested.Materials);

        _clock.Advance(TimeSpan.FromDays(10));
        var messageId = Guid.NewGuid();
        await DecideAsync(applied.ApplicationId, ApplicationDecided.Approved, messageId);
        await DecideAsync(applied.ApplicationId, ApplicationDecided.Approved, messageId); // redelivered: the inbox stops it
        await DecideAsync(applied.ApplicationId, ApplicationDecided.Approved, Guid.NewGuid()); // republished: the state stops it

        var certified = await GetAsync(applied.Id);
        Assert.Equal((CertificationStatus.Certified, "2026-11-12", "2029-11-12"), (certified.Status, certified.CertifiedOn, certified.ValidUntil));
        Assert.Equal(applied.Id, Assert.Single(await OutboxAsync<TalentCertified>()).CertificationId.ToString());
    }

    [Fact]
    public async Task A_rejection_ends_the_certification_with_approvals_reasons()
    {
        var applied = await ApplyAsync("A");

        await DecideAsync(applied.ApplicationId, ApplicationDecided.Rejected, Guid.NewGuid());
        await DecideAsync(applied.ApplicationId, ApplicationDecided.Approved, Guid.NewGuid()); // a late approval changes nothing

        var rejected = await GetAsync(applied.Id);
        Assert.Equal((CertificationStatus.Rejected, "No proof of the national programme."), (rejected.Status, rejected.StatusReason));
        Assert.Empty(await OutboxAsync<TalentCertified>());
    }

    [Fact]
    public async Task An_application_approvals_did_not_accept_rejects_the_certification()
    {
        var applied = await ApplyAsync("C");

        await _notAccepted.DeliverAsync(_bus.Bus, new ApplicationNotAccepted(Guid.Parse(applied.ApplicationId), "HR-002", "dept-human-resources",
            "citizen-1", "district-01", "materials incomplete", _clock.GetUtcNow()), Guid.NewGuid(), Ct);
        Assert.Empty(_notAccepted.Faults);

        var rejected = await GetAsync(applied.Id);
        Assert.Equal((CertificationStatus.Rejected, "Not accepted: materials incomplete"), (rejected.Status, rejected.StatusReason));
    }

    [Fact]
    public async Task A_tier_D_application_stays_with_the_talent_office_and_its_reviews()
    {
        var applied = await ApplyAsync("D");

        Assert.Equal(CertificationStatus.Submitted, applied.Status);
        Assert.False(applied.HasApplicationId);
        Assert.Empty(await OutboxAsync<ApplicationRequested>());
        var review = new ReviewCertificationRequest { Id = applied.Id, Decision = ReviewDecision.Approve };
        var reviewed = await CallAsync(api => api.Certifications.ReviewAsEmployerAsync(review, TalentClerk, Ct));
        Assert.Equal(CertificationStatus.EmployerReviewed, reviewed.Status);
    }

    [Fact]
    public async Task The_talent_offices_own_reviews_are_a_conflict_while_approvals_decides()
    {
        var applied = await ApplyAsync("A");

        await Assert.ThrowsAsync<ConflictException>(() => CallAsync(api => api.Certifications.ReviewAsEmployerAsync(
            new ReviewCertificationRequest { Id = applied.Id, Decision = ReviewDecision.Approve }, TalentClerk, Ct)));
    }
}
