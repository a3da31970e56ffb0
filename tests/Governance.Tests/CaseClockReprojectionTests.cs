using Longgang.Governance.Domain;
using Longgang.Governance.Messaging;
using Longgang.Platform.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Tests;

/// <summary>
/// Publishing the official 2027 calendar recounts the deadlines of open cases that ran into 2027 on its provisional
/// year. The made-up notice keeps 元旦 from Friday 1 to Sunday 3 January and makes Saturday 9 January a working day,
/// so a deadline counted across that Saturday comes one working day earlier.
/// </summary>
public sealed class CaseClockReprojectionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly CaseActor Admin = new(Callers.CityAdmin(), OnGridTeam: false);
    private static readonly CaseActor Checker = new(Callers.CityAdmin("city-admin-2"), OnGridTeam: false);
    private const string Reason = "《国务院办公厅关于2027年部分节假日安排的通知》已发布";

    /// <summary>Friday 25 December 2026, 10:00 in Longgang.</summary>
    private static readonly DateTimeOffset ChristmasFriday = new(2026, 12, 25, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset PublishedAt = new(2027, 1, 7, 16, 0, 0, TimeSpan.FromHours(8));

    private static readonly CalendarYear Notice2027 = CalendarYear.Official(2027, "test: not the real 2027 notice",
        [new("元旦", new(2027, 1, 1), new(2027, 1, 3))],
        [new(new(2027, 1, 9), "元旦")]);

    // Each test its own calendar: publishing into it changes no other test's.
    private readonly WorkingDayCalendar _calendar = WorkingDayCalendar.Official;
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(seed: false);

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A case of <paramref name="category"/> dispatched at <paramref name="at"/>.</summary>
    private Case Dispatched(string category, DateTimeOffset at)
    {
        var c = Case.Report(Grids.InDistrict03, new CaseDraft(Grids.InDistrict03.Code, CaseSource.Hotline, category, "Two households argue over a wall.", []),
            Callers.CityAdmin(), at);
        c.BeginVerification(Admin, at);
        c.File(Admin, at);
        c.Dispatch(Admin, AssigneeKind.Module, "comprehensive-law-enforcement", at, _calendar);
        return c;
    }

    private async Task SaveAsync(Case c)
    {
        await using var db = _database.NewContext();
        db.Cases.Add(c);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Publishes 2027 (the first time) and runs the re-projector as the lead's consumer does: one save.</summary>
    private async Task<int> PublishAndReprojectAsync()
    {
        _calendar.Publish(Notice2027);
        await using var db = _database.NewContext();
        var moved = await new CaseClockReprojector().ReprojectAsync(db, new ClockReprojection(2027, _calendar, PublishedAt, Reason), Ct);
        await db.SaveChangesAsync(Ct);
        output.WriteLine($"clocks re-projected: {moved}");
        return moved;
    }

    private async Task<Case> CaseAsync(Guid id)
    {
        await using var db = _database.NewContext();
        return await db.Cases.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
    }

    [Fact]
    public async Task A_provisional_deadline_comes_a_working_day_earlier_once_2027_is_published_and_says_so_in_its_history()
    {
        // 10 working days from Friday 25 December: 28-31 December, then (1 January off) 4-8 and, provisionally, Monday 11
        var dispatched = Dispatched("neighbour dispute", ChristmasFriday);
        Assert.Equal(new DateOnly(2027, 1, 11), dispatched.DueOn);
        Assert.Equal(CalendarBasis.Provisional, dispatched.DueBasis(_calendar));
        var dispatchLine = dispatched.History.Last();
        Assert.Equal((new DateOnly(2027, 1, 11), CalendarBasis.Provisional), (dispatchLine.DueOn, dispatchLine.CalendarBasis));
        await SaveAsync(dispatched);

        Assert.Equal(1, await PublishAndReprojectAsync());

        var moved = await CaseAsync(dispatched.Id);
        Assert.Equal(new DateOnly(2027, 1, 9), moved.DueOn); // the make-up Saturday is the 10th working day
        Assert.Equal(CalendarBasis.Official, moved.DueBasis(_calendar));
        Assert.Equal(dispatched.Revision + 1, moved.Revision);
        Assert.Equal(dispatched.History.Count + 1, moved.History.Count);
        var line = moved.History.MaxBy(h => h.Sequence)!;
        Assert.Equal(Case.CalendarActor, line.Actor);
        Assert.Equal(PublishedAt, line.At);
        Assert.Equal(CaseStatus.Dispatched, line.Status);
        Assert.Equal($"办理期限 2027-01-11 → 2027-01-09：{Reason}", line.Note);
        Assert.Equal((new DateOnly(2027, 1, 9), CalendarBasis.Official), (line.DueOn, line.CalendarBasis));
    }

    [Fact]
    public async Task A_second_run_over_the_same_calendar_moves_nothing()
    {
        var dispatched = Dispatched("neighbour dispute", ChristmasFriday);
        await SaveAsync(dispatched);
        Assert.Equal(1, await PublishAndReprojectAsync());
        var once = await CaseAsync(dispatched.Id);

        await using var db = _database.NewContext();
        var again = await new CaseClockReprojector().ReprojectAsync(db, new ClockReprojection(2027, _calendar, PublishedAt.AddHours(1), Reason), Ct);
        await db.SaveChangesAsync(Ct);
        output.WriteLine($"clocks re-projected on the second run: {again}");

        Assert.Equal(0, again);
        var twice = await CaseAsync(dispatched.Id);
        Assert.Equal((once.DueOn, once.Revision, once.History.Count), (twice.DueOn, twice.Revision, twice.History.Count));
    }

    [Fact]
    public async Task A_closed_case_keeps_its_deadline_and_history()
    {
        var closed = Dispatched("neighbour dispute", ChristmasFriday);
        var later = ChristmasFriday.AddDays(3);
        closed.Acknowledge(Admin, later);
        closed.StartWork(Admin, later);
        closed.MarkHandled(Admin, "the wall was mended", later);
        closed.VerifyHandling(Checker, true, null, later);
        closed.Close(Admin, ClosureReason.Fixed, later, _calendar);
        Assert.Null(closed.DueBasis(_calendar)); // no deadline runs
        await SaveAsync(closed);

        Assert.Equal(0, await PublishAndReprojectAsync());

        var untouched = await CaseAsync(closed.Id);
        Assert.Equal(new DateOnly(2027, 1, 11), untouched.DueOn);
        Assert.Equal((closed.Revision, closed.History.Count), (untouched.Revision, untouched.History.Count));
    }

    /// <summary>
    /// A safety hazard (1 working day) dispatched on Monday 4 January 2027 is due Tuesday 5th, overdue from Wednesday,
    /// and escalated on Thursday 7th to the community with 2 working days: Friday 8th and, provisionally, Monday 11th.
    /// </summary>
    private Case Escalated()
    {
        var c = Dispatched("safety hazard", new DateTimeOffset(2027, 1, 4, 10, 0, 0, TimeSpan.FromHours(8)));
        Assert.True(c.TryEscalate(new DateTimeOffset(2027, 1, 7, 10, 0, 0, TimeSpan.FromHours(8)), _calendar));
        Assert.Equal(new DateOnly(2027, 1, 11), c.DueOn);
        return c;
    }

    [Fact]
    public async Task An_escalated_case_is_recounted_from_its_escalation_day()
    {
        var escalated = Escalated();
        await SaveAsync(escalated);

        Assert.Equal(1, await PublishAndReprojectAsync());

        var moved = await CaseAsync(escalated.Id);
        Assert.Equal(new DateOnly(2027, 1, 9), moved.DueOn); // Friday 8th, then the make-up Saturday
        Assert.Equal(EscalationLevel.Community, moved.EscalationLevel);
        Assert.Equal($"办理期限 2027-01-11 → 2027-01-09：{Reason}", moved.History.MaxBy(h => h.Sequence)!.Note);
    }

    [Fact]
    public async Task A_case_written_before_the_count_start_was_kept_is_recounted_from_its_last_escalation_line()
    {
        var escalated = Escalated();
        await SaveAsync(escalated);
        await using (var db = _database.NewContext())
        {
            await db.Cases.ExecuteUpdateAsync(s => s.SetProperty(c => c.DueCountedFrom, (DateOnly?)null), Ct);
        }
        Assert.Null((await CaseAsync(escalated.Id)).DueCountedFrom);

        Assert.Equal(1, await PublishAndReprojectAsync());

        Assert.Equal(new DateOnly(2027, 1, 9), (await CaseAsync(escalated.Id)).DueOn);
    }
}
