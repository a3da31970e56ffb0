namespace Longgang.Platform.Calendar;

/// <summary>
/// A year's working days changed (an official arrangement replaced the provisional one, or a newer notice replaced
/// an older one): <see cref="Calendar"/> already counts with the new data.
/// </summary>
/// <param name="Reason">Why the dates move, for ledger and history lines (a person reads it).</param>
public sealed record ClockReprojection(int Year, WorkingDayCalendar Calendar, DateTimeOffset Now, string Reason);

/// <summary>
/// One service's open working-day clocks, recomputed when a year's data changes. An implementation loads the open
/// records whose deadlines may count days of <see cref="ClockReprojection.Year"/>, recomputes each deadline from its
/// start with the new calendar and, where a date moved, writes a ledger or history line (old date, new date, why)
/// and notifies the person concerned where the service notifies. It must be idempotent: a second run over the same
/// calendar moves nothing. Changes go into <typeparamref name="TContext"/> unsaved; the caller saves them in the
/// transaction that records the year.
/// </summary>
public interface IClockReprojector<in TContext> where TContext : Data.PlatformDbContext
{
    /// <summary>The number of clocks whose date moved.</summary>
    Task<int> ReprojectAsync(TContext db, ClockReprojection reprojection, CancellationToken cancellationToken);
}
