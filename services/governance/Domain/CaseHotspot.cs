using Longgang.Governance.Contracts.Events.V1;
using Longgang.Platform.Domain;

namespace Longgang.Governance.Domain;

/// <summary>
/// When cases make a hotspot: <see cref="Cases"/> cases of one category in one grid within <see cref="WindowDays"/>
/// days (configuration Governance:Hotspots:Cases and :WindowDays).
/// </summary>
public sealed record HotspotRule(int Cases = 3, int WindowDays = 30)
{
    public TimeSpan Window => TimeSpan.FromDays(WindowDays);
}

/// <summary>
/// The same category reported again and again in one grid (DOMAIN.md flow 5). Its window starts at the first of its
/// cases and lasts <see cref="HotspotRule.WindowDays"/> days; further cases within it belong to it, so it is detected
/// and proposed once. Cases after its window count towards the next one. It becomes a candidate item of the
/// district's next deliberation meeting and, through <see cref="CaseHotspotDetected"/>, a livelihood proposal.
/// </summary>
public sealed class CaseHotspot : Aggregate
{
    public Guid Id { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public string GridCode { get; private set; } = "";
    public string Category { get; private set; } = "";
    /// <summary>The first case of the window: unique, so two detectors racing over the same cases store one hotspot.</summary>
    public Guid FirstCaseId { get; private set; }
    public DateTimeOffset WindowStartsAt { get; private set; }
    public DateTimeOffset WindowEndsAt { get; private set; }
    /// <summary>The cases in the window when it was detected (at least the rule's number).</summary>
    public int CaseCount { get; private set; }
    public DateTimeOffset DetectedAt { get; private set; }
    /// <summary>The deliberation meeting it is a candidate item of: the district's next one, once one is scheduled.</summary>
    public Guid? MeetingId { get; private set; }

    private CaseHotspot() { }

    public bool Covers(DateTimeOffset reportedAt) => WindowStartsAt <= reportedAt && reportedAt < WindowEndsAt;

    /// <summary>
    /// A case of <paramref name="category"/> reported in <paramref name="gridCode"/> at <paramref name="reportedAt"/>:
    /// a new hotspot, or null when the case falls in <paramref name="latest"/>'s window (the grid and category's
    /// latest hotspot) or the cases since are still too few. <paramref name="recentCases"/> are the grid's cases of that
    /// category reported in the window before the case, the case included.
    /// </summary>
    public static CaseHotspot? Detect(HotspotRule rule, string districtCode, string gridCode, string category, DateTimeOffset reportedAt,
        IReadOnlyList<(Guid Id, DateTimeOffset ReportedAt)> recentCases, CaseHotspot? latest, DateTimeOffset now)
    {
        if (latest is not null && latest.Covers(reportedAt)) return null;
        var since = reportedAt - rule.Window;
        var counted = recentCases
            .Where(c => c.ReportedAt > since && c.ReportedAt <= reportedAt && (latest is null || c.ReportedAt >= latest.WindowEndsAt))
            .OrderBy(c => c.ReportedAt).ThenBy(c => c.Id)
            .ToList();
        if (counted.Count < rule.Cases) return null;
        var first = counted[0];
        var hotspot = new CaseHotspot
        {
            Id = Guid.CreateVersion7(now),
            DistrictCode = districtCode,
            GridCode = gridCode,
            Category = category,
            FirstCaseId = first.Id,
            WindowStartsAt = first.ReportedAt,
            WindowEndsAt = first.ReportedAt + rule.Window,
            CaseCount = counted.Count,
            DetectedAt = now,
        };
        hotspot.Record(new CaseHotspotDetected(hotspot.Id, districtCode, gridCode, category, hotspot.CaseCount, rule.WindowDays,
            hotspot.WindowStartsAt, now));
        return hotspot;
    }

    /// <summary>
    /// Puts the hotspot on a meeting of its district still to be held (from <paramref name="today"/>) as a candidate
    /// item; it stays with the first meeting it is put on.
    /// </summary>
    public void ProposeFor(DeliberationMeeting meeting, DateOnly today)
    {
        if (MeetingId is null && meeting.DistrictCode == DistrictCode && meeting.Status == MeetingStatus.Scheduled && meeting.HeldOn >= today)
            MeetingId = meeting.Id;
    }
}
