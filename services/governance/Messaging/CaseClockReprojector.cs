using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Messaging;

/// <summary>
/// Recounts the deadlines of open cases when a calendar year is published. A deadline due before the year began
/// counted none of its days, so only cases due on or after its 1 January can move. Governance notifies no one today:
/// the history line each moved case gets is the record.
/// </summary>
public sealed class CaseClockReprojector : IClockReprojector<GovernanceDbContext>
{
    public async Task<int> ReprojectAsync(GovernanceDbContext db, ClockReprojection reprojection, CancellationToken cancellationToken)
    {
        var running = Case.ClockRunning.ToList();
        var firstDay = new DateOnly(reprojection.Year, 1, 1);
        var open = await db.Cases
            .Where(c => running.Contains(c.Status) && c.DueOn >= firstDay)
            .ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var c in open)
        {
            if (c.ReprojectDue(reprojection.Calendar, reprojection.Now, reprojection.Reason)) moved++;
        }
        return moved;
    }
}
