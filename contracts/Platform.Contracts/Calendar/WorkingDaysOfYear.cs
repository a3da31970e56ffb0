namespace Longgang.Platform.Calendar;

/// <summary>
/// One year flattened to a flag per day, so that the lookups a deadline loop makes cost an array index rather than
/// a walk over holiday blocks (or lunar arithmetic, for a provisional year).
/// </summary>
internal sealed class WorkingDaysOfYear
{
    private readonly bool[] working;

    public WorkingDaysOfYear(CalendarYear year)
    {
        Year = year;
        var first = new DateOnly(year.Year, 1, 1);
        working = new bool[DateTime.IsLeapYear(year.Year) ? 366 : 365];
        for (var i = 0; i < working.Length; i++)
            working[i] = first.AddDays(i).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        foreach (var day in year.DaysOff)
            working[day.DayOfYear - 1] = false;
        foreach (var makeUp in year.MakeUpWorkdays)
            working[makeUp.Date.DayOfYear - 1] = true;
    }

    public CalendarYear Year { get; }

    public bool IsWorkingDay(DateOnly date) => working[date.DayOfYear - 1];
}
