using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Longgang.Platform.Calendar;

/// <summary>
/// The checks a year must pass. The data is typed in by hand from a notice (and may arrive through an API); these
/// checks catch the slips that would otherwise shift a deadline silently, and bound the input.
/// </summary>
internal static class CalendarYearRules
{
    public const int MaxBlocks = 30;
    public const int MaxMakeUpWorkdays = 30;
    public const int MaxNameLength = 50;
    public const int MaxSourceLength = 200;

    public static void Check(int year, string? source, HolidayBlock?[] holidays, MakeUpWorkday?[] makeUpWorkdays)
    {
        if (year is < WorkingDayCalendar.MinYear or > WorkingDayCalendar.MaxYear)
            Fail("year", $"{year} is outside {WorkingDayCalendar.MinYear}..{WorkingDayCalendar.MaxYear}");
        if (string.IsNullOrWhiteSpace(source))
            Fail("source", $"{year} has no source (the State Council notice it was copied from)");
        if (TextLength(source) > MaxSourceLength)
            Fail("source", $"{year} has a source longer than {MaxSourceLength} characters");
        if (holidays.Length > MaxBlocks)
            Fail("holidays", $"{year} has {holidays.Length} holiday blocks, more than {MaxBlocks}");
        if (makeUpWorkdays.Length > MaxMakeUpWorkdays)
            Fail("makeUpWorkdays", $"{year} has {makeUpWorkdays.Length} make-up workdays, more than {MaxMakeUpWorkdays}");

        var owner = new Dictionary<DateOnly, int>();
        for (var i = 0; i < holidays.Length; i++)
            CheckBlock(year, holidays, i, owner);

        var names = holidays.Select(h => h!.Name).ToHashSet(StringComparer.Ordinal);
        var makeUps = new HashSet<DateOnly>();
        for (var i = 0; i < makeUpWorkdays.Length; i++)
        {
            var field = $"makeUpWorkdays[{i}]";
            var m = makeUpWorkdays[i] ?? Fail<MakeUpWorkday>(field, "is empty");
            if (m.Date.Year != year)
                Fail($"{field}.date", $"make-up workday {m.Date:yyyy-MM-dd} is outside {year}");
            if (m.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                Fail($"{field}.date", $"make-up workday {m.Date:yyyy-MM-dd} is a {m.Date.DayOfWeek}, which is a working day anyway");
            if (owner.TryGetValue(m.Date, out var block))
                Fail($"{field}.date", $"{m.Date:yyyy-MM-dd} is both a make-up workday and a day of holidays[{block}] ({holidays[block]!.Name})");
            if (!makeUps.Add(m.Date))
                Fail($"{field}.date", $"make-up workday {m.Date:yyyy-MM-dd} is listed twice");
            if (m.For is null || !names.Contains(m.For))
                Fail($"{field}.for", $"make-up workday {m.Date:yyyy-MM-dd} is for \"{m.For}\", which is not one of the holidays of {year}");
        }
    }

    private static void CheckBlock(int year, HolidayBlock?[] holidays, int i, Dictionary<DateOnly, int> owner)
    {
        var field = $"holidays[{i}]";
        var h = holidays[i] ?? Fail<HolidayBlock>(field, "is empty");
        if (string.IsNullOrWhiteSpace(h.Name))
            Fail($"{field}.name", $"the holiday {h.First:yyyy-MM-dd}..{h.Last:yyyy-MM-dd} has no name");
        if (TextLength(h.Name) > MaxNameLength)
            Fail($"{field}.name", $"a holiday name is longer than {MaxNameLength} characters");
        if (h.First.Year != year)
            Fail($"{field}.first", $"holiday {h.Name} starts on {h.First:yyyy-MM-dd}, outside {year}");
        if (h.Last.Year != year)
            Fail($"{field}.last", $"holiday {h.Name} ends on {h.Last:yyyy-MM-dd}, outside {year}");
        if (h.Last < h.First)
            Fail($"{field}.last", $"holiday {h.Name} ends ({h.Last:yyyy-MM-dd}) before it starts ({h.First:yyyy-MM-dd})");
        foreach (var day in CalendarYear.Days(h))
        {
            if (!owner.TryAdd(day, i))
                Fail(field, $"{day:yyyy-MM-dd} is in two holidays, holidays[{owner[day]}] ({holidays[owner[day]]!.Name}) and {h.Name}");
        }
    }

    // Length as a reader counts it: an emoji or a character with combining marks is one.
    private static int TextLength(string? text) => text is null ? 0 : new StringInfo(text).LengthInTextElements;

    [DoesNotReturn]
    private static void Fail(string field, string problem) => Fail<object>(field, problem);

    [DoesNotReturn]
    private static T Fail<T>(string field, string problem) =>
        throw new CalendarYearInvalidException(field, $"The calendar year is invalid at {field}: {problem}.");
}
