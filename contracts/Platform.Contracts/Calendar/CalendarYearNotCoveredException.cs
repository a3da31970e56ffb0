namespace Longgang.Platform.Calendar;

/// <summary>
/// The calendar was asked about a year it has no data for. Deadlines computed by guessing (weekends
/// only) would be wrong around every holiday, so the calendar refuses instead.
/// </summary>
public sealed class CalendarYearNotCoveredException(int year, IReadOnlyCollection<int> coveredYears)
    : InvalidOperationException(
        $"The working-day calendar has no data for {year} (it covers {Describe(coveredYears)}). " +
        $"Add contracts/Platform.Contracts/Calendar/Data/{year}.json from the State Council General Office's " +
        $"notice on the {year} holidays, or put {year}.json in the directory named by Calendar:Directory.")
{
    public int Year { get; } = year;

    private static string Describe(IReadOnlyCollection<int> years) =>
        years.Count == 0 ? "no year" : string.Join(", ", years.Order());
}
