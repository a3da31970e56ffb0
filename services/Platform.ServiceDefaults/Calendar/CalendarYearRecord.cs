namespace Longgang.Platform.Calendar;

/// <summary>
/// An official year this service counts working days with (table <c>calendar_years</c>, in every service's own
/// database): the arrangement as published, where it came from, and when, so a later publication replaces an
/// earlier one and the calendar survives restarts. Years not stored here are the shipped ones or provisional.
/// </summary>
public sealed class CalendarYearRecord
{
    /// <summary>Published through the API (the <c>CalendarYearPublished</c> event).</summary>
    public const string FromApi = "api";
    /// <summary>Supplied by operations as a file in <c>Calendar:Directory</c>; an API publication of the same year wins.</summary>
    public const string FromFile = "file";

    public int Year { get; set; }
    /// <summary>The year in the calendar file format (<see cref="CalendarYear.ToJson"/>).</summary>
    public string Arrangement { get; set; } = "";
    public string Origin { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
}
