using Longgang.Approvals.Data;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;

namespace Longgang.Approvals.Messaging;

/// <summary>Approvals's copy of each citizen's notification preferences, for its dispatcher.</summary>
public sealed class ApprovalsNotificationPreferencesConsumer(ApprovalsDbContext db)
    : NotificationPreferencesConsumer<ApprovalsDbContext>(db);
