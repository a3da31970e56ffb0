using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Talent.Data;

/// <summary>
/// The embedded host's demo (issue 15 §3; registered only when <c>Demo:Enabled</c>): certified talents of Longgang's
/// industries (new materials, printing and packaging, smart equipment), one certification in its public notice and one
/// waiting for review, this year's programmes, open positions on the job board, and claims (one approved, ready to be
/// paid; one waiting for approvals). The tier B and C talents were certified through approvals (DOMAIN.md flow 3), the
/// others by the talent office's reviews; certifications, programmes and positions show all three channels (内育/外引/共建).
/// Everything goes through the domain's own transitions, at times relative to the
/// platform clock, so a later <c>Clock:Start</c> shows the notice ended. Seeds once: the housing programme of the
/// current year is its marker.
/// </summary>
public sealed class DemoSeeder(TimeProvider clock, WorkingDayCalendar calendar) : IDatabaseSeeder<TalentDbContext>
{
    /// <summary>The demo programmes' names, stored in English like every name the service owns (translated when shown).</summary>
    public static readonly IReadOnlyList<string> ProgrammeNames = ["Talent housing subsidy", "Settlement grant for new talent", "Research funding for leading talent"];

    private static readonly Caller TalentOffice = new("clerk-demo-talent-office", PlatformRoles.Clerk, null, CertificationAccess.TalentOfficeDepartment);

    private sealed record Talent(string Subject, string Name, string Tier, string Employer, string Sector, string District, TalentChannel Channel);

    private static readonly Talent[] Certified =
    [
        new("citizen-demo-chen-zhiqiang", "陈志强", "B", "龙港新材料科技有限公司", "新材料", "district-01", TalentChannel.ExternalRecruitment),
        new("citizen-demo-lin-xiaoyan", "林晓燕", "C", "龙港印刷包装集团有限公司", "印刷包装", "district-02", TalentChannel.InternalCultivation),
        new("citizen-demo-huang-jianhua", "黄建华", "D", "龙港智能装备有限公司", "智能装备", "district-03", TalentChannel.JointBuilding),
    ];

    private static readonly Talent InNotice =
        new("citizen-demo-zheng-yuxuan", "郑雨萱", "E", "龙港礼品工艺有限公司", "礼品工艺", "district-04", TalentChannel.InternalCultivation);
    private static readonly Talent Waiting =
        new("citizen-demo-wu-tianyu", "吴天宇", "D", "龙港数字科技有限公司", "数字经济", "district-05", TalentChannel.ExternalRecruitment);

