using System.Globalization;
using Longgang.Platform.Calendar;

namespace Longgang.Platform.Tests;

/// <summary>Publishing a year's notice into a running calendar.</summary>
public sealed class PublishTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // A made-up 2027 notice: the lunar new year extended to 7 days with Saturday 13 February worked.
    private static readonly CalendarYear Notice2027 = CalendarYear.Official(
        2027, "test: not the real 2027 notice",
        [new("元旦", D("2027-01-01"), D("2027-01-03")), new("春节", D("2027-02-05"), D("2027-02-11"))],
        [new(D("2027-02-13"), "春节")]);

    [Fact]
    public void Publishing_a_year_makes_it_official_and_moves_deadlines_in_that_instance_only()
    {
        var calendar = WorkingDayCalendar.Official;
        // Provisionally Tue 9 and Wed 10 Feb work; Sat 13 does not.
        Assert.Equal(CalendarBasis.Provisional, calendar.BasisOf(2027));
        Assert.Equal(D("2027-02-10"), calendar.AddWorkingDays(D("2027-02-04"), 2));

        calendar.Publish(Notice2027);

        Assert.Equal(CalendarBasis.Official, calendar.BasisOf(2027));
        Assert.Equal(CalendarBasis.Official, calendar.BasisOf(D("2026-12-01"), D("2027-03-01")));
        Assert.Equal([2025, 2026, 2027], calendar.OfficialYears);
        Assert.Same(Notice2027, calendar.Year(2027));
        // Fri 12, then the make-up Saturday 13.
        Assert.Equal(D("2027-02-13"), calendar.AddWorkingDays(D("2027-02-04"), 2));
        Assert.True(calendar.IsWorkingDay(D("2027-02-13")));
        Assert.Equal(CalendarBasis.Provisional, WorkingDayCalendar.Official.BasisOf(2027));
    }

    [Fact]
    public void Publishing_replaces_a_shipped_year()
    {
        var calendar = WorkingDayCalendar.Official;
        calendar.Publish(CalendarYear.Official(2026, "test", [], []));
        Assert.True(calendar.IsWorkingDay(D("2026-10-01"))); // Thursday, no longer National Day
        Assert.False(WorkingDayCalendar.Official.IsWorkingDay(D("2026-10-01")));
    }

    [Fact]
    public void A_provisional_year_cannot_be_published()
    {
        var calendar = WorkingDayCalendar.Official;
        Assert.Throws<ArgumentException>(() => calendar.Publish(CalendarYear.Provisional(2027)));
        Assert.Equal(CalendarBasis.Provisional, calendar.BasisOf(2027));
    }

    [Fact]
    public void Official_with_supplied_files_publishes_them()
    {
        var calendar = WorkingDayCalendar.OfficialWith([Notice2027.ToJson()]);
        Assert.Equal([2025, 2026, 2027], calendar.OfficialYears);
        Assert.Equal(Notice2027, calendar.Year(2027));
    }

    [Fact]
    public async Task Readers_during_publishing_see_the_old_year_or_the_new_one_never_a_mixture()
    {
        var blank = CalendarYear.Official(2027, "test: weekends only", [], []);
        var start = D("2027-01-29");
        DateOnly[] allowed = [Published(Notice2027).AddWorkingDays(start, 10), Published(blank).AddWorkingDays(start, 10)];
        Assert.NotEqual(allowed[0], allowed[1]);
        var calendar = Published(blank);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                calendar.Publish(i % 2 == 0 ? Notice2027 : blank);
        }, TestContext.Current.CancellationToken);
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                Assert.Contains(calendar.AddWorkingDays(start, 10), allowed);
                Assert.Equal(CalendarBasis.Official, calendar.BasisOf(2027));
            }
        }, TestContext.Current.CancellationToken));
        try
        {
            await Task.WhenAll(readers);
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }
    }

    private static WorkingDayCalendar Published(CalendarYear year)
    {
        var calendar = WorkingDayCalendar.Official;
        calendar.Publish(year);
        return calendar;
    }
}
