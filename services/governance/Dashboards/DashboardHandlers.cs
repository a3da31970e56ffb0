using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Governance.Grpc;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Dashboards;

/// <summary>
/// The district and city dashboards, read from the counters of the period (one range query, however many events fed
/// them), and the rebuild. Each part is dated with its service's last heartbeat and marked stale after
/// <c>Dashboards:StaleAfter</c> (default 3 minutes) without one.
/// </summary>
public sealed class DashboardHandlers(GovernanceDbContext db, TimeProvider clock, PlatformText text, IConfiguration configuration)
{
    /// <summary>The approvals goal of the seed: total approval time cut by more than 40%.</summary>
    public const double CompressionGoal = 0.4;

    private TimeSpan StaleAfter => configuration.GetValue("Dashboards:StaleAfter", TimeSpan.FromMinutes(3));

    public async Task<DistrictDashboard> GetDistrictAsync(GetDistrictDashboardRequest request, Caller caller, CancellationToken ct)
    {
        var code = request.DistrictCode;
        GovernanceAccess.EnsureMayReadReport(caller, code);
        var period = ParsePeriod(request.Period);
        if (!ReferenceData.IsDistrict(code)) throw new NotFoundException("District", code);
        var counters = await CountersAsync([code], period, ct);
        var sources = await SourcesAsync(ct);
        var dashboard = await DistrictAsync(code, counters, period, sources, ct);
        dashboard.Projects.AddRange(Projects(counters, period));
        dashboard.Staff = StaffingHandlers.ToProto(Today(), await db.SecondmentReportLinesAsync(null, Today(), ct));
        return dashboard;
    }

    public async Task<CityDashboard> GetCityAsync(GetCityDashboardRequest request, Caller caller, CancellationToken ct)
    {
        EnsureCityAdmin(caller);
        var period = ParsePeriod(request.Period);
        // every district and "" (what belongs to none: online applications, the vote) in one range per district
        var counters = await CountersAsync([.. ReferenceData.DistrictCodes, ""], period, ct);
        var sources = await SourcesAsync(ct);
        var city = new CityDashboard { Period = period.Text, CompressionGoal = CompressionGoal };
        city.Months.AddRange(period.Months.Select(Months.Text));
        foreach (var district in ReferenceData.DistrictCodes.Order(StringComparer.Ordinal))
            city.Districts.Add(await DistrictAsync(district, counters.Where(c => c.DistrictCode == district).ToList(), period, sources, ct));
        city.Tags.AddRange(ToProto(Figures.Compute(counters, period, Figures.Tags), null));
        city.TwoThirdsRule.AddRange(TwoThirdsRule(counters, period));
        city.Departments.AddRange(Departments(counters, period));
        city.Sources.AddRange(DashboardSource.All.Select(s => Part(s, sources, [])));
        // entered by hand, not fed by events: governance's own table, read as its report reads it
        city.Indicators = await Indicators.CityIndicatorQueries.ReportAsync(db, period.Months[0] / 100, text, ct);
        return city;
    }

