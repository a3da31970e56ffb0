using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Messaging;

/// <summary>
/// Records the decision on a service-hall application in the district's tally. The inbox (base class) drops a
/// redelivered message; a decision is recorded once, whatever arrives later.
/// </summary>
public sealed class ServiceHallDecisionCounter(GovernanceDbContext db)
    : IdempotentConsumer<ApplicationDecided, GovernanceDbContext>(db)
{
    protected override async Task HandleAsync(ApplicationDecided message, CancellationToken cancellationToken)
    {
        if (message.Channel != ApplicationSubmitted.ServiceHallChannel || !ReferenceData.IsDistrict(message.DistrictCode)) return;
        var row = await Db.ServiceHallSubmissions.FirstOrDefaultAsync(s => s.ApplicationId == message.ApplicationId, cancellationToken);
        if (row is null)
        {
            row = new ServiceHallSubmission { ApplicationId = message.ApplicationId, DistrictCode = message.DistrictCode! };
            Db.ServiceHallSubmissions.Add(row);
        }
        row.RecordDecided(message.DecidedAt, message.Outcome);
    }
}
