namespace Longgang.Platform.Calendar;

/// <summary>
/// One year of the working-day calendar: its holiday blocks and make-up workdays, and whether they come from the
/// State Council's notice (<see cref="CalendarBasis.Official"/>) or were derived from the statutory holidays
/// (<see cref="CalendarBasis.Provisional"/>). Every instance has passed <see cref="CalendarYearRules"/>; that is
/// why there is no public constructor and no settable property (a <c>with</c> expression could not re-validate).
/// </summary>
public sealed record CalendarYear
{
    private CalendarYear(int year, CalendarBasis basis, string source, HolidayBlock[] holidays, MakeUpWorkday[] makeUpWorkdays)
    {
        Year = year;
        Basis = basis;
        Source = source;
        Holidays = holidays.AsReadOnly();
        MakeUpWorkdays = makeUpWorkdays.AsReadOnly();
        DaysOff = holidays.SelectMany(Days).Order().ToArray().AsReadOnly();
    }

    public int Year { get; }

    public CalendarBasis Basis { get; }

    public string Source { get; }

    public IReadOnlyList<HolidayBlock> Holidays { get; }

    public IReadOnlyList<MakeUpWorkday> MakeUpWorkdays { get; }

    /// <summary>Every day of every holiday block, each once, in order.</summary>
    public IEnumerable<DateOnly> DaysOff { get; }

    /// <summary>The year derived from the statutory holidays (cached: it depends on the year alone).</summary>
    /// <exception cref="CalendarYearNotCoveredException"><paramref name="year"/> is outside the supported range.</exception>
    public static CalendarYear Provisional(int year) => ProvisionalYears.Of(year);

    /// <summary>A year as a State Council notice lists it, checked strictly.</summary>
    /// <exception cref="CalendarYearInvalidException">A rule is broken; <see cref="CalendarYearInvalidException.Field"/> says where.</exception>
    public static CalendarYear Official(
        int year, string source, IReadOnlyList<HolidayBlock> holidays, IReadOnlyList<MakeUpWorkday> makeUpWorkdays) =>
        Create(year, CalendarBasis.Official, source, holidays, makeUpWorkdays);

    /// <summary>A year from the <c>Data/{year}.json</c> file format.</summary>
    /// <exception cref="CalendarYearInvalidException">The JSON is malformed or breaks a rule.</exception>
    public static CalendarYear ParseJson(string json) => CalendarYearFile.Parse(json);

    /// <summary>The <c>Data/{year}.json</c> file format; <see cref="ParseJson"/> reads it back to an equal year.</summary>
    public string ToJson() => CalendarYearFile.Write(this);

    internal static CalendarYear Create(
        int year, CalendarBasis basis, string source, IReadOnlyList<HolidayBlock> holidays, IReadOnlyList<MakeUpWorkday> makeUpWorkdays)
    {
        // Copied before checking so a caller who mutates its list afterwards cannot change a validated year.
        var holidayCopy = holidays?.ToArray() ?? throw new CalendarYearInvalidException("holidays", $"{year} has no list of holidays.");
        var makeUpCopy = makeUpWorkdays?.ToArray() ?? throw new CalendarYearInvalidException("makeUpWorkdays", $"{year} has no list of make-up workdays.");
        CalendarYearRules.Check(year, source, holidayCopy, makeUpCopy);
        return new(year, basis, source, holidayCopy, makeUpCopy);
    }

    internal static IEnumerable<DateOnly> Days(HolidayBlock block) =>
        Enumerable.Range(0, block.Last.DayNumber - block.First.DayNumber + 1).Select(block.First.AddDays);

    public void Deconstruct(
        out int year, out CalendarBasis basis, out string source, out IReadOnlyList<HolidayBlock> holidays, out IReadOnlyList<MakeUpWorkday> makeUpWorkdays)
    {
        year = Year;
        basis = Basis;
        source = Source;
        holidays = Holidays;
        makeUpWorkdays = MakeUpWorkdays;
    }

    // Two years are equal when they list the same data; the generated equality would compare the lists by reference.
    public bool Equals(CalendarYear? other) =>
        other is not null
        && Year == other.Year && Basis == other.Basis && Source == other.Source
        && Holidays.SequenceEqual(other.Holidays) && MakeUpWorkdays.SequenceEqual(other.MakeUpWorkdays);

    public override int GetHashCode() => HashCode.Combine(Year, Basis, Source, Holidays.Count, MakeUpWorkdays.Count);
}
