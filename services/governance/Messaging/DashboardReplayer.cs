using System.Runtime.CompilerServices;
using Longgang.Governance.Data;
using Longgang.Platform.Calendar;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Messaging;

/// <summary>
/// Governance's part of a dashboard rebuild: every case's implied events (<see cref="Domain.Case.ImpliedEvents"/>), then
/// every concluded mediation's <c>MediationConcluded</c>.
/// </summary>
public sealed class DashboardReplayer(GovernanceDbContext db, WorkingDayCalendar calendar)
    : DashboardReplayer<GovernanceDbContext>(db)
{
    protected override string Service => GovernanceExtensions.DatabaseName;

    public override async IAsyncEnumerable<object> EventsOfRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cases = DashboardReplay.ByIdAsync(after => Db.Cases.AsNoTracking()
            .Where(c => after == null || c.Id.CompareTo(after.Value) > 0)
            .OrderBy(c => c.Id).Take(DashboardReplay.PageSize).ToListAsync(cancellationToken), c => c.Id);
        await foreach (var reported in cases)
        {
            foreach (var integrationEvent in reported.ImpliedEvents(calendar)) yield return integrationEvent;
        }
        var mediations = DashboardReplay.ByIdAsync(after => Db.Mediations.AsNoTracking()
            .Where(m => m.ConcludedAt != null && (after == null || m.Id.CompareTo(after.Value) > 0))
            .OrderBy(m => m.Id).Take(DashboardReplay.PageSize).ToListAsync(cancellationToken), m => m.Id);
        await foreach (var mediation in mediations) yield return mediation.ConcludedEvent()!;
    }
}
