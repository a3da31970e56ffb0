using Longgang.Talent.Data;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;

namespace Longgang.Talent.Messaging;

/// <summary>Talent's copy of each citizen's notification preferences, for its dispatcher.</summary>
public sealed class TalentNotificationPreferencesConsumer(TalentDbContext db)
    : NotificationPreferencesConsumer<TalentDbContext>(db);
