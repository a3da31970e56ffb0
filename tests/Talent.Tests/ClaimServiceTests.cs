using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Platform;
using Longgang.Platform.Calendar;
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
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Longgang.Talent.Tests.Callers;
using DomainClaimStatus = Longgang.Talent.Domain.ClaimStatus;

namespace Longgang.Talent.Tests;

/// <summary>
/// Claims through the gRPC service on SQLite: the budget commit, the refusals that leave it untouched, approvals'
/// decisions through the consumers (on MassTransit's test harness), payment and expiry.
/// </summary>
public sealed class ClaimServiceTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestDatabase _database = new();
    // Monday 2 November 2026, 10:00 in China
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
    private ConsumerHarness _bus = null!;
    private readonly DeliveryObserver<ApplicationDecided> _decisions = new();
    private readonly DeliveryObserver<ApplicationNotAccepted> _notAccepted = new();
    private Guid _certificationId;

    public async ValueTask InitializeAsync()
    {
        await using (var db = _database.NewContext())
        {
            await new TierCatalogueSeeder().SeedAsync(db, Ct);
            db.Programmes.Add(TalentFixtures.Housing(budget: 150_000));
            var certification = TalentFixtures.Certified(_clock.GetUtcNow().AddDays(-1));
            _certificationId = certification.Id;
            db.Certifications.Add(certification);
            db.Certifications.Add(TalentFixtures.Certified(_clock.GetUtcNow().AddDays(-1), OtherCitizen));
            await db.SaveChangesAsync(Ct);
        }
        await InitializeBusAsync();
    }

    /// <summary>The consumers on a fresh bus and container, as a restarted process would have them.</summary>
    private async Task InitializeBusAsync()
    {
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

    private Task<Claim> SubmitAsync(Caller caller, string? certificationId = null) => CallAsync(api => api.Claims.SubmitAsync(new SubmitClaimRequest
    {
        ProgrammeCode = "housing-2026",
        CertificationId = certificationId ?? _certificationId.ToString(),
        ResidesInCity = true,
        Materials = { "application form", "talent certificate", "labour contract", "housing purchase contract" },
    }, caller, Ct));

    private async Task<Programme> ProgrammeAsync() =>
        await CallAsync(api => api.Programmes.GetAsync(new GetProgrammeRequest { Code = "HOUSING-2026" }, Ct));

    /// <summary>Approvals' decision on the claim's application, as approvals publishes it.</summary>
    private async Task DecideAsync(string applicationId, string outcome, Guid? messageId = null)
    {
        var decided = new ApplicationDecided(Guid.Parse(applicationId), "HR-001", "dept-human-resources", "citizen-1", "ONLINE", "district-03",
            outcome, outcome == ApplicationDecided.Rejected ? ["Housing contract not in Longgang."] : [], _clock.GetUtcNow(), 3, 20, true);
        await _decisions.DeliverAsync(_bus.Bus, decided, messageId ?? Guid.NewGuid(), Ct);
        Assert.Empty(_decisions.Faults);
    }

    private async Task<Talent.Domain.EntitlementClaim> StoredClaimAsync(string id)
    {
        await using var db = _database.NewContext();
        return await db.Claims.SingleAsync(c => c.Id == Guid.Parse(id), Ct);
    }

    private async Task<List<T>> OutboxAsync<T>()
    {
        await using var db = _database.NewContext();
        var messages = await db.OutboxMessages.ToListAsync(Ct);
        return messages.Where(m => m.ResolveType() == typeof(T)).Select(m => (T)m.Deserialize(typeof(T))).ToList();
    }

    [Fact]
    public async Task A_claim_commits_its_amount_and_asks_approvals_for_an_application_with_its_id()
    {
        var claim = await SubmitAsync(Applicant);

        Assert.Equal((ClaimStatus.Validated, 100_000L), (claim.Status, claim.Amount));
        var programme = await ProgrammeAsync();
        Assert.Equal((150_000L, 100_000L, 0L, 50_000L), (programme.Budget, programme.Committed, programme.Paid, programme.Remaining));
        var requested = Assert.Single(await OutboxAsync<ApplicationRequested>());
        Assert.Equal((Guid.Parse(claim.ApplicationId), "HR-001", "citizen-1", "Li Wei", "talent"),
            (requested.ApplicationId, requested.MatterCode, requested.ApplicantId, requested.ApplicantName, requested.RequestedBy));
        Assert.Contains("housing purchase contract", requested.Materials);
        Assert.Equal(requested.Materials, (await StoredClaimAsync(claim.Id)).Materials);
    }

    [Fact]
    public async Task A_second_claim_by_the_same_person_is_a_conflict_and_commits_nothing()
    {
        await SubmitAsync(Applicant);

        await Assert.ThrowsAsync<ConflictException>(() => SubmitAsync(Applicant));

        Assert.Equal(100_000L, (await ProgrammeAsync()).Committed);
        Assert.Single(await OutboxAsync<ApplicationRequested>());
    }

    [Fact]
    public async Task A_claim_beyond_the_remaining_budget_is_a_conflict_and_stores_nothing()
    {
        await SubmitAsync(Applicant);
        await using (var db = _database.NewContext())
        {
            var other = await db.Certifications.SingleAsync(c => c.ApplicantId == "citizen-2", Ct);
            var error = await Assert.ThrowsAsync<ConflictException>(() => SubmitAsync(OtherCitizen, other.Id.ToString()));
            Assert.Contains("not enough budget", error.Message);
        }

        await using var check = _database.NewContext();
        Assert.Equal(1, await check.Claims.CountAsync(Ct));
        Assert.Equal(100_000L, (await ProgrammeAsync()).Committed);
    }

    [Fact]
    public async Task Approved_by_approvals_then_paid_once_with_its_events()
    {
        var claim = await SubmitAsync(Applicant);
        var messageId = Guid.NewGuid();

        await DecideAsync(claim.ApplicationId, ApplicationDecided.Approved, messageId);
        await DecideAsync(claim.ApplicationId, ApplicationDecided.Approved, messageId); // redelivered: applied once

        var approved = await StoredClaimAsync(claim.Id);
        Assert.Equal((DomainClaimStatus.Approved, new DateOnly(2026, 12, 2)), (approved.Status, approved.ValidUntil));
        Assert.Equal(claim.Id, Assert.Single(await OutboxAsync<EntitlementApproved>()).ClaimId.ToString());

        _clock.Advance(TimeSpan.FromDays(3));
        var paid = await CallAsync(api => api.Claims.RecordPaymentAsync(new RecordPaymentRequest { Id = claim.Id, PaidOn = "2026-11-04", Reference = "LG-BANK-0001" }, TalentClerk, Ct));
        Assert.Equal((ClaimStatus.Paid, "2026-11-04"), (paid.Status, paid.PaidOn));
        await Assert.ThrowsAsync<ConflictException>(() =>
            CallAsync(api => api.Claims.RecordPaymentAsync(new RecordPaymentRequest { Id = claim.Id, PaidOn = "2026-11-04", Reference = "LG-BANK-0002" }, TalentClerk, Ct)));

        var programme = await ProgrammeAsync();
        Assert.Equal((100_000L, 100_000L, 50_000L), (programme.Committed, programme.Paid, programme.Remaining));
        var paidEvent = Assert.Single(await OutboxAsync<EntitlementPaid>());
        Assert.Equal(("LG-BANK-0001", 100_000L), (paidEvent.Reference, paidEvent.Amount));
    }

    [Fact]
    public async Task Rejected_by_approvals_the_amount_goes_back_and_the_person_may_claim_again()
    {
        var claim = await SubmitAsync(Applicant);

        await DecideAsync(claim.ApplicationId, ApplicationDecided.Rejected);

        var rejected = await StoredClaimAsync(claim.Id);
        Assert.Equal((DomainClaimStatus.Rejected, "Housing contract not in Longgang."), (rejected.Status, rejected.StatusReason));
        Assert.Equal(0L, (await ProgrammeAsync()).Committed);
        var again = await SubmitAsync(Applicant);
        Assert.Equal(ClaimStatus.Validated, again.Status);
    }

    [Fact]
    public async Task Not_accepted_by_approvals_the_claim_is_rejected()
    {
        var claim = await SubmitAsync(Applicant);
        var notAccepted = new ApplicationNotAccepted(Guid.Parse(claim.ApplicationId), "HR-001", "dept-human-resources", "citizen-1", null,
            "Not a talent housing matter.", _clock.GetUtcNow());

        await _notAccepted.DeliverAsync(_bus.Bus, notAccepted, Guid.NewGuid(), Ct);

        Assert.Empty(_notAccepted.Faults);
        Assert.Equal(DomainClaimStatus.Rejected, (await StoredClaimAsync(claim.Id)).Status);
        Assert.Equal(0L, (await ProgrammeAsync()).Committed);
    }

    [Fact]
    public async Task A_claim_waiting_for_approvals_survives_a_restart_of_the_service()
    {
        var claim = await SubmitAsync(Applicant);

        // the process stops between the claim and approvals' decision: nothing of the claim lives in memory
        await _bus.DisposeAsync();
        await InitializeBusAsync();
        await DecideAsync(claim.ApplicationId, ApplicationDecided.Approved);

        Assert.Equal(DomainClaimStatus.Approved, (await StoredClaimAsync(claim.Id)).Status);
    }

    [Fact]
    public async Task Decisions_on_applications_no_claim_asked_for_change_nothing()
    {
        var claim = await SubmitAsync(Applicant);

        await DecideAsync(Guid.NewGuid().ToString(), ApplicationDecided.Approved);

        Assert.Equal(DomainClaimStatus.Validated, (await StoredClaimAsync(claim.Id)).Status);
    }

    [Fact]
    public async Task An_approved_claim_unpaid_past_its_valid_until_expires_in_the_nightly_pass()
    {
        var claim = await SubmitAsync(Applicant);
        await DecideAsync(claim.ApplicationId, ApplicationDecided.Approved);

        async Task<int> PassAsync()
        {
            await using var db = _database.NewContext();
            return await new EntitlementExpiryPass(db, _clock, NullLogger<EntitlementExpiryPass>.Instance).RunOnceAsync(Ct);
        }

        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 23, 0, 0, WorkingDayCalendar.ChinaStandardTimeOffset));
        Assert.Equal(0, await PassAsync());
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 0, 30, 0, WorkingDayCalendar.ChinaStandardTimeOffset));
        Assert.Equal(1, await PassAsync());
        Assert.Equal(0, await PassAsync());

        Assert.Equal(DomainClaimStatus.Expired, (await StoredClaimAsync(claim.Id)).Status);
        Assert.Equal(0L, (await ProgrammeAsync()).Committed);
        var expired = Assert.Single(await OutboxAsync<EntitlementExpired>());
        Assert.Equal(new DateOnly(2026, 12, 2), expired.ValidUntil);
        await Assert.ThrowsAsync<ConflictException>(() =>
            CallAsync(api => api.Claims.RecordPaymentAsync(new RecordPaymentRequest { Id = claim.Id, PaidOn = "2026-12-01", Reference = "LATE" }, TalentClerk, Ct)));
    }

    [Fact]
    public async Task Claims_are_seen_by_their_applicant_and_the_talent_office_only()
    {
        var claim = await SubmitAsync(Applicant);

        await CallAsync(api => api.Claims.GetAsync(new GetClaimRequest { Id = claim.Id }, Applicant, Ct));
        await CallAsync(api => api.Claims.GetAsync(new GetClaimRequest { Id = claim.Id }, TalentClerk, Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => CallAsync(api => api.Claims.GetAsync(new GetClaimRequest { Id = claim.Id }, OtherCitizen, Ct)));
        await Assert.ThrowsAsync<NotFoundException>(() => CallAsync(api => api.Claims.GetAsync(new GetClaimRequest { Id = Guid.NewGuid().ToString() }, Applicant, Ct)));
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            CallAsync(api => api.Claims.RecordPaymentAsync(new RecordPaymentRequest { Id = claim.Id, PaidOn = "4 Nov", Reference = "X" }, TalentClerk, Ct)));
        Assert.Equal(["paidOn"], bad.FieldErrors.Keys);
    }

    [Fact]
    public async Task A_payment_recorded_by_someone_outside_the_talent_office_is_refused_before_its_date_is_read()
    {
        var claim = await SubmitAsync(Applicant);

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            CallAsync(api => api.Claims.RecordPaymentAsync(new RecordPaymentRequest { Id = claim.Id, PaidOn = "4 Nov", Reference = "" }, Applicant, Ct)));
    }

    [Fact]
    public async Task A_programme_code_is_taken_once()
    {
        var request = new CreateProgrammeRequest
        {
            Code = "SETTLE-2026",
            Name = "Settlement grant 2026",
            Kind = ProgrammeKind.SettlementGrant,
            Year = 2026,
            MatterCode = "HR-001",
            Budget = 1_000_000,
            TierAmounts = { ["A"] = 200_000, ["E"] = 20_000 },
            Channel = TalentChannel.ExternalRecruitment,
            ClaimValidityDays = 60,
        };

        var created = await CallAsync(api => api.Programmes.CreateAsync(request, TalentClerk, Ct));

        Assert.Equal(("SETTLE-2026", 1_000_000L), (created.Code, created.Remaining));
        await Assert.ThrowsAsync<ConflictException>(() => CallAsync(api => api.Programmes.CreateAsync(request, TalentClerk, Ct)));
        request.Kind = (ProgrammeKind)42;
        request.Code = "OTHER-2026";
        var unknownKind = await Assert.ThrowsAsync<ValidationFailedException>(() => CallAsync(api => api.Programmes.CreateAsync(request, TalentClerk, Ct)));
        Assert.Equal(["kind"], unknownKind.FieldErrors.Keys);
    }
}
