namespace Longgang.Platform.Notifications;

/// <summary>
/// A notification as stored in the service's <c>notifications</c> table: recorded in the same transaction as the change
/// it reports (so it exists exactly when the change does), then handed to the delivery channel by the
/// <see cref="NotificationDispatcher{TContext}"/> (at least once). The row stays after delivery: it is what the
/// citizen's notification list shows.
/// </summary>
public sealed class CitizenNotificationRecord
{
    public const int MaxCitizenIdLength = 64;
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 2000;
    public const int MaxKindLength = 64;
    public const int MaxReferenceLength = 64;
    public const int MaxErrorLength = 2000;
    public const int MaxReceiptLength = 2000;

    public Guid Id { get; private set; }
    /// <summary>Whom it is addressed to: a citizen, or the grid worker who submitted for one.</summary>
    public string CitizenId { get; private set; } = "";
    /// <summary>In Chinese, the default language.</summary>
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string SubjectEn { get; private set; } = "";
    public string BodyEn { get; private set; } = "";
    public string? Kind { get; private set; }
    public string? Reference { get; private set; }
    /// <summary>What kind of record <see cref="Reference"/> names (<see cref="NotificationReferences"/>).</summary>
    public string? ReferenceType { get; private set; }
    public NotificationStatus Status { get; private set; }
    /// <summary>
    /// Waiting for the recipient's daily digest rather than for its own delivery: the dispatcher sends all of a
    /// recipient's digest notifications that are due as one message.
    /// </summary>
    public bool InDigest { get; private set; }
    /// <summary>What the channel answered when it took the notification (e.g. an SMS gateway's message id).</summary>
    public string? Receipt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>When the delivery channel accepted it; null while it is waiting or failing.</summary>
    public DateTimeOffset? DeliveredAt { get; private set; }
    /// <summary>
    /// When the dispatcher may (next) try it. Also its claim: a dispatcher moves it forward before sending, so two
    /// replicas never send the same notification at the same time, and a crashed sender's claim simply runs out.
    /// </summary>
    public DateTimeOffset NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>
    /// Over-long texts are shortened rather than refused: the consumer recording this also commits the state change's
    /// inbox row, and a column overflow would send the whole message to the error queue over a long rejection reason.
    /// </summary>
    public static CitizenNotificationRecord From(CitizenNotification notification, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(notification.CitizenId) || notification.CitizenId.Length > MaxCitizenIdLength)
            throw new ArgumentException($"A notification needs a recipient id of 1 to {MaxCitizenIdLength} characters.", nameof(notification));
        return new CitizenNotificationRecord
        {
            Id = Guid.CreateVersion7(now),
            CitizenId = notification.CitizenId,
            Subject = Shorten(notification.Subject, MaxSubjectLength),
            Body = Shorten(notification.Body, MaxBodyLength),
            SubjectEn = Shorten(notification.SubjectEn ?? notification.Subject, MaxSubjectLength),
            BodyEn = Shorten(notification.BodyEn ?? notification.Body, MaxBodyLength),
            Kind = notification.Kind is null ? null : Shorten(notification.Kind, MaxKindLength),
            Reference = notification.Reference is null ? null : Shorten(notification.Reference, MaxReferenceLength),
            ReferenceType = notification.ReferenceType ?? NotificationReferences.TypeOf(notification.Kind),
            Status = NotificationStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>The notification in <paramref name="language"/> (<see cref="NotificationLanguages"/>).</summary>
    public CitizenNotification ToNotification(string language) => language == NotificationLanguages.English
        ? new(CitizenId, SubjectEn, BodyEn, Kind, Reference) { ReferenceType = ReferenceType }
        : new(CitizenId, Subject, Body, Kind, Reference) { ReferenceType = ReferenceType };

    /// <summary>The subject in the current request's language.</summary>
    public string SubjectIn(System.Globalization.CultureInfo culture) => IsEnglish(culture) ? SubjectEn : Subject;

    public string BodyIn(System.Globalization.CultureInfo culture) => IsEnglish(culture) ? BodyEn : Body;

    private static bool IsEnglish(System.Globalization.CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    internal static string Shorten(string text, int maxLength) => text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";
}

/// <summary>Where a notification is in its delivery (numbered as the proto enums of the same name).</summary>
public enum NotificationStatus
{
    /// <summary>Due, or being retried after a failed attempt.</summary>
    Pending = 1,
    /// <summary>Held for the recipient's quiet hours or daily digest.</summary>
    Waiting = 2,
    Delivered = 3,
    /// <summary>Given up on after <c>Notifications:MaxAttempts</c>; <see cref="CitizenNotificationRecord.LastError"/> says why.</summary>
    Failed = 4,
}
