using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Data;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Messaging;

// Citizen notifications about an application: one small consumer per event of our own (see NotificationConsumer for
// why a consumer and how it stays once-only). Each refers to one application; material names are translated as the
// catalogue's names are.

/// <summary>
/// The receipt, to the applicant. (Its name predates the other notifiers and stays: it names the consumer's queue
/// and inbox rows.)
/// </summary>
public sealed class ApplicantNotifier(ApprovalsDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<ApplicationSubmitted, ApprovalsDbContext>(db, clock, text)
{
    public const string Subject = "Application received";

    protected override async Task HandleAsync(ApplicationSubmitted message, CancellationToken cancellationToken)
    {
        // the event carries the missing materials (issue 19: no read per receipt); an older one does not, and the
        // application it announces is ours and already committed
        var missing = message.MissingMaterials
            ?? (await Db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == message.ApplicationId, cancellationToken)
                ?? throw new InvalidOperationException($"Application {message.ApplicationId} was announced but is not stored.")).MissingMaterials;

        var body = missing.Count == 0
            ? new LocalText("Your application {0} (matter {1}) has been received.", message.ApplicationId, message.MatterCode)
            : new LocalText("Your application {0} (matter {1}) has been received. Required materials are missing ({2}); the department will tell you at once every material to be corrected.",
                message.ApplicationId, message.MatterCode, LocalList.Of(missing));
        Notify(message.ApplicantId, NotificationKinds.ApplicationSubmitted, message.ApplicationId.ToString(), Subject, body);
    }
}

/// <summary>
/// The correction notice, to the applicant and, when someone else submitted for them (a grid worker), to the submitter
/// too: corrections return to the same worker, who has to bring the materials.
/// </summary>
public sealed class CorrectionNotifier(ApprovalsDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<CorrectionRequested, ApprovalsDbContext>(db, clock, text)
{
    public const string Subject = "Application needs corrected materials";

    protected override Task HandleAsync(CorrectionRequested message, CancellationToken cancellationToken)
    {
        var body = new LocalText("Before your application {0} (matter {1}) can be accepted, these materials must be corrected: {2}. Please hand them in together.",
            message.ApplicationId, message.MatterCode, LocalList.Of(message.MissingMaterials));
        foreach (var recipient in new[] { message.ApplicantId, message.SubmittedBy }.Distinct())
            Notify(recipient, NotificationKinds.CorrectionRequested, message.ApplicationId.ToString(), Subject, body);
        return Task.CompletedTask;
    }
}

public sealed class NotAcceptedNotifier(ApprovalsDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<ApplicationNotAccepted, ApprovalsDbContext>(db, clock, text)
{
    public const string Subject = "Application not accepted";

    protected override Task HandleAsync(ApplicationNotAccepted message, CancellationToken cancellationToken)
    {
        Notify(message.ApplicantId, NotificationKinds.ApplicationNotAccepted, message.ApplicationId.ToString(), Subject,
            new LocalText("Your application {0} (matter {1}) is not accepted. Reason: {2}", message.ApplicationId, message.MatterCode, message.Reason));
        return Task.CompletedTask;
    }
}

public sealed class DecisionNotifier(ApprovalsDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<ApplicationDecided, ApprovalsDbContext>(db, clock, text)
{
    public const string ApprovedSubject = "Application approved";
    public const string RejectedSubject = "Application not approved";

    protected override Task HandleAsync(ApplicationDecided message, CancellationToken cancellationToken)
    {
        var approved = message.Outcome == ApplicationDecided.Approved;
        var body = approved
            ? new LocalText("Your application {0} (matter {1}) is approved; you will be told separately when the certificate is issued.",
                message.ApplicationId, message.MatterCode)
            : message.Reasons.Count > 0
                ? new LocalText("Your application {0} (matter {1}) is not approved. Reasons: {2}", message.ApplicationId, message.MatterCode,
                    string.Join("；", message.Reasons))
                : new LocalText("Your application {0} (matter {1}) is not approved.", message.ApplicationId, message.MatterCode);
        Notify(message.ApplicantId, NotificationKinds.ApplicationDecided, message.ApplicationId.ToString(),
            approved ? ApprovedSubject : RejectedSubject, body);
        return Task.CompletedTask;
    }
}

public sealed class CertificateNotifier(ApprovalsDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<CertificateIssued, ApprovalsDbContext>(db, clock, text)
{
    public const string Subject = "Certificate issued";

    protected override Task HandleAsync(CertificateIssued message, CancellationToken cancellationToken)
    {
        Notify(message.ApplicantId, NotificationKinds.CertificateIssued, message.ApplicationId.ToString(), Subject,
            new LocalText("The certificate for your application {0} (matter {1}) has been issued, number {2}.",
                message.ApplicationId, message.MatterCode, message.CertificateNumber));
        return Task.CompletedTask;
    }
}
