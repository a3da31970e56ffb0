using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Data;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Messaging;

// Citizen notifications about an application: one small consumer per event of our own. A consumer rather than a call
// inside the RPC, because the event leaves the outbox only after the change committed, so nobody hears about a change
// that was rolled back. Each consumer only records the notification: it commits with the consumer's inbox row (the
// base class), so a redelivered event records nothing more, and the NotificationDispatcher delivers it afterwards.

/// <summary>The <c>kind</c> of each notification: the event's name in the style of the events' enum-like strings.</summary>
public static class NotificationKinds
{
    public const string ApplicationSubmitted = "APPLICATION_SUBMITTED";
    public const string CorrectionRequested = "CORRECTION_REQUESTED";
    public const string ApplicationNotAccepted = "APPLICATION_NOT_ACCEPTED";
    public const string ApplicationDecided = "APPLICATION_DECIDED";
    public const string CertificateIssued = "CERTIFICATE_ISSUED";
    /// <summary>Recorded by <see cref="ApplicationClockReprojector"/> (a published calendar year), not by an event's consumer.</summary>
    public const string DueDatesReprojected = "DUE_DATES_REPROJECTED";
}

/// <summary>
/// What the notifiers below share: each records notifications of one kind (its event's), referring to one application,
/// at the time it handles the event.
/// </summary>
public abstract class NotificationConsumer<TMessage>(ApprovalsDbContext db, OutboxSignal outboxSignal, TimeProvider clock, string kind)
    : IdempotentConsumer<TMessage, ApprovalsDbContext>(db, outboxSignal)
    where TMessage : class
{
    /// <summary>Records the notification for each recipient, all at the same instant.</summary>
    protected void Record(Guid applicationId, string subject, string body, params IEnumerable<string> recipients)
    {
        var now = clock.GetUtcNow();
        foreach (var recipient in recipients)
            Db.AddCitizenNotification(new CitizenNotification(recipient, subject, body, kind, applicationId.ToString()), now);
    }
}

/// <summary>
/// The receipt, to the applicant. (Its name predates the other notifiers and stays: it names the consumer's queue
/// and inbox rows.)
/// </summary>
public sealed class ApplicantNotifier(ApprovalsDbContext db, OutboxSignal outboxSignal, TimeProvider clock)
    : NotificationConsumer<ApplicationSubmitted>(db, outboxSignal, clock, NotificationKinds.ApplicationSubmitted)
{
    public const string Subject = "Application received";

    protected override async Task HandleAsync(ApplicationSubmitted message, CancellationToken cancellationToken)
    {
        // the event does not carry the missing materials; the application it announces is ours and already committed
        var application = await Db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == message.ApplicationId, cancellationToken)
            ?? throw new InvalidOperationException($"Application {message.ApplicationId} was announced but is not stored.");

        var body = $"We have received your application {application.Id} for matter {application.MatterCode}.";
        if (application.MissingMaterials.Count > 0)
        {
            body += $" Required materials are missing ({string.Join(", ", application.MissingMaterials)}); " +
                "the department will send one correction notice listing everything to hand in.";
        }
        Record(application.Id, Subject, body, application.ApplicantId);
    }
}

/// <summary>
/// The correction notice, to the applicant and, when someone else submitted for them (a grid worker), to the submitter
/// too: corrections return to the same worker, who has to bring the materials.
/// </summary>
public sealed class CorrectionNotifier(ApprovalsDbContext db, OutboxSignal outboxSignal, TimeProvider clock)
    : NotificationConsumer<CorrectionRequested>(db, outboxSignal, clock, NotificationKinds.CorrectionRequested)
{
    public const string Subject = "Materials needed for your application";

    protected override Task HandleAsync(CorrectionRequested message, CancellationToken cancellationToken)
    {
        var body = $"Application {message.ApplicationId} for matter {message.MatterCode} needs these materials before it can be " +
            $"accepted: {string.Join(", ", message.MissingMaterials)}. Please hand them all in together.";
        Record(message.ApplicationId, Subject, body, new[] { message.ApplicantId, message.SubmittedBy }.Distinct());
        return Task.CompletedTask;
    }
}

public sealed class NotAcceptedNotifier(ApprovalsDbContext db, OutboxSignal outboxSignal, TimeProvider clock)
    : NotificationConsumer<ApplicationNotAccepted>(db, outboxSignal, clock, NotificationKinds.ApplicationNotAccepted)
{
    public const string Subject = "Application not accepted";

    protected override Task HandleAsync(ApplicationNotAccepted message, CancellationToken cancellationToken)
    {
        Record(message.ApplicationId, Subject,
            $"Your application {message.ApplicationId} for matter {message.MatterCode} was not accepted: {message.Reason}",
            message.ApplicantId);
        return Task.CompletedTask;
    }
}

public sealed class DecisionNotifier(ApprovalsDbContext db, OutboxSignal outboxSignal, TimeProvider clock)
    : NotificationConsumer<ApplicationDecided>(db, outboxSignal, clock, NotificationKinds.ApplicationDecided)
{
    public const string ApprovedSubject = "Application approved";
    public const string RejectedSubject = "Application rejected";

    protected override Task HandleAsync(ApplicationDecided message, CancellationToken cancellationToken)
    {
        var approved = message.Outcome == ApplicationDecided.Approved;
        var body = approved
            ? $"Your application {message.ApplicationId} for matter {message.MatterCode} was approved. You will be told when the certificate is issued."
            : $"Your application {message.ApplicationId} for matter {message.MatterCode} was rejected." +
                (message.Reasons.Count > 0 ? $" Reasons: {string.Join("; ", message.Reasons)}" : "");
        Record(message.ApplicationId, approved ? ApprovedSubject : RejectedSubject, body, message.ApplicantId);
        return Task.CompletedTask;
    }
}

public sealed class CertificateNotifier(ApprovalsDbContext db, OutboxSignal outboxSignal, TimeProvider clock)
    : NotificationConsumer<CertificateIssued>(db, outboxSignal, clock, NotificationKinds.CertificateIssued)
{
    public const string Subject = "Certificate issued";

    protected override Task HandleAsync(CertificateIssued message, CancellationToken cancellationToken)
    {
        Record(message.ApplicationId, Subject,
            $"The certificate for your application {message.ApplicationId} (matter {message.MatterCode}) was issued: number {message.CertificateNumber}.",
            message.ApplicantId);
        return Task.CompletedTask;
    }
}
