namespace Longgang.Platform.Calendar;

/// <summary>
/// Working days in mainland China: Monday to Friday, except the statutory holidays, plus the Saturdays
/// and Sundays that a State Council notice makes working days (调休). Every statutory time limit
/// (承诺时限, 法定时限, correction and certificate deadlines) is counted in these days.
/// </summary>
/// <remarks>
/// A year is official when its notice has been shipped (<c>Calendar/Data/{year}.json</c>, embedded in this assembly)
/// or published into this instance (<see cref="Publish"/>); every other year from <see cref="MinYear"/> to
/// <see cref="MaxYear"/> is provisional (<see cref="CalendarYear.Provisional"/>), so clocks keep running into a year
/// whose notice is not out yet, and <see cref="BasisOf(DateOnly, DateOnly)"/> tells which deadlines may still move.
/// Thread-safe: readers work on an immutable snapshot that <see cref="Publish"/> swaps atomically.
/// </remarks>
public sealed class WorkingDayCalendar
{
    /// <summary>
    /// The first year whose 1 January and lunar new year's eve <see cref="System.Globalization.ChineseLunisolarCalendar"/>
    /// supports (its range starts on 19 February 1901, lunar 1901-01-01, so 1901's January and eve are outside it).
    /// </summary>
    public const int MinYear = 1902;

    /// <summary>
    /// The last year <see cref="System.Globalization.ChineseLunisolarCalendar"/> covers to 31 December (its range ends
    /// on 28 January 2101, the last day of lunar 2100).
    /// </summary>
    public const int MaxYear = 2100;

    /// <summary>China Standard Time. China has one time zone and no daylight saving, so a fixed offset is exact.</summary>
    public static readonly TimeSpan ChinaStandardTimeOffset = TimeSpan.FromHours(8);

    private const string ResourcePrefix = "Longgang.Platform.Calendar.Data.";

    private static readonly Lazy<IReadOnlyList<CalendarYear>> Shipped = new(LoadShipped);

    private static readonly WorkingDaysOfYear?[] ProvisionalDays = new WorkingDaysOfYear?[MaxYear - MinYear + 1];

    // The official years by year - MinYear. Never mutated once visible: Publish installs a modified copy.
    private WorkingDaysOfYear?[] official = new WorkingDaysOfYear?[MaxYear - MinYear + 1];

    private WorkingDayCalendar(IEnumerable<CalendarYear> officialYears)
    {
        var seen = new HashSet<int>();
        foreach (var year in officialYears)
        {
            if (!seen.Add(year.Year))
                throw new CalendarYearInvalidException("year", $"The calendar has two files for {year.Year}.");
            Publish(year);
        }
    }

    /// <summary>
    /// A new calendar holding the official years shipped in <c>Calendar/Data/</c>, on every access: each host (and
    /// test) gets its own, so that <see cref="Publish"/> on one changes no other. Hold on to the instance you use.
    /// </summary>
    public static WorkingDayCalendar Official => new(Shipped.Value);

    /// <summary>The official years of this calendar, in order; every other year in range is provisional.</summary>
    public IReadOnlyList<int> OfficialYears =>
        Volatile.Read(ref official).OfType<WorkingDaysOfYear>().Select(d => d.Year.Year).ToArray();

    /// <summary>
    /// The same as <see cref="OfficialYears"/>. Kept for callers written when only these years were covered; every
    /// year from <see cref="MinYear"/> to <see cref="MaxYear"/> is covered now, the others provisionally.
    /// </summary>
    public IReadOnlyList<int> Years => OfficialYears;

    /// <summary>
    /// A calendar whose official years are the given year files (format of <c>Calendar/Data/*.json</c>) and no others,
    /// for tests and tools; services use <see cref="Official"/>.
    /// </summary>
    /// <exception cref="CalendarYearInvalidException">A file is malformed or breaks a rule, or two are for one year.</exception>
    public static WorkingDayCalendar FromJson(IEnumerable<string> yearFiles) =>
        new(yearFiles.Select(CalendarYear.ParseJson).ToList());

