namespace Longgang.Platform.Notifications;

/// <summary>
/// A message to a citizen (or to the grid worker who submitted for them); how it reaches them (SMS, e-mail, app) is the
/// delivery channel's business. <paramref name="Kind"/> and <paramref name="Reference"/> let an app link it to what it
/// is about, e.g. "application-decided" and the application's id.
/// </summary>
public sealed record CitizenNotification(string CitizenId, string Subject, string Body, string? Kind = null, string? Reference = null);

/// <summary>
/// Hands a stored notification to its delivery channel. Our own interface, so that Dapr stays optional: a Dapr output
/// binding when one is configured, nothing but the stored row otherwise (see
/// <see cref="NotificationExtensions.AddCitizenNotifications{TContext}"/>). Called by the
/// <see cref="NotificationDispatcher{TContext}"/>, never by a consumer: consumers record notifications with
/// <see cref="Data.PlatformDbContext.AddCitizenNotification"/>.
/// </summary>
public interface ICitizenNotifier
{
    /// <param name="notificationId">
    /// The same on every attempt. Delivery is at least once, so a receiver that must not show a notification twice
    /// de-duplicates on it.
    /// </param>
    Task NotifyAsync(Guid notificationId, CitizenNotification notification, CancellationToken ct);
}
