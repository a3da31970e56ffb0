using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Data;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Messaging;

/// <summary>
/// Tells the applicant their application was received. A consumer of our own event rather than a call inside
/// SubmitApplication: the event leaves the outbox only after the application is committed, so no citizen hears
/// about an application that was rolled back, and the inbox (base class) keeps a redelivery from notifying twice.
/// </summary>
/// <remarks>
/// The notification is sent inside the base's transaction, before the inbox row commits, so a failed send is
/// retried. A crash between the send and the commit sends it once more on redelivery: at-least-once is the
/// best an external effect can get here, and a duplicate receipt is harmless.
/// </remarks>
public sealed class ApplicantNotifier(ApprovalsDbContext db, OutboxSignal outboxSignal, ICitizenNotifier notifier)
    : IdempotentConsumer<ApplicationSubmitted, ApprovalsDbContext>(db, outboxSignal)
{
    public const string Subject = "Application received";

    protected override async Task HandleAsync(ApplicationSubmitted message, CancellationToken cancellationToken)
    {
        // the event does not carry the missing materials; the application it announces is ours and already committed
        var application = await Db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == message.ApplicationId, cancellationToken)
            ?? throw new InvalidOperationException($"Application {message.ApplicationId} was announced but is not stored.");

        var body = $"We have received your application {application.Id} for matter {application.MatterCode}.";
        if (application.MissingMaterials.Count > 0)
            body += " Some required materials are missing; a correction notice listing them will follow.";
        await notifier.NotifyAsync(new CitizenNotification(application.ApplicantId, Subject, body), cancellationToken);
    }
}
