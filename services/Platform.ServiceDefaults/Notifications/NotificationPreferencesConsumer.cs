using Longgang.Platform.Data;
using Longgang.Platform.Events.V1;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Platform.Notifications;

/// <summary>
/// Every service's consumer of <see cref="NotificationPreferencesChanged"/>: each service subclasses it once (a
/// non-generic class, so its queue has a name of its own and every service gets every change), and keeps the
/// citizen's preferences in its own table for its dispatcher. Idempotent twice over: the inbox drops a redelivery, and
/// a change no later than the stored one is ignored, so changes arriving out of order end at the newest.
/// </summary>
public abstract class NotificationPreferencesConsumer<TContext>(TContext db)
    : IdempotentConsumer<NotificationPreferencesChanged, TContext>(db)
    where TContext : PlatformDbContext
{
    protected override async Task HandleAsync(NotificationPreferencesChanged message, CancellationToken cancellationToken)
    {
        var stored = await Db.NotificationPreferences.FirstOrDefaultAsync(p => p.CitizenId == message.CitizenId, cancellationToken);
        if (stored is null) Db.NotificationPreferences.Add(NotificationPreferenceRecord.From(message));
        else stored.Apply(message);
    }
}
