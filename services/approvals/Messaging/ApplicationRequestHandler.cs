using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Messaging;

/// <summary>
/// Opens the application another service asked for (talent's entitlement claims), exactly as the citizen's own online
/// submission would, with the id the requester chose, so the usual lifecycle and events follow. The inbox stops a
/// redelivered message and the primary key a second message with the same id. A request the catalogue cannot take
/// (an unknown matter) fails and ends in the consumer's _error queue, where operations see it.
/// </summary>
public sealed class ApplicationRequestHandler(ApprovalsDbContext db, TimeProvider clock)
    : IdempotentConsumer<ApplicationRequested, ApprovalsDbContext>(db)
{
    protected override async Task HandleAsync(ApplicationRequested message, CancellationToken cancellationToken)
    {
        if (await Db.Applications.AnyAsync(a => a.Id == message.ApplicationId, cancellationToken)) return;

        var matter = await Db.CurrentMatterAsync(message.MatterCode, cancellationToken);
        var applicant = new Caller(message.ApplicantId, PlatformRoles.Citizen, null, null);
        var draft = new SubmissionDraft(message.MatterCode, message.ApplicantId, message.ApplicantName, Channel.Online,
            message.DistrictCode, message.Materials);
        var application = Application.Submit(matter, draft, applicant, clock.GetUtcNow(), message.ApplicationId);
        Db.Applications.Add(application);
    }
}
