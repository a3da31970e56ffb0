using System.Globalization;
using Longgang.Platform.Calendar;

namespace Longgang.Platform.Tests;

/// <summary>Provisional years derived from the statutory holidays, proved against the shipped notices.</summary>
public sealed class ProvisionalYearTests(ITestOutputHelper output)
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static HolidayBlock Block(int year, string name) =>
        Assert.Single(CalendarYear.Provisional(year).Holidays, h => h.Name == name);

    [Fact]
    public void The_supported_range_is_where_dotnet_knows_the_lunar_calendar_for_the_whole_year()
    {
        var lunar = new ChineseLunisolarCalendar();
        Assert.True(new DateTime(WorkingDayCalendar.MinYear, 1, 1) >= lunar.MinSupportedDateTime);
        Assert.True(new DateTime(WorkingDayCalendar.MinYear - 1, 1, 1) < lunar.MinSupportedDateTime);
        Assert.True(new DateTime(WorkingDayCalendar.MaxYear, 12, 31) <= lunar.MaxSupportedDateTime);
        Assert.True(new DateTime(WorkingDayCalendar.MaxYear + 1, 12, 31) > lunar.MaxSupportedDateTime);
    }

    // Each provisional day off must lie in an official block of the same festival; the 2025 notice names one block
    // 国庆节、中秋节, so a block matches every festival its name lists.
    [Theory]
    [InlineData(2025)]
    [InlineData(2026)]
    public void Every_provisional_day_off_is_in_the_official_block_of_the_same_festival(int year)
    {
        var official = WorkingDayCalendar.Official.Year(year);
        Assert.Equal(CalendarBasis.Official, official.Basis);
        var provisional = CalendarYear.Provisional(year);
        Assert.Equal(CalendarBasis.Provisional, provisional.Basis);
        Assert.Empty(provisional.MakeUpWorkdays);
        Assert.Equal(13, provisional.DaysOff.Count());
        foreach (var block in provisional.Holidays)
        {
            var matches = new List<string>();
            foreach (var day in CalendarYear.Provisional(year).DaysOff.Where(d => d >= block.First && d <= block.Last))
            {
                var home = official.Holidays.SingleOrDefault(h => h.First <= day && day <= h.Last);
                Assert.True(home is not null, $"{day:yyyy-MM-dd} ({block.Name}) is not off in the {year} notice");
                foreach (var festival in block.Name.Split('、'))
                    Assert.Contains(festival, home.Name.Split('、'));
                matches.Add($"{day:yyyy-MM-dd} {day.DayOfWeek.ToString()[..3]} ⊂ {home.Name} {home.First:MM-dd}..{home.Last:MM-dd}");
            }
            output.WriteLine($"{year} {block.Name}: {string.Join("; ", matches)}");
        }
    }

    [Theory]
    [InlineData(2025, "2025-01-28", "2025-01-29", "2025-04-04", "2025-05-31", "2025-10-06")]
    [InlineData(2026, "2026-02-16", "2026-02-17", "2026-04-05", "2026-06-19", "2026-09-25")]
    public void The_festivals_fall_on_their_known_dates(int year, string eve, string newYear, string qingming, string dragonBoat, string midAutumn)
    {
        Assert.Equal(new HolidayBlock("元旦", new(year, 1, 1), new(year, 1, 1)), Block(year, "元旦"));
        Assert.Equal(new HolidayBlock("春节", D(eve), D(newYear).AddDays(2)), Block(year, "春节"));
        Assert.Equal(D(qingming), Block(year, "清明节").First);
        Assert.Equal(new HolidayBlock("劳动节", new(year, 5, 1), new(year, 5, 2)), Block(year, "劳动节"));
        Assert.Equal(D(dragonBoat), Block(year, "端午节").First);
        Assert.Equal(D(midAutumn), Block(year, "中秋节").First);
        Assert.Equal(new HolidayBlock("国庆节", new(year, 10, 1), new(year, 10, 3)), Block(year, "国庆节"));
    }

    [Theory]
    [InlineData("2008-04-04")]
    [InlineData("2009-04-04")] // 23:3x CST: the nearest to midnight of the years checked here
    [InlineData("2019-04-05")]
    [InlineData("2020-04-04")]
    [InlineData("2021-04-04")]
    [InlineData("2022-04-05")]
    [InlineData("2023-04-05")]
    [InlineData("2024-04-04")]
    [InlineData("2025-04-04")]
    [InlineData("2026-04-05")]
    [InlineData("2027-04-05")]
    [InlineData("2028-04-04")]
    [InlineData("2029-04-04")]
    [InlineData("2030-04-05")]
    [InlineData("2031-04-05")]
    public void Qingming_is_computed_from_the_sun(string date)
    {
        var block = Block(D(date).Year, "清明节");
        Assert.Equal(D(date), block.First);
        Assert.Equal(block.First, block.Last);
    }

    [Fact]
    public void Mid_autumn_on_national_day_is_off_once_in_one_block()
    {
        // 2020: lunar 8/15 was 1 October.
        var year = CalendarYear.Provisional(2020);
        var block = Assert.Single(year.Holidays, h => h.Name.Contains("中秋节", StringComparison.Ordinal));
        Assert.Equal(new HolidayBlock("国庆节、中秋节", D("2020-10-01"), D("2020-10-03")), block);
        Assert.Equal(12, year.DaysOff.Count());
    }

    [Fact]
    public void Every_supported_year_derives_with_thirteen_statutory_days_unless_two_coincide()
    {
        var coinciding = new List<int>();
        for (var y = WorkingDayCalendar.MinYear; y <= WorkingDayCalendar.MaxYear; y++)
        {
            var year = CalendarYear.Provisional(y);
            Assert.Equal(y, year.Year);
            Assert.All(year.DaysOff, d => Assert.Equal(y, d.Year));
            Assert.InRange(Block(y, "清明节").First, new DateOnly(y, 4, 3), new DateOnly(y, 4, 6));
            if (year.Holidays.Count == 7)
            {
                Assert.Equal(13, year.DaysOff.Count());
            }
            else
            {
                Assert.Equal(6, year.Holidays.Count);
                Assert.Contains(year.Holidays, h => h.Name == "国庆节、中秋节");
                Assert.Equal(12, year.DaysOff.Count());
                coinciding.Add(y);
            }
        }
        output.WriteLine($"Mid-Autumn within 1-3 October: {string.Join(", ", coinciding)}");
        Assert.Contains(2001, coinciding);
        Assert.Contains(2020, coinciding);
    }

    [Fact]
    public void A_provisional_year_is_derived_once_and_the_same_afterwards()
    {
        Assert.Same(CalendarYear.Provisional(2040), CalendarYear.Provisional(2040));
    }

    [Theory]
    [InlineData(WorkingDayCalendar.MinYear - 1)]
    [InlineData(WorkingDayCalendar.MaxYear + 1)]
    public void A_year_outside_the_range_is_not_derived(int year)
    {
        Assert.Equal(year, Assert.Throws<CalendarYearNotCoveredException>(() => CalendarYear.Provisional(year)).Year);
    }
}
