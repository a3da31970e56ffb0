using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Talent.Domain;
using static Longgang.Talent.Tests.Callers;
using static Longgang.Talent.Tests.TalentFixtures;

namespace Longgang.Talent.Tests;

public sealed class EntitlementClaimTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero); // Monday 2 November 2026, 10:00 in China
    private static readonly ClaimDraft Draft = new("HOUSING-2026", null, ResidesInCity: true, ["housing purchase contract"]);

    private static ClaimDraft DraftFor(Certification certification) => Draft with { CertificationId = certification.Id.ToString() };

    [Fact]
    public void A_valid_claim_is_validated_at_its_tiers_amount_with_its_open_key()
    {
        var certification = Certified(Now.AddDays(-1));

        var claim = EntitlementClaim.Submit(Housing(), certification, DraftFor(certification), Applicant, Now);

        Assert.Equal(ClaimStatus.Validated, claim.Status);
        Assert.Equal(("HOUSING-2026", 2026, "C", 100_000L), (claim.ProgrammeCode, claim.Period, claim.TierCode, claim.Amount));
        Assert.Equal("HOUSING-2026:2026:citizen-1", claim.OpenKey);
        Assert.NotEqual(claim.Id, claim.ApplicationId);
    }

    [Fact]
    public void Programmes_are_set_up_by_the_talent_office_with_every_bad_field_named()
    {
        Assert.Throws<ForbiddenException>(() => Programme.Create(HousingDraft(), ["C"], CityAdmin));
        var bad = new ProgrammeDraft("bad code!", "", null, 1999, "", 0, new Dictionary<string, long> { ["F"] = 10 }, false, false, 0);

        var error = Assert.Throws<ValidationFailedException>(() => Programme.Create(bad, ["A", "B", "C", "D", "E"], TalentClerk));

        Assert.Equal(["budget", "claimValidityDays", "code", "kind", "matterCode", "name", "tierAmounts", "year"], error.FieldErrors.Keys.Order());
    }

    [Fact]
    public void Someone_elses_an_uncertified_or_an_ineligible_certification_is_refused()
    {
        var others = Certified(Now.AddDays(-1), OtherCitizen);
        Assert.Throws<ForbiddenException>(() => EntitlementClaim.Submit(Housing(), others, DraftFor(others), Applicant, Now));

        var pending = Certification.Apply(TierC, new CertificationDraft("C", "Li Wei", "Robotics", "manufacturing", "district-03", []), Applicant, Now);
        Assert.Throws<ValidationFailedException>(() => EntitlementClaim.Submit(Housing(), pending, DraftFor(pending), Applicant, Now));

        var onlyTierA = Programme.Create(HousingDraft() with { TierAmounts = new Dictionary<string, long> { ["A"] = 1000 } }, ["A", "C"], TalentClerk);
        var mine = Certified(Now.AddDays(-1));
        var ineligible = Assert.Throws<ValidationFailedException>(() => EntitlementClaim.Submit(onlyTierA, mine, DraftFor(mine), Applicant, Now));
        Assert.Contains("tier C is not eligible", ineligible.FieldErrors["certificationId"]);
    }

    [Fact]
    public void Residence_and_an_employer_in_the_city_are_required_where_the_programme_says_so()
    {
        var noDistrict = Certified(Now.AddDays(-1), districtCode: null);

        var error = Assert.Throws<ValidationFailedException>(() =>
            EntitlementClaim.Submit(Housing(), noDistrict, DraftFor(noDistrict) with { ResidesInCity = false }, Applicant, Now));

        Assert.Equal(["certificationId", "residesInCity"], error.FieldErrors.Keys.Order());
        var certification = Certified(Now.AddDays(-1));
        EntitlementClaim.Submit(Housing(requiresResidence: false), certification, DraftFor(certification) with { ResidesInCity = false }, Applicant, Now);
    }

    [Fact]
    public void Unknown_programme_and_malformed_ids_are_named()
    {
        var error = Assert.Throws<ValidationFailedException>(() =>
            EntitlementClaim.Submit(null, null, new ClaimDraft("NOPE", "not-a-uuid", true, []), Applicant, Now));

        Assert.Equal(["certificationId", "programmeCode"], error.FieldErrors.Keys.Order());
    }

    [Fact]
    public void Claims_are_taken_in_the_programmes_year_only_and_by_citizens_only()
    {
        var certification = Certified(Now.AddDays(-1));

        Assert.Throws<ConflictException>(() => EntitlementClaim.Submit(Housing(), certification, DraftFor(certification), Applicant, Now.AddYears(1)));
        Assert.Throws<ForbiddenException>(() => EntitlementClaim.Submit(Housing(), certification, DraftFor(certification),
            new Caller("citizen-1", PlatformRoles.Employer, null, null), Now));
    }

    [Fact]
    public void Approved_it_may_be_paid_until_its_valid_until_and_only_once()
    {
        var certification = Certified(Now.AddDays(-1));
        var claim = EntitlementClaim.Submit(Housing(), certification, DraftFor(certification), Applicant, Now);
        Assert.Throws<ConflictException>(() => claim.RecordPayment(new DateOnly(2026, 11, 2), "BANK-1", TalentClerk, Now));

        Assert.True(claim.Approve(Now));
        Assert.False(claim.Approve(Now));
        Assert.Equal(new DateOnly(2026, 12, 2), claim.ValidUntil);
        Assert.Throws<ForbiddenException>(() => claim.RecordPayment(new DateOnly(2026, 11, 3), "BANK-1", Applicant, Now.AddDays(1)));
        var future = Assert.Throws<ValidationFailedException>(() => claim.RecordPayment(new DateOnly(2026, 11, 4), "", TalentClerk, Now.AddDays(1)));
        Assert.Equal(["paidOn", "reference"], future.FieldErrors.Keys.Order());

        claim.RecordPayment(new DateOnly(2026, 11, 3), " BANK-1 ", TalentClerk, Now.AddDays(1));

        Assert.Equal((ClaimStatus.Paid, new DateOnly(2026, 11, 3), "BANK-1"), (claim.Status, claim.PaidOn, claim.PaymentReference));
        Assert.Equal("HOUSING-2026:2026:citizen-1", claim.OpenKey);
        Assert.Throws<ConflictException>(() => claim.RecordPayment(new DateOnly(2026, 11, 3), "BANK-2", TalentClerk, Now.AddDays(1)));
        Assert.False(claim.Expire(Now.AddDays(60)));
    }

    [Fact]
    public void Unpaid_past_its_valid_until_it_expires_and_frees_the_person_to_claim_again()
    {
        var certification = Certified(Now.AddDays(-1));
        var claim = EntitlementClaim.Submit(Housing(), certification, DraftFor(certification), Applicant, Now);
        claim.Approve(Now);

        Assert.False(claim.Expire(Now.AddDays(30))); // 2 December, its valid-until
        Assert.True(claim.Expire(Now.AddDays(31)));

        Assert.Equal(ClaimStatus.Expired, claim.Status);
        Assert.Null(claim.OpenKey);
        Assert.Throws<ConflictException>(() => claim.RecordPayment(new DateOnly(2026, 12, 1), "BANK-1", TalentClerk, Now.AddDays(31)));
    }

    [Fact]
    public void Submitting_asks_approvals_for_the_application_and_approving_and_paying_record_their_events_once()
    {
        var certification = Certified(Now.AddDays(-1));
        var claim = EntitlementClaim.Submit(Housing(), certification, DraftFor(certification), Applicant, Now);
        var requested = Assert.IsType<ApplicationRequested>(Assert.Single(claim.TakePendingEvents()));
        Assert.Equal((claim.ApplicationId, "HR-001", "citizen-1", EntitlementClaim.RequesterName, Now),
            (requested.ApplicationId, requested.MatterCode, requested.ApplicantId, requested.RequestedBy, requested.RequestedAt));
        Assert.Equal(["housing purchase contract"], requested.Materials);

        claim.Approve(Now);
        claim.Approve(Now);
        var approved = Assert.IsType<EntitlementApproved>(Assert.Single(claim.TakePendingEvents()));
        Assert.Equal((claim.Id, 100_000L, new DateOnly(2026, 12, 2)), (approved.ClaimId, approved.Amount, approved.ValidUntil));

        Assert.Throws<ForbiddenException>(() => claim.RecordPayment(new DateOnly(2026, 11, 3), "BANK-1", Applicant, Now.AddDays(1)));
        Assert.Empty(claim.PendingEvents);
        claim.RecordPayment(new DateOnly(2026, 11, 3), " BANK-1 ", TalentClerk, Now.AddDays(1));
        var paid = Assert.IsType<EntitlementPaid>(Assert.Single(claim.PendingEvents));
        Assert.Equal((new DateOnly(2026, 11, 3), "BANK-1"), (paid.PaidOn, paid.Reference));
    }

    [Fact]
    public void Expiring_records_its_event_and_rejecting_records_none()
    {
        var certification = Certified(Now.AddDays(-1));
        var expiring = EntitlementClaim.Submit(Housing(), certification, DraftFor(certification), Applicant, Now);
        expiring.Approve(Now);
        expiring.TakePendingEvents();
        var rejected = EntitlementClaim.Submit(Housing(), certification, DraftFor(certification), Applicant, Now);
        rejected.TakePendingEvents();

        expiring.Expire(Now.AddDays(31));
        rejected.Reject("Housing contract not in Longgang.");

        var expired = Assert.IsType<EntitlementExpired>(Assert.Single(expiring.PendingEvents));
        Assert.Equal((new DateOnly(2026, 12, 2), Now.AddDays(31)), (expired.ValidUntil, expired.ExpiredAt));
        Assert.Empty(rejected.PendingEvents);
    }

    [Fact]
    public void A_payment_dated_after_the_valid_until_is_refused()
    {
        var certification = Certified(Now.AddDays(-1));
        var claim = EntitlementClaim.Submit(Housing(), certification, DraftFor(certification), Applicant, Now);
        claim.Approve(Now);

        Assert.Throws<ConflictException>(() => claim.RecordPayment(new DateOnly(2026, 12, 3), "BANK-1", TalentClerk, Now.AddDays(40)));
        Assert.Equal(ClaimStatus.Approved, claim.Status);
    }

    [Fact]
    public void A_rejected_claim_ends_and_keeps_no_open_key()
    {
        var certification = Certified(Now.AddDays(-1));
        var claim = EntitlementClaim.Submit(Housing(), certification, DraftFor(certification), Applicant, Now);

        Assert.True(claim.Reject("Housing contract not in Longgang."));
        Assert.False(claim.Approve(Now));

        Assert.Equal((ClaimStatus.Rejected, null), (claim.Status, claim.OpenKey));
    }

    [Theory]
    [InlineData("citizen-1", PlatformRoles.Citizen, null, true)]
    [InlineData("citizen-2", PlatformRoles.Citizen, null, false)]
    [InlineData("citizen-1", PlatformRoles.Employer, null, false)]
    [InlineData("clerk-hr", PlatformRoles.Clerk, "dept-human-resources", true)]
    [InlineData("clerk-fin", PlatformRoles.Clerk, "dept-finance", false)]
    [InlineData("admin", PlatformRoles.CityAdmin, null, true)]
    [InlineData("deputy", PlatformRoles.Deputy, null, false)]
    public void Who_sees_a_claim(string subject, string role, string? department, bool canSee)
    {
        var certification = Certified(Now.AddDays(-1));
        var claim = EntitlementClaim.Submit(Housing(), certification, DraftFor(certification), Applicant, Now);

        Assert.Equal(canSee, ClaimAccess.CanSee(new Caller(subject, role, null, department), claim));
    }
}
