using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Notifications;

/// <summary>Without a Dapr sidecar (the embedded default, tests) a notification is a structured log line.</summary>
public sealed partial class LoggingNotifier(ILogger<LoggingNotifier> logger) : ICitizenNotifier
{
    public Task NotifyAsync(CitizenNotification notification, CancellationToken ct)
    {
        LogNotification(notification.CitizenId, notification.Subject, notification.Body);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification to citizen {CitizenId}: {Subject}: {Body}")]
    private partial void LogNotification(string citizenId, string subject, string body);
}
