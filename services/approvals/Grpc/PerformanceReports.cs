using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using DomainFigures = Longgang.Approvals.Domain.PerformanceFigures;
using ProtoFigures = Longgang.Approvals.Contracts.V1.PerformanceFigures;

namespace Longgang.Approvals.Grpc;

/// <summary>
/// Performance reports over the applications decided in a period of China Standard Time days: the figures of
/// <see cref="PerformanceBreakdown"/>, confined to what the caller supervises. Reports are cached (HybridCache,
/// Redis behind it when configured) per scope and period, and the whole lot is evicted whenever an application is
/// decided (<see cref="ApprovalsCacheTags.Reports"/>), so a report never misses a decision for long.
/// </summary>
public sealed class PerformanceReports(ApprovalsDbContext db, HybridCache cache)
{
    /// <summary>A year, leap day included: enough for an annual report, small enough to stay a cheap query.</summary>
    public const int MaxPeriodDays = 366;

    // the tag eviction is what keeps reports fresh; the expiry only bounds how long a missed eviction could last.
    // Short in memory, because another replica's in-memory copy is not evicted by this replica's decision.
    private static readonly HybridCacheEntryOptions CacheFor = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(1) };
    private static readonly string[] Tags = [ApprovalsCacheTags.Reports];

    public async Task<PerformanceReport> GetAsync(GetPerformanceReportRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var (department, district) = ApplicationAccess.SupervisionScope(caller,
            ListFilters.Given(request.HasDepartmentCode, request.DepartmentCode), ListFilters.Given(request.HasDistrictCode, request.DistrictCode));
        new Validator()
            .Require(!string.IsNullOrEmpty(request.FromDate), "fromDate", "is required")
            .Require(!string.IsNullOrEmpty(request.ToDate), "toDate", "is required")
            .RequireDay(!string.IsNullOrEmpty(request.FromDate), request.FromDate, "fromDate", out var fromDay)
            .RequireDay(!string.IsNullOrEmpty(request.ToDate), request.ToDate, "toDate", out var toDay)
            .RequireOrdered(fromDay, toDay)
            .Require(fromDay is null || toDay is null || toDay.Value.DayNumber - fromDay.Value.DayNumber < MaxPeriodDays, "toDate",
                "the period may cover at most {0} days", MaxPeriodDays)
            .Require(department is null || ReferenceData.IsDepartment(department), "departmentCode", "no department '{0}'", department)
            .Require(district is null || ReferenceData.IsDistrict(district), "districtCode", "no district '{0}'", district)
            .ThrowIfInvalid();
        var (from, to) = (fromDay!.Value, toDay!.Value);

        // keyed by the effective scope, not the caller: every supervisor of a department shares one entry
        var key = $"approvals:report:{Text(from)}:{Text(to)}:{department ?? "*"}:{district ?? "*"}";
        return await cache.GetOrCreateAsync(key, ct => new ValueTask<PerformanceReport>(BuildAsync(from, to, department, district, ct)),
            CacheFor, Tags, cancellationToken);
    }

    /// <summary>The report as the database answers it, without the cache (what a cache miss costs; the volume bench measures it).</summary>
    public async Task<PerformanceReport> BuildAsync(DateOnly from, DateOnly to, string? department, string? district, CancellationToken cancellationToken)
    {
        // [from 00:00, the day after to 00:00) on a wall clock in China, as UTC instants: decision times are stored
        // in UTC, and SQLite compares them as numbers that are only comparable at the same offset.
        var start = ChinaMidnight(from);
        var end = ChinaMidnight(to.AddDays(1));
        var query = db.Applications.AsNoTracking()
            .Where(a => a.DecidedAt >= start && a.DecidedAt < end && a.ElapsedWorkingDays != null)
            .Where(a => a.Status == Domain.ApplicationStatus.Approved || a.Status == Domain.ApplicationStatus.Rejected
                || a.Status == Domain.ApplicationStatus.Issued);
        if (department is not null) query = query.Where(a => a.DepartmentCode == department);
        if (district is not null) query = query.Where(a => a.DistrictCode == district);

        // summed in the database per lead department and service hall: a year's decisions leave it as a few hundred rows
        var groups = await query
            .GroupBy(a => new { a.DepartmentCode, a.DistrictCode })
            .Select(g => new
            {
                g.Key.DepartmentCode,
                g.Key.DistrictCode,
                Handled = g.Count(),
                // the rule of Application.IsOnTime, on the columns
                OnTime = g.Sum(a => a.ElapsedWorkingDays <= a.PromisedLimitDays + a.ExtensionWorkingDays ? 1 : 0),
                Elapsed = g.Sum(a => (long)a.ElapsedWorkingDays!.Value),
                Statutory = g.Sum(a => (long)a.StatutoryLimitDays),
                Promised = g.Sum(a => (long)(a.PromisedLimitDays + a.ExtensionWorkingDays)),
                Visits = g.Sum(a => (long)a.Visits),
                OverVisitLimit = g.Sum(a => a.Visits > a.MaxVisits ? 1 : 0),
            })
            .ToListAsync(cancellationToken);
        var decided = groups.Select(g => new DecisionGroup(g.DepartmentCode, g.DistrictCode,
            new DecisionTotals(g.Handled, g.OnTime, g.Elapsed, g.Statutory, g.Promised, g.Visits, g.OverVisitLimit))).ToList();

        var breakdown = PerformanceBreakdown.OfGroups(decided);
        return new PerformanceReport
        {
            FromDate = Text(from),
            ToDate = Text(to),
            Overall = ToProto(breakdown.Overall),
            Departments = { breakdown.Departments.Select(d => new DepartmentPerformance { DepartmentCode = d.Key, Figures = ToProto(d.Value) }) },
            ServiceHalls = { breakdown.ServiceHalls.Select(h => new ServiceHallPerformance { DistrictCode = h.Key, Figures = ToProto(h.Value) }) },
        };
    }

    private static ProtoFigures ToProto(DomainFigures figures) => new()
    {
        Handled = figures.Handled,
        OnTime = figures.OnTime,
        OnTimeRate = figures.OnTimeRate,
        AverageElapsedDays = figures.AverageElapsedDays,
        AverageStatutoryDays = figures.AverageStatutoryDays,
        AveragePromisedDays = figures.AveragePromisedDays,
        CompressionRatio = figures.CompressionRatio,
        VisitsPerApplication = figures.VisitsPerApplication,
        OverVisitLimit = figures.OverVisitLimit,
    };

    private static DateTimeOffset ChinaMidnight(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), WorkingDayCalendar.ChinaStandardTimeOffset).ToUniversalTime();

    private static string Text(DateOnly day) => RequestParsing.Text(day);
}
