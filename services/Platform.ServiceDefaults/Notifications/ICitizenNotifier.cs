namespace Longgang.Platform.Notifications;

/// <summary>
/// A message to a citizen (or to the grid worker who submitted for them), in the language it is delivered in; how it
/// reaches them (SMS, e-mail, app) is the delivery channel's business. <paramref name="Kind"/> and
/// <paramref name="Reference"/> let an app link it to what it is about, e.g. "APPLICATION_DECIDED" and the
/// application's id (<paramref name="ReferenceType"/> says what kind of record the reference names).
/// </summary>
public sealed record CitizenNotification(string CitizenId, string Subject, string Body, string? Kind = null, string? Reference = null)
{
    /// <summary>The English subject, when it differs from <see cref="Subject"/> (the Chinese); null: the same text.</summary>
    public string? SubjectEn { get; init; }
    public string? BodyEn { get; init; }
    public string? ReferenceType { get; init; }
}

/// <summary>
/// Hands a stored notification to its delivery channel. Our own interface, so that Dapr stays optional: a Dapr output
/// binding when one is configured, nothing but the stored row otherwise (see
/// <see cref="NotificationExtensions.AddCitizenNotifications{TContext}"/>). Called by the
/// <see cref="NotificationDispatcher{TContext}"/>, never by a consumer: consumers record notifications with
/// <see cref="NotificationConsumer{TMessage, TContext}.Notify"/>.
/// </summary>
public interface ICitizenNotifier
{
    /// <param name="notificationId">
    /// The same on every attempt. Delivery is at least once, so a receiver that must not show a notification twice
    /// de-duplicates on it.
    /// </param>
    /// <param name="channel">The channel the recipient chose; null: they chose nothing (the default channel).</param>
    /// <returns>The channel's receipt (e.g. the message id an SMS gateway answered), or null when it gave none.</returns>
    Task<string?> NotifyAsync(Guid notificationId, CitizenNotification notification, NotificationChannel? channel, CancellationToken ct);
}
