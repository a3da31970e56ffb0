using Longgang.Platform.Calendar;
using Longgang.Talent.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Talent.Messaging;

/// <summary>
/// Recounts the end of every running public notice when a calendar year is published. A notice that ended before the
/// year began counted none of its days, so only notices ending on or after its 1 January can move. Talent notifies no
/// one today: the notice change each moved certification records is the record.
/// </summary>
public sealed class NoticeClockReprojector : IClockReprojector<TalentDbContext>
{
    public async Task<int> ReprojectAsync(TalentDbContext db, ClockReprojection reprojection, CancellationToken cancellationToken)
    {
        var firstDay = new DateOnly(reprojection.Year, 1, 1);
        var running = await db.Certifications
            .Where(c => c.Status == CertificationStatus.PublicNotice && c.NoticeEndsOn >= firstDay)
            .ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var c in running)
        {
            if (c.ReprojectNotice(reprojection.Calendar, reprojection.Now, reprojection.Reason)) moved++;
        }
        return moved;
    }
}
