using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Approvals.Messaging;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Longgang.Approvals.Tests.Callers;
using static Longgang.Approvals.Tests.Departments;
using ProtoCalendarBasis = Longgang.Approvals.Contracts.V1.CalendarBasis;
using ProtoLedgerAction = Longgang.Approvals.Contracts.V1.LedgerAction;

namespace Longgang.Approvals.Tests;

/// <summary>
/// Issue 14: deadlines counted over 2027 before its notice is out are provisional; publishing 2027 with a make-up
/// Saturday (9 January, for 元旦) moves each open deadline that counts it one working day earlier, once.
/// </summary>
public sealed class ClockReprojectionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Reason = "国务院办公厅关于2027年部分节假日安排的通知";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private ApprovalsTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await ApprovalsTestHost.CreateAsync(ChinaTime(2026, 11, 2));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>The service's one calendar, the instance a publication updates.</summary>
    private WorkingDayCalendar Calendar => _host.Services.GetRequiredService<WorkingDayCalendar>();

    private static DateTimeOffset ChinaTime(int year, int month, int day, int hour = 10) =>
        new DateTimeOffset(year, month, day, hour, 0, 0, WorkingDayCalendar.ChinaStandardTimeOffset).ToUniversalTime();

    private void SetToday(int year, int month, int day) => _host.Clock.SetUtcNow(ChinaTime(year, month, day));

    private static Caller Applicant(string id) => new(id, PlatformRoles.Citizen, null, null);

    /// <summary>The provisional 2027 (statutory holidays only) plus its first make-up workday: the smallest change that moves a date.</summary>
    private static CalendarYear Official2027()
    {
        var provisional = CalendarYear.Provisional(2027);
        var holidays = provisional.Holidays
            .Select(h => h.Name == "元旦" ? new HolidayBlock("元旦", new(2027, 1, 1), new(2027, 1, 3)) : h).ToList();
        return CalendarYear.Official(2027, Reason, holidays, [new MakeUpWorkday(new(2027, 1, 9), "元旦")]);
    }

    private Task<Guid> AcceptAsync(string matterCode, string applicantId) =>
        _host.WithDbAsync(async db =>
        {
            var matter = (await db.CurrentMatterAsync(matterCode, Ct))!;
            var clerk = Clerk(matter.DepartmentCode);
            var application = Application.Submit(matter, new SubmissionDraft(matterCode, applicantId, "Wang Fang",
                Channel.ServiceHall, "district-03", matter.RequiredMaterials), clerk, _host.Clock.GetUtcNow());
            application.Accept(matter, clerk, _host.Clock.GetUtcNow(), Calendar);
            db.Applications.Add(application);
            await db.SaveChangesAsync(Ct);
            return application.Id;
        });

    private Task ChangeAsync(Guid id, Action<Application> change) =>
        _host.WithDbAsync(async db =>
        {
            change(await db.Applications.SingleAsync(a => a.Id == id, Ct));
            await db.SaveChangesAsync(Ct);
        });

    private Task<Application> ApplicationAsync(Guid id) =>
        _host.WithDbAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == id, Ct));

    /// <summary>What the lead's consumer of <c>CalendarYearPublished</c> does: publish, re-project, save together.</summary>
    private Task<int> PublishAndReprojectAsync()
    {
        Calendar.Publish(Official2027());
        return _host.ScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ApprovalsDbContext>();
            var reprojector = services.GetRequiredService<IClockReprojector<ApprovalsDbContext>>();
            var moved = await reprojector.ReprojectAsync(db, new ClockReprojection(2027, Calendar, _host.Clock.GetUtcNow(), Reason), Ct);
            await db.SaveChangesAsync(Ct);
            return moved;
        });
    }

    private sealed record Applications(Guid Permit, Guid Suspended, Guid Approved, Guid Issued, Guid Earlier);

    /// <summary>
    /// Five applications by 30 December 2026: an HC-001 accepted on Saturday 5 December (statutory 45 working days: into
    /// February 2027), another suspended with 2 working days already paused, an MS-001 approved on 28 December (its
    /// certificate due in January), one approved and issued, and one whose deadlines all ended in November.
    /// </summary>
    private async Task<Applications> OpenApplicationsAsync()
    {
        SetToday(2026, 11, 2);
        var earlier = await AcceptAsync("MS-001", "citizen-earlier"); // due 9 and 30 November
        SetToday(2026, 12, 5);
        var permit = await AcceptAsync("HC-001", "citizen-permit");
        var suspended = await AcceptAsync("HC-001", "citizen-suspended");
        var housing = Clerk(Housing);
        SetToday(2026, 12, 7);
        await ChangeAsync(suspended, a => a.Suspend(SuspensionKind.Inspection, "site inspection", housing, _host.Clock.GetUtcNow()));
        SetToday(2026, 12, 9);
        await ChangeAsync(suspended, a => a.Resume(null, housing, _host.Clock.GetUtcNow(), Calendar)); // paused 8 and 9 December
        SetToday(2026, 12, 10);
        await ChangeAsync(suspended, a => a.Suspend(SuspensionKind.Hearing, "hearing", housing, _host.Clock.GetUtcNow()));
        SetToday(2026, 12, 21);
        var approved = await AcceptAsync("MS-001", "citizen-approved");
        var issued = await AcceptAsync("MS-001", "citizen-issued");
        SetToday(2026, 12, 28);
        var market = Clerk(Market);
        foreach (var id in new[] { approved, issued })
            await ChangeAsync(id, a => a.DecideStep(null, Decision.Approve, null, market, _host.Clock.GetUtcNow(), Calendar));
        await ChangeAsync(issued, a => a.IssueCertificate(market, _host.Clock.GetUtcNow()));
        SetToday(2026, 12, 30);
        return new Applications(permit, suspended, approved, issued, earlier);
    }

    [Fact]
    public async Task Publishing_2027_moves_each_provisional_deadline_once_records_it_in_the_ledger_and_tells_the_applicant()
    {
        var ids = await OpenApplicationsAsync();
        var permit = await ApplicationAsync(ids.Permit);
        Assert.Equal(new DateOnly(2026, 12, 25), permit.PromisedDueOn); // 15 working days, all in 2026
        Assert.Equal(new DateOnly(2027, 2, 10), permit.StatutoryDueOn); // provisional 2027: 1 Jan and 5-8 Feb off
        Assert.Equal(CalendarBasis.Provisional, permit.CalendarBasisOf(Calendar));
        Assert.Equal(CalendarBasis.Provisional, permit.Ledger.MaxBy(l => l.Sequence)!.CalendarBasis);
        var untouched = new[] { ids.Issued, ids.Earlier };
        var before = new Dictionary<Guid, Application>();
        foreach (var id in untouched) before[id] = await ApplicationAsync(id);

        var moved = await PublishAndReprojectAsync();

        output.WriteLine($"Clocks re-projected: {moved}");
        Assert.Equal(3, moved); // the permit's and the suspended permit's statutory dates, the approved licence's certificate date
        permit = await ApplicationAsync(ids.Permit);
        Assert.Equal(new DateOnly(2026, 12, 25), permit.PromisedDueOn);
        Assert.Equal(new DateOnly(2027, 2, 9), permit.StatutoryDueOn); // Saturday 9 January now counts
        Assert.Equal(CalendarBasis.Official, permit.CalendarBasisOf(Calendar));
        var line = permit.Ledger.MaxBy(l => l.Sequence)!;
        Assert.Equal(LedgerAction.Reprojected, line.Action);
        Assert.Equal(Application.SystemActor, line.Actor);
        Assert.Equal($"法定期限 2027-02-10 → 2027-02-09：{Reason}", line.Reason);
        Assert.Equal(new DateOnly(2027, 2, 9), line.StatutoryDueOn);
        Assert.Equal(CalendarBasis.Official, line.CalendarBasis);

        var suspended = await ApplicationAsync(ids.Suspended);
        Assert.Equal(ApplicationStatus.Suspended, suspended.Status);
        Assert.Equal(2, suspended.PausedWorkingDays);
        Assert.Equal(new DateOnly(2026, 12, 29), suspended.PromisedDueOn); // 15 + 2 paused, all in 2026
        Assert.Equal(new DateOnly(2027, 2, 11), suspended.StatutoryDueOn); // 45 + 2 paused: 12 February before
        Assert.Equal($"法定期限 2027-02-12 → 2027-02-11：{Reason}", suspended.Ledger.MaxBy(l => l.Sequence)!.Reason);

        var approved = await ApplicationAsync(ids.Approved);
        Assert.Equal(new DateOnly(2027, 1, 11), approved.CertificateDueOn);
        Assert.Equal($"发证期限 2027-01-12 → 2027-01-11：{Reason}", approved.Ledger.MaxBy(l => l.Sequence)!.Reason);

        foreach (var id in untouched)
        {
            var after = await ApplicationAsync(id);
            Assert.Equal(before[id].Revision, after.Revision);
            Assert.Equal(before[id].Ledger.Count, after.Ledger.Count);
        }

        var notifications = await _host.WithDbAsync(db => db.Notifications.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(["citizen-approved", "citizen-permit", "citizen-suspended"], notifications.Select(n => n.CitizenId).Order());
        Assert.All(notifications, n =>
        {
            Assert.Equal(("办理期限调整", ApplicationClockReprojector.Subject), (n.Subject, n.SubjectEn));
            Assert.Equal(NotificationKinds.DueDatesReprojected, n.Kind);
            Assert.EndsWith($"原因：{Reason}", n.Body);
        });
        Assert.Contains("法定期限 2027-02-10 → 2027-02-09", notifications.Single(n => n.Reference == ids.Permit.ToString()).Body);
    }

    [Fact]
    public async Task Re_projecting_again_with_the_same_calendar_moves_nothing_and_notifies_nobody()
    {
        var ids = await OpenApplicationsAsync();
        Assert.Equal(3, await PublishAndReprojectAsync());
        var revision = (await ApplicationAsync(ids.Permit)).Revision;
        var ledger = (await ApplicationAsync(ids.Permit)).Ledger.Count;

        Assert.Equal(0, await PublishAndReprojectAsync());

        Assert.Equal(revision, (await ApplicationAsync(ids.Permit)).Revision);
        Assert.Equal(ledger, (await ApplicationAsync(ids.Permit)).Ledger.Count);
        Assert.Equal(3, await _host.WithDbAsync(db => db.Notifications.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_api_reads_the_basis_provisional_before_the_publication_and_official_after()
    {
        var ids = await OpenApplicationsAsync();
        var citizen = Applicant("citizen-permit");
        Task<Contracts.V1.Application> ReadAsync() => _host.CallAsync(citizen, async (service, context) =>
            (await service.ListApplications(new Contracts.V1.ListApplicationsRequest(), context)).Applications.Single());
        Task<Contracts.V1.ClockLedger> LedgerAsync() => _host.CallAsync(citizen, (service, context) =>
            service.GetClockLedger(new Contracts.V1.GetClockLedgerRequest { Id = ids.Permit.ToString() }, context));

        Assert.Equal(ProtoCalendarBasis.Provisional, (await ReadAsync()).CalendarBasis);
        var accepted = (await LedgerAsync()).Entries.Single(e => e.Action == ProtoLedgerAction.Accepted);
        Assert.Equal(ProtoCalendarBasis.Provisional, accepted.CalendarBasis);
        Assert.Equal(ProtoCalendarBasis.Unspecified, (await LedgerAsync()).Entries[0].CalendarBasis); // submitted: no deadline yet

        await PublishAndReprojectAsync();

        var application = await ReadAsync();
        Assert.Equal(ProtoCalendarBasis.Official, application.CalendarBasis);
        Assert.Equal("2027-02-09", application.StatutoryDueOn);
        var last = (await LedgerAsync()).Entries[^1];
        Assert.Equal(ProtoLedgerAction.Reprojected, last.Action);
        Assert.Equal(ProtoCalendarBasis.Official, last.CalendarBasis);
        Assert.Equal("2027-02-09", last.StatutoryDueOn);
    }

    [Fact]
    public async Task The_next_supervision_pass_counts_with_the_published_year()
    {
        // the approved licence's certificate: 10 working days from 28 December. Provisionally 12 January is the 10th
        // (yellow); with Saturday 9 January worked it is the 11th, one past the new due date 11 January (red).
        var ids = await OpenApplicationsAsync();
        await PublishAndReprojectAsync();
        SetToday(2027, 1, 12);

        var result = await _host.ScopeAsync(services => services.GetRequiredService<SlaSupervision>().RunOnceAsync(Ct));

        Assert.Equal(0, result.Failed);
        var warning = await _host.WithDbAsync(db => db.SlaWarnings.AsNoTracking()
            .SingleAsync(w => w.ApplicationId == ids.Approved && w.Scope == WarningScope.Certificate, Ct));
        Assert.Equal(WarningLevel.Red, warning.Level);
        Assert.Equal(new DateOnly(2027, 1, 11), warning.DueOn);
        Assert.Equal(11, warning.ElapsedWorkingDays);
    }
}
