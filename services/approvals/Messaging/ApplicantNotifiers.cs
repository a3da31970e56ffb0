using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Resources;
using Longgang.Platform;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Messaging;

// Citizen notifications about an application: one small consumer per event of our own. A consumer rather than a call
// inside the RPC, because the event leaves the outbox only after the change committed, so nobody hears about a change
// that was rolled back. Each consumer only records the notification: it commits with the consumer's inbox row (the
// base class), so a redelivered event records nothing more, and the NotificationDispatcher delivers it afterwards.

/// <summary>
/// What the notifiers below share: each records notifications of one kind (its event's), referring to one application,
/// at the time it handles the event. They are written in Chinese, the citizens' language (a notification has no request
/// to take a language from), with the catalogue's material names translated.
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
    public const string Subject = "申请已收件";

    protected override async Task HandleAsync(ApplicationSubmitted message, CancellationToken cancellationToken)
    {
        // the event does not carry the missing materials; the application it announces is ours and already committed
        var application = await Db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == message.ApplicationId, cancellationToken)
            ?? throw new InvalidOperationException($"Application {message.ApplicationId} was announced but is not stored.");

        var body = $"您的申请 {application.Id}（事项 {application.MatterCode}）已收件。";
        if (application.MissingMaterials.Count > 0)
            body += $"缺少必需材料（{CatalogueNames.Chinese(application.MissingMaterials)}），部门将一次性告知需补正的全部材料。";
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
    public const string Subject = "申请需补正材料";

    protected override Task HandleAsync(CorrectionRequested message, CancellationToken cancellationToken)
    {
        var body = $"您的申请 {message.ApplicationId}（事项 {message.MatterCode}）受理前需补正以下材料：" +
            $"{CatalogueNames.Chinese(message.MissingMaterials)}。请一次性提交。";
        Record(message.ApplicationId, Subject, body, new[] { message.ApplicantId, message.SubmittedBy }.Distinct());
        return Task.CompletedTask;
    }
}

public sealed class NotAcceptedNotifier(ApprovalsDbContext db, OutboxSignal outboxSignal, TimeProvider clock)
    : NotificationConsumer<ApplicationNotAccepted>(db, outboxSignal, clock, NotificationKinds.ApplicationNotAccepted)
{
    public const string Subject = "申请不予受理";

    protected override Task HandleAsync(ApplicationNotAccepted message, CancellationToken cancellationToken)
    {
        Record(message.ApplicationId, Subject,
            $"您的申请 {message.ApplicationId}（事项 {message.MatterCode}）不予受理，理由：{message.Reason}",
            message.ApplicantId);
        return Task.CompletedTask;
    }
}

public sealed class DecisionNotifier(ApprovalsDbContext db, OutboxSignal outboxSignal, TimeProvider clock)
    : NotificationConsumer<ApplicationDecided>(db, outboxSignal, clock, NotificationKinds.ApplicationDecided)
{
    public const string ApprovedSubject = "申请已批准";
    public const string RejectedSubject = "申请未获批准";

    protected override Task HandleAsync(ApplicationDecided message, CancellationToken cancellationToken)
    {
        var approved = message.Outcome == ApplicationDecided.Approved;
        var body = approved
            ? $"您的申请 {message.ApplicationId}（事项 {message.MatterCode}）已批准，证照发放后将另行通知。"
            : $"您的申请 {message.ApplicationId}（事项 {message.MatterCode}）未获批准。" +
                (message.Reasons.Count > 0 ? $"理由：{string.Join("；", message.Reasons)}" : "");
        Record(message.ApplicationId, approved ? ApprovedSubject : RejectedSubject, body, message.ApplicantId);
        return Task.CompletedTask;
    }
}

public sealed class CertificateNotifier(ApprovalsDbContext db, OutboxSignal outboxSignal, TimeProvider clock)
    : NotificationConsumer<CertificateIssued>(db, outboxSignal, clock, NotificationKinds.CertificateIssued)
{
    public const string Subject = "证照已发放";

    protected override Task HandleAsync(CertificateIssued message, CancellationToken cancellationToken)
    {
        Record(message.ApplicationId, Subject,
            $"您的申请 {message.ApplicationId}（事项 {message.MatterCode}）的证照已发放，证照编号：{message.CertificateNumber}。",
            message.ApplicantId);
        return Task.CompletedTask;
    }
}