    public async Task SeedAsync(TalentDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var year = WorkingDayCalendar.ChinaDateOf(now).Year;
        var marker = $"HOUSING-{year}";
        if (await db.Programmes.AnyAsync(p => p.Code == marker, cancellationToken)) return;

        var tierCodes = TierCatalogueSeeder.Tiers.Select(t => t.Code).ToList();
        var programmes = new[]
        {
            Programme.Create(new ProgrammeDraft(marker, ProgrammeNames[0], ProgrammeKind.HousingSubsidy, year, "HR-001", 5_000_000,
                new Dictionary<string, long> { ["A"] = 300_000, ["B"] = 200_000, ["C"] = 120_000, ["D"] = 80_000, ["E"] = 50_000 },
                RequiresResidence: true, RequiresEmployerInCity: true, ClaimValidityDays: 60, TalentChannel.InternalCultivation), tierCodes, TalentOffice),
            Programme.Create(new ProgrammeDraft($"GRANT-{year}", ProgrammeNames[1], ProgrammeKind.SettlementGrant, year, "HR-001", 2_000_000,
                new Dictionary<string, long> { ["C"] = 50_000, ["D"] = 30_000, ["E"] = 20_000 },
                RequiresResidence: false, RequiresEmployerInCity: true, ClaimValidityDays: 30, TalentChannel.ExternalRecruitment), tierCodes, TalentOffice),
            Programme.Create(new ProgrammeDraft($"RESEARCH-{year}", ProgrammeNames[2], ProgrammeKind.ResearchFunding, year, "HR-001", 10_000_000,
                new Dictionary<string, long> { ["A"] = 2_000_000, ["B"] = 1_000_000, ["C"] = 500_000 },
                RequiresResidence: false, RequiresEmployerInCity: true, ClaimValidityDays: 90, TalentChannel.JointBuilding), tierCodes, TalentOffice),
        };
        db.Programmes.AddRange(programmes);

        // certified five to six weeks ago, after a notice that began seven weeks ago
        var certified = Certified.Select(t => Through(t, now.AddDays(-60), noticeFrom: now.AddDays(-49), certifiedAt: now.AddDays(-40))).ToList();
        db.Certifications.AddRange(certified);
        // in its notice since yesterday; a Clock:Start a fortnight on shows it ended
        db.Certifications.Add(Through(InNotice, now.AddDays(-10), noticeFrom: now.AddDays(-1), certifiedAt: null));
        db.Certifications.Add(Apply(Waiting, now.AddHours(-3)));

        db.Positions.AddRange(
            Post("employer-demo-new-materials", "龙港新材料科技有限公司", "新材料研发工程师", "新材料", "C", "district-01",
                TalentChannel.JointBuilding, now.AddDays(-6)),
            Post("employer-demo-printing", "龙港印刷包装集团有限公司", "印刷包装工艺主管", "印刷包装", "D", "district-02",
                TalentChannel.InternalCultivation, now.AddDays(-4)),
            Post("employer-demo-equipment", "龙港智能装备有限公司", "智能装备软件架构师", "智能装备", "B", "district-03",
                TalentChannel.ExternalRecruitment, now.AddDays(-2)),
            Post("employer-demo-digital", "龙港数字科技有限公司", "跨境电商运营总监", "数字经济", "E", "district-05",
                TalentChannel.ExternalRecruitment, now.AddHours(-5)));
        await db.SaveChangesAsync(cancellationToken);

        // claims on this year's housing subsidy: one approved (ready to be paid), one waiting for approvals' decision
        var housing = programmes[0];
        // (made today: a programme takes claims only in its own year, which a date weeks back might miss in January)
        var approved = await ClaimAsync(db, housing, certified[0], now.AddHours(-4), cancellationToken);
        approved.Approve(now.AddHours(-2));
        await ClaimAsync(db, housing, certified[1], now.AddHours(-1), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Certification Apply(Talent talent, DateTimeOffset at) =>
        Certification.Apply(TierCatalogueSeeder.Tiers.Single(t => t.Code == talent.Tier),
            new CertificationDraft(talent.Tier, talent.Name, talent.Employer, talent.Sector, talent.District, ["身份证", "学历学位证书", "人才计划入选通知"],
                Channel: talent.Channel),
            new Caller(talent.Subject, PlatformRoles.Citizen, null, null), at);

    /// <summary>
    /// Through the talent office's reviews and notice; a tier certified through approvals is certified by the approvals
    /// decision instead (on the day the notice would have begun).
    /// </summary>
    private Certification Through(Talent talent, DateTimeOffset appliedAt, DateTimeOffset noticeFrom, DateTimeOffset? certifiedAt)
    {
        var certification = Apply(talent, appliedAt);
        if (certification.Status == CertificationStatus.InApprovals)
        {
            certification.Approve(noticeFrom);
            return certification;
        }
        certification.ReviewAsEmployer(ReviewDecision.Approve, null, TalentOffice);
        certification.ReviewPreliminarily(ReviewDecision.Approve, null, TalentOffice);
        certification.ReviewFinally(ReviewDecision.Approve, null, TalentOffice, noticeFrom, calendar);
        if (certifiedAt is { } at) certification.Certify(TalentOffice, at);
        return certification;
    }

    private static Position Post(string employerId, string employer, string title, string sector, string tier, string district,
        TalentChannel channel, DateTimeOffset at) =>
        Position.Post(new PositionDraft(title, sector, tier, district, employer, channel), TierCatalogueSeeder.Tiers.Select(t => t.Code).ToList(),
            new Caller(employerId, PlatformRoles.Employer, null, null), at);

    private static async Task<EntitlementClaim> ClaimAsync(TalentDbContext db, Programme programme, Certification certification, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var claim = EntitlementClaim.Submit(programme, certification,
            new ClaimDraft(programme.Code, certification.Id.ToString(), ResidesInCity: true, ["购房合同", "劳动合同"]),
            new Caller(certification.ApplicantId, PlatformRoles.Citizen, null, null), at);
        if (!await db.TryCommitBudgetAsync(programme.Code, claim.Amount, cancellationToken))
            throw new InvalidOperationException($"The demo programme {programme.Code} has no budget left for its claims.");
        db.Claims.Add(claim);
        return claim;
    }
}
