using Longgang.Platform.Data;
using Longgang.Platform.Events.V1;
using Longgang.Platform.Messaging;

namespace Longgang.Platform.Calendar;

/// <summary>
/// Every service's consumer of <see cref="CalendarYearPublished"/>: each service subclasses it once (a non-generic
/// class, so its queue has a plain name of its own and every service gets every publication). Idempotent twice over:
/// the inbox drops a redelivery, and the applier ignores a publication no later than the one stored.
/// </summary>
public abstract class CalendarYearConsumer<TContext>(TContext db, CalendarYearApplier<TContext> applier)
    : IdempotentConsumer<CalendarYearPublished, TContext>(db)
    where TContext : PlatformDbContext
{
    protected override Task HandleAsync(CalendarYearPublished message, CancellationToken cancellationToken) =>
        applier.ApplyAsync(CalendarYear.ParseJson(message.Arrangement), CalendarYearRecord.FromApi, message.PublishedAt, cancellationToken);
}
