namespace Longgang.Platform.Calendar;

/// <summary>
/// The calendar was asked about a year outside <see cref="WorkingDayCalendar.MinYear"/>..<see cref="WorkingDayCalendar.MaxYear"/>,
/// where not even a provisional year can be derived (the lunar calendar of .NET ends there). Deadlines computed by
/// guessing (weekends only) would be wrong around every holiday, so the calendar refuses instead.
/// </summary>
public sealed class CalendarYearNotCoveredException(int year)
    : InvalidOperationException(
        $"The working-day calendar has no data for {year}: it supports {WorkingDayCalendar.MinYear} to {WorkingDayCalendar.MaxYear} " +
        "(official years from the State Council notices, the others provisional from the statutory holidays).")
{
    public int Year { get; } = year;
}
