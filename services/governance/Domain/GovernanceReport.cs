using Longgang.Platform.Calendar;

namespace Longgang.Governance.Domain;

/// <summary>A grid-team post held on the report's day, and whether its holder is seconded then.</summary>
public sealed record TeamSeat(string PersonId, string GridCode, bool Seconded);

/// <summary>One grid's line of a district report.</summary>
public sealed record GridReportLine(string GridCode, int OpenCases, int OverdueCases, int Escalations, int TeamMembers, int SecondedMembers);

/// <summary>A grid's open and overdue cases now, and the escalations of the period's cases ("" for cases without a grid).</summary>
public sealed record GridCaseTally(string GridCode, int Open, int Overdue, int Escalations);

/// <summary>A sum of working days and how many cases it adds up, for a mean the report takes at the end.</summary>
public readonly record struct WorkingDaysSum(long Days, int Cases)
{
    public double? Mean => Cases == 0 ? null : (double)Days / Cases;
}

/// <summary>
/// What a district report counts of cases and mediations: the open and overdue ones as they stand, and the flows (working
/// days, returns, triage, escalations, mediations) of those reported or opened in the report's period. The database adds
/// these up (DistrictHandlers); <see cref="Of"/> is the same definition over rows in memory.
/// </summary>
public sealed record DistrictCaseTallies(
    IReadOnlyList<GridCaseTally> Grids,
    WorkingDaysSum ToAcknowledge,
    WorkingDaysSum ToClose,
    IReadOnlyDictionary<string, int> ReturnsByAssignee,
    int SelfResolved,
    int Triaged,
    int MediationsConcluded,
    int MediationsAgreed,
    int AgreementsFollowedUp,
    int AgreementsHonoured)
{
    /// <summary>The statuses that end triage; the history says which one a case took, whatever it did afterwards.</summary>
    public static IReadOnlyList<CaseStatus> TriageOutcomes { get; } = [CaseStatus.Voided, CaseStatus.SelfResolved, CaseStatus.Filed];

    /// <summary>The tallies of <paramref name="cases"/> and <paramref name="mediations"/>, all of them taken as within the period.</summary>
    public static DistrictCaseTallies Of(IReadOnlyList<Case> cases, IReadOnlyList<MediationCase> mediations, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        var triaged = cases.Select(c => c.History.FirstOrDefault(h => TriageOutcomes.Contains(h.Status))?.Status).Where(s => s is not null).ToList();
        var concluded = mediations.Where(m => m.Status != MediationStatus.Open).ToList();
        var followedUp = mediations.Where(m => m.Honoured is not null).ToList();
        return new DistrictCaseTallies(
            cases.GroupBy(c => c.GridCode).Select(g => new GridCaseTally(g.Key,
                g.Count(c => !Case.Settled.Contains(c.Status)), g.Count(c => c.IsOverdue(now, calendar)),
                g.Sum(c => (int)c.EscalationLevel - (int)EscalationLevel.Grid))).ToList(),
            Sum(cases.Where(c => c.DispatchedAt is not null && c.AcknowledgedAt is not null)
                .Select(c => calendar.CountWorkingDays(c.DispatchedAt!.Value, c.AcknowledgedAt!.Value))),
            Sum(cases.Where(c => c.DispatchedAt is not null && c.ClosedAt is not null)
                .Select(c => calendar.CountWorkingDays(c.DispatchedAt!.Value, c.ClosedAt!.Value))),
            cases.SelectMany(c => c.History).Where(h => h.Status == CaseStatus.Returned && h.AssigneeCode is not null)
                .GroupBy(h => h.AssigneeCode!).ToDictionary(g => g.Key, g => g.Count()),
            triaged.Count(s => s == CaseStatus.SelfResolved),
            triaged.Count,
            concluded.Count,
            concluded.Count(m => m.Status == MediationStatus.Agreed),
            followedUp.Count,
            followedUp.Count(m => m.Honoured == true));
    }

    public static WorkingDaysSum Sum(IEnumerable<int> days)
    {
        var list = days.ToList();
        return new WorkingDaysSum(list.Sum(d => (long)d), list.Count);
    }
}

/// <summary>
/// A district's figures (DOMAIN.md §2 "Reports"): its open and overdue cases as they stand, and the flows of its
/// tallies' period. Averages are null when there is nothing to average; rates are between 0 and 1, null without a
/// denominator.
/// </summary>
public sealed record DistrictReport(
    string DistrictCode,
    int OpenCases,
    int OverdueCases,
    double? AverageWorkingDaysToAcknowledge,
    double? AverageWorkingDaysToClose,
    IReadOnlyDictionary<string, int> ReturnsByAssignee,
    double? SelfResolutionRate,
    int Escalations,
    int MediationsConcluded,
    double? MediationSuccessRate,
    double? AgreementsHonouredRate,
    int SecondedStaff,
    double? OpenCasesPerTeamMember,
    IReadOnlyList<GridReportLine> Grids)
{
    public static DistrictReport Build(string districtCode, IReadOnlyList<Grid> grids, DistrictCaseTallies tallies, IReadOnlyList<TeamSeat> activeMembers)
    {
        var byGrid = tallies.Grids.ToDictionary(g => g.GridCode, StringComparer.Ordinal);
        GridCaseTally Of(string grid) => byGrid.GetValueOrDefault(grid) ?? new GridCaseTally(grid, 0, 0, 0);
        var open = tallies.Grids.Sum(g => g.Open);
        return new DistrictReport(
            districtCode,
            open,
            tallies.Grids.Sum(g => g.Overdue),
            tallies.ToAcknowledge.Mean,
            tallies.ToClose.Mean,
            new SortedDictionary<string, int>(tallies.ReturnsByAssignee.ToDictionary(), StringComparer.Ordinal),
            Rate(tallies.SelfResolved, tallies.Triaged),
            tallies.Grids.Sum(g => g.Escalations),
            tallies.MediationsConcluded,
            Rate(tallies.MediationsAgreed, tallies.MediationsConcluded),
            Rate(tallies.AgreementsHonoured, tallies.AgreementsFollowedUp),
            activeMembers.Count(m => m.Seconded),
            activeMembers.Count == 0 ? null : (double)(open - Of("").Open) / activeMembers.Count,
            grids.OrderBy(g => g.Code, StringComparer.Ordinal).Select(g => new GridReportLine(
                g.Code,
                Of(g.Code).Open,
                Of(g.Code).Overdue,
                Of(g.Code).Escalations,
                activeMembers.Count(m => m.GridCode == g.Code),
                activeMembers.Count(m => m.GridCode == g.Code && m.Seconded))).ToList());
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
