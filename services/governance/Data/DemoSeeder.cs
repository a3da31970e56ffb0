using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Data;

/// <summary>
/// The embedded host's demo (issue 15 §3; registered only when <c>Demo:Enabled</c>): grid cases in several districts
/// and every stage of the workflow, a seconded member on a grid team, two mediations in the mediation room (矛盾调解室)
/// and two meetings in the deliberation hall (协商议事厅). Everything is built through the domain on the platform's
/// clock, days before now, so a later <c>Clock:Start</c> shows deadlines passing and cases escalating. Runs after the
/// directory seeder, once: it skips when its demo reporter has a case.
/// </summary>
public sealed class DemoSeeder(TimeProvider clock, WorkingDayCalendar calendar) : IDatabaseSeeder<GovernanceDbContext>
{
    public const string Citizen = "demo-citizen-1";
    private static readonly Caller Resident = new(Citizen, PlatformRoles.Citizen, null, null);
    private static readonly Caller CityAdmin = new("demo-city-admin", PlatformRoles.CityAdmin, null, null);
    private static readonly Caller Clerk = new("demo-clerk-market", PlatformRoles.Clerk, null, "dept-market-supervision");

    public async Task SeedAsync(GovernanceDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Cases.AnyAsync(c => c.ReporterId == Citizen, cancellationToken)) return;
        var now = clock.GetUtcNow();
        var grids = await db.Grids.AsNoTracking().Where(g => DemoGrids.Contains(g.Code)).ToDictionaryAsync(g => g.Code, cancellationToken);

        Case Reported(string grid, string category, string description, int daysAgo) =>
            Case.Report(grids[grid], new CaseDraft(grid, CaseSource.Citizen, category, description, []), Resident, now.AddDays(-daysAgo));
        var admin = new CaseActor(CityAdmin, false);
        var clerk = new CaseActor(Clerk, false);

        var fresh = Reported("grid-01-02-1", "blocked drain", "龙港大道与世纪大道路口的雨水井堵塞，雨后积水没过脚踝。", 0);
        var verifying = Reported("grid-01-03-1", "litter", "河底高村村口垃圾桶满溢，周边有散落垃圾。", 1);
        verifying.BeginVerification(admin, now.AddDays(-1).AddHours(2));
        var selfResolved = Reported("grid-02-01-1", "noise", "夜间广场舞音响声音过大，影响周边居民休息。", 3);
        selfResolved.BeginVerification(admin, now.AddDays(-3).AddHours(1));
        selfResolved.SelfResolve(admin, "网格员现场劝导，已调小音量并约定晚九点前结束。", now.AddDays(-3).AddHours(3), calendar);
        var dispatched = Reported("grid-02-02-1", "road damage", "人行道地砖松动破损，老人行走容易绊倒。", 4);
        MoveToDispatched(dispatched, admin, AssigneeKind.Module, "comprehensive-law-enforcement", now.AddDays(-4));
        var inProgress = Reported("grid-03-01-1", "unlicensed stall", "学校门口有无证流动摊贩占道经营。", 6);
        MoveToDispatched(inProgress, admin, AssigneeKind.Department, "dept-market-supervision", now.AddDays(-6));
        inProgress.Acknowledge(clerk, now.AddDays(-5));
        inProgress.StartWork(clerk, now.AddDays(-5).AddHours(2));
        // dispatched twelve days ago with a one-day limit: overdue, and the escalation job moves it up
        var overdue = Reported("grid-04-01-1", "safety hazard", "老旧小区楼道堆放电动车电池，存在火灾隐患。", 12);
        MoveToDispatched(overdue, admin, AssigneeKind.Module, "comprehensive-governance", now.AddDays(-12));
        var closed = Reported("grid-05-01-1", "unlicensed stall", "菜市场外侧流动摊点占用消防通道。", 15);
        MoveToDispatched(closed, admin, AssigneeKind.Department, "dept-market-supervision", now.AddDays(-15));
        closed.Acknowledge(clerk, now.AddDays(-14));
        closed.StartWork(clerk, now.AddDays(-14).AddHours(1));
        closed.MarkHandled(clerk, "已劝离摊贩并在通道处设置提示牌。", now.AddDays(-13));
        closed.VerifyHandling(admin, true, null, now.AddDays(-12));
        closed.Close(admin, ClosureReason.Fixed, now.AddDays(-12).AddHours(1), calendar);
        closed.Evaluate(Resident, 5, "处理及时，通道已畅通。", now.AddDays(-11));
        db.Cases.AddRange(fresh, verifying, selfResolved, dispatched, inProgress, overdue, closed);

