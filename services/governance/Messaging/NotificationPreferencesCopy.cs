using Longgang.Governance.Data;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;

namespace Longgang.Governance.Messaging;

/// <summary>Governance's copy of each citizen's notification preferences, for its dispatcher.</summary>
public sealed class GovernanceNotificationPreferencesConsumer(GovernanceDbContext db)
    : NotificationPreferencesConsumer<GovernanceDbContext>(db);
