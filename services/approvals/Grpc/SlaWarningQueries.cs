using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Platform;

namespace Longgang.Approvals.Grpc;

/// <summary>The SLA warnings a caller may see. TODO(helper): implement.</summary>
public sealed class SlaWarningQueries(ApprovalsDbContext db)
{
    public Task<ListWarningsResponse> ListAsync(ListWarningsRequest request, Caller caller, CancellationToken cancellationToken) =>
        throw new NotImplementedException(db.GetType().Name + request + caller + cancellationToken);
}
