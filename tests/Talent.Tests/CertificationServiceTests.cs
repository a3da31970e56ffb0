using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Longgang.Talent.Grpc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Tier = Longgang.Talent.Domain.Tier;

namespace Longgang.Talent.Tests;

public sealed class CertificationServiceTests : IAsyncLifetime
{
    private static readonly Caller Applicant = new("citizen-1", PlatformRoles.Citizen, null, null);
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var db = _database.NewContext();
        await new TierCatalogueSeeder().SeedAsync(db, Ct);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    private static ApplyForCertificationRequest ValidRequest() => new()
    {
        TierCode = "D",
        ApplicantName = "Li Wei",
        Employer = "Longgang Robotics Ltd",
        Sector = "advanced manufacturing",
        DistrictCode = "district-03",
        Evidence = { "municipal programme letter" },
        Channel = TalentChannel.InternalCultivation,
    };

    private async Task<T> CallAsync<T>(Func<TalentApi, Task<T>> call)
    {
        await using var db = _database.NewContext();
        return await call(new TalentApi(db, _clock));
    }

    private Task<Certification> ApplyAsync(ApplyForCertificationRequest request, Caller caller) =>
        CallAsync(api => api.Certifications.ApplyAsync(request, caller, Ct));

    private Task<Certification> GetAsync(string id, Caller caller) =>
        CallAsync(api => api.Certifications.GetAsync(new GetCertificationRequest { Id = id }, caller, Ct));

    [Fact]
    public async Task The_seeded_catalogue_lists_tiers_A_to_E_at_version_1()
    {
        var response = await CallAsync(api => api.Certifications.ListTiersAsync(Ct));

        Assert.Equal(1, response.CatalogueVersion);
        Assert.Equal(["A", "B", "C", "D", "E"], response.Tiers.Select(t => t.Code));
        Assert.All(response.Tiers, t => Assert.False(string.IsNullOrWhiteSpace(t.Criteria)));
    }

    [Fact]
    public async Task Seeding_twice_adds_nothing()
    {
        await using var db = _database.NewContext();

        await new TierCatalogueSeeder().SeedAsync(db, Ct);

        Assert.Equal(TierCatalogueSeeder.Tiers.Count, await db.Tiers.CountAsync(Ct));
    }

    [Fact]
    public async Task An_application_is_stored_with_its_CertificationApplied_event_in_the_outbox()
    {
        var certification = await ApplyAsync(ValidRequest(), Applicant);

        await using var db = _database.NewContext();
        var stored = await db.Certifications.SingleAsync(Ct);
        Assert.Equal(certification.Id, stored.Id.ToString());
        Assert.Equal(("citizen-1", 1), (stored.ApplicantId, stored.CatalogueVersion));
        Assert.Equal(["municipal programme letter"], stored.Evidence);
        var message = await db.OutboxMessages.SingleAsync(Ct);
        Assert.Equal(typeof(CertificationApplied), message.ResolveType());
        var applied = (CertificationApplied)message.Deserialize(typeof(CertificationApplied));
        Assert.Equal((stored.Id, "D", 1, "district-03"), (applied.CertificationId, applied.TierCode, applied.CatalogueVersion, applied.DistrictCode));
        Assert.Null(message.SentAt);
    }

    [Fact]
    public async Task A_refused_application_stores_nothing()
    {
        var request = ValidRequest();
        request.Employer = "";

        await Assert.ThrowsAsync<ValidationFailedException>(() => ApplyAsync(request, Applicant));

        await using var db = _database.NewContext();
        Assert.False(await db.Certifications.AnyAsync(Ct));
        Assert.False(await db.OutboxMessages.AnyAsync(Ct));
    }

    [Fact]
    public async Task Applications_go_under_the_newest_catalogue_only()
    {
        await using (var db = _database.NewContext())
        {
            // version 2 drops tier E
            db.Tiers.AddRange(TierCatalogueSeeder.Tiers.Where(t => t.Code != "E")
                .Select(t => new Tier { Code = t.Code, CatalogueVersion = 2, Name = t.Name, Criteria = t.Criteria }));
            await db.SaveChangesAsync(Ct);
        }

        var underVersion2 = await ApplyAsync(ValidRequest(), Applicant);
        var request = ValidRequest();
        request.TierCode = "E";
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => ApplyAsync(request, Applicant));

