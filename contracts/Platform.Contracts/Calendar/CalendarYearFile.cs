using System.Text.Json;
using System.Text.Json.Serialization;

namespace Longgang.Platform.Calendar;

/// <summary>The shape of one <c>Data/{year}.json</c> file, and the checks it must pass to be used.</summary>
internal sealed record CalendarYearFile(
    int Year,
    string Source,
    IReadOnlyList<HolidayBlock> Holidays,
    IReadOnlyList<MakeUpWorkday> MakeUpWorkdays)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // A misspelt or missing field must stop the load, not silently drop a holiday.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Every day off the file lists, each once.</summary>
    public IEnumerable<DateOnly> DaysOff =>
        Holidays.SelectMany(h => Enumerable.Range(0, h.Last.DayNumber - h.First.DayNumber + 1).Select(h.First.AddDays));

    public static CalendarYearFile Parse(string json)
    {
        CalendarYearFile file;
        try
        {
            file = JsonSerializer.Deserialize<CalendarYearFile>(json, Options)
                ?? throw new InvalidDataException("A calendar file is empty (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"A calendar file is not valid: {e.Message}", e);
        }
        file.Validate();
        return file;
    }

    // The data is typed in by hand from a notice; these checks catch the typos that would otherwise
    // shift a deadline silently.
    private void Validate()
    {
        if (string.IsNullOrWhiteSpace(Source))
            Fail("has no source (the State Council notice it was copied from)");
        foreach (var h in Holidays)
        {
            if (string.IsNullOrWhiteSpace(h.Name))
                Fail($"has a holiday without a name ({h.First}–{h.Last})");
            if (h.Last < h.First)
                Fail($"has holiday {h.Name} ending ({h.Last}) before it starts ({h.First})");
            if (h.First.Year != Year || h.Last.Year != Year)
                Fail($"has holiday {h.Name} ({h.First}–{h.Last}) outside {Year}");
        }
        var daysOff = new HashSet<DateOnly>();
        foreach (var day in DaysOff)
        {
            if (!daysOff.Add(day))
                Fail($"lists {day} in two holidays");
        }
        var names = Holidays.Select(h => h.Name).ToHashSet();
        var makeUps = new HashSet<DateOnly>();
        foreach (var m in MakeUpWorkdays)
        {
            if (m.Date.Year != Year)
                Fail($"has make-up working day {m.Date} outside {Year}");
            if (m.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                Fail($"has make-up working day {m.Date} on a {m.Date.DayOfWeek}, which is a working day anyway");
            if (!names.Contains(m.For))
                Fail($"has make-up working day {m.Date} for \"{m.For}\", which is not one of its holidays");
            if (daysOff.Contains(m.Date))
                Fail($"lists {m.Date} both as a holiday and as a make-up working day");
            if (!makeUps.Add(m.Date))
                Fail($"lists make-up working day {m.Date} twice");
        }
    }

    private void Fail(string problem) => throw new InvalidDataException($"The calendar file for {Year} {problem}.");
}

/// <summary>A statutory holiday block: every day from <see cref="First"/> to <see cref="Last"/> is off.</summary>
internal sealed record HolidayBlock(string Name, DateOnly First, DateOnly Last);

/// <summary>A Saturday or Sunday that is a working day (调休) to make up for the holiday it names.</summary>
internal sealed record MakeUpWorkday(DateOnly Date, string For);
