using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Longgang.Talent.Tests.Callers;
using DomainPosition = Longgang.Talent.Domain.Position;

namespace Longgang.Talent.Tests;

/// <summary>Positions and their applications, and the talent report that counts certified talent, programmes and certified hires.</summary>
public sealed class PositionTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync()
    {
        await using var db = _database.NewContext();
        await new TierCatalogueSeeder().SeedAsync(db, Ct);
        db.Certifications.Add(TalentFixtures.Certified(_clock.GetUtcNow().AddDays(-1)));
        db.Programmes.Add(TalentFixtures.Housing());
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> CallAsync<T>(Func<TalentApi, Task<T>> call)
    {
        await using var db = _database.NewContext();
        return await call(new TalentApi(db, _clock));
    }

    private Task<Position> PostAsync(Caller caller) => CallAsync(api => api.Positions.PostAsync(new PostPositionRequest
    {
        Title = "Robotics R&D lead",
        EmployerName = "Longgang Robotics Ltd",
        Sector = "advanced manufacturing",
        TierSought = "C",
        DistrictCode = "district-03",
        Channel = TalentChannel.ExternalRecruitment,
    }, caller, Ct));

    private Task<PositionApplication> ApplyAsync(string positionId, Caller caller) =>
        CallAsync(api => api.PositionApplications.ApplyAsync(new ApplyForPositionRequest { PositionId = positionId, CandidateName = "Li Wei" }, caller, Ct));

    private Task<PositionApplication> AdvanceAsync(string id, PositionApplicationStatus to, Caller caller) =>
        CallAsync(api => api.PositionApplications.AdvanceAsync(new AdvancePositionApplicationRequest { Id = id, Status = to }, caller, Ct));

    [Fact]
    public async Task A_certified_candidate_goes_through_screening_interview_and_offer_to_hired_and_counts_in_the_report()
    {
        var position = await PostAsync(Employer);
        var application = await ApplyAsync(position.Id, Applicant);
        var other = await ApplyAsync(position.Id, OtherCitizen);

        foreach (var step in new[] { PositionApplicationStatus.Screening, PositionApplicationStatus.Interview, PositionApplicationStatus.Offer })
            Assert.Equal(step, (await AdvanceAsync(application.Id, step, Employer)).Status);
        var hired = await AdvanceAsync(application.Id, PositionApplicationStatus.Hired, Employer);

        Assert.True(hired.CertifiedHire);
        Assert.Equal(PositionStatus.Filled, (await CallAsync(api => api.Positions.GetAsync(new GetPositionRequest { Id = position.Id }, Ct))).Status);
        await Assert.ThrowsAsync<ConflictException>(() => ApplyAsync(position.Id, new Caller("citizen-3", PlatformRoles.Citizen, null, null)));
        Assert.Equal(PositionApplicationStatus.Declined, (await AdvanceAsync(other.Id, PositionApplicationStatus.Declined, Employer)).Status);

        var report = await CallAsync(api => api.Reports.GetTalentReportAsync(TalentClerk, Ct));
        Assert.Equal((1, 1), (report.CertifiedTotal, report.PositionsFilled));
        Assert.Equal(("C", 1), (report.CertifiedByTier.Single().Key, report.CertifiedByTier.Single().Count));
        Assert.Equal("Longgang Robotics Ltd", report.CertifiedByEmployer.Single().Key);
        Assert.Equal(("district-03", 1), (report.CertifiedHiresByDistrict.Single().Key, report.CertifiedHiresByDistrict.Single().Count));
        Assert.Equal(("HOUSING-2026", 300_000L, 300_000L), (report.Programmes.Single().Code, report.Programmes.Single().Budget, report.Programmes.Single().Remaining));
        await Assert.ThrowsAsync<ForbiddenException>(() => CallAsync(api => api.Reports.GetTalentReportAsync(Employer, Ct)));
    }

    [Fact]
    public async Task Every_move_of_an_application_is_published_for_its_candidate_with_the_positions_employer_district_and_channel()
    {
        var position = await PostAsync(Employer);
        var application = await ApplyAsync(position.Id, Applicant);
        await AdvanceAsync(application.Id, PositionApplicationStatus.Screening, Employer);
        await AdvanceAsync(application.Id, PositionApplicationStatus.Declined, Employer);

        await using var db = _database.NewContext();
        var moves = (await db.OutboxMessages.OrderBy(m => m.Id).ToListAsync(Ct))
            .Where(m => m.ResolveType() == typeof(PositionApplicationMoved))
            .Select(m => (PositionApplicationMoved)m.Deserialize(typeof(PositionApplicationMoved))).ToList();
        Assert.Equal(["SCREENING", "DECLINED"], moves.Select(m => m.Status));
        Assert.All(moves, m => Assert.Equal(
            (Guid.Parse(application.Id), Guid.Parse(position.Id), "citizen-1", "Longgang Robotics Ltd", "district-03", "EXTERNAL_RECRUITMENT"),
            (m.PositionApplicationId, m.PositionId, m.ApplicantId, m.Employer, m.DistrictCode, m.Channel)));
    }

    [Fact]
    public async Task A_hire_without_a_valid_certification_fills_the_position_but_is_not_a_certified_hire()
    {
        var position = await PostAsync(Employer);
        var application = await ApplyAsync(position.Id, OtherCitizen);
        foreach (var step in new[] { PositionApplicationStatus.Screening, PositionApplicationStatus.Interview, PositionApplicationStatus.Offer, PositionApplicationStatus.Hired })
            await AdvanceAsync(application.Id, step, Employer);

        var report = await CallAsync(api => api.Reports.GetTalentReportAsync(CityAdmin, Ct));

        Assert.Equal(1, report.PositionsFilled);
        Assert.Empty(report.CertifiedHiresByEmployer);
    }

    [Fact]
    public async Task Steps_cannot_be_skipped_or_repeated_and_a_closed_application_stays_closed()
    {
        var position = await PostAsync(Employer);
        var application = await ApplyAsync(position.Id, Applicant);

        await Assert.ThrowsAsync<ConflictException>(() => AdvanceAsync(application.Id, PositionApplicationStatus.Offer, Employer));
        await Assert.ThrowsAsync<ConflictException>(() => AdvanceAsync(application.Id, PositionApplicationStatus.Hired, Employer));
        await AdvanceAsync(application.Id, PositionApplicationStatus.Screening, Employer);
        await Assert.ThrowsAsync<ConflictException>(() => AdvanceAsync(application.Id, PositionApplicationStatus.Screening, Employer));
        await AdvanceAsync(application.Id, PositionApplicationStatus.Declined, Employer);
        await Assert.ThrowsAsync<ConflictException>(() => AdvanceAsync(application.Id, PositionApplicationStatus.Interview, Employer));
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => AdvanceAsync(application.Id, (PositionApplicationStatus)42, Employer));
        Assert.Equal(["status"], unknown.FieldErrors.Keys);
        await Assert.ThrowsAsync<ValidationFailedException>(() => AdvanceAsync(application.Id, PositionApplicationStatus.Applied, Employer));
    }

    [Fact]
    public async Task Employers_post_and_move_their_own_candidates_apply_once_for_themselves()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => PostAsync(Applicant));
        await Assert.ThrowsAsync<ForbiddenException>(() => PostAsync(TalentClerk));
        var position = await PostAsync(Employer);
        Assert.Equal("employer-robotics", position.EmployerId);

        await Assert.ThrowsAsync<ForbiddenException>(() => ApplyAsync(position.Id, Employer));
        var application = await ApplyAsync(position.Id, Applicant);
        await Assert.ThrowsAsync<ConflictException>(() => ApplyAsync(position.Id, Applicant));

        await Assert.ThrowsAsync<ForbiddenException>(() => AdvanceAsync(application.Id, PositionApplicationStatus.Screening, OtherEmployer));
        await Assert.ThrowsAsync<ForbiddenException>(() => AdvanceAsync(application.Id, PositionApplicationStatus.Screening, Applicant));
        await Assert.ThrowsAsync<NotFoundException>(() => ApplyAsync(Guid.NewGuid().ToString(), Applicant));
        var malformed = await Assert.ThrowsAsync<ValidationFailedException>(() => ApplyAsync("nope", Applicant));
        Assert.Equal(["positionId"], malformed.FieldErrors.Keys);
    }

    [Fact]
    public async Task The_employer_lists_its_positions_applicants_another_employer_may_not_and_a_candidate_sees_only_their_own()
    {
        var position = await PostAsync(Employer);
        await ApplyAsync(position.Id, Applicant);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await ApplyAsync(position.Id, OtherCitizen);
        var list = (Caller caller) => CallAsync(api => api.PositionApplications.ListAsync(new ListPositionApplicationsRequest { PositionId = position.Id }, caller, Ct));

        Assert.Equal(["citizen-1", "citizen-2"], (await list(Employer)).Applications.Select(a => a.CandidateId));
        Assert.Equal(2, (await list(TalentClerk)).Applications.Count);
        await Assert.ThrowsAsync<ForbiddenException>(() => list(OtherEmployer));
        Assert.Equal(["citizen-1"], (await list(Applicant)).Applications.Select(a => a.CandidateId));
        await Assert.ThrowsAsync<ForbiddenException>(() => list(OtherClerk));
    }

    [Theory]
    [InlineData("citizen-1", PlatformRoles.Citizen, null, true)]
    [InlineData("citizen-2", PlatformRoles.Citizen, null, false)]
    [InlineData("employer-robotics", PlatformRoles.Employer, null, true)]
    [InlineData("employer-other", PlatformRoles.Employer, null, false)]
    [InlineData("clerk-hr", PlatformRoles.Clerk, "dept-human-resources", true)]
    [InlineData("clerk-fin", PlatformRoles.Clerk, "dept-finance", false)]
    [InlineData("admin-1", PlatformRoles.CityAdmin, null, true)]
    public async Task Who_sees_a_position_application(string subject, string role, string? department, bool canSee)
    {
        var position = await PostAsync(Employer);
        var application = await ApplyAsync(position.Id, Applicant);
        var caller = new Caller(subject, role, null, department);

        var get = () => CallAsync(api => api.PositionApplications.GetAsync(new GetPositionApplicationRequest { Id = application.Id }, caller, Ct));

        if (canSee) Assert.Equal("citizen-1", (await get()).CandidateId);
        else await Assert.ThrowsAsync<ForbiddenException>(get);
    }

    [Fact]
    public void A_position_names_every_bad_field()
    {
        var error = Assert.Throws<ValidationFailedException>(() =>
            DomainPosition.Post(new Domain.PositionDraft("", "", "F", "district-99", ""), ["A", "B", "C", "D", "E"], Employer, DateTimeOffset.UnixEpoch));

        Assert.Equal(["districtCode", "employerName", "sector", "tierSought", "title"], error.FieldErrors.Keys.Order());
    }
}
