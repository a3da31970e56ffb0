using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Livelihood.Data;

/// <summary>
/// The embedded host's demo (issue 15): this year's cycle in the vote with the 12 candidate projects the 2020 blueprint
/// announces (城市建设、交通出行、教育卫生和放心消费; the report gives the areas and the count, the titles and figures
/// here are illustrative), and last year's cycle in evaluation with adopted projects and their milestones: one waits for
/// a construction permit on which approvals warned of its SLA (at risk of delay), one is carried over into this year
/// (on this year's board with its history). Built through
/// the domain's own transitions, at times relative to the platform clock, so a later <c>Clock:Start</c> shows later
/// states (a milestone past due reads as delayed). Seeds once: nothing happens when either year has a cycle.
/// </summary>
public sealed class DemoSeeder(TimeProvider clock) : IDatabaseSeeder<LivelihoodDbContext>
{
    private const string Housing = "dept-housing-construction";
    private const string SocialAffairs = "dept-social-affairs";
    private const string MarketSupervision = "dept-market-supervision";
    /// <summary>The approvals application (a road-occupation permit) the at-risk demo milestone waits for.</summary>
    public static readonly Guid DemoPermitApplication = Guid.Parse("0193b3a0-4e1c-7d2a-9f00-00000000d401");

    private sealed record Demo(string Title, ProjectCategory Category, string District, long CostYuan, string Department, string Rationale);

    private static readonly Demo[] Candidates =
    [
        new("老旧小区改造提升工程", ProjectCategory.UrbanConstruction, "district-01", 38_000_000, Housing, "改造管网、加装电梯、整治环境，改善老旧小区居住条件。"),
        new("城区公厕新建改建", ProjectCategory.UrbanConstruction, "district-04", 6_500_000, Housing, "推进“厕所革命”，新建改建城区公厕。"),
        new("农村生活污水治理", ProjectCategory.UrbanConstruction, "district-07", 22_000_000, Housing, "推进污水“三大革命”，提高农村生活污水收集处理率。"),
        new("公交线路优化与候车亭建设", ProjectCategory.Transport, "district-02", 9_800_000, Housing, "优化公交线网，新建改造候车亭。"),
        new("主城区停车位扩容", ProjectCategory.Transport, "district-03", 15_000_000, Housing, "利用边角地新增公共停车位，缓解停车难。"),
        new("城乡公交一体化", ProjectCategory.Transport, "district-08", 12_000_000, Housing, "延伸公交线路至偏远村居，方便群众出行。"),
        new("新建公办幼儿园", ProjectCategory.Education, "district-05", 45_000_000, SocialAffairs, "增加普惠性学前教育学位。"),
        new("中小学食堂改造", ProjectCategory.Education, "district-06", 8_000_000, SocialAffairs, "改造中小学食堂，保障学生用餐安全。"),
        new("片区社区卫生服务站标准化建设", ProjectCategory.Health, "district-09", 11_000_000, SocialAffairs, "让群众在家门口看病就医。"),
        new("家庭医生签约服务扩面", ProjectCategory.Health, "district-01", 3_000_000, SocialAffairs, "扩大家庭医生签约覆盖面，重点服务老年人和慢性病患者。"),
        new("农贸市场智慧化改造", ProjectCategory.ConsumerProtection, "district-02", 7_500_000, MarketSupervision, "农贸市场加装快检室和溯源系统，让群众放心消费。"),
        new("放心消费示范街区创建", ProjectCategory.ConsumerProtection, "district-04", 2_500_000, MarketSupervision, "创建放心消费示范街区，畅通维权渠道。"),
    ];

    private static readonly Demo[] LastYears =
    [
        new("龙港大道人行道改造", ProjectCategory.UrbanConstruction, "district-03", 18_000_000, Housing, "人行道破损严重，影响市民出行安全。"),
        new("学校周边交通安全设施", ProjectCategory.Transport, "district-05", 4_000_000, Housing, "完善学校周边标线、护栏和信号灯。"),
        new("菜市场食品快检室", ProjectCategory.ConsumerProtection, "district-06", 1_500_000, MarketSupervision, "菜市场设立食品快检室，当日公示检测结果。"),
        new("社区居家养老服务中心", ProjectCategory.ElderlyCare, "district-08", 9_000_000, SocialAffairs, "为老年人提供助餐、日间照料等服务。"),
        new("片区体育健身设施", ProjectCategory.Health, "district-09", 6_000_000, SocialAffairs, "建设多功能运动场和健身步道。"),
    ];

    private static readonly Caller[] Proposers =
    [
        new("demo-citizen-01", PlatformRoles.Citizen, null, null),
        new("demo-deputy-01", PlatformRoles.Deputy, null, null),
        new("demo-clerk-housing", PlatformRoles.Clerk, null, Housing),
    ];

