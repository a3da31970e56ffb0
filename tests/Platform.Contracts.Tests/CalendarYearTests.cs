using System.Globalization;
using Longgang.Platform.Calendar;

namespace Longgang.Platform.Tests;

/// <summary>Strict validation of an official year, and its file format.</summary>
public sealed class CalendarYearTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly HolidayBlock SpringFestival = new("春节", D("2027-02-05"), D("2027-02-11"));
    private static readonly HolidayBlock NationalDay = new("国庆节", D("2027-10-01"), D("2027-10-07"));
    private static readonly MakeUpWorkday Saturday = new(D("2027-02-13"), "春节");

    private static CalendarYear Year(
        int year = 2027, string source = "test notice", HolidayBlock[]? holidays = null, MakeUpWorkday[]? makeUps = null) =>
        CalendarYear.Official(year, source, holidays ?? [SpringFestival, NationalDay], makeUps ?? [Saturday]);

    private static void Refused(string field, Func<CalendarYear> make) =>
        Assert.Equal(field, Assert.Throws<CalendarYearInvalidException>(make).Field);

    [Fact]
    public void A_valid_year_is_accepted_with_its_days_off_each_once_in_order()
    {
        var year = Year();
        Assert.Equal(CalendarBasis.Official, year.Basis);
        Assert.Equal(14, year.DaysOff.Count());
        Assert.Equal(year.DaysOff.Order(), year.DaysOff);
        Assert.Equal(D("2027-02-05"), year.DaysOff.First());
    }

    [Theory]
    [InlineData(WorkingDayCalendar.MinYear - 1)]
    [InlineData(WorkingDayCalendar.MaxYear + 1)]
    public void A_year_outside_the_range_is_refused(int year) =>
        Refused("year", () => Year(year: year, holidays: [], makeUps: []));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_year_without_a_source_is_refused(string source) => Refused("source", () => Year(source: source));

    [Fact]
    public void A_holiday_without_a_name_is_refused() =>
        Refused("holidays[1].name", () => Year(holidays: [SpringFestival, NationalDay with { Name = " " }]));

    [Fact]
    public void A_name_longer_than_50_text_elements_is_refused()
    {
        // 50 family emoji are 50 text elements but far more UTF-16 units: the limit counts what a reader sees.
        var family = "👨‍👩‍👧";
        Year(holidays: [SpringFestival, NationalDay with { Name = string.Concat(Enumerable.Repeat(family, 50)) }], makeUps: []);
        Refused("holidays[1].name", () => Year(holidays: [SpringFestival, NationalDay with { Name = new string('节', 51) }]));
    }

    [Fact]
    public void A_holiday_ending_before_it_starts_is_refused() =>
        Refused("holidays[0].last", () => Year(holidays: [SpringFestival with { Last = D("2027-02-04") }]));

    [Fact]
    public void A_holiday_outside_the_year_is_refused()
    {
        Refused("holidays[0].first", () => Year(holidays: [new("元旦", D("2026-12-31"), D("2027-01-01"))], makeUps: []));
        Refused("holidays[0].last", () => Year(holidays: [new("元旦", D("2027-12-31"), D("2028-01-01"))], makeUps: []));
    }

    [Fact]
    public void A_day_in_two_holidays_is_refused() =>
        Refused("holidays[1]", () => Year(holidays: [SpringFestival, new("元宵", D("2027-02-11"), D("2027-02-11"))]));

    [Fact]
    public void A_make_up_day_on_a_weekday_is_refused() =>
        Refused("makeUpWorkdays[0].date", () => Year(makeUps: [new(D("2027-02-12"), "春节")]));

    [Fact]
    public void A_make_up_day_that_is_a_holiday_is_refused() =>
        Refused("makeUpWorkdays[0].date", () => Year(holidays: [SpringFestival with { Last = D("2027-02-14") }]));

    [Fact]
    public void A_make_up_day_listed_twice_is_refused() =>
        Refused("makeUpWorkdays[1].date", () => Year(makeUps: [Saturday, Saturday]));

    [Fact]
    public void A_make_up_day_outside_the_year_is_refused() =>
        Refused("makeUpWorkdays[0].date", () => Year(makeUps: [new(D("2028-01-01"), "春节")]));

    [Fact]
    public void A_make_up_day_for_a_holiday_not_listed_is_refused() =>
        Refused("makeUpWorkdays[0].for", () => Year(makeUps: [Saturday with { For = "劳动节" }]));

    [Fact]
    public void More_than_30_holiday_blocks_or_make_up_days_are_refused()
    {
        var weekends = Enumerable.Range(0, 62).Select(i => D("2027-01-02").AddDays(7 * (i / 2) + i % 2)).ToArray();
        HolidayBlock[] Blocks(int n) => weekends.Take(n).Select((d, i) => new HolidayBlock($"假{i}", d, d)).ToArray();
        MakeUpWorkday[] MakeUps(int n) => weekends.Skip(31).Take(n).Select(d => new MakeUpWorkday(d, "假0")).ToArray();
        Year(holidays: Blocks(30), makeUps: MakeUps(30));
        Refused("holidays", () => Year(holidays: Blocks(31), makeUps: []));
        Refused("makeUpWorkdays", () => Year(holidays: Blocks(1), makeUps: MakeUps(31)));
    }

    [Fact]
    public void The_lists_are_copied_so_a_validated_year_cannot_change()
    {
        var holidays = new List<HolidayBlock> { SpringFestival };
        var year = CalendarYear.Official(2027, "test", holidays, []);
        holidays.Add(SpringFestival);
        Assert.Single(year.Holidays);
        Assert.False(year.Holidays is HolidayBlock[], "the list handed out must not be castable to a writable array");
    }

    [Fact]
    public void An_official_year_round_trips_through_json()
    {
        var year = Year();
        var json = year.ToJson();
        Assert.Contains("\"makeUpWorkdays\"", json);
        Assert.Contains("春节", json); // readable, not \u6625
        Assert.DoesNotContain("basis", json);
        Assert.Equal(year, CalendarYear.ParseJson(json));
    }

    [Fact]
    public void A_shipped_notice_and_a_provisional_year_round_trip_through_json()
    {
        var shipped = WorkingDayCalendar.Official.Year(2026);
        Assert.Equal(shipped, CalendarYear.ParseJson(shipped.ToJson()));
        var provisional = CalendarYear.Provisional(2027);
        var back = CalendarYear.ParseJson(provisional.ToJson());
        Assert.Equal(CalendarBasis.Provisional, back.Basis);
        Assert.Equal(provisional, back);
    }

    [Theory]
    [InlineData("""{ "year": 2027, "source": "x", "holidays": [{ "name": "春节", "first": "2027-02-05", "last": "2027-02-3" }], "makeUpWorkdays": [] }""", "holidays[0].last")]
    [InlineData("""{ "year": 2027, "source": "x", "holidays": [{ "name": "春节", "first": "2027-02-05", "last": "2027-02-06" }], "makeUpWorkdays": [{ "date": "2027-02-13", "for": null }] }""", "makeUpWorkdays[0].for")]
    [InlineData("""{ "year": 2027, "source": "x", "holidays": [], "makeUpWorkdays": [], "basis": "official" }""", "basis")]
    [InlineData("""{ "year": 2027, "source": "", "holidays": [], "makeUpWorkdays": [] }""", "source")]
    [InlineData("""{ "year": 2027, "source": "x", "holidays": [{ "name": "春节", "first": "2027-02-05", "last": "2027-02-04" }], "makeUpWorkdays": [] }""", "holidays[0].last")]
    [InlineData("""[]""", "")]
    public void A_malformed_file_is_refused_naming_the_field(string json, string field) =>
        Refused(field, () => CalendarYear.ParseJson(json));
}
