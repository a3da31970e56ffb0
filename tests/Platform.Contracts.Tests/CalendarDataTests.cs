using System.Globalization;
using System.Text.Json;
using Longgang.Platform.Calendar;

namespace Longgang.Platform.Tests;

/// <summary>The shipped year files themselves, read as raw JSON, and the loader's refusal of bad ones.</summary>
public sealed class CalendarDataTests
{
    private const string Prefix = "Longgang.Platform.Calendar.Data.";

    private static IEnumerable<(string Name, JsonElement Root)> ShippedFiles()
    {
        var assembly = typeof(WorkingDayCalendar).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var document = JsonDocument.Parse(stream);
            yield return (name, document.RootElement.Clone());
        }
    }

    private static DateOnly Date(JsonElement e) =>
        DateOnly.ParseExact(e.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IEnumerable<DateOnly> DaysOff(JsonElement root) =>
        root.GetProperty("holidays").EnumerateArray().SelectMany(h =>
        {
            var first = Date(h.GetProperty("first"));
            var last = Date(h.GetProperty("last"));
            return Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays);
        });

    private static IEnumerable<DateOnly> MakeUpDays(JsonElement root) =>
        root.GetProperty("makeUpWorkdays").EnumerateArray().Select(m => Date(m.GetProperty("date")));

    [Fact]
    public void One_file_per_year_is_embedded_for_2025_and_2026()
    {
        Assert.Equal([$"{Prefix}2025.json", $"{Prefix}2026.json"], ShippedFiles().Select(f => f.Name));
    }

    [Fact]
    public void Each_file_is_well_formed_names_its_source_and_lists_only_dates_of_its_year()
    {
        foreach (var (name, root) in ShippedFiles())
        {
            var year = root.GetProperty("year").GetInt32();
            Assert.Equal($"{Prefix}{year}.json", name);
            Assert.Contains($"国务院办公厅关于{year}年部分节假日安排的通知", root.GetProperty("source").GetString());
            foreach (var h in root.GetProperty("holidays").EnumerateArray())
                Assert.False(string.IsNullOrWhiteSpace(h.GetProperty("name").GetString()), $"{name}: holiday without a name");
            var dates = root.GetProperty("holidays").EnumerateArray()
                .SelectMany(h => new[] { Date(h.GetProperty("first")), Date(h.GetProperty("last")) })
                .Concat(MakeUpDays(root));
            Assert.All(dates, d => Assert.Equal(year, d.Year));
        }
    }

    [Fact]
    public void No_holiday_date_is_also_a_make_up_day()
    {
        foreach (var (name, root) in ShippedFiles())
            Assert.Empty(DaysOff(root).Intersect(MakeUpDays(root)));
    }

    private static string File(string holidays, string makeUps) =>
        $$"""{ "year": 2030, "source": "test", "holidays": [{{holidays}}], "makeUpWorkdays": [{{makeUps}}] }""";

    [Theory]
    [InlineData("""{ "name": "春节", "first": "2030-02-02", "last": "2030-02-08" }""", """{ "date": "2030-02-02", "for": "春节" }""", "both a make-up workday and a day of holidays[0]")]
    [InlineData("""{ "name": "元旦", "first": "2029-12-31", "last": "2030-01-01" }""", "", "outside 2030")]
    [InlineData("""{ "name": "春节", "first": "2030-02-08", "last": "2030-02-02" }""", "", "before it starts")]
    [InlineData("""{ "name": "春节", "first": "2030-02-02", "last": "2030-02-08" }""", """{ "date": "2030-02-11", "for": "春节" }""", "is a Monday")]
    [InlineData("""{ "name": "春节", "first": "2030-02-02", "last": "2030-02-08" }""", """{ "date": "2030-02-09", "for": "国庆节" }""", "not one of the holidays")]
    [InlineData("""{ "name": "春节", "first": "2030-02-02", "last": "2030-02-08", "note": "x" }""", "", "'note'")]
    [InlineData("""{ "name": "春节", "first": "2030-02-02" }""", "", "'last'")]
    public void A_malformed_year_file_is_refused(string holidays, string makeUps, string reason)
    {
        var e = Assert.Throws<CalendarYearInvalidException>(() => WorkingDayCalendar.FromJson([File(holidays, makeUps)]));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Two_files_for_one_year_are_refused()
    {
        var file = File("""{ "name": "元旦", "first": "2030-01-01", "last": "2030-01-01" }""", "");
        Assert.Contains("two files for 2030", Assert.Throws<CalendarYearInvalidException>(() => WorkingDayCalendar.FromJson([file, file])).Message);
    }

    [Fact]
    public void A_well_formed_year_file_is_loaded()
    {
        var calendar = WorkingDayCalendar.FromJson([File(
            """{ "name": "春节", "first": "2030-02-02", "last": "2030-02-08" }""",
            """{ "date": "2030-02-09", "for": "春节" }""")]);
        Assert.Equal([2030], calendar.OfficialYears);
        Assert.Equal(CalendarBasis.Provisional, calendar.BasisOf(2025)); // only the given files are official
        Assert.False(calendar.IsWorkingDay(new DateOnly(2030, 2, 4)));  // Monday, holiday
        Assert.True(calendar.IsWorkingDay(new DateOnly(2030, 2, 9)));   // Saturday, make-up
    }
}
