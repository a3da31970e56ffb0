using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Talent.Domain;

namespace Longgang.Talent.Tests;

public sealed class CertificationTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly Tier TierC = new() { Code = "C", CatalogueVersion = 2, Name = "Provincial leading talent" };
    private static readonly Caller Citizen = new("citizen-1", PlatformRoles.Citizen, null, null);

    private static CertificationDraft ValidDraft() =>
        new("C", " Li Wei ", "Longgang Robotics Ltd", "advanced manufacturing", "district-03", ["provincial programme letter"]);

    [Fact]
    public void A_citizen_applies_for_themselves_under_the_tiers_catalogue_version()
    {
        var certification = Certification.Apply(TierC, ValidDraft(), Citizen, Now);

        Assert.Equal("citizen-1", certification.ApplicantId);
        Assert.Equal("Li Wei", certification.ApplicantName);
        Assert.Equal(("C", 2), (certification.TierCode, certification.CatalogueVersion));
        Assert.Equal("district-03", certification.DistrictCode);
        Assert.Equal(CertificationStatus.Submitted, certification.Status);
        Assert.Equal(Now, certification.SubmittedAt);
    }

    [Fact]
    public void The_district_is_optional()
    {
        var certification = Certification.Apply(TierC, ValidDraft() with { DistrictCode = "" }, Citizen, Now);

        Assert.Null(certification.DistrictCode);
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var draft = new CertificationDraft("", new string('n', 101), " ", "", "district-99", Enumerable.Repeat("doc", 21).ToList());

        var error = Assert.Throws<ValidationFailedException>(() => Certification.Apply(null, draft, Citizen, Now));

        Assert.Equal(["applicantName", "districtCode", "employer", "evidence", "sector", "tierCode"], error.FieldErrors.Keys.Order());
    }

    [Fact]
    public void A_tier_missing_from_the_current_catalogue_is_refused()
    {
        var error = Assert.Throws<ValidationFailedException>(() => Certification.Apply(null, ValidDraft() with { TierCode = "F" }, Citizen, Now));

        Assert.Equal(["tierCode"], error.FieldErrors.Keys);
    }

    [Theory]
    [InlineData("employer", 201)]
    [InlineData("sector", 101)]
    [InlineData("evidence", 301)]
    public void Overlong_text_is_refused(string field, int length)
    {
        var text = new string('x', length);
        var draft = field switch
        {
            "employer" => ValidDraft() with { Employer = text },
            "sector" => ValidDraft() with { Sector = text },
            _ => ValidDraft() with { Evidence = [text] },
        };

        var error = Assert.Throws<ValidationFailedException>(() => Certification.Apply(TierC, draft, Citizen, Now));

        Assert.Equal([field], error.FieldErrors.Keys);
    }

    [Theory]
    [InlineData(PlatformRoles.Clerk)]
    [InlineData(PlatformRoles.GridWorker)]
    [InlineData(PlatformRoles.DistrictAdmin)]
    [InlineData(PlatformRoles.Deputy)]
    [InlineData(PlatformRoles.CityAdmin)]
    public void Only_citizens_apply(string role)
    {
        var caller = new Caller("someone", role, "district-03", CertificationAccess.TalentOfficeDepartment);

        Assert.Throws<ForbiddenException>(() => Certification.Apply(TierC, ValidDraft(), caller, Now));
    }

    [Theory]
    [InlineData("citizen-1", PlatformRoles.Citizen, null, true)]
    [InlineData("citizen-2", PlatformRoles.Citizen, null, false)]
    [InlineData("clerk-1", PlatformRoles.Clerk, CertificationAccess.TalentOfficeDepartment, true)]
    [InlineData("clerk-2", PlatformRoles.Clerk, "dept-market-supervision", false)]
    [InlineData("admin-1", PlatformRoles.CityAdmin, null, true)]
    [InlineData("deputy-1", PlatformRoles.Deputy, null, false)]
    [InlineData("grid-1", PlatformRoles.GridWorker, null, false)]
    [InlineData("district-admin-1", PlatformRoles.DistrictAdmin, null, false)]
    public void Who_sees_a_certification(string subject, string role, string? department, bool canSee)
    {
        var caller = new Caller(subject, role, "district-03", department);

        Assert.Equal(canSee, CertificationAccess.CanSee(caller, applicantId: "citizen-1"));
    }
}