    /// <summary>
    /// The official calendar plus year files that operations supply (for a year whose notice came out after this
    /// release); a supplied file replaces the shipped one for its year.
    /// </summary>
    /// <exception cref="CalendarYearInvalidException">A file is malformed or breaks a rule, or two are for one year.</exception>
    public static WorkingDayCalendar OfficialWith(IEnumerable<string> additionalYearFiles)
    {
        var additional = FromJson(additionalYearFiles);
        var calendar = Official;
        foreach (var year in additional.OfficialYears)
            calendar.Publish(additional.Year(year));
        return calendar;
    }

    /// <summary>
    /// Makes <paramref name="year"/> the official data for its year in this calendar, replacing what it had. Readers
    /// see either the old year or the new one, never a mixture; a count already under way finishes on the old one.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="year"/> is not <see cref="CalendarBasis.Official"/>.</exception>
    public void Publish(CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        if (year.Basis != CalendarBasis.Official)
            throw new ArgumentException($"Only an official year can be published; {year.Year} is {year.Basis}.", nameof(year));
        var days = new WorkingDaysOfYear(year);
        WorkingDaysOfYear?[] current, next;
        do
        {
            current = Volatile.Read(ref official);
            next = (WorkingDaysOfYear?[])current.Clone();
            next[year.Year - MinYear] = days;
        }
        while (Interlocked.CompareExchange(ref official, next, current) != current);
    }

    /// <summary>The official year if this calendar has it, else the provisional one.</summary>
    /// <exception cref="CalendarYearNotCoveredException"><paramref name="year"/> is outside <see cref="MinYear"/>..<see cref="MaxYear"/>.</exception>
    public CalendarYear Year(int year) => DaysOf(Volatile.Read(ref official), year).Year;

    /// <summary>Whether <paramref name="year"/> is official or provisional in this calendar.</summary>
    /// <exception cref="CalendarYearNotCoveredException"><paramref name="year"/> is outside <see cref="MinYear"/>..<see cref="MaxYear"/>.</exception>
    public CalendarBasis BasisOf(int year) => Year(year).Basis;

    /// <summary>
    /// The basis of a deadline counted from <paramref name="fromExclusive"/> to <paramref name="toInclusive"/>:
    /// provisional if any year the span touches is, since publishing that year may move the deadline.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toInclusive"/> is before <paramref name="fromExclusive"/>.</exception>
    /// <exception cref="CalendarYearNotCoveredException">A year of the span is outside <see cref="MinYear"/>..<see cref="MaxYear"/>.</exception>
    public CalendarBasis BasisOf(DateOnly fromExclusive, DateOnly toInclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(toInclusive, fromExclusive);
        var snapshot = Volatile.Read(ref official);
        var basis = CalendarBasis.Official;
        for (var year = fromExclusive.Year; year <= toInclusive.Year; year++)
        {
            if (DaysOf(snapshot, year).Year.Basis == CalendarBasis.Provisional)
                basis = CalendarBasis.Provisional;
        }
        return basis;
    }

    /// <summary>The date of <paramref name="instant"/> on a wall clock in China.</summary>
    public static DateOnly ChinaDateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(instant.ToOffset(ChinaStandardTimeOffset).DateTime);

    /// <summary>Whether <paramref name="date"/> is a working day.</summary>
    /// <exception cref="CalendarYearNotCoveredException">The date's year is outside <see cref="MinYear"/>..<see cref="MaxYear"/>.</exception>
    public bool IsWorkingDay(DateOnly date) => DaysOf(Volatile.Read(ref official), date.Year).IsWorkingDay(date);

