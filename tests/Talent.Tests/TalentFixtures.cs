using Longgang.Platform.Calendar;
using Longgang.Talent.Domain;
using static Longgang.Talent.Tests.Callers;

namespace Longgang.Talent.Tests;

/// <summary>Records in the states the claim tests start from, made through the domain's own transitions.</summary>
internal static class TalentFixtures
{
    public static readonly Tier TierC = new() { Code = "C", CatalogueVersion = 1, Name = "Provincial leading talent" };

    /// <summary>A certification of <paramref name="applicant"/> at tier C, certified on the China date of <paramref name="certifiedAt"/>.</summary>
    public static Certification Certified(DateTimeOffset certifiedAt, Platform.Caller? applicant = null, string? districtCode = "district-03")
    {
        var appliedAt = certifiedAt.AddDays(-30);
        var certification = Certification.Apply(TierC,
            new CertificationDraft("C", "Li Wei", "Longgang Robotics Ltd", "advanced manufacturing", districtCode, ["letter"]),
            applicant ?? Applicant, appliedAt);
        certification.ReviewAsEmployer(ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewFinally(ReviewDecision.Approve, null, TalentClerk, appliedAt, WorkingDayCalendar.Official);
        certification.Certify(TalentClerk, certifiedAt);
        return certification;
    }

    public static ProgrammeDraft HousingDraft(long budget = 300_000, bool requiresResidence = true) => new(
        "HOUSING-2026", "Talent housing subsidy 2026", ProgrammeKind.HousingSubsidy, 2026, "HR-001", budget,
        new Dictionary<string, long> { ["A"] = 140_000, ["B"] = 120_000, ["C"] = 100_000 }, requiresResidence,
        RequiresEmployerInCity: true, ClaimValidityDays: 30);

    public static Programme Housing(long budget = 300_000, bool requiresResidence = true) =>
        Programme.Create(HousingDraft(budget, requiresResidence), ["A", "B", "C", "D", "E"], TalentClerk);
}
