using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Messaging;

/// <summary>
/// Tallies applications submitted at each district's convenience-service hall. The inbox (base class) drops a
/// redelivered message; the application-id key also drops the same application arriving under a new message id.
/// </summary>
public sealed class ServiceHallSubmissionCounter(GovernanceDbContext db)
    : IdempotentConsumer<ApplicationSubmitted, GovernanceDbContext>(db)
{
    // compiled once: the tally sees every service-hall submission, and this skips EF's per-call query-cache lookup
    private static readonly Func<GovernanceDbContext, Guid, CancellationToken, Task<ServiceHallSubmission?>> RowOf =
        EF.CompileAsyncQuery((GovernanceDbContext db, Guid applicationId, CancellationToken _) =>
            db.ServiceHallSubmissions.FirstOrDefault(s => s.ApplicationId == applicationId));

    protected override async Task HandleAsync(ApplicationSubmitted message, CancellationToken cancellationToken)
    {
        // other channels are not ours to count; approvals validates a service hall's district, so one we do not
        // know could never be counted anywhere, and failing the message would only park it in the error queue
        if (message.Channel != ApplicationSubmitted.ServiceHallChannel || !ReferenceData.IsDistrict(message.DistrictCode)) return;
        var row = await RowOf(Db, message.ApplicationId, cancellationToken);
        if (row is null)
        {
            row = new ServiceHallSubmission { ApplicationId = message.ApplicationId, DistrictCode = message.DistrictCode! };
            Db.ServiceHallSubmissions.Add(row);
        }
        row.RecordSubmitted(message.SubmittedAt); // the decision may have got here first
    }
}
