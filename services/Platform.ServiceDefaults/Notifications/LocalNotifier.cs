using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Notifications;

/// <summary>
/// Without a Dapr binding (the embedded default, tests) the stored row is the delivery: the citizen reads it through
/// the service's notification list. Reporting success lets the dispatcher mark it delivered, so that configuring a
/// binding later does not send every notification ever recorded. Debug only, and without the body: the row already
/// holds the text, and a log is no place for what a citizen was told.
/// </summary>
public sealed partial class LocalNotifier(ILogger<LocalNotifier> logger) : ICitizenNotifier
{
    public Task<string?> NotifyAsync(Guid notificationId, CitizenNotification notification, NotificationChannel? channel, CancellationToken ct)
    {
        LogStored(notificationId, notification.CitizenId, notification.Subject);
        return Task.FromResult<string?>(null);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notification {NotificationId} to {CitizenId} ({Subject}) is listed only: no delivery channel is configured")]
    private partial void LogStored(Guid notificationId, string citizenId, string subject);
}
