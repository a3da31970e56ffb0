namespace Longgang.Approvals.Domain;

/// <summary>
/// What the reports need to know of one decided application (approved, rejected, or approved and since issued).
/// </summary>
/// <param name="DepartmentCode">The lead department: the one that accepted the application and answers for its time.</param>
/// <param name="DistrictCode">The service hall (district) it came in through; null for an online application.</param>
/// <param name="ElapsedWorkingDays">Acceptance to decision in working days, suspensions excluded.</param>
/// <param name="StatutoryLimitDays">The matter's statutory limit, without the extension: the law's yardstick the city compresses.</param>
/// <param name="PromisedLimitDays">The promised limit including any extension: the one "on time" is measured against.</param>
/// <param name="OnTime">Decided within the promised limit (including any extension).</param>
/// <param name="Visits">In-person visits the applicant made.</param>
/// <param name="MaxVisits">The matter's limit on them.</param>
public sealed record DecisionFacts(
    string DepartmentCode, string? DistrictCode, int ElapsedWorkingDays, int StatutoryLimitDays, int PromisedLimitDays, bool OnTime, int Visits,
    int MaxVisits);

/// <summary>
/// The city's performance figures over a set of decided applications. The definitions are the headline metrics
/// the city publishes, so they are fixed here and nowhere else:
/// <list type="bullet">
/// <item><see cref="Handled"/>: applications decided (approved or rejected) in the period.</item>
/// <item><see cref="OnTime"/>: of those, decided within the promised limit including any extension.</item>
/// <item><see cref="OnTimeRate"/>: <c>OnTime / Handled</c>; 0 when none were handled.</item>
/// <item><see cref="AverageElapsedDays"/>, <see cref="AverageStatutoryDays"/>, <see cref="AveragePromisedDays"/>:
/// the plain mean per application of elapsed working days (acceptance to decision, suspensions excluded), of the
/// statutory limit (without extension) and of the promised limit (with extension); 0 when none were handled.</item>
/// <item><see cref="CompressionRatio"/>: <c>1 - Σ elapsed / Σ statutory</c>, the seed's "approval time cut by more
/// than 40%". A ratio of sums, not a mean of per-application ratios, so that a long matter weighs by its length
/// and a one-day matter decided in two days cannot swamp the figure. 0 when none were handled; negative when
/// applications took longer than the law allows.</item>
/// <item><see cref="VisitsPerApplication"/>: total in-person visits / handled ("run at most once" means ≤ 1); 0 when none.</item>
/// <item><see cref="OverVisitLimit"/>: applications whose applicant came more often than the matter's max visits.</item>
/// </list>
/// Figures are not rounded: rounding is for whoever displays them.
/// </summary>
public sealed record PerformanceFigures(
    int Handled, int OnTime, double OnTimeRate, double AverageElapsedDays, double AverageStatutoryDays,
    double AveragePromisedDays, double CompressionRatio, double VisitsPerApplication, int OverVisitLimit)
{
    public static PerformanceFigures None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static PerformanceFigures Of(IReadOnlyCollection<DecisionFacts> decided) => Of(DecisionTotals.Of(decided));

    public static PerformanceFigures Of(DecisionTotals totals)
    {
        if (totals.Handled == 0) return None;
        double handled = totals.Handled;
        return new PerformanceFigures(
            Handled: totals.Handled,
            OnTime: totals.OnTime,
            OnTimeRate: totals.OnTime / handled,
            AverageElapsedDays: totals.ElapsedDays / handled,
            AverageStatutoryDays: totals.StatutoryDays / handled,
            AveragePromisedDays: totals.PromisedDays / handled,
            // a matter's statutory limit is at least a day, but a zero must not turn into NaN or infinity
            CompressionRatio: totals.StatutoryDays == 0 ? 0 : 1 - (double)totals.ElapsedDays / totals.StatutoryDays,
            VisitsPerApplication: totals.Visits / handled,
            OverVisitLimit: totals.OverVisitLimit);
    }
}

/// <summary>
/// The sums the figures are computed from, so that a database can add up a period's decisions and hand over only these
/// (a report reads a few rows per department and hall, however many applications were decided).
/// </summary>
public sealed record DecisionTotals(int Handled, int OnTime, long ElapsedDays, long StatutoryDays, long PromisedDays, long Visits, int OverVisitLimit)
{
    public static DecisionTotals None { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public static DecisionTotals Of(IEnumerable<DecisionFacts> decided) => decided.Aggregate(None, (sum, d) => sum + new DecisionTotals(
        1, d.OnTime ? 1 : 0, d.ElapsedWorkingDays, d.StatutoryLimitDays, d.PromisedLimitDays, d.Visits, d.Visits > d.MaxVisits ? 1 : 0));

    public static DecisionTotals operator +(DecisionTotals a, DecisionTotals b) => new(a.Handled + b.Handled, a.OnTime + b.OnTime,
        a.ElapsedDays + b.ElapsedDays, a.StatutoryDays + b.StatutoryDays, a.PromisedDays + b.PromisedDays, a.Visits + b.Visits,
        a.OverVisitLimit + b.OverVisitLimit);
}

/// <summary>The totals of the decisions of one lead department taken in one service hall (null: online).</summary>
public sealed record DecisionGroup(string DepartmentCode, string? DistrictCode, DecisionTotals Totals);

/// <summary>
/// The figures overall, per lead department and per service hall. An application counts once overall, once under
/// its lead department (not under the other departments of a joint matter, so department rows add up to the
/// overall row) and once under its district's service hall; an online application has no service hall, so the
/// service-hall rows need not add up to the overall row. Rows are ordered by code.
/// </summary>
public sealed record PerformanceBreakdown(
    PerformanceFigures Overall,
    IReadOnlyDictionary<string, PerformanceFigures> Departments,
    IReadOnlyDictionary<string, PerformanceFigures> ServiceHalls)
{
    public static PerformanceBreakdown Of(IReadOnlyCollection<DecisionFacts> decided) =>
        OfGroups(decided.Select(d => new DecisionGroup(d.DepartmentCode, d.DistrictCode, DecisionTotals.Of([d]))).ToList());

    public static PerformanceBreakdown OfGroups(IReadOnlyCollection<DecisionGroup> groups) => new(
        PerformanceFigures.Of(Sum(groups)),
        Group(groups, g => g.DepartmentCode),
        Group(groups.Where(g => g.DistrictCode is not null), g => g.DistrictCode!));

    private static DecisionTotals Sum(IEnumerable<DecisionGroup> groups) => groups.Aggregate(DecisionTotals.None, (sum, g) => sum + g.Totals);

    private static SortedDictionary<string, PerformanceFigures> Group(IEnumerable<DecisionGroup> groups, Func<DecisionGroup, string> key) =>
        new(groups.GroupBy(key).ToDictionary(g => g.Key, g => PerformanceFigures.Of(Sum(g))), StringComparer.Ordinal);
}
