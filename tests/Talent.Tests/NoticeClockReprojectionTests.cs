using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Talent.Domain;
using Longgang.Talent.Messaging;
using Microsoft.EntityFrameworkCore;
using static Longgang.Talent.Tests.Callers;

namespace Longgang.Talent.Tests;

/// <summary>
/// Publishing the official 2027 calendar recounts public notices that ran into 2027 on its provisional year. The
/// made-up notice keeps 元旦 to Friday 1 January and makes Saturday 2 January a working day, so a notice counted
/// across that Saturday ends one working day earlier.
/// </summary>
public sealed class NoticeClockReprojectionTests(ITestOutputHelper output) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Reason = "《国务院办公厅关于2027年部分节假日安排的通知》已发布";

    /// <summary>Monday 28 December 2026, 10:00 in Longgang: final approval opens the notice.</summary>
    private static readonly DateTimeOffset Approved = new(2026, 12, 28, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset PublishedAt = new(2026, 12, 30, 16, 0, 0, TimeSpan.FromHours(8));
    private static DateTimeOffset January(int day) => new(2027, 1, day, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly CalendarYear Notice2027 = CalendarYear.Official(2027, "test: not the real 2027 notice",
        [new("元旦", new(2027, 1, 1), new(2027, 1, 1))],
        [new(new(2027, 1, 2), "元旦")]);

    // Each test its own calendar: publishing into it changes no other test's.
    private readonly WorkingDayCalendar _calendar = WorkingDayCalendar.Official;
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private Certification InNotice()
    {
        var certification = Certification.Apply(TalentFixtures.TierC,
            new CertificationDraft("C", "Li Wei", "Longgang Robotics Ltd", "advanced manufacturing", "district-03", ["letter"]),
            Applicant, Approved.AddDays(-20));
        certification.ReviewAsEmployer(ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewFinally(ReviewDecision.Approve, null, TalentClerk, Approved, _calendar);
        return certification;
    }

    private async Task SaveAsync(Certification certification)
    {
        await using var db = _database.NewContext();
        db.Certifications.Add(certification);
        await db.SaveChangesAsync(Ct);
    }

    private async Task<int> ReprojectAsync(DateTimeOffset now)
    {
        await using var db = _database.NewContext();
        var moved = await new NoticeClockReprojector().ReprojectAsync(db, new ClockReprojection(2027, _calendar, now, Reason), Ct);
        await db.SaveChangesAsync(Ct);
        output.WriteLine($"clocks re-projected: {moved}");
        return moved;
    }

    private async Task<Certification> CertificationAsync(Guid id)
    {
        await using var db = _database.NewContext();
        return await db.Certifications.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
    }

    [Fact]
    public async Task A_provisional_notice_ends_a_working_day_earlier_once_2027_is_published_and_records_the_change()
    {
        // 5 working days from Monday 28 December: 29, 30, 31, (1 January off) 4 and, provisionally, Tuesday 5 January
        var notice = InNotice();
        Assert.Equal(new DateOnly(2027, 1, 5), notice.NoticeEndsOn);
        Assert.Equal(CalendarBasis.Provisional, notice.NoticeBasis(_calendar));
        await SaveAsync(notice);

        _calendar.Publish(Notice2027);
        Assert.Equal(1, await ReprojectAsync(PublishedAt));

        var moved = await CertificationAsync(notice.Id);
        Assert.Equal(new DateOnly(2027, 1, 4), moved.NoticeEndsOn); // the make-up Saturday counts
        Assert.Equal(new DateOnly(2026, 12, 28), moved.NoticeStartsOn);
        Assert.Equal(CalendarBasis.Official, moved.NoticeBasis(_calendar));
        Assert.Equal(notice.Revision + 1, moved.Revision);
        var change = Assert.Single(moved.NoticeChanges);
        Assert.Equal((PublishedAt, new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 4), Reason),
            (change.At, change.OldEndsOn, change.NewEndsOn, change.Reason));
    }

    [Fact]
    public async Task Objections_and_certification_follow_the_moved_end()
    {
        var notice = InNotice();
        await SaveAsync(notice);
        _calendar.Publish(Notice2027);
        Assert.Equal(1, await ReprojectAsync(PublishedAt));
        var moved = await CertificationAsync(notice.Id);

        // Tuesday 5 January was the last day of the provisional notice; now it is the first day to certify
        Assert.Throws<ConflictException>(() => moved.LodgeObjection("not employed there", OtherCitizen, January(5)));
        moved.Certify(TalentClerk, January(5));
        Assert.Equal(CertificationStatus.Certified, moved.Status);
    }

    [Fact]
    public async Task A_second_run_over_the_same_calendar_moves_nothing()
    {
        var notice = InNotice();
        await SaveAsync(notice);
        _calendar.Publish(Notice2027);
        Assert.Equal(1, await ReprojectAsync(PublishedAt));
        var once = await CertificationAsync(notice.Id);

        Assert.Equal(0, await ReprojectAsync(PublishedAt.AddHours(1)));

        var twice = await CertificationAsync(notice.Id);
        Assert.Equal((once.NoticeEndsOn, once.Revision, once.NoticeChanges.Count), (twice.NoticeEndsOn, twice.Revision, twice.NoticeChanges.Count));
    }

    [Fact]
    public async Task A_certified_application_keeps_its_notice_dates()
    {
        var certified = InNotice();
        certified.Certify(TalentClerk, January(6));
        Assert.Null(certified.NoticeBasis(_calendar)); // no notice runs
        await SaveAsync(certified);

        _calendar.Publish(Notice2027);
        Assert.Equal(0, await ReprojectAsync(PublishedAt));

        var untouched = await CertificationAsync(certified.Id);
        Assert.Equal(new DateOnly(2027, 1, 5), untouched.NoticeEndsOn);
        Assert.Equal(certified.Revision, untouched.Revision);
        Assert.Empty(untouched.NoticeChanges);
    }
}
