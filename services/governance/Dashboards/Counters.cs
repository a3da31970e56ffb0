namespace Longgang.Governance.Dashboards;

/// <summary>
/// One monthly counter of the read model: a district ("" for what belongs to no district, e.g. an online application
/// without one, or the city's vote), a China month as yyyyMM, a metric (<see cref="Metrics"/>) and a dimension ("" for the
/// total, or "grid:…", "module:…", "tier:…", "tag:…", "dept:…", "project:…").
/// </summary>
public readonly record struct CounterKey(string DistrictCode, int Month, string Metric, string Dimension);

/// <summary>What a fact adds to one counter.</summary>
public readonly record struct CounterIncrement(CounterKey Key, long Value);

/// <summary>The China month of instants and dates, as the counters key them (yyyyMM).</summary>
public static class Months
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static int Of(DateTimeOffset at)
    {
        var china = at.ToOffset(ChinaOffset);
        return (china.Year * 100) + china.Month;
    }

    public static int Of(DateOnly day) => (day.Year * 100) + day.Month;

    /// <summary>The month after <paramref name="month"/> (yyyyMM).</summary>
    public static int Next(int month) => month % 100 == 12 ? ((month / 100) + 1) * 100 + 1 : month + 1;

    public static string Text(int month) => $"{month / 100:D4}-{month % 100:D2}";
}

/// <summary>
/// Turns contributions into counter changes: when a fact changes, its counters move by (new − old), so a fact that did
/// not change moves nothing and one that did is counted once, whatever order its events came in.
/// </summary>
public static class Contributions
{
    /// <summary>The non-zero differences new − old, in key order (so concurrent writers lock rows in one order).</summary>
    public static IReadOnlyList<CounterIncrement> Difference(IEnumerable<CounterIncrement> old, IEnumerable<CounterIncrement> now)
    {
        var sums = new Dictionary<CounterKey, long>();
        foreach (var i in now) sums[i.Key] = sums.GetValueOrDefault(i.Key) + i.Value;
        foreach (var i in old) sums[i.Key] = sums.GetValueOrDefault(i.Key) - i.Value;
        return sums.Where(s => s.Value != 0)
            .OrderBy(s => s.Key.DistrictCode, StringComparer.Ordinal).ThenBy(s => s.Key.Month)
            .ThenBy(s => s.Key.Metric, StringComparer.Ordinal).ThenBy(s => s.Key.Dimension, StringComparer.Ordinal)
            .Select(s => new CounterIncrement(s.Key, s.Value)).ToList();
    }
}

/// <summary>The metric names of the counters (the figures are sums and ratios of them).</summary>
public static class Metrics
{
    public const string CasesReported = "cases.reported";
    public const string CasesClosed = "cases.closed";
    public const string CasesOverdue = "cases.overdue";
    public const string CasesEscalated = "cases.escalated";
    public const string CasesReturned = "cases.returned";
    public const string CasesSelfResolved = "cases.self_resolved";
    public const string CasesCloseDays = "cases.close_days";
    public const string CasesCloseDaysKnown = "cases.close_days_known";
    public const string MediationsConcluded = "mediations.concluded";
    public const string MediationsAgreed = "mediations.agreed";

    public const string HallSubmitted = "hall.submitted";
    public const string HallDecided = "hall.decided";
    public const string HallOnTime = "hall.on_time";
    public const string HallElapsedDays = "hall.elapsed_days";
    public const string HallStatutoryDays = "hall.statutory_days";
    public const string HallVisits = "hall.visits";
    public const string HallVisitsKnown = "hall.visits_known";
    public const string HallNotAccepted = "hall.not_accepted";
    public const string ApprovalsDecided = "approvals.decided";
    public const string ApprovalsOnTime = "approvals.on_time";
    public const string ApprovalsElapsedDays = "approvals.elapsed_days";
    public const string ApprovalsStatutoryDays = "approvals.statutory_days";
    public const string ApprovalsRedWarnings = "approvals.red_warnings";

    public const string TalentApplied = "talent.applied";
    public const string TalentCertified = "talent.certified";
    public const string TalentHired = "talent.hired";
    public const string ClaimsApproved = "talent.claims_approved";
    public const string ClaimsPaid = "talent.claims_paid";
    public const string ClaimsExpired = "talent.claims_expired";

    public const string ProjectsProposed = "livelihood.proposed";
    public const string ProjectsAdopted = "livelihood.adopted";
    public const string ProjectsAdoptedYuan = "livelihood.adopted_yuan";
    public const string MilestonesDone = "livelihood.milestones_done";
    public const string MilestonesLate = "livelihood.milestones_late";
    public const string DelayRisks = "livelihood.delay_risks";
    /// <summary>Per project (dimension project:id), keyed to January of its cycle year, so a year's list is one range.</summary>
    public const string ProjectCost = "project.cost_yuan";
    public const string ProjectProgress = "project.progress";
    public const string ProjectLateMilestones = "project.late_milestones";
    public const string ProjectOpenRisks = "project.open_risks";

    public const string VotesCounted = "vote.counted";
    public const string VoteLivelihoodIncrease = "vote.livelihood_increase_yuan";
    public const string VoteFiscalIncrease = "vote.fiscal_increase_yuan";
    public const string VoteTwoThirdsComplies = "vote.two_thirds_complies";
    public const string VoteTwoThirdsKnown = "vote.two_thirds_known";
}

/// <summary>The prefixes of the counters' dimensions.</summary>
public static class Dimensions
{
    public const string Total = "";
    public static string Grid(string code) => "grid:" + code;
    public static string Module(string code) => "module:" + code;
    public static string Tier(string code) => "tier:" + code;
    public static string Tag(string code) => "tag:" + code;
    public static string Department(string code) => "dept:" + code;
    public static string Project(Guid id) => "project:" + id.ToString("D");
}