    public async Task SeedAsync(LivelihoodDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var year = WorkingDayCalendar.ChinaDateOf(now).Year;
        if (await db.Cycles.AnyAsync(c => c.Year == year || c.Year == year - 1, cancellationToken)) return;

        var (past, pastProjects, pastBallots) = LastYearInEvaluation(year - 1, now);
        var (current, projects, ballots) = ThisYearInTheVote(year, now);
        db.Cycles.AddRange(past, current);
        db.Projects.AddRange([.. pastProjects, .. projects]);
        db.Ballots.AddRange([.. pastBallots, .. ballots]);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Proposed three months ago, screened, listed, the budget set, and three deputies have voted.</summary>
    private static (Cycle, List<Project>, List<Ballot>) ThisYearInTheVote(int year, DateTimeOffset now)
    {
        var start = now.AddDays(-90);
        var cycle = Cycle.Open(new CycleRules(year, BallotKind.Approval, 5, 1, [], []), start);
        var projects = Propose(Candidates, year, cycle, start);
        Screen(cycle, projects, Candidates, new DateOnly(year + 1, 6, 30), start.AddDays(30));
        // of the 2.2 bn livelihood spending, 100 m is for the projects voted on: less than the 180 m the 12 candidates ask
        cycle.SetBudget(new FiscalFigures(2_200_000_000, 2_000_000_000, 3_300_000_000, 3_000_000_000), 100_000_000);
        cycle.Advance(CyclePhase.Vote, projects, start.AddDays(60));
        var ballots = Vote(cycle, projects, 3, start.AddDays(61));
        return (cycle, projects, ballots);
    }

    /// <summary>Counted a year ago; the adopted projects have milestones, some complete, one past due; the deputies now evaluate.</summary>
    private static (Cycle, List<Project>, List<Ballot>) LastYearInEvaluation(int year, DateTimeOffset now)
    {
        var start = now.AddDays(-400);
        var cycle = Cycle.Open(new CycleRules(year, BallotKind.Approval, 3, 1, [], []), start);
        var projects = Propose(LastYears, year, cycle, start);
        Screen(cycle, projects, LastYears, new DateOnly(year, 12, 31), start.AddDays(30));
        cycle.SetBudget(new FiscalFigures(2_000_000_000, 1_800_000_000, 3_000_000_000, 2_700_000_000), 30_000_000);
        cycle.Advance(CyclePhase.Vote, projects, start.AddDays(60));
        var ballots = Vote(cycle, projects, 5, start.AddDays(61));
        cycle.CountVote([.. projects.Where(p => p.Status == ProjectStatus.Candidate)], ballots, carriedOver: [], start.AddDays(62));

        var started = start.AddDays(70);
        var today = WorkingDayCalendar.ChinaDateOf(now);
        foreach (var (project, index) in projects.Where(p => p.IsAdopted).Select((p, i) => (p, i)))
        {
            var design = project.AddMilestone(cycle, new MilestoneDraft("完成施工图设计", 1, WorkingDayCalendar.ChinaDateOf(started.AddDays(30)), null,
                project.EstimatedCostYuan / 10), started);
            var works = project.AddMilestone(cycle, new MilestoneDraft("主体工程完工", 3, WorkingDayCalendar.ChinaDateOf(started.AddDays(200)), null,
                project.EstimatedCostYuan / 2), started);
            // the last adopted project's acceptance falls due a week ago and is not done: it reads as delayed
            project.AddMilestone(cycle, new MilestoneDraft("竣工验收", 1, index == 2 ? today.AddDays(-7) : today.AddDays(60), null, 0), started);
            project.CompleteMilestone(cycle, design.Id, started.AddDays(28));
            if (index < 2) project.CompleteMilestone(cycle, works.Id, started.AddDays(190));
            if (index == 1)
            {
                // the signal works wait for a road-occupation permit; approvals warned its clock is at 90% (flow 4)
                project.AddMilestone(cycle, new MilestoneDraft("取得占道施工许可", 1, today.AddDays(14), DemoPermitApplication, 0), started);
                project.RaiseDelayRisk(DemoPermitApplication, DelayRiskLevel.Yellow, today.AddDays(3), now.AddDays(-2));
            }
        }
        cycle.RecordFinalAccounts(new FiscalFigures(2_050_000_000, 1_800_000_000, 3_050_000_000, 2_700_000_000));
        cycle.Advance(CyclePhase.Evaluation, projects, now.AddDays(-10));
        // the delayed one will not be finished this year: it continues in this year's cycle
        projects.Where(p => p.IsAdopted).ElementAt(2).CarryOver(cycle, $"{year + 1}年6月底前完成主体工程并通过竣工验收");
        return (cycle, projects, ballots);
    }

    private static List<Project> Propose(Demo[] demos, int year, Cycle cycle, DateTimeOffset start) =>
        [.. demos.Select((d, i) => Project.Propose(new ProjectDraft(year, d.Title, d.Category, [d.District], d.CostYuan, d.Rationale),
            Proposers[i % Proposers.Length], cycle, start.AddHours(i + 1)))];

    /// <summary>Every proposal becomes a candidate owned by its department; the candidate list numbers them.</summary>
    private static void Screen(Cycle cycle, List<Project> projects, Demo[] demos, DateOnly completion, DateTimeOffset at)
    {
        cycle.Advance(CyclePhase.Screening, projects, at);
        for (var i = 0; i < projects.Count; i++) projects[i].AcceptAsCandidate(cycle, demos[i].Department, demos[i].CostYuan, completion);
        cycle.Advance(CyclePhase.CandidateList, projects, at.AddDays(15));
    }

    /// <summary><paramref name="deputies"/> deputies each approve up to the slots' number of candidates, starting at a different one.</summary>
    private static List<Ballot> Vote(Cycle cycle, List<Project> projects, int deputies, DateTimeOffset at)
    {
        var candidates = projects.Select(p => p.Id).ToHashSet();
        return [.. Enumerable.Range(1, deputies).Select(n => Ballot.Cast(cycle, $"demo-deputy-{n:00}", alreadyVoted: false,
            [.. projects.Select(p => p.Id).Skip(n - 1).Concat(projects.Select(p => p.Id).Take(n - 1)).Take(cycle.Slots)], candidates,
            BallotSource.InSession, at.AddMinutes(n)))];
    }
}
