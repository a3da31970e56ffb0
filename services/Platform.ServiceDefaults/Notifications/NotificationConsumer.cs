using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Platform.Messaging;

namespace Longgang.Platform.Notifications;

/// <summary>
/// Base of every notifier: a consumer of a service's own event that records notifications to the people concerned.
/// A consumer rather than a call inside the RPC, because the event leaves the outbox only after the change committed,
/// so nobody hears about a change that was rolled back; the notification commits with the inbox row (the base class),
/// so a redelivered event records nothing more, and the <see cref="NotificationDispatcher{TContext}"/> delivers it.
/// Texts are <see cref="LocalText"/> rendered in Chinese and in English when recorded (the arguments are known then,
/// not later), through the service's resources; the list answers in the request's language, a delivery in the
/// recipient's.
/// </summary>
public abstract class NotificationConsumer<TMessage, TContext>(TContext db, TimeProvider clock, PlatformText text)
    : IdempotentConsumer<TMessage, TContext>(db)
    where TMessage : class
    where TContext : PlatformDbContext
{
    /// <param name="kind">One of <see cref="NotificationKinds"/>: what the recipient sets preferences for.</param>
    /// <param name="reference">The id of the record it is about (its type follows from the kind).</param>
    protected void Notify(string recipient, string kind, string reference, LocalText subject, LocalText body) =>
        Db.AddCitizenNotification(text.Render(recipient, kind, reference, subject, body), clock.GetUtcNow());
}

public static class NotificationTexts
{
    /// <summary>
    /// The notification in both languages, Chinese first. Notifiers call it through <c>Notify</c>; code that records a
    /// notice outside a notifier (a consumer of another service's event, a re-projection) calls it directly.
    /// </summary>
    public static CitizenNotification Render(this PlatformText text, string recipient, string kind, string reference, LocalText subject, LocalText body) =>
        new(recipient, text.In(LocalizationExtensions.Chinese, subject), text.In(LocalizationExtensions.Chinese, body), kind, reference)
        {
            SubjectEn = text.In(LocalizationExtensions.English, subject),
            BodyEn = text.In(LocalizationExtensions.English, body),
            ReferenceType = NotificationReferences.TypeOf(kind),
        };
}

/// <summary>What kind of record a notification's reference names, so an app can link it without knowing every kind.</summary>
public static class NotificationReferences
{
    public const string Application = "APPLICATION";
    public const string Case = "CASE";
    public const string Certification = "CERTIFICATION";
    public const string Claim = "CLAIM";
    public const string PositionApplication = "POSITION_APPLICATION";
    public const string Project = "PROJECT";

    public static string? TypeOf(string? kind) => NotificationKinds.Find(kind)?.Code switch
    {
        NotificationKinds.PositionApplicationMoved => PositionApplication,
        { } code when code.StartsWith("APPLICATION_", StringComparison.Ordinal) || code is NotificationKinds.CorrectionRequested
            or NotificationKinds.CertificateIssued or NotificationKinds.DueDatesReprojected => Application,
        { } code when code.StartsWith("CASE_", StringComparison.Ordinal) => Case,
        { } code when code.StartsWith("CERTIFICATION_", StringComparison.Ordinal) => Certification,
        { } code when code.StartsWith("CLAIM_", StringComparison.Ordinal) => Claim,
        { } code when code.StartsWith("PROPOSAL_", StringComparison.Ordinal) => Project,
        _ => null,
    };
}
