using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Files;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Data;

/// <summary>
/// The embedded host's demo (Demo:Enabled): applications in every state, built through the domain's transitions on the
/// platform clock, so the queue, the search, the ledger and the reports have something to show. Times are relative to
/// the clock's now: two reviews are already past their promise (red warnings at the supervisor's first pass), and one is
/// due within days, so a later <c>Clock:Start</c> shows its yellow and red warnings too. Seeds once: nothing is added when
/// any demo application exists. Never registered outside the embedded host.
/// </summary>
public sealed class DemoSeeder(TimeProvider clock, WorkingDayCalendar calendar, FileAttachments<ApprovalsDbContext> files) : IDatabaseSeeder<ApprovalsDbContext>
{
    public const string ApplicantPrefix = "demo-citizen-";
    private const string Market = "dept-market-supervision";
    private const string Resources = "dept-natural-resources";
    private const string Social = "dept-social-affairs";
    private const string HumanResources = "dept-human-resources";

    private static Caller Clerk(string department) => new($"demo-clerk-{department[5..]}", PlatformRoles.Clerk, null, department);

    private static Caller Citizen(int number) => new($"{ApplicantPrefix}{number}", PlatformRoles.Citizen, null, null);

    private static readonly string[] FoodLicence = ["application form", "business licence", "premises floor plan", "food safety officer certificate"];
    private static readonly string[] Registration = ["application form", "identity card"];
    private static readonly string[] Construction =
        ["application form", "land use certificate", "planning permit", "construction drawings review", "contractor contract"];
    private static readonly string[] ElderlyAllowance = ["application form", "identity card", "household register"];
    private static readonly string[] TalentHousing = ["application form", "talent certificate", "labour contract", "housing purchase contract"];

    public async Task SeedAsync(ApprovalsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Applications.AnyAsync(a => a.ApplicantId.StartsWith(ApplicantPrefix), cancellationToken)) return;
        var matters = await db.Matters.ToListAsync(cancellationToken);
        Matter? MatterOf(string code) => matters.Where(m => m.Code == code).MaxBy(m => m.Version);
        if (new[] { "MS-001", "MS-002", "HC-001", "SA-001", "HR-001" }.Any(code => MatterOf(code) is null)) return;
        var now = clock.GetUtcNow();
        DateTimeOffset DaysAgo(double days) => now.AddDays(-days);
        // the scans online applicants attach, stored once the applications are
        var scans = new List<(Guid FileId, Guid ApplicationId, string Material, string By, byte[] Content)>();

        Application Submit(int citizen, string name, string residentId, string matter, string[] materials, DateTimeOffset at,
            Channel channel = Channel.ServiceHall, string? district = "district-01")
        {
            var by = channel == Channel.Online ? Citizen(citizen) : Clerk(MatterOf(matter)!.DepartmentCode);
            var draft = new SubmissionDraft(matter, channel == Channel.Online ? null : Citizen(citizen).Subject, name, channel,
                channel == Channel.Online ? null : district, materials, residentId);
            var application = Application.Submit(MatterOf(matter), draft, by, at);
            // online, what is named is only declared: the applicant attaches a scan of each material
            if (channel == Channel.Online) AttachScans(application, by, at);
            return application;
        }

        void AttachScans(Application application, Caller by, DateTimeOffset at)
        {
            foreach (var material in application.MissingMaterials.ToList())
            {
                var fileId = Guid.CreateVersion7(at);
                application.AttachFile(material, fileId, MatterOf(application.MatterCode)!, by, at);
                scans.Add((fileId, application.Id, material, by.Subject, scans.Count % 2 == 0 ? DemoFiles.Pdf : DemoFiles.Png));
            }
        }

        Application Accepted(Application application, DateTimeOffset at)
        {
            application.Accept(MatterOf(application.MatterCode)!, Clerk(application.DepartmentCode), at, calendar);
            return application;
        }

