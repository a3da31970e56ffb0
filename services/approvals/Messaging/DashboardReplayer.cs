using Longgang.Approvals.Data;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Messaging;

/// <summary>Approvals' part of a dashboard rebuild: every application's implied events (<see cref="Domain.Application.ImpliedEvents"/>).</summary>
public sealed class DashboardReplayer(ApprovalsDbContext db)
    : DashboardReplayer<ApprovalsDbContext>(db)
{
    protected override string Service => ApprovalsExtensions.DatabaseName;

    public override async IAsyncEnumerable<object> EventsOfRecordsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var applications = DashboardReplay.ByIdAsync(after => Db.Applications.AsNoTracking()
            .Where(a => after == null || a.Id.CompareTo(after.Value) > 0)
            .OrderBy(a => a.Id).Take(DashboardReplay.PageSize).ToListAsync(cancellationToken), a => a.Id);
        await foreach (var application in applications)
        {
            foreach (var integrationEvent in application.ImpliedEvents()) yield return integrationEvent;
        }
    }
}
