using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using CaseStatus = Longgang.Governance.Domain.CaseStatus;
using DistrictReport = Longgang.Governance.Contracts.V1.DistrictReport;
using EscalationLevel = Longgang.Governance.Domain.EscalationLevel;
using MediationStatus = Longgang.Governance.Domain.MediationStatus;
using ProtoDistrict = Longgang.Governance.Contracts.V1.District;

namespace Longgang.Governance.Grpc;

/// <summary>The directory's districts and their reports; names are stored in English and shown in the caller's language.</summary>
public sealed class DistrictHandlers(GovernanceDbContext db, TimeProvider clock, WorkingDayCalendar calendar, PlatformText text)
{
    /// <summary>The district report's flows cover the cases reported in the last year: the city's own yardstick, and a bound on what it reads.</summary>
    public const int ReportPeriodDays = 365;

    public async Task<ListDistrictsResponse> ListAsync(ListDistrictsRequest request, CancellationToken ct)
    {
        new Validator().RequirePage(request.PageSize, request.PageToken, out var paging).ThrowIfInvalid();
        var page = await db.Districts.AsNoTracking().OrderBy(d => d.Code)
            .Select(d => new DistrictSummary
            {
                Code = d.Code,
                Name = d.Name,
                CommunityCount = d.Communities.Count,
                GridCount = d.Communities.Sum(c => c.Grids.Count),
            })
            .ToPageAsync(paging, ct);
        foreach (var district in page.Items) district.Name = text.Translate(district.Name);
        return new ListDistrictsResponse { Districts = { page.Items }, NextPageToken = page.NextPageToken, TotalSize = page.TotalSize };
    }

    public async Task<ProtoDistrict> GetAsync(GetDistrictRequest request, Caller caller, CancellationToken ct)
    {
        GovernanceAccess.EnsureMayReadDistrict(caller, request.DistrictCode);
        if (string.IsNullOrWhiteSpace(request.DistrictCode)) throw new ValidationFailedException("districtCode", "is required");
        var district = await db.DistrictWithCommunitiesAsync(request.DistrictCode, ct) ?? throw new NotFoundException("District", request.DistrictCode);
        return GovernanceMapping.ToProto(district, await db.ServiceHallTallyAsync(district.Code, ct), text.Translate);
    }

    public async Task<DistrictReport> GetReportAsync(GetDistrictReportRequest request, Caller caller, CancellationToken ct)
    {
        var code = request.DistrictCode;
        GovernanceAccess.EnsureMayReadReport(caller, code);
        if (string.IsNullOrWhiteSpace(code)) throw new ValidationFailedException("districtCode", "is required");
        if (!await db.Districts.AnyAsync(d => d.Code == code, ct)) throw new NotFoundException("District", code);

        var now = clock.GetUtcNow();
        var report = Domain.DistrictReport.Build(code,
            await db.Grids.AsNoTracking().Where(g => g.DistrictCode == code).ToListAsync(ct),
            await TalliesAsync(code, now, ct),
            await db.TeamSeatsAsync(code, WorkingDayCalendar.ChinaDateOf(now), ct));
        return GovernanceMapping.ToProto(report, await db.ServiceHallTallyAsync(code, ct));
    }

    /// <summary>
    /// <see cref="DistrictCaseTallies"/> added up in the database: open and overdue cases as they stand, grouped by grid;
    /// the flows over the cases reported (mediations opened) in the last <see cref="ReportPeriodDays"/> days. What
    /// leaves the database is a row per grid and assignee and the period's dispatch instants, never a case: the working
    /// days between two instants need the calendar, which the database does not hold.
    /// </summary>
    private async Task<DistrictCaseTallies> TalliesAsync(string code, DateTimeOffset now, CancellationToken ct)
    {
        var today = WorkingDayCalendar.ChinaDateOf(now);
        var since = ListFilters.StartOf(today.AddDays(1 - ReportPeriodDays));
        var lastWorkingDay = calendar.LastWorkingDayUpTo(today);
        var settled = Domain.Case.Settled.ToList();
        var running = Domain.Case.ClockRunning.ToList();
        var triage = DistrictCaseTallies.TriageOutcomes.ToList();
        var cases = db.Cases.AsNoTracking().Where(c => c.DistrictCode == code);
        var period = cases.Where(c => c.ReportedAt >= since);

        var open = await cases.Where(c => !settled.Contains(c.Status)).GroupBy(c => c.GridCode)
            .Select(g => new { Grid = g.Key, Open = g.Count(), Overdue = g.Count(c => running.Contains(c.Status) && c.DueOn < lastWorkingDay) })
            .ToListAsync(ct);
        var escalations = await period.Where(c => c.EscalationLevel != EscalationLevel.Grid).GroupBy(c => c.GridCode)
            .Select(g => new { Grid = g.Key, Levels = g.Sum(c => (int)c.EscalationLevel - (int)EscalationLevel.Grid) })
            .ToListAsync(ct);
        var grids = open.Select(o => o.Grid).Union(escalations.Select(e => e.Grid)).Select(grid => new GridCaseTally(grid,
            open.FirstOrDefault(o => o.Grid == grid)?.Open ?? 0, open.FirstOrDefault(o => o.Grid == grid)?.Overdue ?? 0,
            escalations.FirstOrDefault(e => e.Grid == grid)?.Levels ?? 0)).ToList();

        var dispatched = await period.Where(c => c.DispatchedAt != null && (c.AcknowledgedAt != null || c.ClosedAt != null))
            .Select(c => new { Dispatched = c.DispatchedAt!.Value, c.AcknowledgedAt, c.ClosedAt }).ToListAsync(ct);
        var returns = await period.SelectMany(c => c.History).Where(h => h.Status == CaseStatus.Returned && h.AssigneeCode != null)
            .GroupBy(h => h.AssigneeCode!).Select(g => new { Assignee = g.Key, Count = g.Count() }).ToListAsync(ct);
        var triaged = await period.CountAsync(c => c.History.Any(h => triage.Contains(h.Status)), ct);
        var selfResolved = await period.CountAsync(c => c.History.Where(h => triage.Contains(h.Status)).OrderBy(h => h.Sequence)
            .Select(h => h.Status).FirstOrDefault() == CaseStatus.SelfResolved, ct);
        var mediations = await db.Mediations.AsNoTracking().Where(m => m.DistrictCode == code && m.OpenedAt >= since).GroupBy(m => 1)
            .Select(g => new
            {
                Concluded = g.Count(m => m.Status != MediationStatus.Open),
                Agreed = g.Count(m => m.Status == MediationStatus.Agreed),
                FollowedUp = g.Count(m => m.Honoured != null),
                Honoured = g.Count(m => m.Honoured == true),
            })
            .FirstOrDefaultAsync(ct);

        return new DistrictCaseTallies(grids,
            DistrictCaseTallies.Sum(dispatched.Where(c => c.AcknowledgedAt is not null).Select(c => calendar.CountWorkingDays(c.Dispatched, c.AcknowledgedAt!.Value))),
            DistrictCaseTallies.Sum(dispatched.Where(c => c.ClosedAt is not null).Select(c => calendar.CountWorkingDays(c.Dispatched, c.ClosedAt!.Value))),
            returns.ToDictionary(r => r.Assignee, r => r.Count),
            selfResolved, triaged,
            mediations?.Concluded ?? 0, mediations?.Agreed ?? 0, mediations?.FollowedUp ?? 0, mediations?.Honoured ?? 0);
    }
}