        var applications = new List<Application>
        {
            // submitted this morning, waiting for the clerk's acceptance
            Submit(1, "王芳", "330383198503120216", "MS-002", Registration, DaysAgo(0.1), Channel.Online),
            // handed in without the floor plan: one correction notice lists everything missing
            WithCorrection(Submit(2, "李娜", "330383199007210217", "MS-001", FoodLicence[..2], DaysAgo(2)), DaysAgo(1.5)),
            // not accepted: outside the city's remit
            NotAccepted(Submit(3, "张伟", "330383197811050219", "MS-002", Registration, DaysAgo(4), district: "district-02"), DaysAgo(3.5)),
            // in review, due within days: a later clock shows its yellow, then red warning
            Accepted(Submit(4, "刘洋", "33038319920218021X", "MS-001", FoodLicence, DaysAgo(3)), DaysAgo(2.9)),
            // a joint construction permit past its 15 promised working days: red at once, for every pending department
            Decided(Accepted(Submit(5, "陈静", "330383196709300213", "HC-001", Construction, DaysAgo(32), district: "district-03"), DaysAgo(31)),
                DaysAgo(20), (Resources, true, null)),
            // an elderly allowance past its 7 promised working days
            Accepted(Submit(6, "杨磊", "330383198804030214", "SA-001", ElderlyAllowance, DaysAgo(16), Channel.Online), DaysAgo(15)),
            // suspended for an on-site inspection
            Suspended(Accepted(Submit(7, "黄强", "330383197512140214", "MS-001", FoodLicence, DaysAgo(6), district: "district-02"), DaysAgo(5.8)), DaysAgo(2)),
            // decided: approved (the certificate is owed) and rejected
            Decided(Accepted(Submit(8, "赵敏", "330383199506080218", "SA-001", ElderlyAllowance, DaysAgo(12)), DaysAgo(11)), DaysAgo(6), (Social, true, null)),
            Decided(Accepted(Submit(9, "周杰", "330383198301270216", "HR-001", TalentHousing, DaysAgo(14), Channel.Online), DaysAgo(13)),
                DaysAgo(8), (HumanResources, false, "购房合同签订日期早于人才认定日期")),
            // the whole way: issued and rated
            Evaluated(Issued(Decided(Accepted(Submit(1, "王芳", "330383198503120216", "MS-002", Registration, DaysAgo(20)), DaysAgo(20)),
                DaysAgo(19), (Market, true, null)), DaysAgo(18)), DaysAgo(17), 5, "窗口服务热情，一次办结"),
            // rated badly: the rectification is owed
            Evaluated(Issued(Decided(Accepted(Submit(3, "张伟", "330383197811050219", "MS-001", FoodLicence, DaysAgo(26), district: "district-02"), DaysAgo(25)),
                DaysAgo(20), (Market, true, null)), DaysAgo(19)), DaysAgo(18), 2, "排队时间太长"),
        };
        db.Applications.AddRange(applications);
        foreach (var scan in scans)
        {
            db.Files.Add(await files.Intake.ReceiveAsync(scan.FileId, new MemoryStream(scan.Content), scan.Content.Length, scan.ApplicationId,
                scan.Material, scan.By, cancellationToken));
        }
        await db.SaveChangesAsync(cancellationToken);

        Application WithCorrection(Application application, DateTimeOffset at)
        {
            application.RequestCorrection([], "请补齐经营场所平面图和食品安全管理员证书，一次性提交", Clerk(application.DepartmentCode), at, calendar);
            return application;
        }

        Application NotAccepted(Application application, DateTimeOffset at)
        {
            application.RejectAcceptance("经营地址不在龙港市范围内", Clerk(application.DepartmentCode), at);
            return application;
        }

        Application Suspended(Application application, DateTimeOffset at)
        {
            application.Suspend(SuspensionKind.Inspection, "需现场核查经营场所", Clerk(application.DepartmentCode), at);
            return application;
        }

        Application Decided(Application application, DateTimeOffset at, params (string Department, bool Approve, string? Reason)[] decisions)
        {
            foreach (var (department, approve, reason) in decisions)
                application.DecideStep(department, approve ? Decision.Approve : Decision.Reject, reason, Clerk(department), at, calendar);
            return application;
        }

        Application Issued(Application application, DateTimeOffset at)
        {
            application.IssueCertificate(Clerk(application.DepartmentCode), at);
            return application;
        }

        Application Evaluated(Application application, DateTimeOffset at, int rating, string comment)
        {
            application.Evaluate(rating, comment, Citizen(int.Parse(application.ApplicantId[ApplicantPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture)),
                at, calendar);
            return application;
        }
    }
}
