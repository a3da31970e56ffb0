using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Microsoft.Extensions.Time.Testing;
using static Longgang.Talent.Tests.Callers;
using Domain = Longgang.Talent.Domain;

namespace Longgang.Talent.Tests;

/// <summary>The work lists (issue 15): who sees which rows, the filters, the order and the paging with its total.</summary>
public sealed class ListTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync()
    {
        await using var db = _database.NewContext();
        await new TierCatalogueSeeder().SeedAsync(db, Ct);
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

    private async Task AddAsync(params object[] records)
    {
        await using var db = _database.NewContext();
        db.AddRange(records);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>A tier-C application of <paramref name="applicant"/>, submitted <paramref name="minutesAgo"/> minutes ago.</summary>
    private Domain.Certification Applied(Caller applicant, string name, int minutesAgo, string? employerId = null, string employer = "Longgang Robotics Ltd") =>
        Domain.Certification.Apply(TalentFixtures.TierC,
            new Domain.CertificationDraft("C", name, employer, "advanced manufacturing", "district-03", ["letter"], employerId),
            applicant, _clock.GetUtcNow().AddMinutes(-minutesAgo));

    private Domain.Certification InNotice(Caller applicant, string name)
    {
        var certification = Applied(applicant, name, 60);
        certification.ReviewAsEmployer(Domain.ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewPreliminarily(Domain.ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewFinally(Domain.ReviewDecision.Approve, null, TalentClerk, _clock.GetUtcNow(), WorkingDayCalendar.Official);
        return certification;
    }

    private Task<ListCertificationsResponse> CertificationsAsync(Caller caller, ListCertificationsRequest? request = null) =>
        CallAsync(api => api.Certifications.ListAsync(request ?? new(), caller, Ct));

    [Fact]
    public async Task A_citizen_lists_their_own_certifications_oldest_first_and_may_not_name_another_applicant()
    {
        await AddAsync(Applied(Applicant, "Li Wei", 30), Applied(OtherCitizen, "Zhang Min", 20), Applied(Applicant, "Li Wei", 10));

        var own = await CertificationsAsync(Applicant);

        Assert.Equal(2, own.TotalSize);
        Assert.All(own.Certifications, c => Assert.Equal("citizen-1", c.ApplicantId));
        Assert.True(own.Certifications[0].SubmittedAt < own.Certifications[1].SubmittedAt);
        Assert.Equal(2, (await CertificationsAsync(Applicant, new() { ApplicantId = "citizen-1" })).TotalSize);
        await Assert.ThrowsAsync<ForbiddenException>(() => CertificationsAsync(Applicant, new() { ApplicantId = "citizen-2" }));
    }

    [Fact]
    public async Task An_employer_sees_only_the_applications_naming_it_as_its_review_queue()
    {
        var named = Applied(Applicant, "Li Wei", 30, employerId: Employer.Subject);
        var reviewed = Applied(OtherCitizen, "Zhang Min", 20, employerId: Employer.Subject);
        reviewed.ReviewAsEmployer(Domain.ReviewDecision.Approve, null, Employer);
        await AddAsync(named, reviewed, Applied(Applicant, "Li Wei", 10, employerId: OtherEmployer.Subject));

        var queue = await CertificationsAsync(Employer, new() { Status = CertificationStatus.Submitted });

        Assert.Equal([named.Id.ToString()], queue.Certifications.Select(c => c.Id));
        Assert.Equal(2, (await CertificationsAsync(Employer)).TotalSize);
        await Assert.ThrowsAsync<ForbiddenException>(() => CertificationsAsync(Employer, new() { EmployerId = OtherEmployer.Subject }));
    }

    [Fact]
    public async Task The_talent_office_pages_its_review_queue_by_state_and_staff_outside_it_are_refused()
    {
        var waiting = Enumerable.Range(0, 5).Select(i => Applied(Applicant, $"Applicant {i}", 50 - i)).ToList();
        foreach (var c in waiting) c.ReviewAsEmployer(Domain.ReviewDecision.Approve, null, TalentClerk);
        await AddAsync([.. waiting, Applied(OtherCitizen, "Zhang Min", 5)]);

        var first = await CertificationsAsync(TalentClerk, new() { Status = CertificationStatus.EmployerReviewed, PageSize = 2 });
        var second = await CertificationsAsync(TalentClerk, new() { Status = CertificationStatus.EmployerReviewed, PageSize = 2, PageToken = first.NextPageToken });
        var all = await CertificationsAsync(CityAdmin, new() { PageSize = 100 });

        Assert.Equal(5, first.TotalSize);
        Assert.Equal(["Applicant 0", "Applicant 1"], first.Certifications.Select(c => c.ApplicantName));
        Assert.Equal(["Applicant 2", "Applicant 3"], second.Certifications.Select(c => c.ApplicantName));
        Assert.Equal(6, all.TotalSize);
        Assert.Equal("", all.NextPageToken);
        await Assert.ThrowsAsync<ForbiddenException>(() => CertificationsAsync(OtherClerk));
        await Assert.ThrowsAsync<ForbiddenException>(() => CertificationsAsync(DistrictAdmin));
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            CertificationsAsync(TalentClerk, new() { Status = (CertificationStatus)42, DistrictCode = "district-99", PageSize = -1 }));
        Assert.Equal(["districtCode", "pageSize", "status"], bad.FieldErrors.Keys.Order());
    }

    [Fact]
    public async Task The_text_filter_matches_names_and_employers_after_NFKC_in_either_case()
    {
        await AddAsync(Applied(Applicant, "Li Wei", 30, employer: "深圳（龙岗）机器人有限公司"), Applied(OtherCitizen, "Zhang Min", 20));

        Assert.Equal(["Li Wei"], (await CertificationsAsync(TalentClerk, new() { Query = "LI WEI" })).Certifications.Select(c => c.ApplicantName));
        Assert.Equal(["Li Wei"], (await CertificationsAsync(TalentClerk, new() { Query = "(龙岗)" })).Certifications.Select(c => c.ApplicantName));
        Assert.Equal(0, (await CertificationsAsync(TalentClerk, new() { Query = "' OR 1=1 --" })).TotalSize);
    }

    [Fact]
    public async Task The_public_notice_shows_only_certifications_in_notice_today_without_applicant_ids()
    {
        var inNotice = InNotice(Applicant, "Li Wei");
        await AddAsync(inNotice, Applied(OtherCitizen, "Zhang Min", 20));

        var notices = await CallAsync(api => api.Certifications.ListNoticesAsync(new ListNoticesRequest(), Ct));

        var notice = Assert.Single(notices.Notices);
        Assert.Equal(inNotice.Id.ToString(), notice.CertificationId);
        Assert.Equal("Li Wei", notice.ApplicantName);
        Assert.Equal("2026-11-02", notice.NoticeStartsOn);
        Assert.DoesNotContain("citizen-1", notices.ToString());
        _clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, (await CallAsync(api => api.Certifications.ListNoticesAsync(new ListNoticesRequest(), Ct))).TotalSize);
    }

    [Fact]
    public async Task Objectors_stay_anonymous_to_the_applicant_but_not_to_the_talent_office()
    {
        var certification = InNotice(Applicant, "Li Wei");
        certification.LodgeObjection("Not employed there.", OtherCitizen, _clock.GetUtcNow());
        await AddAsync(certification);
        var get = (Caller caller) => CallAsync(api => api.Certifications.GetAsync(new GetCertificationRequest { Id = certification.Id.ToString() }, caller, Ct));

        Assert.False((await get(Applicant)).Objections.Single().HasLodgedBy);
        Assert.Equal("citizen-2", (await get(TalentClerk)).Objections.Single().LodgedBy);
        Assert.DoesNotContain("citizen-2", (await CertificationsAsync(Applicant)).ToString());
    }

    [Fact]
    public async Task Claims_a_citizen_sees_their_own_and_the_talent_office_its_queue_to_pay()
    {
        var programme = TalentFixtures.Housing();
        var mine = TalentFixtures.Certified(_clock.GetUtcNow().AddDays(-1));
        var theirs = TalentFixtures.Certified(_clock.GetUtcNow().AddDays(-1), OtherCitizen);
        var myClaim = Domain.EntitlementClaim.Submit(programme, mine, new("HOUSING-2026", mine.Id.ToString(), true, []), Applicant, _clock.GetUtcNow());
        var theirClaim = Domain.EntitlementClaim.Submit(programme, theirs, new("HOUSING-2026", theirs.Id.ToString(), true, []), OtherCitizen, _clock.GetUtcNow());
        theirClaim.Approve(_clock.GetUtcNow());
        await AddAsync(programme, mine, theirs, myClaim, theirClaim);
        var list = (Caller caller, ListClaimsRequest request) => CallAsync(api => api.Claims.ListAsync(request, caller, Ct));

        Assert.Equal([myClaim.Id.ToString()], (await list(Applicant, new())).Claims.Select(c => c.Id));
        Assert.Equal([theirClaim.Id.ToString()], (await list(TalentClerk, new() { Status = ClaimStatus.Approved })).Claims.Select(c => c.Id));
        Assert.Equal(2, (await list(CityAdmin, new() { ProgrammeCode = "housing-2026" })).TotalSize);
        await Assert.ThrowsAsync<ForbiddenException>(() => list(Applicant, new() { ApplicantId = "citizen-2" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => list(Employer, new()));
        await Assert.ThrowsAsync<ForbiddenException>(() => list(OtherClerk, new()));
    }

    [Fact]
    public async Task The_job_board_lists_open_positions_newest_first_by_sector_tier_and_district()
    {
        Domain.Position Post(string title, string sector, string tier, string district, int minutesAgo) =>
            Domain.Position.Post(new(title, sector, tier, district, "Longgang Robotics Ltd"), ["A", "B", "C", "D", "E"], Employer,
                _clock.GetUtcNow().AddMinutes(-minutesAgo));
        var filled = Post("Filled lead", "advanced manufacturing", "C", "district-03", 50);
        filled.Fill();
        await AddAsync(filled, Post("Robotics lead", "advanced manufacturing", "C", "district-03", 40),
            Post("Chip designer", "Integrated Circuits", "B", "district-01", 30), Post("Robot tester", "advanced manufacturing", "D", "district-03", 20));
        var board = (ListPositionsRequest request) => CallAsync(api => api.Positions.ListAsync(request, Ct));

        Assert.Equal(["Robot tester", "Chip designer", "Robotics lead"], (await board(new())).Positions.Select(p => p.Title));
        Assert.Equal(["Robot tester", "Robotics lead"], (await board(new() { Sector = "Advanced Manufacturing", DistrictCode = "district-03" })).Positions.Select(p => p.Title));
        Assert.Equal(["Chip designer"], (await board(new() { TierSought = "B" })).Positions.Select(p => p.Title));
        Assert.Equal(["Robotics lead"], (await board(new() { Query = "ROBOTICS LEAD" })).Positions.Select(p => p.Title));
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => board(new() { DistrictCode = "district-99" }));
        Assert.Equal(["districtCode"], bad.FieldErrors.Keys);
    }

    [Fact]
    public async Task Programmes_are_listed_newest_year_first_and_filtered_by_year_and_kind()
    {
        await AddAsync(TalentFixtures.Housing(), Domain.Programme.Create(TalentFixtures.HousingDraft() with { Code = "HOUSING-2025", Year = 2025 }, ["A", "B", "C"], TalentClerk),
            Domain.Programme.Create(TalentFixtures.HousingDraft() with { Code = "GRANT-2026", Kind = Domain.ProgrammeKind.SettlementGrant }, ["A", "B", "C"], TalentClerk));
        var list = (ListProgrammesRequest request) => CallAsync(api => api.Programmes.ListAsync(request, Ct));

        Assert.Equal(["GRANT-2026", "HOUSING-2026", "HOUSING-2025"], (await list(new())).Programmes.Select(p => p.Code));
        Assert.Equal(["HOUSING-2025"], (await list(new() { Year = 2025 })).Programmes.Select(p => p.Code));
        Assert.Equal(["GRANT-2026"], (await list(new() { Kind = ProgrammeKind.SettlementGrant })).Programmes.Select(p => p.Code));
    }
}
