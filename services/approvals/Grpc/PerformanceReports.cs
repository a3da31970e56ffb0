using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Platform;

namespace Longgang.Approvals.Grpc;

/// <summary>Performance reports. TODO(helper): implement.</summary>
public sealed class PerformanceReports(ApprovalsDbContext db)
{
    public Task<PerformanceReport> GetAsync(GetPerformanceReportRequest request, Caller caller, CancellationToken cancellationToken) =>
        throw new NotImplementedException(db.GetType().Name + request + caller + cancellationToken);
}
