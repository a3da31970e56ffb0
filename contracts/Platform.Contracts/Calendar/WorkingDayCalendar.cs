namespace Longgang.Platform.Calendar;

/// <summary>
/// Working days in mainland China: Monday to Friday, except the statutory holidays, plus the Saturdays
/// and Sundays that a State Council notice makes working days (调休). Every statutory time limit
/// (承诺时限, 法定时限, correction and certificate deadlines) is counted in these days.
/// </summary>
/// <remarks>
/// The data is one file per year (<c>Calendar/Data/{year}.json</c>, embedded in this assembly). Any
/// question about a day in a year without a file throws <see cref="CalendarYearNotCoveredException"/>:
/// a deadline that ignores a holiday is wrong, so the calendar fails loudly rather than guess.
/// </remarks>
public sealed class WorkingDayCalendar
{
    /// <summary>China Standard Time. China has one time zone and no daylight saving, so a fixed offset is exact.</summary>
    public static readonly TimeSpan ChinaStandardTimeOffset = TimeSpan.FromHours(8);

    private const string ResourcePrefix = "Longgang.Platform.Calendar.Data.";

    private static readonly Lazy<WorkingDayCalendar> OfficialCalendar = new(LoadOfficial);

    private readonly HashSet<int> years = [];
    private readonly HashSet<DateOnly> daysOff = [];
    private readonly HashSet<DateOnly> makeUpWorkdays = [];

    private WorkingDayCalendar(IEnumerable<CalendarYearFile> files)
    {
        foreach (var file in files)
        {
            if (!years.Add(file.Year))
                throw new InvalidDataException($"The calendar has two files for {file.Year}.");
            daysOff.UnionWith(file.DaysOff);
            makeUpWorkdays.UnionWith(file.MakeUpWorkdays.Select(m => m.Date));
        }
    }

    /// <summary>The official calendar: every year shipped in <c>Calendar/Data/</c>, loaded on first use.</summary>
    public static WorkingDayCalendar Official => OfficialCalendar.Value;

    /// <summary>The years this calendar has data for, in order.</summary>
    public IReadOnlyList<int> Years => years.Order().ToArray();

    /// <summary>
    /// A calendar from year files in the format of <c>Calendar/Data/*.json</c> (for tests and tools;
    /// services use <see cref="Official"/>). Throws <see cref="InvalidDataException"/> for a malformed file.
    /// </summary>
    public static WorkingDayCalendar FromJson(IEnumerable<string> yearFiles) =>
        new(yearFiles.Select(CalendarYearFile.Parse).ToList());

    /// <summary>
    /// The official calendar plus year files that operations supply (for a year whose notice came out after this
    /// release); a supplied file replaces the shipped one for its year.
    /// </summary>
    public static WorkingDayCalendar OfficialWith(IEnumerable<string> additionalYearFiles)
    {
        var additional = additionalYearFiles.Select(CalendarYearFile.Parse).ToList();
        var replaced = additional.Select(f => f.Year).ToHashSet();
        return new(LoadOfficialFiles().Where(f => !replaced.Contains(f.Year)).Concat(additional));
    }

    /// <summary>The date of <paramref name="instant"/> on a wall clock in China.</summary>
    public static DateOnly ChinaDateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(instant.ToOffset(ChinaStandardTimeOffset).DateTime);

    /// <summary>Whether <paramref name="date"/> is a working day.</summary>
    /// <exception cref="CalendarYearNotCoveredException">The calendar has no data for the date's year.</exception>
    public bool IsWorkingDay(DateOnly date)
    {
        if (!years.Contains(date.Year))
            throw new CalendarYearNotCoveredException(date.Year, years);
        if (daysOff.Contains(date))
            return false;
        if (makeUpWorkdays.Contains(date))
            return true;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

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
    /// <paramref name="start"/> or a day up to the result lies in a year without data.
    /// </exception>
    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        // Checked even for n = 0 so a start in an uncovered year fails the same way whatever n is.
        if (!years.Contains(start.Year))
            throw new CalendarYearNotCoveredException(start.Year, years);
        var day = start;
        for (var found = 0; found < n;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
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
    /// <exception cref="CalendarYearNotCoveredException">A day in the range lies in a year without data.</exception>
    public int CountWorkingDays(DateOnly fromExclusive, DateOnly toInclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(toInclusive, fromExclusive);
        var count = 0;
        for (var day = fromExclusive.AddDays(1); day <= toInclusive; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
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

    private static WorkingDayCalendar LoadOfficial() => new(LoadOfficialFiles());

    private static List<CalendarYearFile> LoadOfficialFiles()
    {
        var assembly = typeof(WorkingDayCalendar).Assembly;
        var files = new List<CalendarYearFile>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var file = CalendarYearFile.Parse(reader.ReadToEnd());
            // The file name is what a maintainer looks for; a "year" field that disagrees is a copy-paste slip.
            if (name != $"{ResourcePrefix}{file.Year}.json")
                throw new InvalidDataException($"Calendar file {name} says it is for {file.Year}.");
            files.Add(file);
        }
        return files;
    }
}
