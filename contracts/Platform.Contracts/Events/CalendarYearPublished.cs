namespace Longgang.Platform.Events.V1;

/// <summary>
/// A city administrator published a year's official holiday arrangement (the State Council General Office's notice).
/// Every service stores it, counts working days with it from then on, and re-projects its open clocks.
/// <see cref="Arrangement"/> is the year in the calendar file format (<c>CalendarYear.ToJson</c>), so files, storage
/// and this event share one format and one validation. A later <see cref="PublishedAt"/> wins over an earlier one.
/// </summary>
public sealed record CalendarYearPublished(int Year, string Arrangement, string PublishedBy, DateTimeOffset PublishedAt);
