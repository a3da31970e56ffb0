using System.Globalization;
using Longgang.Platform.Calendar;

namespace Longgang.Platform.Tests;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void Official_calendar_has_the_notices_for_2025_and_2026()
    {
        Assert.Equal([2025, 2026], Calendar.OfficialYears);
        Assert.Equal(Calendar.OfficialYears, Calendar.Years);
        Assert.Equal(CalendarBasis.Official, Calendar.BasisOf(2025));
        Assert.Equal(CalendarBasis.Official, Calendar.BasisOf(2026));
    }

    [Theory]
    [InlineData("2025-03-12", true)]  // Wednesday
    [InlineData("2025-03-14", true)]  // Friday
    [InlineData("2025-03-15", false)] // Saturday
    [InlineData("2025-03-16", false)] // Sunday
    [InlineData("2026-03-09", true)]  // Monday
    [InlineData("2026-03-14", false)] // Saturday
    [InlineData("2026-12-31", true)]  // Thursday, the last covered day
    public void Ordinary_weekdays_work_and_weekends_do_not(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(D(date)));
    }

    // Every block of the two State Council notices, typed in again here so a slip in the JSON shows.
    [Theory]
    [InlineData("元旦", "2025-01-01", "2025-01-01")]
    [InlineData("春节", "2025-01-28", "2025-02-04")]
    [InlineData("清明节", "2025-04-04", "2025-04-06")]
    [InlineData("劳动节", "2025-05-01", "2025-05-05")]
    [InlineData("端午节", "2025-05-31", "2025-06-02")]
    [InlineData("国庆节、中秋节", "2025-10-01", "2025-10-08")]
    [InlineData("元旦", "2026-01-01", "2026-01-03")]
    [InlineData("春节", "2026-02-15", "2026-02-23")]
    [InlineData("清明节", "2026-04-04", "2026-04-06")]
    [InlineData("劳动节", "2026-05-01", "2026-05-05")]
    [InlineData("端午节", "2026-06-19", "2026-06-21")]
    [InlineData("中秋节", "2026-09-25", "2026-09-27")]
    [InlineData("国庆节", "2026-10-01", "2026-10-07")]
    public void Every_day_of_a_holiday_block_is_off(string holiday, string first, string last)
    {
        for (var day = D(first); day <= D(last); day = day.AddDays(1))
            Assert.False(Calendar.IsWorkingDay(day), $"{day} ({holiday}) should be a day off");
    }

    [Theory]
    [InlineData("2025-01-26")] // Sunday, 春节
    [InlineData("2025-02-08")] // Saturday, 春节
    [InlineData("2025-04-27")] // Sunday, 劳动节
    [InlineData("2025-09-28")] // Sunday, 国庆节、中秋节
    [InlineData("2025-10-11")] // Saturday, 国庆节、中秋节
    [InlineData("2026-01-04")] // Sunday, 元旦
    [InlineData("2026-02-14")] // Saturday, 春节
    [InlineData("2026-02-28")] // Saturday, 春节
    [InlineData("2026-05-09")] // Saturday, 劳动节
    [InlineData("2026-09-20")] // Sunday, 国庆节
    [InlineData("2026-10-10")] // Saturday, 国庆节
    public void Every_make_up_weekend_day_is_a_working_day(string date)
    {
        var day = D(date);
        Assert.True(day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{day} is not a weekend day");
        Assert.True(Calendar.IsWorkingDay(day));
    }

    // 261 weekdays in each year; 2025 has 18 holiday weekdays and 5 make-up days, 2026 has 19 and 6.
    [Theory]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void A_year_has_the_working_days_the_notice_implies(int year, int expected)
    {
        Assert.Equal(expected, Calendar.CountWorkingDays(new DateOnly(year, 1, 1).AddDays(-1), new DateOnly(year, 12, 31)));
    }

    [Fact]
    public void Adding_working_days_skips_the_2026_spring_festival_and_uses_its_make_up_saturday()
    {
        // Thu 12 Feb → Fri 13, Sat 14 (make-up), then 15–23 off → Tue 24.
        Assert.Equal(D("2026-02-14"), Calendar.AddWorkingDays(D("2026-02-12"), 2));
        Assert.Equal(D("2026-02-24"), Calendar.AddWorkingDays(D("2026-02-12"), 3));
        Assert.Equal(D("2026-02-24"), Calendar.AddWorkingDays(D("2026-02-14"), 1));
    }

    [Theory]
    [InlineData("2026-02-27", "2026-02-28")] // Fri → make-up Sat
    [InlineData("2026-05-08", "2026-05-09")] // Fri → make-up Sat
    [InlineData("2025-10-10", "2025-10-11")] // Fri → make-up Sat
    [InlineData("2026-03-06", "2026-03-09")] // Fri → ordinary weekend skipped → Mon
    public void The_next_working_day_after_a_friday(string friday, string next)
    {
        Assert.Equal(D(next), Calendar.AddWorkingDays(D(friday), 1));
    }

    [Fact]
    public void Adding_working_days_crosses_from_2025_into_2026()
    {
        // Wed 31 Dec 2025; 1–3 Jan 2026 off; Sun 4 Jan is a make-up working day.
        Assert.Equal(D("2026-01-04"), Calendar.AddWorkingDays(D("2025-12-31"), 1));
        Assert.Equal(D("2026-01-05"), Calendar.AddWorkingDays(D("2025-12-31"), 2));
        Assert.Equal(2, Calendar.CountWorkingDays(D("2025-12-31"), D("2026-01-05")));
    }

    [Fact]
    public void A_start_that_is_not_a_working_day_is_not_counted()
    {
        // Sat 15 Mar 2025 behaves like Fri 14 Mar: the first working day after either is Mon 17 Mar.
        Assert.Equal(D("2025-03-17"), Calendar.AddWorkingDays(D("2025-03-15"), 1));
        Assert.Equal(D("2025-03-17"), Calendar.AddWorkingDays(D("2025-03-14"), 1));
        // A start inside a holiday block: the first working day after National Day 2025 is Thu 9 Oct.
        Assert.Equal(D("2025-10-09"), Calendar.AddWorkingDays(D("2025-10-03"), 1));
    }

    [Fact]
    public void Adding_zero_working_days_returns_the_start_unchanged()
    {
        Assert.Equal(D("2025-10-03"), Calendar.AddWorkingDays(D("2025-10-03"), 0));
        Assert.Equal(D("2025-10-09"), Calendar.AddWorkingDays(D("2025-10-09"), 0));
    }

    [Fact]
    public void A_negative_number_of_working_days_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(D("2025-10-09"), -1));
    }

    [Theory]
    [InlineData("2025-09-30", "2025-10-10", 2)] // Tue; 1–8 Oct off; Thu 9, Fri 10
    [InlineData("2025-09-26", "2025-10-12", 6)] // Sun 28 Sep (make-up), 29, 30, 9 Oct, 10, Sat 11 (make-up)
    [InlineData("2026-02-13", "2026-02-24", 2)] // Sat 14 (make-up), Tue 24
    [InlineData("2025-03-14", "2025-03-14", 0)] // same day
    [InlineData("2025-03-14", "2025-03-16", 0)] // only a weekend in between
    public void Counting_working_days_skips_holidays(string fromExclusive, string toInclusive, int expected)
    {
        Assert.Equal(expected, Calendar.CountWorkingDays(D(fromExclusive), D(toInclusive)));
    }

    [Fact]
    public void Counting_backwards_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.CountWorkingDays(D("2025-03-14"), D("2025-03-13")));
    }

    [Theory]
    [InlineData("2025-01-20", 0)]
    [InlineData("2025-01-24", 7)]
    [InlineData("2026-02-12", 10)]
    [InlineData("2026-09-18", 5)]
    public void Counting_up_to_the_result_of_adding_gives_back_the_days_added(string start, int n)
    {
        Assert.Equal(n, Calendar.CountWorkingDays(D(start), Calendar.AddWorkingDays(D(start), n)));
    }

    [Fact]
    public void Instants_are_counted_by_their_dates_in_china_standard_time()
    {
        var cst = TimeSpan.FromHours(8);
        // Fri 13 Feb 23:30 CST → Tue 24 Feb 09:00 CST: Sat 14 (make-up) and Tue 24.
        Assert.Equal(2, Calendar.CountWorkingDays(
            new DateTimeOffset(2026, 2, 13, 23, 30, 0, cst), new DateTimeOffset(2026, 2, 24, 9, 0, 0, cst)));
        // The same wall-clock start given in UTC is 14 Feb 00:30 in China, so only Tue 24 is left.
        Assert.Equal(1, Calendar.CountWorkingDays(
            new DateTimeOffset(2026, 2, 13, 16, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 24, 1, 0, 0, TimeSpan.Zero)));
        // Monday evening to Tuesday morning is one working day whatever the hours.
        Assert.Equal(1, Calendar.CountWorkingDays(
            new DateTimeOffset(2026, 3, 9, 17, 0, 0, cst), new DateTimeOffset(2026, 3, 10, 9, 0, 0, cst)));
    }

    [Fact]
    public void The_china_date_of_an_instant_uses_utc_plus_8()
    {
        Assert.Equal(D("2026-01-01"), WorkingDayCalendar.ChinaDateOf(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal(D("2025-12-31"), WorkingDayCalendar.ChinaDateOf(new DateTimeOffset(2025, 12, 31, 15, 59, 59, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("1901-12-31", 1901)]
    [InlineData("2101-01-01", 2101)]
    [InlineData("0001-01-01", 1)]
    [InlineData("9999-12-31", 9999)]
    public void A_year_outside_the_supported_range_throws_naming_the_year_and_the_range(string date, int year)
    {
        var e = Assert.Throws<CalendarYearNotCoveredException>(() => Calendar.IsWorkingDay(D(date)));
        Assert.Equal(year, e.Year);
        Assert.Contains(year.ToString(CultureInfo.InvariantCulture), e.Message);
        Assert.Contains("1902 to 2100", e.Message);
        Assert.IsAssignableFrom<InvalidOperationException>(e);
        Assert.Throws<CalendarYearNotCoveredException>(() => Calendar.BasisOf(year));
        Assert.Throws<CalendarYearNotCoveredException>(() => Calendar.Year(year));
    }

    [Fact]
    public void Adding_or_counting_past_the_supported_range_throws()
    {
        Assert.Equal(2101, Assert.Throws<CalendarYearNotCoveredException>(() => Calendar.AddWorkingDays(D("2100-12-31"), 1)).Year);
        Assert.Equal(1901, Assert.Throws<CalendarYearNotCoveredException>(() => Calendar.AddWorkingDays(D("1901-12-31"), 0)).Year);
        Assert.Equal(1901, Assert.Throws<CalendarYearNotCoveredException>(() => Calendar.CountWorkingDays(D("1901-12-30"), D("1902-01-03"))).Year);
        Assert.Equal(2101, Assert.Throws<CalendarYearNotCoveredException>(() => Calendar.CountWorkingDays(D("2100-12-30"), D("2101-01-04"))).Year);
    }

    [Theory]
    [InlineData("2024-12-31", true)]  // Tuesday: a provisional year has no New Year's Eve bridge
    [InlineData("2024-10-01", false)] // National Day
    [InlineData("2027-01-01", false)] // Friday, 元旦
    [InlineData("2027-02-05", false)] // Friday, lunar new year's eve (lunar new year is Saturday 6 February)
    [InlineData("2027-02-08", false)] // Monday, lunar 1/3
    [InlineData("2027-02-09", true)]  // Tuesday: a provisional year has no extra days beyond the statute
    [InlineData("2027-03-10", true)]  // Wednesday
    [InlineData("2027-04-05", false)] // Monday, Qingming
    [InlineData("2027-10-04", true)]  // Monday after National Day (1-3 October, Friday to Sunday)
    public void A_year_without_a_notice_is_provisional_with_the_statutory_holidays(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(D(date)));
        Assert.Equal(CalendarBasis.Provisional, Calendar.BasisOf(D(date).Year));
    }

    [Fact]
    public void Adding_and_counting_run_on_into_a_provisional_year()
    {
        // Thu 31 Dec 2026; Fri 1 Jan 2027 is 元旦; weekend; Mon 4 Jan.
        Assert.Equal(D("2027-01-04"), Calendar.AddWorkingDays(D("2026-12-31"), 1));
        Assert.Equal(2, Calendar.CountWorkingDays(D("2026-12-30"), D("2027-01-04")));
        // Provisional 2027 has no make-up days: 261 weekdays less 元旦, the new year's eve (Fri), lunar 1/3 (Mon),
        // Qingming (Mon), 劳动节 (Sat, Sun: none), 端午 (Wed 9 Jun), 中秋 (Wed 15 Sep), 国庆 (Fri 1 Oct).
        Assert.Equal(261 - 7, Calendar.CountWorkingDays(D("2026-12-31"), D("2027-12-31")));
    }

    [Fact]
    public void The_basis_of_a_span_is_provisional_when_any_year_of_it_is()
    {
        Assert.Equal(CalendarBasis.Official, Calendar.BasisOf(D("2025-03-01"), D("2026-12-31")));
        Assert.Equal(CalendarBasis.Provisional, Calendar.BasisOf(D("2026-12-30"), D("2027-01-04")));
        Assert.Equal(CalendarBasis.Provisional, Calendar.BasisOf(D("2024-12-31"), D("2025-01-02")));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.BasisOf(D("2025-03-02"), D("2025-03-01")));
    }
}
