using Longgang.Platform.Calendar;
using Longgang.Talent.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// Certified talent and programmes written straight into talent's PostgreSQL database, through the domain's own
/// transitions: a certification takes a 5-working-day public notice, which a test cannot wait for through the API.
/// </summary>
internal static class TalentSeeding
{
    public static readonly Caller TalentClerk = new("clerk-talent-office", PlatformRoles.Clerk, null, CertificationAccess.TalentOfficeDepartment);

    public static TalentDbContext NewContext(PlatformFixture platform) => new(new DbContextOptionsBuilder<TalentDbContext>()
        .UseNpgsql(platform.Shared(Talent.TalentExtensions.DatabaseName)[$"ConnectionStrings:{Talent.TalentExtensions.DatabaseName}"]).Options);

    /// <summary>
    /// A fresh citizen, certified at tier D (the talent office's own path; A-C go through approvals) yesterday after a notice a month ago, on the talent service's clock and
    /// calendar (the dates the service itself would have used); returns the certification.
    /// </summary>
    public static async Task<Certification> CertifiedCitizenAsync(PlatformFixture platform, TalentDbContext db, string citizenId)
    {
        var now = platform.Talent.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var appliedAt = now.AddDays(-30);
        var tier = await db.CurrentTierAsync("D", CancellationToken.None) ?? throw new InvalidOperationException("Tier D is not seeded.");
        var certification = Certification.Apply(tier,
            new CertificationDraft("D", "Chen Jing", "Longgang Robotics Ltd", "advanced manufacturing", "district-03", ["provincial programme letter"]),
            new Caller(citizenId, PlatformRoles.Citizen, null, null), appliedAt);
        certification.ReviewAsEmployer(ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewFinally(ReviewDecision.Approve, null, TalentClerk, appliedAt,
            platform.Talent.Services.GetRequiredService<WorkingDayCalendar>());
        certification.Certify(TalentClerk, now.AddDays(-1));
        db.Certifications.Add(certification);
        await db.SaveChangesAsync();
        return certification;
    }

    /// <summary>A housing-subsidy programme of this year, decided under approvals' HR-001, paying tier D <paramref name="amountForD"/>.</summary>
    public static async Task<Programme> ProgrammeAsync(PlatformFixture platform, TalentDbContext db, long budget, long amountForD)
    {
        var thisYear = WorkingDayCalendar.ChinaDateOf(platform.Talent.Services.GetRequiredService<TimeProvider>().GetUtcNow()).Year;
        var programme = Programme.Create(new ProgrammeDraft($"T-{Guid.NewGuid():N}"[..20], "Talent housing subsidy", ProgrammeKind.HousingSubsidy,
            thisYear, "HR-001", budget, new Dictionary<string, long> { ["D"] = amountForD },
            RequiresResidence: true, RequiresEmployerInCity: true, ClaimValidityDays: 30), ["A", "B", "C", "D", "E"], TalentClerk);
        db.Programmes.Add(programme);
        await db.SaveChangesAsync();
        return programme;
    }
}