        Assert.Equal(2, underVersion2.CatalogueVersion);
        Assert.Equal(["tierCode"], error.FieldErrors.Keys);
    }

    [Fact]
    public async Task The_applicant_the_talent_office_and_city_admins_see_an_application_others_do_not()
    {
        var id = (await ApplyAsync(ValidRequest(), Applicant)).Id;

        Assert.Equal("citizen-1", (await GetAsync(id, Applicant)).ApplicantId);
        await GetAsync(id, new Caller("clerk-1", PlatformRoles.Clerk, null, "dept-human-resources"));
        await GetAsync(id, new Caller("admin-1", PlatformRoles.CityAdmin, null, null));
        await Assert.ThrowsAsync<ForbiddenException>(() => GetAsync(id, new Caller("citizen-2", PlatformRoles.Citizen, null, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => GetAsync(id, new Caller("clerk-2", PlatformRoles.Clerk, null, "dept-finance")));
    }

    [Fact]
    public async Task A_malformed_id_is_a_bad_id_field_and_an_unknown_one_is_not_found()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => GetAsync("not-a-uuid", Applicant));
        Assert.Equal(["id"], error.FieldErrors.Keys);

        await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(Guid.NewGuid().ToString(), Applicant));
    }

    [Fact]
    public async Task Through_the_service_to_certified_the_event_is_queued_and_the_public_counts_show_no_personal_data()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 9, 30, 2, 0, 0, TimeSpan.Zero));
        var request = ValidRequest();
        request.EmployerId = "employer-robotics";
        var id = (await ApplyAsync(request, Applicant)).Id;
        var employer = new Caller("employer-robotics", PlatformRoles.Employer, null, null);
        var clerk = new Caller("clerk-hr", PlatformRoles.Clerk, null, "dept-human-resources");
        ReviewCertificationRequest Approve() => new() { Id = id, Decision = ReviewDecision.Approve };

        Assert.Equal("citizen-1", (await GetAsync(id, employer)).ApplicantId);
        await CallAsync(api => api.Certifications.ReviewAsEmployerAsync(Approve(), employer, Ct));
        await CallAsync(api => api.Certifications.ReviewPreliminarilyAsync(Approve(), clerk, Ct));
        var notice = await CallAsync(api => api.Certifications.ReviewFinallyAsync(Approve(), clerk, Ct));
        Assert.Equal((CertificationStatus.PublicNotice, "2026-10-13"), (notice.Status, notice.NoticeEndsOn));
        await Assert.ThrowsAsync<ConflictException>(() => CallAsync(api => api.Certifications.ReviewFinallyAsync(Approve(), clerk, Ct)));

        var objection = await CallAsync(api => api.Objections.LodgeAsync(new LodgeObjectionRequest { Id = id, Reason = "Doubtful award." },
            new Caller("citizen-9", PlatformRoles.Citizen, null, null), Ct));
        Assert.Equal("2026-10-13", objection.NoticeEndsOn);
        var badRuling = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            CallAsync(api => api.Objections.RuleAsync(new RuleOnObjectionRequest { Id = id, ObjectionId = objection.ObjectionId }, clerk, Ct)));
        Assert.Equal(["ruling"], badRuling.FieldErrors.Keys);
        // who comes before input: a clerk outside the talent office hears 403, not what is wrong with the request
        await Assert.ThrowsAsync<ForbiddenException>(() => CallAsync(api => api.Objections.RuleAsync(
            new RuleOnObjectionRequest { Id = id, ObjectionId = "not-a-uuid" }, new Caller("clerk-2", PlatformRoles.Clerk, null, "dept-finance"), Ct)));
        await CallAsync(api => api.Objections.RuleAsync(new RuleOnObjectionRequest { Id = id, ObjectionId = objection.ObjectionId, Ruling = ObjectionRuling.Dismiss }, clerk, Ct));
        _clock.SetUtcNow(new DateTimeOffset(2026, 10, 14, 2, 0, 0, TimeSpan.Zero));
        var certified = await CallAsync(api => api.Certifications.CertifyAsync(new CertifyRequest { Id = id }, clerk, Ct));

        Assert.Equal((CertificationStatus.Certified, "2029-10-14"), (certified.Status, certified.ValidUntil));
        Assert.Equal(ObjectionRuling.Dismiss, certified.Objections.Single().Ruling);
        await using (var db = _database.NewContext())
        {
            var message = await db.OutboxMessages.SingleAsync(m => m.Type.Contains(nameof(TalentCertified)), Ct);
            var certifiedEvent = (TalentCertified)message.Deserialize(typeof(TalentCertified));
            Assert.Equal((certified.CertificateNumber, new DateOnly(2029, 10, 14)), (certifiedEvent.CertificateNumber, certifiedEvent.ValidUntil));

            var counts = await new TalentReports(db).GetCertifiedCountsAsync(Ct);
            Assert.Equal(1, counts.Total);
            Assert.Equal(("D", "district-03", 1), (counts.Counts.Single().TierCode, counts.Counts.Single().DistrictCode, counts.Counts.Single().Count));
        }
    }
}
