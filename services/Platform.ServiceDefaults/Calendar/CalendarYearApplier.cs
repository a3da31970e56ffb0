using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Calendar;

/// <summary>
/// Takes an official year into one service: stores it (unless a publication as late or later is already stored), counts
/// with it from now on, and re-projects the service's open clocks. The changes are left unsaved for the caller, which
/// saves them in one transaction (the consumer's, with its inbox row), so the year and the moved deadlines commit
/// together and a redelivery finds the year stored and moves nothing.
/// </summary>
public sealed class CalendarYearApplier<TContext>(
    TContext db, WorkingDayCalendar calendar, IEnumerable<IClockReprojector<TContext>> reprojectors, TimeProvider clock,
    ILogger<CalendarYearApplier<TContext>> logger)
    where TContext : PlatformDbContext
{
    /// <summary>The number of clocks that moved, or null when the stored publication is as late or later (nothing done).</summary>
    public async Task<int?> ApplyAsync(CalendarYear year, string origin, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        var arrangement = year.ToJson();
        var stored = await db.CalendarYears.SingleOrDefaultAsync(y => y.Year == year.Year, cancellationToken);
        if (stored is not null && (stored.PublishedAt >= publishedAt || stored.Arrangement == arrangement)) return null;
        if (stored is null)
            db.CalendarYears.Add(stored = new CalendarYearRecord { Year = year.Year });
        stored.Arrangement = arrangement;
        stored.Origin = origin;
        stored.PublishedAt = publishedAt;

        // counted with at once, before the commit: should the commit fail, the redelivery applies the year again, and
        // the official data in memory meanwhile is what the city published anyway
        calendar.Publish(year);
        var reprojection = new ClockReprojection(year.Year, calendar, clock.GetUtcNow(), $"{year.Year}年节假日安排公布（{year.Source}）");
        var moved = 0;
        foreach (var reprojector in reprojectors)
            moved += await reprojector.ReprojectAsync(db, reprojection, cancellationToken);
        logger.LogInformation("Calendar year {Year} ({Origin}) taken into {Context}; {Moved} open clocks re-projected",
            year.Year, origin, typeof(TContext).Name, moved);
        return moved;
    }
}