        SeedStaffing(db, grids, WorkingDayCalendar.ChinaDateOf(now), now);
        SeedCityIndicators(db, now);

        var open = MediationCase.Open(new MediationDraft("district-01", ["张某", "李某"], "相邻两户因共用墙体渗水产生纠纷，双方就维修费用分担存在争议。",
            "grid-worker-01-02-1"), CityAdmin, now.AddDays(-5));
        var agreed = MediationCase.Open(new MediationDraft("district-02", ["陈某", "某物业服务公司"], "业主认为物业费上涨未经业主大会讨论，拒绝缴纳。",
            "grid-worker-02-01-1"), CityAdmin, now.AddDays(-20));
        agreed.Conclude(CityAdmin, true, "物业公司公示收支明细，本年度物业费维持原标准；业主补缴欠费。", null, now.AddDays(-10));
        db.Mediations.AddRange(open, agreed);

        var held = DeliberationMeeting.Schedule(new MeetingDraft("district-01", "老旧小区加装电梯协商议事会",
            DateOnly.FromDateTime(now.AddDays(-7).UtcDateTime), ["加装电梯费用分摊方案", "低层住户补偿意见"]), CityAdmin, now.AddDays(-14));
        held.RecordOutcome(CityAdmin, ["社区书记", "居民代表", "网格员", "物业代表"], "与会各方同意按楼层分摊费用，低层住户不承担费用。",
            [new ResolutionDraft("按楼层系数分摊加装电梯费用，一层住户免于分摊。", false, null, null, null, null, 0)], new HashSet<string>(), now.AddDays(-7));
        var (hall, complex) = ServiceComplex(now);
        var upcomingOn = DateOnly.FromDateTime(now.AddDays(10).UtcDateTime);
        var hallBooking = RoomBooking.Book(hall, new BookingDraft(ChinaTime(upcomingOn, 14, 30), ChinaTime(upcomingOn, 16, 30), "背街小巷停车难问题议事会"),
            [], CityAdmin, now.AddDays(-2));
        var upcoming = DeliberationMeeting.Schedule(new MeetingDraft("district-03", "背街小巷停车难问题议事会",
            upcomingOn, ["夜间停车位划设", "共享停车时段"], hallBooking.Id), CityAdmin, now.AddDays(-2), hallBooking);
        db.DeliberationMeetings.AddRange(held, upcoming);
        db.Rooms.AddRange(complex.Rooms);
        db.ResidentOrganisations.AddRange(complex.Organisations);
        db.RoomBookings.Add(hallBooking);