    public async Task<DashboardRebuild> RebuildAsync(Caller caller, CancellationToken ct)
    {
        EnsureCityAdmin(caller);
        var replay = DashboardReplay.Request(caller.Subject, clock.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.DashboardFacts.ExecuteDeleteAsync(ct);
        await db.DashboardCounters.ExecuteDeleteAsync(ct);
        await db.DashboardSources.ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ReplayId, (Guid?)null).SetProperty(x => x.ReplayBatches, 0).SetProperty(x => x.ReplayFinishedAt, (DateTimeOffset?)null), ct);
        db.DashboardReplays.Add(replay); // its DashboardReplayRequested goes out through the outbox with this commit
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await RebuildStateAsync(ct);
    }

    public async Task<DashboardRebuild> GetRebuildAsync(Caller caller, CancellationToken ct)
    {
        EnsureCityAdmin(caller);
        return await RebuildStateAsync(ct);
    }

    private async Task<DashboardRebuild> RebuildStateAsync(CancellationToken ct)
    {
        var current = await db.DashboardReplays.AsNoTracking().OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync(ct);
        var rebuild = new DashboardRebuild();
        if (current is null) return rebuild;
        rebuild.ReplayId = current.ReplayId.ToString("D");
        rebuild.RequestedAt = Timestamp.FromDateTimeOffset(current.RequestedAt);
        rebuild.RequestedBy = current.RequestedBy;
        var sources = await SourcesAsync(ct);
        foreach (var service in DashboardSource.All)
        {
            var source = sources.GetValueOrDefault(service);
            var ofCurrent = source?.ReplayId == current.ReplayId;
            var progress = new DashboardReplayProgress
            {
                Service = service,
                Batches = ofCurrent ? source!.ReplayBatches : 0,
                Finished = ofCurrent && source!.ReplayFinishedAt is not null,
            };
            if (progress.Finished) progress.FinishedAt = Timestamp.FromDateTimeOffset(source!.ReplayFinishedAt!.Value);
            rebuild.Services.Add(progress);
        }
        rebuild.Finished = rebuild.Services.All(s => s.Finished);
        return rebuild;
    }

    private static void EnsureCityAdmin(Caller caller)
    {
        if (!caller.IsCityAdmin) throw new ForbiddenException("Only a city admin may read or rebuild the city dashboards.");
    }

    private static Period ParsePeriod(string text)
    {
        var period = Period.Parse(text);
        new Validator().Require(period is not null, "period", "must be a month (2026-05), a quarter (2026-Q2) or a year (2026)")
            .ThrowIfInvalid();
        return period!;
    }

    /// <summary>The counters of the districts from January of the period's first year to its last month: one key range each.</summary>
    private async Task<List<CounterValue>> CountersAsync(IReadOnlyList<string> districts, Period period, CancellationToken ct) =>
        await db.DashboardCounters.AsNoTracking()
            .Where(c => districts.Contains(c.DistrictCode) && c.Month >= period.FirstJanuary && c.Month <= period.Last)
            .Select(c => new CounterValue(c.DistrictCode, c.Month, c.Metric, c.Dimension, c.Value))
            .ToListAsync(ct);

    private async Task<Dictionary<string, DashboardSource>> SourcesAsync(CancellationToken ct) =>
        await db.DashboardSources.AsNoTracking().ToDictionaryAsync(s => s.Service, ct);

    private async Task<DistrictDashboard> DistrictAsync(string code, IReadOnlyList<CounterValue> counters, Period period,
        IReadOnlyDictionary<string, DashboardSource> sources, CancellationToken ct)
    {
        var grids = await db.Grids.AsNoTracking().Where(g => g.DistrictCode == code).ToDictionaryAsync(g => g.Code, g => g.Name, ct);
        var dashboard = new DistrictDashboard
        {
            DistrictCode = code,
            DistrictName = ReferenceData.DistrictName(code, CultureInfo.CurrentCulture) ?? code,
            Period = period.Text,
            Cases = Part(DashboardSource.Governance, sources, ToProto(Figures.Compute(counters, period, Figures.Cases), grids)),
            ServiceHall = Part(DashboardSource.Approvals, sources, ToProto(Figures.Compute(counters, period, Figures.ServiceHall), grids)),
            Talent = Part(DashboardSource.Talent, sources, ToProto(Figures.Compute(counters, period, Figures.Talent), grids)),
            Livelihood = Part(DashboardSource.Livelihood, sources, ToProto(Figures.Compute(counters, period, Figures.Livelihood), grids)),
        };
        dashboard.Months.AddRange(period.Months.Select(Months.Text));
        return dashboard;
    }

    private DashboardPart Part(string service, IReadOnlyDictionary<string, DashboardSource> sources, IEnumerable<DashboardFigure> figures)
    {
        var heartbeat = sources.GetValueOrDefault(service)?.LastHeartbeatAt;
        var part = new DashboardPart { Service = service, Stale = heartbeat is null || clock.GetUtcNow() - heartbeat > StaleAfter };
        if (heartbeat is { } at) part.AsOf = Timestamp.FromDateTimeOffset(at);
        part.Figures.AddRange(figures);
        return part;
    }

    private IEnumerable<DashboardFigure> ToProto(IEnumerable<FigureValue> figures, IReadOnlyDictionary<string, string>? grids) =>
        figures.Select(f =>
        {
            var figure = new DashboardFigure { Name = f.Name, Dimension = f.Dimension, Label = Label(f.Dimension, grids), Value = f.Value };
            figure.Monthly.AddRange(f.Monthly.Select(m => new DashboardPoint { Month = Months.Text(m.Month), Value = m.Value }));
            return figure;
        });

    /// <summary>The dimension's name in the caller's language.</summary>
    private string Label(string dimension, IReadOnlyDictionary<string, string>? grids)
    {
        var colon = dimension.IndexOf(':');
        if (colon < 0) return text[new LocalText("Total")];
        var code = dimension[(colon + 1)..];
        var culture = CultureInfo.CurrentCulture;
        return dimension[..colon] switch
        {
            "grid" => grids?.GetValueOrDefault(code) is { } name ? text.Translate(name) : code,
            "module" => ReferenceData.ModuleName(code, culture) ?? code,
            "dept" => ReferenceData.DepartmentName(code, culture) ?? code,
            "tier" => text[new LocalText("Tier {0}", code)],
            "tag" => text.Translate(CityTagNames.GetValueOrDefault(code, code)),
            _ => code,
        };
    }

    /// <summary>The English names of 一区五城 (translated through the resources).</summary>
    private static readonly Dictionary<string, string> CityTagNames = new()
    {
        [CityTags.VibrantInnovation] = "Vibrant innovation city",
        [CityTags.AdvancedIndustry] = "Advanced industry city",
        [CityTags.ModernSmart] = "Modern smart city",
        [CityTags.HappyLiveable] = "Happy liveable city",
        [CityTags.SafeGovernance] = "Safe and well-governed city",
    };

    private static IEnumerable<DashboardProject> Projects(IReadOnlyList<CounterValue> counters, Period period)
    {
        var years = Enumerable.Range(period.First / 100, (period.Last / 100) - (period.First / 100) + 1).Select(y => (y * 100) + 1).ToHashSet();
        return counters.Where(c => c.Metric.StartsWith("project.", StringComparison.Ordinal) && years.Contains(c.Month))
            .GroupBy(c => c.Dimension)
            .Select(g => new DashboardProject
            {
                ProjectId = g.Key["project:".Length..],
                CostYuan = g.Where(c => c.Metric == Metrics.ProjectCost).Sum(c => c.Value),
                ProgressPercent = (int)g.Where(c => c.Metric == Metrics.ProjectProgress).Sum(c => c.Value),
                LateMilestones = (int)g.Where(c => c.Metric == Metrics.ProjectLateMilestones).Sum(c => c.Value),
                OpenDelayRisks = (int)g.Where(c => c.Metric == Metrics.ProjectOpenRisks).Sum(c => c.Value),
            })
            .OrderByDescending(p => p.OpenDelayRisks).ThenByDescending(p => p.LateMilestones).ThenBy(p => p.ProjectId, StringComparer.Ordinal);
    }

    private static IEnumerable<LivelihoodRuleYear> TwoThirdsRule(IReadOnlyList<CounterValue> counters, Period period)
    {
        var votes = counters.Where(c => c.DistrictCode == "" && c.Metric.StartsWith("vote.", StringComparison.Ordinal) && c.Month % 100 == 1)
            .GroupBy(c => c.Month / 100).Where(g => g.Key >= period.First / 100);
        foreach (var year in votes.OrderBy(g => g.Key))
        {
            long Sum(string metric) => year.Where(c => c.Metric == metric).Sum(c => c.Value);
            if (Sum(Metrics.VotesCounted) == 0) continue;
            var rule = new LivelihoodRuleYear
            {
                Year = year.Key,
                LivelihoodIncreaseYuan = Sum(Metrics.VoteLivelihoodIncrease),
                FiscalCapacityIncreaseYuan = Sum(Metrics.VoteFiscalIncrease),
            };
            if (Sum(Metrics.VoteTwoThirdsKnown) > 0) rule.Complies = Sum(Metrics.VoteTwoThirdsComplies) > 0;
            yield return rule;
        }
    }

    private static IEnumerable<DepartmentCompression> Departments(IReadOnlyList<CounterValue> counters, Period period) =>
        counters.Where(c => c.Month >= period.First && c.Month <= period.Last && c.Dimension.StartsWith("dept:", StringComparison.Ordinal))
            .GroupBy(c => c.Dimension["dept:".Length..])
            .Select(g =>
            {
                long Sum(string metric) => g.Where(c => c.Metric == metric).Sum(c => c.Value);
                var statutory = Sum(Metrics.ApprovalsStatutoryDays);
                var ratio = statutory == 0 ? 0 : Math.Round(1 - ((double)Sum(Metrics.ApprovalsElapsedDays) / statutory), 4);
                return new DepartmentCompression
                {
                    DepartmentCode = g.Key,
                    DepartmentName = ReferenceData.DepartmentName(g.Key, CultureInfo.CurrentCulture) ?? g.Key,
                    Decided = (int)Sum(Metrics.ApprovalsDecided),
                    CompressionRatio = ratio,
                    MeetsGoal = ratio > CompressionGoal,
                    Alert = ratio <= CompressionGoal,
                };
            })
            .Where(d => d.Decided > 0)
            .OrderBy(d => d.DepartmentCode, StringComparer.Ordinal);

    private DateOnly Today() => WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());
}
