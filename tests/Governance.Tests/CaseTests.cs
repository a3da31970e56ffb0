using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Tests;

public sealed class CaseTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 0, TimeSpan.FromHours(8));

    private static CaseDraft ValidDraft(CaseSource source = CaseSource.GridPatrol) =>
        new(Grids.InDistrict03.Code, source, "blocked drain", "Water stands in the lane behind building 12.", ["photos/2025/03/14/a.jpg"]);

    [Fact]
    public void A_grid_worker_reports_a_case_in_their_grid_and_it_is_placed_by_the_grid()
    {
        var reported = Case.Report(Grids.InDistrict03, ValidDraft(), Callers.GridWorker("district-03", "gw-7"), Now);

        Assert.Equal("district-03", reported.DistrictCode);
        Assert.Equal("community-03-07", reported.CommunityCode);
        Assert.Equal("grid-03-07-2", reported.GridCode);
        Assert.Equal(CaseStatus.Reported, reported.Status);
        Assert.Equal(CaseSource.GridPatrol, reported.Source);
        Assert.Equal("gw-7", reported.ReporterId);
        Assert.Equal(Now, reported.ReportedAt);
        Assert.Equal(["photos/2025/03/14/a.jpg"], reported.PhotoRefs);
    }

    [Fact]
    public void An_invalid_draft_names_every_bad_field_by_its_json_name()
    {
        var draft = new CaseDraft("", null, " ", new string('x', Case.MaxDescriptionLength + 1),
            Enumerable.Range(1, Case.MaxPhotoRefs + 1).Select(n => $"photo-{n}").ToList());

        var error = Assert.Throws<ValidationFailedException>(() => Case.Report(null, draft, Callers.CityAdmin(), Now));

        Assert.Equal(["category", "description", "gridCode", "photoRefs", "source"], error.FieldErrors.Keys.Order());
        Assert.Equal("is required", error.FieldErrors["gridCode"]);
    }

    [Fact]
    public void An_unknown_grid_is_a_validation_error_on_gridCode()
    {
        var draft = ValidDraft() with { GridCode = "grid-99-01-1" };

        var error = Assert.Throws<ValidationFailedException>(() => Case.Report(null, draft, Callers.CityAdmin(), Now));

        Assert.Equal("no grid 'grid-99-01-1'", Assert.Single(error.FieldErrors).Value);
    }

    [Theory]
    [InlineData(Case.MaxCategoryLength, true)]
    [InlineData(Case.MaxCategoryLength + 1, false)]
    public void The_category_is_at_most_64_characters(int length, bool accepted)
    {
        var draft = ValidDraft() with { Category = new string('c', length) };

        var error = Record.Exception(() => Case.Report(Grids.InDistrict03, draft, Callers.CityAdmin(), Now));

        if (accepted) Assert.Null(error);
        else Assert.Equal("category", Assert.Single(Assert.IsType<ValidationFailedException>(error).FieldErrors).Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("too-long")]
    public void Each_photo_reference_must_be_present_and_short(string kind)
    {
        var photo = kind == "" ? " " : new string('p', Case.MaxPhotoRefLength + 1);
        var draft = ValidDraft() with { PhotoRefs = ["photos/ok.jpg", photo] };

        var error = Assert.Throws<ValidationFailedException>(() => Case.Report(Grids.InDistrict03, draft, Callers.CityAdmin(), Now));

        Assert.Equal("photoRefs", Assert.Single(error.FieldErrors).Key);
    }

    [Theory]
    [InlineData(PlatformRoles.GridWorker)]
    [InlineData(PlatformRoles.DistrictAdmin)]
    public void District_staff_may_not_report_in_a_foreign_district(string role)
    {
        var caller = Callers.ByRole(role, district: "district-05");

        Assert.Throws<ForbiddenException>(() => Case.Report(Grids.InDistrict03, ValidDraft(), caller, Now));
    }

    [Theory]
    [InlineData(PlatformRoles.GridWorker)]
    [InlineData(PlatformRoles.DistrictAdmin)]
    [InlineData(PlatformRoles.CityAdmin)]
    public void District_staff_in_their_district_and_city_admins_may_report(string role)
    {
        var reported = Case.Report(Grids.InDistrict03, ValidDraft(CaseSource.Hotline), Callers.ByRole(role, district: "district-03"), Now);

        Assert.Equal(CaseSource.Hotline, reported.Source);
    }

    [Theory]
    [InlineData(PlatformRoles.Clerk)]
    [InlineData(PlatformRoles.Deputy)]
    public void Clerks_and_deputies_may_not_report(string role)
    {
        Assert.Throws<ForbiddenException>(() => Case.Report(Grids.InDistrict03, ValidDraft(), Callers.ByRole(role), Now));
    }

    [Fact]
    public void A_citizen_may_report_in_any_grid_as_a_citizen()
    {
        var reported = Case.Report(Grids.InDistrict03, ValidDraft(CaseSource.Citizen), Callers.Citizen("c-42"), Now);

        Assert.Equal("c-42", reported.ReporterId);
        Assert.Equal(CaseSource.Citizen, reported.Source);
    }

    [Theory]
    [InlineData(CaseSource.GridPatrol)]
    [InlineData(CaseSource.Hotline)]
    [InlineData(CaseSource.Referral)]
    public void A_citizen_may_not_report_under_another_source(CaseSource source)
    {
        Assert.Throws<ForbiddenException>(() => Case.Report(Grids.InDistrict03, ValidDraft(source), Callers.Citizen(), Now));
    }

    [Fact]
    public void Access_is_checked_before_input_so_a_clerk_learns_only_that_they_may_not_report()
    {
        var draft = ValidDraft() with { Category = "" };

        Assert.Throws<ForbiddenException>(() => Case.Report(Grids.InDistrict03, draft, Callers.Clerk(), Now));
        // a caller who may report learns what is wrong with the draft
        Assert.Throws<ValidationFailedException>(() => Case.Report(Grids.InDistrict03, draft, Callers.CityAdmin(), Now));
    }
}
