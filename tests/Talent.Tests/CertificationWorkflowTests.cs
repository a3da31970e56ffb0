using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Talent.Domain;
using Microsoft.Extensions.Time.Testing;
using static Longgang.Talent.Tests.Callers;

namespace Longgang.Talent.Tests;

/// <summary>
/// The certification workflow: Submitted → EmployerReviewed → preliminary review (may return) → FinalReview →
/// PublicNotice (5 working days on the shared calendar, objections) → Certified | Rejected | ObjectionUpheld.
/// </summary>
public sealed class CertificationWorkflowTests
{
    private static readonly Tier TierC = new() { Code = "C", CatalogueVersion = 1, Name = "Provincial leading talent" };
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;

    // Wednesday 30 September 2026, 10:00 in China: the National Day holiday (1-7 October, with Saturday 10 October a
    // make-up working day) falls inside the notice
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 9, 30, 2, 0, 0, TimeSpan.Zero));

    private DateTimeOffset Now => _clock.GetUtcNow();

    private Certification Submitted(string? employerId = "employer-robotics") => Certification.Apply(TierC,
        new CertificationDraft("C", "Li Wei", "Longgang Robotics Ltd", "advanced manufacturing", "district-03", ["provincial programme letter"], employerId),
        Applicant, Now);

    private Certification InFinalReview()
    {
        var certification = Submitted();
        certification.ReviewAsEmployer(ReviewDecision.Approve, null, Employer);
        certification.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk);
        return certification;
    }

    private Certification InPublicNotice()
    {
        var certification = InFinalReview();
        certification.ReviewFinally(ReviewDecision.Approve, null, TalentClerk, Now, Calendar);
        return certification;
    }

    private void SetChinaDate(int month, int day) =>
        _clock.SetUtcNow(new DateTimeOffset(2026, month, day, 10, 0, 0, WorkingDayCalendar.ChinaStandardTimeOffset));

    [Fact]
    public void The_whole_way_to_certified_records_the_notice_and_issues_a_certificate()
    {
        var certification = Submitted();

        certification.ReviewAsEmployer(ReviewDecision.Approve, null, Employer);
        Assert.Equal(CertificationStatus.EmployerReviewed, certification.Status);
        certification.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk);
        Assert.Equal(CertificationStatus.FinalReview, certification.Status);
        certification.ReviewFinally(ReviewDecision.Approve, null, TalentClerk, Now, Calendar);
        Assert.Equal(CertificationStatus.PublicNotice, certification.Status);
        SetChinaDate(10, 14);
        certification.Certify(TalentClerk, Now);

        Assert.Equal(CertificationStatus.Certified, certification.Status);
        Assert.Equal(new DateOnly(2026, 10, 14), certification.CertifiedOn);
        Assert.Equal(new DateOnly(2029, 10, 14), certification.ValidUntil);
        Assert.StartsWith("LGT-C-20261014-", certification.CertificateNumber);
        Assert.Equal(1, certification.CatalogueVersion);
    }

    [Fact]
    public void The_public_notice_runs_five_working_days_across_the_National_Day_holiday_and_its_make_up_Saturday()
    {
        var certification = InPublicNotice();

        // 8, 9, 10 (a make-up Saturday), 12 and 13 October: a calendar that ignored the holiday would end on 7 October
        Assert.Equal(new DateOnly(2026, 9, 30), certification.NoticeStartsOn);
        Assert.Equal(new DateOnly(2026, 10, 13), certification.NoticeEndsOn);

        SetChinaDate(10, 8);
        Assert.Throws<ConflictException>(() => certification.Certify(TalentClerk, Now));
        SetChinaDate(10, 13);
        certification.LodgeObjection("The award letter is not from a provincial body.", OtherCitizen, Now);
        Assert.Throws<ConflictException>(() => certification.Certify(TalentClerk, Now));

        SetChinaDate(10, 14);
        var late = Assert.Throws<ConflictException>(() => certification.LodgeObjection("Too late.", OtherCitizen, Now));
        Assert.Contains("2026-10-13", late.Message);
    }

    [Fact]
    public void Applying_the_notice_objections_and_rulings_record_their_events_and_refused_or_intermediate_steps_record_none()
    {
        var certification = Submitted();
        var applied = Assert.IsType<CertificationApplied>(Assert.Single(certification.TakePendingEvents()));
        Assert.Equal((certification.Id, "C", 1, "district-03", Now), (applied.CertificationId, applied.TierCode, applied.CatalogueVersion, applied.DistrictCode, applied.SubmittedAt));

        certification.ReviewAsEmployer(ReviewDecision.Approve, null, Employer);
        certification.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk);
        Assert.Empty(certification.PendingEvents);
        certification.ReviewFinally(ReviewDecision.Approve, null, TalentClerk, Now, Calendar);
        var objection = certification.LodgeObjection("Doubts about the evidence.", OtherCitizen, Now);
        certification.RuleOnObjection(objection.Id, uphold: false, "The letter checks out.", TalentClerk, Now);
        Assert.Equal<object>(
            [
                new CertificationNoticeStarted(certification.Id, Applicant.Subject, "C", new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 13), Now),
                new CertificationObjected(certification.Id, Applicant.Subject, objection.Id, new DateOnly(2026, 10, 13), Now),
                new CertificationDecided(certification.Id, Applicant.Subject, "C", CertificationDecided.ObjectionDismissed, "The letter checks out."),
            ],
            certification.TakePendingEvents());
        SetChinaDate(10, 14);
        Assert.Throws<ForbiddenException>(() => certification.Certify(Employer, Now));
        Assert.Empty(certification.PendingEvents);

        certification.Certify(TalentClerk, Now);

        Assert.Equal(new CertificationDecided(certification.Id, Applicant.Subject, "C", CertificationDecided.Certified, null), certification.PendingEvents[0]);
        var certified = Assert.IsType<TalentCertified>(Assert.Single(certification.PendingEvents.Skip(1)));
        Assert.Equal((certification.Id, certification.CertificateNumber, certification.ValidUntil, Now),
            (certified.CertificationId, certified.CertificateNumber, (DateOnly?)certified.ValidUntil, certified.CertifiedAt));
    }

    [Fact]
    public void A_pending_objection_holds_up_certification_and_a_dismissed_one_does_not()
    {
        var certification = InPublicNotice();
        SetChinaDate(10, 9);
        var objection = certification.LodgeObjection("Doubts about the evidence.", DistrictAdmin, Now);
        Assert.Equal("district-admin-3", objection.LodgedBy);

        SetChinaDate(10, 14);
        var pending = Assert.Throws<ConflictException>(() => certification.Certify(TalentClerk, Now));
        Assert.Contains("pending", pending.Message);

        certification.RuleOnObjection(objection.Id, uphold: false, "The letter checks out.", TalentClerk, Now);
        Assert.Throws<ConflictException>(() => certification.RuleOnObjection(objection.Id, uphold: true, null, TalentClerk, Now));
        certification.Certify(TalentClerk, Now);

        Assert.Equal(CertificationStatus.Certified, certification.Status);
        Assert.False(certification.Objections.Single().Upheld);
    }

    [Fact]
    public void An_upheld_objection_ends_the_certification()
    {
        var certification = InPublicNotice();
        var objection = certification.LodgeObjection("The applicant left the employer last year.", Employer, Now);

        certification.RuleOnObjection(objection.Id, uphold: true, "Confirmed with the employer.", TalentClerk, Now);

        Assert.Equal(CertificationStatus.ObjectionUpheld, certification.Status);
        SetChinaDate(10, 14);
        Assert.Throws<ConflictException>(() => certification.Certify(TalentClerk, Now));
        Assert.Throws<ConflictException>(() => certification.LodgeObjection("Another.", OtherCitizen, Now));
    }

    [Fact]
    public void Ruling_on_an_unknown_objection_is_not_found()
    {
        var certification = InPublicNotice();

        Assert.Throws<NotFoundException>(() => certification.RuleOnObjection(Guid.NewGuid(), true, null, TalentClerk, Now));
    }

    [Fact]
    public void The_applicant_may_not_object_to_their_own_and_an_objection_needs_a_reason()
    {
        var certification = InPublicNotice();

        Assert.Throws<ForbiddenException>(() => certification.LodgeObjection("I object to myself.", Applicant, Now));
        var error = Assert.Throws<ValidationFailedException>(() => certification.LodgeObjection(" ", OtherCitizen, Now));
        Assert.Equal(["reason"], error.FieldErrors.Keys);
    }

    [Fact]
    public void A_preliminary_review_may_return_for_material_and_the_applicant_sends_it_back_to_review()
    {
        var certification = Submitted();
        certification.ReviewAsEmployer(ReviewDecision.Approve, null, Employer);

        certification.ReviewPreliminarily(ReviewDecision.Return, "Add the award certificate.", TalentClerk);
        Assert.Equal((CertificationStatus.ReturnedForMaterial, "Add the award certificate."), (certification.Status, certification.StatusReason));
        Assert.Throws<ConflictException>(() => certification.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk));
        Assert.Throws<ForbiddenException>(() => certification.AddMaterial(["award certificate"], OtherCitizen));

        certification.AddMaterial(["award certificate"], Applicant);

        Assert.Equal(CertificationStatus.EmployerReviewed, certification.Status);
        Assert.Equal(["provincial programme letter", "award certificate"], certification.Evidence);
        certification.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk);
        Assert.Equal(CertificationStatus.FinalReview, certification.Status);
    }

    [Fact]
    public void Returning_is_for_the_preliminary_review_only_and_returning_or_rejecting_needs_a_reason()
    {
        var certification = Submitted();

        var returned = Assert.Throws<ValidationFailedException>(() => certification.ReviewAsEmployer(ReviewDecision.Return, "why", Employer));
        Assert.Equal(["decision"], returned.FieldErrors.Keys);
        var unknown = Assert.Throws<ValidationFailedException>(() => certification.ReviewAsEmployer(default, null, Employer));
        Assert.Equal(["decision"], unknown.FieldErrors.Keys);
        var noReason = Assert.Throws<ValidationFailedException>(() => certification.ReviewAsEmployer(ReviewDecision.Reject, "", Employer));
        Assert.Equal(["note"], noReason.FieldErrors.Keys);
        Assert.Equal(CertificationStatus.Submitted, certification.Status);
    }

    [Theory]
    [InlineData("employer")]
    [InlineData("preliminary")]
    [InlineData("final")]
    public void Each_review_may_reject(string step)
    {
        var certification = Submitted();
        if (step != "employer") certification.ReviewAsEmployer(ReviewDecision.Approve, null, Employer);
        if (step == "final") certification.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk);

        switch (step)
        {
            case "employer": certification.ReviewAsEmployer(ReviewDecision.Reject, "Not our employee.", Employer); break;
            case "preliminary": certification.ReviewPreliminarily(ReviewDecision.Reject, "Criteria not met.", TalentClerk); break;
            default: certification.ReviewFinally(ReviewDecision.Reject, "Criteria not met.", TalentClerk, Now, Calendar); break;
        }

        Assert.Equal(CertificationStatus.Rejected, certification.Status);
        var ruling = Assert.IsType<CertificationDecided>(certification.PendingEvents[^1]);
        Assert.Equal((CertificationDecided.Rejected, Applicant.Subject), (ruling.Outcome, ruling.ApplicantId));
        Assert.Single(certification.PendingEvents.OfType<CertificationDecided>());
        Assert.Throws<ConflictException>(() => certification.ReviewAsEmployer(ReviewDecision.Approve, null, Employer));
        Assert.Throws<ConflictException>(() => certification.ReviewFinally(ReviewDecision.Approve, null, TalentClerk, Now, Calendar));
    }

    [Fact]
    public void Every_step_from_the_wrong_state_is_a_conflict()
    {
        var submitted = Submitted();
        Assert.Throws<ConflictException>(() => submitted.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk));
        Assert.Throws<ConflictException>(() => submitted.ReviewFinally(ReviewDecision.Approve, null, TalentClerk, Now, Calendar));
        Assert.Throws<ConflictException>(() => submitted.AddMaterial(["x"], Applicant));
        Assert.Throws<ConflictException>(() => submitted.LodgeObjection("x", OtherCitizen, Now));
        Assert.Throws<ConflictException>(() => submitted.Certify(TalentClerk, Now));

        var finalReview = InFinalReview();
        Assert.Throws<ConflictException>(() => finalReview.ReviewAsEmployer(ReviewDecision.Approve, null, Employer));
        Assert.Throws<ConflictException>(() => finalReview.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk));

        var notice = InPublicNotice();
        Assert.Throws<ConflictException>(() => notice.ReviewFinally(ReviewDecision.Approve, null, TalentClerk, Now, Calendar));
    }

    [Fact]
    public void Only_the_named_employer_reviews_for_it()
    {
        var certification = Submitted();

        Assert.Throws<ForbiddenException>(() => certification.ReviewAsEmployer(ReviewDecision.Approve, null, OtherEmployer));
        Assert.Throws<ForbiddenException>(() => certification.ReviewAsEmployer(ReviewDecision.Approve, null, TalentClerk));
        Assert.Throws<ForbiddenException>(() => certification.ReviewAsEmployer(ReviewDecision.Approve, null, Applicant));
        certification.ReviewAsEmployer(ReviewDecision.Approve, null, Employer);
    }

    [Fact]
    public void Without_an_employer_account_the_talent_office_reviews_for_the_employer()
    {
        var certification = Submitted(employerId: null);

        Assert.Throws<ForbiddenException>(() => certification.ReviewAsEmployer(ReviewDecision.Approve, null, Employer));
        certification.ReviewAsEmployer(ReviewDecision.Approve, null, TalentClerk);

        Assert.Equal(CertificationStatus.EmployerReviewed, certification.Status);
    }

    [Theory]
    [InlineData(PlatformRoles.Citizen, null)]
    [InlineData(PlatformRoles.Employer, null)]
    [InlineData(PlatformRoles.Clerk, "dept-finance")]
    [InlineData(PlatformRoles.Supervisor, CertificationAccess.TalentOfficeDepartment)]
    [InlineData(PlatformRoles.CityAdmin, null)]
    [InlineData(PlatformRoles.DistrictAdmin, null)]
    public void Only_talent_office_clerks_review_rule_and_certify(string role, string? department)
    {
        var caller = new Caller("someone", role, "district-03", department);
        var certification = InFinalReview();
        var notice = InPublicNotice();
        var objection = notice.LodgeObjection("x", OtherCitizen, Now);
        SetChinaDate(10, 14);

        Assert.Throws<ForbiddenException>(() => certification.ReviewFinally(ReviewDecision.Approve, null, caller, Now, Calendar));
        Assert.Throws<ForbiddenException>(() => notice.RuleOnObjection(objection.Id, false, null, caller, Now));
        Assert.Throws<ForbiddenException>(() => notice.Certify(caller, Now));
        Assert.Equal(CertificationStatus.FinalReview, certification.Status);
    }

    [Theory]
    [InlineData("employer-robotics", PlatformRoles.Employer, null, true)]
    [InlineData("employer-other", PlatformRoles.Employer, null, false)]
    [InlineData("citizen-1", PlatformRoles.Citizen, null, true)]
    [InlineData("clerk-hr", PlatformRoles.Clerk, CertificationAccess.TalentOfficeDepartment, true)]
    [InlineData("supervisor-hr", PlatformRoles.Supervisor, CertificationAccess.TalentOfficeDepartment, false)]
    public void Employers_see_the_applications_naming_them(string subject, string role, string? department, bool canSee)
    {
        var caller = new Caller(subject, role, null, department);

        Assert.Equal(canSee, CertificationAccess.CanSee(caller, "citizen-1", "employer-robotics"));
    }

    [Fact]
    public void An_applicant_cannot_name_themselves_as_their_employer()
    {
        var draft = new CertificationDraft("C", "Li Wei", "Li Wei Studio", "design", null, [], EmployerId: "citizen-1");

        var error = Assert.Throws<ValidationFailedException>(() => Certification.Apply(TierC, draft, Applicant, Now));

        Assert.Equal(["employerId"], error.FieldErrors.Keys);
    }
}