    /// <summary>
    /// The <paramref name="n"/>-th working day after <paramref name="start"/>, counting from the day
    /// after it (as statutory periods do: the starting day is not counted). Whether
    /// <paramref name="start"/> is itself a working day therefore makes no difference: a Saturday or a
    /// holiday start gives the same result as the last working day before it would. With
    /// <paramref name="n"/> = 0 the result is <paramref name="start"/> unchanged, so that
    /// <c>CountWorkingDays(start, AddWorkingDays(start, n)) == n</c> for every n.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    /// <exception cref="CalendarYearNotCoveredException">
    /// <paramref name="start"/> or a day up to the result lies outside <see cref="MinYear"/>..<see cref="MaxYear"/>.
    /// </exception>
    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        // One snapshot for the whole walk, so a Publish meanwhile cannot give a result that is half old, half new.
        var snapshot = Volatile.Read(ref official);
        // Checked even for n = 0 so a start outside the range fails the same way whatever n is.
        DaysOf(snapshot, start.Year);
        var day = start;
        for (var found = 0; found < n;)
        {
            day = day.AddDays(1);
            if (DaysOf(snapshot, day.Year).IsWorkingDay(day))
                found++;
        }
        return day;
    }

    /// <summary>
    /// The number of working days <c>d</c> with <paramref name="fromExclusive"/> &lt; d ≤
    /// <paramref name="toInclusive"/>: the working days elapsed from a receipt on
    /// <paramref name="fromExclusive"/> to <paramref name="toInclusive"/> (0 on the same day, 1 on the
    /// next working day). Only the days in that range are looked up.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toInclusive"/> is before <paramref name="fromExclusive"/>.</exception>
    /// <exception cref="CalendarYearNotCoveredException">A day in the range lies outside <see cref="MinYear"/>..<see cref="MaxYear"/>.</exception>
    public int CountWorkingDays(DateOnly fromExclusive, DateOnly toInclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(toInclusive, fromExclusive);
        var snapshot = Volatile.Read(ref official);
        var count = 0;
        for (var day = fromExclusive.AddDays(1); day <= toInclusive; day = day.AddDays(1))
        {
            if (DaysOf(snapshot, day.Year).IsWorkingDay(day))
                count++;
        }
        return count;
    }

    /// <summary>
    /// <see cref="CountWorkingDays(DateOnly, DateOnly)"/> between the China Standard Time (UTC+8) dates
    /// of two instants; the time of day does not matter (Monday 17:00 to Tuesday 09:00 is one working day).
    /// </summary>
    public int CountWorkingDays(DateTimeOffset fromExclusive, DateTimeOffset toInclusive) =>
        CountWorkingDays(ChinaDateOf(fromExclusive), ChinaDateOf(toInclusive));

    private static WorkingDaysOfYear DaysOf(WorkingDaysOfYear?[] snapshot, int year)
    {
        if (year is < MinYear or > MaxYear)
            throw new CalendarYearNotCoveredException(year);
        return snapshot[year - MinYear] ?? ProvisionalDaysOf(year);
    }

    // Provisional years are the same in every calendar, so they are flattened once per process, on first use.
    private static WorkingDaysOfYear ProvisionalDaysOf(int year)
    {
        ref var slot = ref ProvisionalDays[year - MinYear];
        if (Volatile.Read(ref slot) is { } cached)
            return cached;
        var days = new WorkingDaysOfYear(CalendarYear.Provisional(year));
        return Interlocked.CompareExchange(ref slot, days, null) ?? days;
    }

    private static List<CalendarYear> LoadShipped()
    {
        var assembly = typeof(WorkingDayCalendar).Assembly;
        var years = new List<CalendarYear>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var year = CalendarYear.ParseJson(reader.ReadToEnd());
            // The file name is what a maintainer looks for; a "year" field that disagrees is a copy-paste slip.
            if (name != $"{ResourcePrefix}{year.Year}.json")
                throw new CalendarYearInvalidException("year", $"Calendar file {name} says it is for {year.Year}.");
            if (year.Basis != CalendarBasis.Official)
                throw new CalendarYearInvalidException("basis", $"Calendar file {name} is not an official notice.");
            years.Add(year);
        }
        return years;
    }
}
