namespace Longgang.Platform.Notifications;

/// <summary>A message to a citizen; how it reaches them (SMS, e-mail, app) is the delivery channel's business.</summary>
public sealed record CitizenNotification(string CitizenId, string Subject, string Body);

/// <summary>
/// Sends notifications to citizens. Our own interface, so that Dapr stays optional: a Dapr output binding when a
/// sidecar is configured, a log line otherwise (see <see cref="NotificationExtensions.AddCitizenNotifications"/>).
/// </summary>
public interface ICitizenNotifier
{
    Task NotifyAsync(CitizenNotification notification, CancellationToken ct);
}
