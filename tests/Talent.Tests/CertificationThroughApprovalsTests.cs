using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Talent.Domain;
using static Longgang.Talent.Tests.Callers;

namespace Longgang.Talent.Tests;

/// <summary>DOMAIN.md flow 3: a tier the catalogue marks is certified by an approvals decision, the lower tiers by the talent office.</summary>
public sealed class CertificationThroughApprovalsTests
{
    // Monday 2 November 2026, 10:00 in China
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly Tier TierA = new() { Code = "A", CatalogueVersion = 1, Name = "Top talent", CertifiedThroughApprovals = true };

    private static Certification ApplyForA() => Certification.Apply(TierA,
        new CertificationDraft("A", "Zhang Min", "Longgang New Materials Ltd", "new materials", "district-01", ["academician letter", "award"],
            Channel: TalentChannel.ExternalRecruitment), Applicant, Now);

    [Fact]
    public void Applying_for_a_tier_certified_through_approvals_asks_approvals_for_an_application_with_the_evidence()
    {
        var certification = ApplyForA();

        Assert.Equal(CertificationStatus.InApprovals, certification.Status);
        Assert.Equal(TalentChannel.ExternalRecruitment, certification.Channel);
        var requested = Assert.Single(certification.PendingEvents.OfType<ApplicationRequested>());
        Assert.Equal((certification.ApplicationId, "HR-002", "citizen-1", "Zhang Min", "district-01", "talent"),
            ((Guid?)requested.ApplicationId, requested.MatterCode, requested.ApplicantId, requested.ApplicantName, requested.DistrictCode, requested.RequestedBy));
        Assert.Equal(["academician letter", "award"], requested.Materials);
        Assert.Single(certification.PendingEvents.OfType<CertificationApplied>());
    }

    [Fact]
    public void Evidence_handed_on_to_approvals_takes_names_approvals_accepts()
    {
        var draft = new CertificationDraft("A", "Zhang Min", "Longgang New Materials Ltd", "new materials", null, [new string('e', 201)]);

        var error = Assert.Throws<ValidationFailedException>(() => Certification.Apply(TierA, draft, Applicant, Now));

        Assert.Equal(["evidence"], error.FieldErrors.Keys);
        Assert.Equal(CertificationStatus.Submitted, Certification.Apply(TalentFixtures.TierC, draft with { TierCode = "C" }, Applicant, Now).Status);
    }

    [Fact]
    public void A_lower_tier_keeps_the_talent_offices_reviews_and_asks_approvals_nothing()
    {
        var certification = Certification.Apply(TalentFixtures.TierC,
            new CertificationDraft("C", "Li Wei", "Longgang Robotics Ltd", "manufacturing", null, []), Applicant, Now);

        Assert.Equal(CertificationStatus.Submitted, certification.Status);
        Assert.Null(certification.ApplicationId);
        Assert.Empty(certification.PendingEvents.OfType<ApplicationRequested>());
    }

    [Fact]
    public void The_talent_offices_reviews_are_refused_while_approvals_decides()
    {
        var certification = ApplyForA();

        Assert.Throws<ConflictException>(() => certification.ReviewAsEmployer(ReviewDecision.Approve, null, TalentClerk));
        Assert.Throws<ConflictException>(() => certification.Certify(TalentClerk, Now.AddDays(30)));
        Assert.Equal(CertificationStatus.InApprovals, certification.Status);
    }

    [Fact]
    public void Approval_certifies_on_the_decisions_China_date_once()
    {
        var certification = ApplyForA();
        // 17:00 UTC on 9 November is 01:00 on 10 November in China
        var decidedAt = new DateTimeOffset(2026, 11, 9, 17, 0, 0, TimeSpan.Zero);

        Assert.True(certification.Approve(decidedAt));
        Assert.False(certification.Approve(decidedAt.AddHours(1)));
        Assert.False(certification.Reject("too late"));

        Assert.Equal(CertificationStatus.Certified, certification.Status);
        Assert.Equal((new DateOnly(2026, 11, 10), new DateOnly(2029, 11, 10)), (certification.CertifiedOn, certification.ValidUntil));
        Assert.StartsWith("LGT-A-20261110-", certification.CertificateNumber);
        var certified = Assert.Single(certification.PendingEvents.OfType<TalentCertified>());
        Assert.Equal((certification.Id, decidedAt), (certified.CertificationId, certified.CertifiedAt));
    }

    [Fact]
    public void Rejection_ends_the_certification_with_approvals_reason_once()
    {
        var certification = ApplyForA();

        Assert.True(certification.Reject("  No proof of the award.  "));
        Assert.False(certification.Reject("again"));
        Assert.False(certification.Approve(Now));

        Assert.Equal((CertificationStatus.Rejected, "No proof of the award."), (certification.Status, certification.StatusReason));
        Assert.Empty(certification.PendingEvents.OfType<TalentCertified>());
    }

    [Fact]
    public void A_long_reason_is_cut_to_the_notes_length()
    {
        var certification = ApplyForA();

        certification.Reject(new string('r', 800));

        Assert.Equal(Certification.MaxNoteLength, certification.StatusReason!.Length);
    }

    [Fact]
    public void A_decision_on_a_certification_of_the_talent_offices_path_changes_nothing()
    {
        var certification = Certification.Apply(TalentFixtures.TierC,
            new CertificationDraft("C", "Li Wei", "Longgang Robotics Ltd", "manufacturing", null, []), Applicant, Now);

        Assert.False(certification.Approve(Now));
        Assert.False(certification.Reject("no"));
        Assert.Equal(CertificationStatus.Submitted, certification.Status);
    }
}
