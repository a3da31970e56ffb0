using Longgang.Livelihood.Data;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;

namespace Longgang.Livelihood.Messaging;

/// <summary>Livelihood's copy of each citizen's notification preferences, for its dispatcher.</summary>
public sealed class LivelihoodNotificationPreferencesConsumer(LivelihoodDbContext db)
    : NotificationPreferencesConsumer<LivelihoodDbContext>(db);
