using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Approvals.Tests;

public sealed class ApplicationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Matter FoodLicence = MatterCatalogueSeeder.Matters.Single(m => m.Code == "MS-001");
    private static readonly Caller Citizen = new("citizen-7", PlatformRoles.Citizen, null, null);

    private static SubmissionDraft Draft(Channel? channel = Channel.ServiceHall, string? district = "district-03",
        string? applicantId = null, string? name = "Wang Fang", params string[] materials) =>
        new("MS-001", applicantId, name, channel, district, materials);

    [Fact]
    public void A_citizen_submits_for_themselves_and_every_missing_material_is_listed()
    {
        var application = Application.Submit(FoodLicence, Draft(materials: ["application form", "Business Licence"]), Citizen, Now);

        Assert.Equal("citizen-7", application.ApplicantId);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal("dept-market-supervision", application.DepartmentCode);
        Assert.Equal(["premises floor plan", "food safety officer certificate"], application.MissingMaterials);
        Assert.Equal(5, application.PromisedLimitDays);
        Assert.Equal(Now, application.SubmittedAt);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var draft = new SubmissionDraft("NOPE", null, "", null, "district-99", ["", new string('x', 201)]);

        var error = Assert.Throws<ValidationFailedException>(() => Application.Submit(null, draft, Citizen, Now));

        Assert.Equal(["applicantName", "channel", "districtCode", "materials", "matterCode"], error.FieldErrors.Keys.Order());
        Assert.Equal(5, error.FieldErrors.Count);
        Assert.Contains("NOPE", error.FieldErrors["matterCode"]);
    }

    [Fact]
    public void A_service_hall_submission_needs_a_district()
    {
        var error = Assert.Throws<ValidationFailedException>(() => Application.Submit(FoodLicence, Draft(district: null), Citizen, Now));
        Assert.Equal(["districtCode"], error.FieldErrors.Keys);
    }

    [Fact]
    public void A_grid_worker_links_the_citizens_case_and_the_submission_announces_it()
    {
        var gridWorker = new Caller("gw-1", PlatformRoles.GridWorker, "district-03", null);
        var caseId = Guid.CreateVersion7();

        var application = Application.Submit(FoodLicence, Draft(Channel.GridWorker, applicantId: "citizen-7") with { CaseId = caseId }, gridWorker, Now);

        Assert.Equal(caseId, application.CaseId);
        var submitted = Assert.IsType<Longgang.Approvals.Contracts.Events.V1.ApplicationSubmitted>(Assert.Single(application.PendingEvents));
        Assert.Equal(caseId, submitted.CaseId);
        Assert.Equal("gw-1", submitted.SubmittedBy);
    }

    [Fact]
    public void Only_a_grid_worker_submission_links_a_case()
    {
        var error = Assert.Throws<ValidationFailedException>(() =>
            Application.Submit(FoodLicence, Draft() with { CaseId = Guid.CreateVersion7() }, Citizen, Now));
        Assert.Equal(["caseId"], error.FieldErrors.Keys);
    }

    [Fact]
    public void A_citizen_cannot_apply_for_someone_else()
    {
        Assert.Throws<ForbiddenException>(() => Application.Submit(FoodLicence, Draft(applicantId: "citizen-8"), Citizen, Now));
    }

    [Fact]
    public void Staff_must_name_the_applicant()
    {
        var gridWorker = new Caller("gw-1", PlatformRoles.GridWorker, "district-03", null);
        var error = Assert.Throws<ValidationFailedException>(() =>
            Application.Submit(FoodLicence, Draft(Channel.GridWorker), gridWorker, Now));
        Assert.Equal(["applicantId"], error.FieldErrors.Keys);
    }

    [Fact]
    public void A_grid_worker_submits_only_in_their_own_district()
    {
        var gridWorker = new Caller("gw-1", PlatformRoles.GridWorker, "district-03", null);

        var own = Application.Submit(FoodLicence, Draft(Channel.GridWorker, applicantId: "citizen-7"), gridWorker, Now);
        Assert.Equal("citizen-7", own.ApplicantId);
        Assert.Throws<ForbiddenException>(() =>
            Application.Submit(FoodLicence, Draft(Channel.GridWorker, "district-04", applicantId: "citizen-7"), gridWorker, Now));
    }

    [Fact]
    public void Deputies_do_not_submit_applications()
    {
        var deputy = new Caller("deputy-1", PlatformRoles.Deputy, null, null);
        Assert.Throws<ForbiddenException>(() => Application.Submit(FoodLicence, Draft(applicantId: "citizen-7"), deputy, Now));
    }

    [Theory]
    [InlineData(PlatformRoles.Citizen, "citizen-7", null, null, true)]
    [InlineData(PlatformRoles.Citizen, "citizen-8", null, null, false)]
    [InlineData(PlatformRoles.Clerk, "clerk-1", null, "dept-market-supervision", true)]
    [InlineData(PlatformRoles.Clerk, "clerk-2", null, "dept-finance", false)]
    [InlineData(PlatformRoles.DistrictAdmin, "da-1", "district-03", null, true)]
    [InlineData(PlatformRoles.DistrictAdmin, "da-2", "district-04", null, false)]
    [InlineData(PlatformRoles.GridWorker, "gw-2", "district-04", null, false)]
    [InlineData(PlatformRoles.Deputy, "deputy-1", null, null, false)]
    [InlineData(PlatformRoles.CityAdmin, "admin", null, null, true)]
    public void Who_may_see_an_application(string role, string subject, string? district, string? department, bool visible)
    {
        var caller = new Caller(subject, role, district, department);
        Assert.Equal(visible, ApplicationAccess.CanSee(caller, "citizen-7", "gw-1", "dept-market-supervision", ["dept-market-supervision"], "district-03"));
    }

    [Fact]
    public void A_counter_clerk_sees_an_application_they_took_in_for_another_department_and_no_other()
    {
        var counterClerk = new Caller("counter-1", PlatformRoles.Clerk, null, "dept-finance");
        Assert.True(ApplicationAccess.CanSee(counterClerk, "citizen-7", "counter-1", "dept-market-supervision", ["dept-market-supervision"], "district-03"));
        Assert.False(ApplicationAccess.CanSee(counterClerk, "citizen-7", "counter-2", "dept-market-supervision", ["dept-market-supervision"], "district-03"));
    }

    [Fact]
    public void A_listing_is_confined_to_what_the_caller_may_see()
    {
        Assert.Equal(new ApplicationScope(ApplicantId: "citizen-7"), ApplicationAccess.ScopeFor(Citizen, null));
        Assert.Equal(new ApplicationScope(DepartmentCode: "dept-finance"),
            ApplicationAccess.ScopeFor(new Caller("c", PlatformRoles.Clerk, null, "dept-finance"), null));
        Assert.Equal(new ApplicationScope(SubmittedBy: "gw-1"),
            ApplicationAccess.ScopeFor(new Caller("gw-1", PlatformRoles.GridWorker, "district-02", null), null));
        Assert.Equal(new ApplicationScope(DistrictCode: "district-02"),
            ApplicationAccess.ScopeFor(new Caller("d", PlatformRoles.DistrictAdmin, "district-02", null), null));
        Assert.Throws<ForbiddenException>(() => ApplicationAccess.ScopeFor(Citizen, "citizen-8"));
        Assert.Throws<ForbiddenException>(() => ApplicationAccess.ScopeFor(new Caller("x", PlatformRoles.Deputy, null, null), null));
    }

    [Fact]
    public void The_seeded_catalogue_never_promises_more_than_the_law_allows()
    {
        Assert.All(MatterCatalogueSeeder.Matters, m => Assert.InRange(m.PromisedLimitDays, 1, m.StatutoryLimitDays));
        Assert.All(MatterCatalogueSeeder.Matters, m => Assert.True(ReferenceData.IsDepartment(m.DepartmentCode), m.DepartmentCode));
    }
}
