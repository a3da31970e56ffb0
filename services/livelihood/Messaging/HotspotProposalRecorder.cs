using Longgang.Governance.Contracts.Events.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform.Calendar;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Livelihood.Messaging;

/// <summary>
/// A governance case hotspot becomes a proposal of the solicitation that is open (DOMAIN.md flow 5): the earliest
/// cycle in its solicitation phase, else next year's (not opened yet, so still open for proposals; kept as late if it
/// has moved on). The inbox (base class) drops a redelivered message; the unique source hotspot id drops the same
/// hotspot under a new message id.
/// </summary>
public sealed class HotspotProposalRecorder(LivelihoodDbContext db, TimeProvider clock)
    : IdempotentConsumer<CaseHotspotDetected, LivelihoodDbContext>(db)
{
    protected override async Task HandleAsync(CaseHotspotDetected message, CancellationToken cancellationToken)
    {
        if (await Db.Projects.AnyAsync(p => p.SourceHotspotId == message.HotspotId, cancellationToken)) return;
        var cycle = await Db.Cycles.Where(c => c.Phase == CyclePhase.Solicitation).OrderBy(c => c.Year).FirstOrDefaultAsync(cancellationToken);
        var year = cycle?.Year ?? WorkingDayCalendar.ChinaDateOf(message.DetectedAt).Year + 1;
        cycle ??= Project.IsYearInRange(year) ? await Db.Cycles.FindAsync([year], cancellationToken) : null;
        Db.Projects.Add(Project.FromHotspot(message.HotspotId, message.DistrictCode, message.GridCode, message.Category, message.CaseCount,
            message.WindowDays, message.DetectedAt, year, cycle, clock.GetUtcNow()));
    }
}
