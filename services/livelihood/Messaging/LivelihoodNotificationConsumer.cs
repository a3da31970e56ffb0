using System.Globalization;
using Longgang.Livelihood.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;

namespace Longgang.Livelihood.Messaging;

/// <summary>
/// What livelihood's notifiers share: each records a notification in the consumer's transaction (the inbox row of the
/// base class commits with it, so a redelivered event records nothing more), and the NotificationDispatcher delivers
/// it later. The texts are built by the consumers as <see cref="LocalText"/>; for now they are stored in Chinese, the
/// citizens' language (a notification has no request to take a language from).
/// </summary>
public abstract class LivelihoodNotificationConsumer<TMessage>(LivelihoodDbContext db, OutboxSignal outboxSignal, TimeProvider clock, PlatformText text)
    : IdempotentConsumer<TMessage, LivelihoodDbContext>(db, outboxSignal)
    where TMessage : class
{
    /// <summary>Records one notification of <paramref name="kind"/> to <paramref name="recipient"/> about the record <paramref name="reference"/>.</summary>
    protected void Notify(string recipient, string kind, string reference, LocalText subject, LocalText body) =>
        Db.AddCitizenNotification(new CitizenNotification(recipient, InChinese(subject), InChinese(body), kind, reference), clock.GetUtcNow());

    private string InChinese(LocalText local)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = LocalizationExtensions.Chinese;
        try
        {
            return local.Format(LocalizationExtensions.Chinese, text.Translate);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
