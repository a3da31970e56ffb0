using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform.Calendar;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Messaging;

/// <summary>
/// Looks for a hotspot each time a case is reported (DOMAIN.md flow 5), after the report has committed, so reporting
/// stays quick. Once per hotspot: a case inside the grid and category's latest hotspot window finds it and adds none;
/// the inbox (base class) drops a redelivered message; two detectors racing over the same cases write the same first
/// case, whose unique index refuses the second (that delivery fails, is retried and then finds the hotspot). A new
/// hotspot is put on the district's next scheduled deliberation meeting, and its CaseHotspotDetected goes out through
/// the outbox with it.
/// </summary>
public sealed class HotspotDetector(GovernanceDbContext db, HotspotRule rule, TimeProvider clock)
    : IdempotentConsumer<CaseReported, GovernanceDbContext>(db)
{
    protected override async Task HandleAsync(CaseReported message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message.GridCode)) return; // a follow-up of an approvals decision has no grid
        var latest = await Db.Hotspots.AsNoTracking()
            .Where(h => h.GridCode == message.GridCode && h.Category == message.Category && h.WindowStartsAt <= message.ReportedAt)
            .OrderByDescending(h => h.WindowStartsAt).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.Covers(message.ReportedAt)) return;

        var since = message.ReportedAt - rule.Window;
        var recent = await Db.Cases.AsNoTracking()
            .Where(c => c.GridCode == message.GridCode && c.Category == message.Category && c.Status != CaseStatus.Voided
                && c.ReportedAt > since && c.ReportedAt <= message.ReportedAt)
            .Select(c => new { c.Id, c.ReportedAt })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var hotspot = CaseHotspot.Detect(rule, message.DistrictCode, message.GridCode, message.Category, message.ReportedAt,
            recent.Select(c => (c.Id, c.ReportedAt)).ToList(), latest, now);
        if (hotspot is null) return;

        var today = WorkingDayCalendar.ChinaDateOf(now);
        var nextMeeting = await Db.DeliberationMeetings.AsNoTracking()
            .Where(m => m.DistrictCode == message.DistrictCode && m.Status == MeetingStatus.Scheduled && m.HeldOn >= today)
            .OrderBy(m => m.HeldOn).ThenBy(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        if (nextMeeting is not null) hotspot.ProposeFor(nextMeeting, today);
        Db.Hotspots.Add(hotspot);
    }
}
