using System.Globalization;

namespace Longgang.Platform.Calendar;

/// <summary>
/// A year derived from 《全国年节及纪念日放假办法》 as in force since 1 January 2025 (State Council Decree No. 795):
/// 13 statutory days off, weekends off, and no make-up workdays, which only a notice can set.
/// </summary>
internal static class ProvisionalYears
{
    internal const string NewYear = "元旦";
    internal const string SpringFestival = "春节";
    internal const string Qingming = "清明节";
    internal const string LabourDay = "劳动节";
    internal const string DragonBoat = "端午节";
    internal const string MidAutumn = "中秋节";
    internal const string NationalDay = "国庆节";

    private const string Source =
        "暂定（provisional）：按2025年1月1日起施行的《全国年节及纪念日放假办法》推算的法定节日，无调休；以国务院办公厅当年通知为准";

    private static readonly CalendarYear?[] Cache = new CalendarYear?[WorkingDayCalendar.MaxYear - WorkingDayCalendar.MinYear + 1];

    public static CalendarYear Of(int year)
    {
        if (year is < WorkingDayCalendar.MinYear or > WorkingDayCalendar.MaxYear)
            throw new CalendarYearNotCoveredException(year);
        ref var slot = ref Cache[year - WorkingDayCalendar.MinYear];
        // Two threads may both derive a year; the results are equal, so whichever is stored first wins harmlessly.
        if (Volatile.Read(ref slot) is { } cached)
            return cached;
        var derived = Derive(year);
        return Interlocked.CompareExchange(ref slot, derived, null) ?? derived;
    }

    private static CalendarYear Derive(int year)
    {
        var lunar = new ChineseLunisolarCalendar();
        var newYear = Lunar(lunar, year, 1, 1);
        var blocks = new List<HolidayBlock>
        {
            new(NewYear, new(year, 1, 1), new(year, 1, 1)),
            new(SpringFestival, newYear.AddDays(-1), newYear.AddDays(2)),
            Day(Qingming, SolarTerms.Qingming(year)),
            new(LabourDay, new(year, 5, 1), new(year, 5, 2)),
            Day(DragonBoat, Lunar(lunar, year, 5, 5)),
            Day(MidAutumn, Lunar(lunar, year, 8, 15)),
            new(NationalDay, new(year, 10, 1), new(year, 10, 3)),
        };
        return CalendarYear.Create(year, CalendarBasis.Provisional, Source, Merge(blocks), []);
    }

    /// <summary>
    /// Blocks that share a day become one, named like the notices name it (2025: 国庆节、中秋节), so no day is in two
    /// blocks and the day is off once. Only Mid-Autumn on 1–3 October can coincide (2001, 2020, 2028, 2031, ...).
    /// </summary>
    private static List<HolidayBlock> Merge(List<HolidayBlock> blocks)
    {
        var merged = new List<HolidayBlock>();
        // The longer block first, so its name leads: 国庆节 contains 中秋节, not the other way round.
        foreach (var block in blocks.OrderBy(b => b.First).ThenByDescending(b => b.Last))
        {
            if (merged.Count > 0 && merged[^1] is var previous && block.First <= previous.Last)
                merged[^1] = new($"{previous.Name}、{block.Name}", previous.First, block.Last > previous.Last ? block.Last : previous.Last);
            else
                merged.Add(block);
        }
        return merged;
    }

    private static HolidayBlock Day(string name, DateOnly day) => new(name, day, day);

    /// <summary>The Gregorian date of a lunar month and day in the lunar year that begins in <paramref name="year"/>.</summary>
    private static DateOnly Lunar(ChineseLunisolarCalendar lunar, int year, int month, int day)
    {
        // In a leap year months are numbered 1..13 and the leap month follows its namesake: with a leap 4th month
        // GetLeapMonth is 5, and the (ordinary) 5th month is month 6. The festivals fall in the ordinary month.
        var leapMonth = lunar.GetLeapMonth(year);
        var index = leapMonth != 0 && leapMonth <= month ? month + 1 : month;
        return DateOnly.FromDateTime(lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }
}
