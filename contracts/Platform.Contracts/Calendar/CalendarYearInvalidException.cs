namespace Longgang.Platform.Calendar;

/// <summary>
/// A year's data breaks a rule, or its file is not valid JSON of the expected shape. <see cref="Field"/> is a
/// JSON-style path into the input (<c>holidays[1].last</c>; empty for the file as a whole) so an editor or an API
/// can point at the exact entry to fix.
/// </summary>
public sealed class CalendarYearInvalidException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