        // a hotspot: the drain at the same crossing reported three times in eight days (with the fresh case above)
        var again = Reported("grid-01-02-1", "blocked drain", "龙港大道与世纪大道路口雨水井再次堵塞，污水外溢。", 3);
        var first = Reported("grid-01-02-1", "blocked drain", "世纪大道路口雨水井盖下垃圾堆积，排水不畅。", 8);
        db.Cases.AddRange(again, first);
        if (CaseHotspot.Detect(new HotspotRule(), "district-01", "grid-01-02-1", "blocked drain", fresh.ReportedAt,
                [.. new[] { first, again, fresh }.Select(c => (c.Id, c.ReportedAt))], null, now) is { } hotspot)
        {
            db.Hotspots.Add(hotspot);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static DateTimeOffset ChinaTime(DateOnly day, int hour, int minute) =>
        new(day.ToDateTime(new TimeOnly(hour, minute)), WorkingDayCalendar.ChinaStandardTimeOffset);

    /// <summary>
    /// The service complexes (片区服务综合体) of districts 1 and 3: the four rooms each, and the resident organisations
    /// that serve from them (names in English, translated at the boundary). Returns district 3's deliberation hall.
    /// </summary>
    private static (ComplexRoom Hall, (List<ComplexRoom> Rooms, List<ResidentOrganisation> Organisations) Complex) ServiceComplex(DateTimeOffset now)
    {
        var at = now.AddDays(-60);
        var rooms = new List<ComplexRoom>();
        foreach (var district in new[] { "district-01", "district-03" })
        {
            rooms.Add(ComplexRoom.Register(new RoomDraft(district, RoomKind.ConvenienceHall, "Convenience service hall", "Service complex, ground floor", 60), CityAdmin, at));
            rooms.Add(ComplexRoom.Register(new RoomDraft(district, RoomKind.ConsultationCentre, "Grid consultation centre", "Service complex, second floor", 20), CityAdmin, at));
            rooms.Add(ComplexRoom.Register(new RoomDraft(district, RoomKind.DeliberationHall, "Deliberation hall", "Service complex, second floor", 40), CityAdmin, at));
            rooms.Add(ComplexRoom.Register(new RoomDraft(district, RoomKind.MediationRoom, "Mediation room", "Service complex, third floor", 8), CityAdmin, at));
        }

        ResidentOrganisation Organisation(string district, OrganisationKind kind, string name, string contact) =>
            ResidentOrganisation.Register(new OrganisationDraft(district, kind, name, contact), CityAdmin, at);
        List<ResidentOrganisation> organisations =
        [
            Organisation("district-01", OrganisationKind.Health, "Renji community health station", "0577-6888 1201"),
            Organisation("district-01", OrganisationKind.Education, "Sunflower after-school learning centre", "0577-6888 1202"),
            Organisation("district-01", OrganisationKind.ElderlyCare, "Xiyang elderly day-care centre", "0577-6888 1203"),
            Organisation("district-01", OrganisationKind.DomesticServices, "Anxin domestic services cooperative", "0577-6888 1204"),
            Organisation("district-01", OrganisationKind.Counselling, "Xinyu psychological counselling studio", "0577-6888 1205"),
            Organisation("district-01", OrganisationKind.LegalAid, "Longgang legal aid workstation", "0577-6888 1206"),
            Organisation("district-01", OrganisationKind.SocialAssistance, "Cishan social assistance service station", "0577-6888 1207"),
            Organisation("district-03", OrganisationKind.ElderlyCare, "Fushou home-care service centre", "0577-6888 3201"),
            Organisation("district-03", OrganisationKind.LegalAid, "Longgang legal aid workstation", "0577-6888 3206"),
        ];
        return (rooms.Single(r => r.DistrictCode == "district-03" && r.Kind == RoomKind.DeliberationHall), (rooms, organisations));
    }

    /// <summary>
    /// Posts and the one-third rule: three departments' headcounts and their secondments, so the report shows two that
    /// meet the target (market supervision 4 of 12, comprehensive enforcement 3 of 9) and one below it (emergency
    /// management 1 of 6, after a secondment ended: its SecondmentTargetMissed is in the outbox); a seconded member on a
    /// grid team; and the community lead and district office of district-04, where the overdue case escalates.
    /// </summary>
    private static void SeedStaffing(GovernanceDbContext db, IReadOnlyDictionary<string, Grid> grids, DateOnly today, DateTimeOffset now)
    {
        // set with the secondments below as they stood (emergency management still had two), so none warns yet
        var market = DepartmentHeadcount.Set(null, "dept-market-supervision", 12, 4, today, CityAdmin, now);
        var enforcement = DepartmentHeadcount.Set(null, "inst-comprehensive-enforcement", 9, 3, today, CityAdmin, now);
        var emergency = DepartmentHeadcount.Set(null, "dept-emergency-management", 6, 2, today, CityAdmin, now);
        db.DepartmentHeadcounts.AddRange(market, enforcement, emergency);

        var secondments = new List<Secondment>();
        Secondment Second(string person, string name, string department, string district, string module, int daysAgo)
        {
            var started = Secondment.Start(new SecondmentDraft(person, name, department, district, module, today.AddDays(-daysAgo), null),
                districtKnown: true, secondments.Where(s => s.PersonId == person).ToList(), CityAdmin);
            secondments.Add(started);
            db.Secondments.Add(started);
            db.Posts.Add(Post.OfSecondment(started));
            return started;
        }

        Second("demo-staff-wang", "王芳", "dept-market-supervision", "district-01", "market-supervision", 30);
        Second("demo-staff-zhou", "周建华", "dept-market-supervision", "district-03", "market-supervision", 60);
        Second("demo-staff-lin", "林晓燕", "dept-market-supervision", "district-04", "market-supervision", 45);
        Second("demo-staff-xu", "徐志强", "dept-market-supervision", "district-05", "market-supervision", 20);
        Second("demo-staff-chen", "陈立新", "inst-comprehensive-enforcement", "district-02", "comprehensive-law-enforcement", 90);
        Second("demo-staff-huang", "黄海波", "inst-comprehensive-enforcement", "district-04", "comprehensive-law-enforcement", 40);
        Second("demo-staff-zheng", "郑丽", "inst-comprehensive-enforcement", "district-06", "comprehensive-law-enforcement", 15);
        Second("demo-staff-wu", "吴国庆", "dept-emergency-management", "district-04", "comprehensive-governance", 50);
        // two of six met the target until this one ended a week ago: the department has been below it since
        var ended = Second("demo-staff-sun", "孙伟", "dept-emergency-management", "district-07", "comprehensive-governance", 70);
        ended.End(CityAdmin, today.AddDays(-7), db.Posts.Local.Single(p => p.SecondmentId == ended.Id));
        emergency.NoteSecondedChange(2, 1, today.AddDays(-6), now);

        // the seconded market inspector also sits on a grid's all-round team (一人多岗)
        var grid = grids["grid-01-02-1"];
        db.Posts.Add(Post.Add(new PostDraft(PostKind.GridTeam, null, grid.Code, null, null, "demo-staff-wang", "王芳", today.AddDays(-30)),
            new PostPlace(grid.DistrictCode, grid.CommunityCode), alreadyHeld: false, CityAdmin));
        var community = grids["grid-04-01-1"].CommunityCode;
        db.Posts.Add(Post.Add(new PostDraft(PostKind.Community, null, null, community, null, "demo-community-lead-04", "陈秀英", today.AddDays(-365)),
            new PostPlace("district-04", community), alreadyHeld: false, CityAdmin));
        db.Posts.Add(Post.Add(new PostDraft(PostKind.DistrictOffice, "district-04", null, null, null, "demo-district-office-04", "刘志明", today.AddDays(-365)),
            new PostPlace("district-04", null), alreadyHeld: false, CityAdmin));
    }

    private static readonly string[] DemoGrids = ["grid-01-02-1", "grid-01-03-1", "grid-02-01-1", "grid-02-02-1", "grid-03-01-1", "grid-04-01-1", "grid-05-01-1"];

    private void MoveToDispatched(Case c, CaseActor admin, AssigneeKind kind, string assignee, DateTimeOffset reportedAt)
    {
        c.BeginVerification(admin, reportedAt.AddHours(1));
        c.File(admin, reportedAt.AddHours(2));
        c.Dispatch(admin, kind, assignee, reportedAt.AddHours(3), calendar);
    }

    /// <summary>
    /// The city's published figures (DOMAIN.md: yearbooks), entered by the city admin with the bulletin of their year
    /// as the source: GDP and total fiscal revenue of 2020 and 2021.
    /// </summary>
    private static void SeedCityIndicators(GovernanceDbContext db, DateTimeOffset now)
    {
        (Indicators.CityIndicator Indicator, int Year, long Yuan)[] published =
        [
            (Indicators.CityIndicator.Gdp, 2020, 31_640_000_000),
            (Indicators.CityIndicator.Gdp, 2021, 34_030_000_000),
            (Indicators.CityIndicator.FiscalRevenue, 2020, 2_533_000_000),
            (Indicators.CityIndicator.FiscalRevenue, 2021, 3_037_000_000),
        ];
        db.CityIndicatorActuals.AddRange(published.Select(p => Indicators.CityIndicatorActual.Record(p.Indicator, p.Year, p.Yuan,
            $"龙港市{p.Year}年国民经济和社会发展统计公报", CityAdmin, now)));
    }
}
