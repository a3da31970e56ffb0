using Longgang.Platform.Calendar;

namespace Longgang.Governance.Domain;

/// <summary>A grid-team post held on the report's day, and whether its holder is seconded then.</summary>
public sealed record TeamSeat(string PersonId, string GridCode, bool Seconded);

/// <summary>One grid's line of a district report.</summary>
public sealed record GridReportLine(string GridCode, int OpenCases, int OverdueCases, int Escalations, int TeamMembers, int SecondedMembers);

/// <summary>
/// A district's figures (DOMAIN.md §2 "Reports"), computed from its cases, mediations and grid teams as they stand.
/// Averages are null when there is nothing to average; rates are between 0 and 1, null without a denominator.
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
    private static readonly CaseStatus[] Closed = [CaseStatus.Voided, CaseStatus.SelfResolved, CaseStatus.Closed, CaseStatus.Evaluated];
    private static readonly CaseStatus[] Triaged = [CaseStatus.Voided, CaseStatus.SelfResolved, CaseStatus.Filed];

    public static DistrictReport Build(string districtCode, IReadOnlyList<Grid> grids, IReadOnlyList<Case> cases,
        IReadOnlyList<MediationCase> mediations, IReadOnlyList<TeamSeat> activeMembers, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        var open = cases.Where(c => !Closed.Contains(c.Status)).ToList();
        var overdue = open.Where(c => c.IsOverdue(now, calendar)).ToList();
        // triage ends in one of three ways; the history says which, whatever the case did afterwards
        var triaged = cases.Select(c => c.History.FirstOrDefault(h => Triaged.Contains(h.Status))?.Status).Where(s => s is not null).ToList();
        var concluded = mediations.Where(m => m.Status != MediationStatus.Open).ToList();
        var followedUp = mediations.Where(m => m.Honoured is not null).ToList();

        return new DistrictReport(
            districtCode,
            open.Count,
            overdue.Count,
            Average(cases.Where(c => c.DispatchedAt is not null && c.AcknowledgedAt is not null)
                .Select(c => calendar.CountWorkingDays(c.DispatchedAt!.Value, c.AcknowledgedAt!.Value))),
            Average(cases.Where(c => c.DispatchedAt is not null && c.ClosedAt is not null)
                .Select(c => calendar.CountWorkingDays(c.DispatchedAt!.Value, c.ClosedAt!.Value))),
            cases.SelectMany(c => c.History).Where(h => h.Status == CaseStatus.Returned && h.AssigneeCode is not null)
                .GroupBy(h => h.AssigneeCode!).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            Rate(triaged.Count(s => s == CaseStatus.SelfResolved), triaged.Count),
            cases.Sum(c => (int)c.EscalationLevel - (int)EscalationLevel.Grid),
            concluded.Count,
            Rate(concluded.Count(m => m.Status == MediationStatus.Agreed), concluded.Count),
            Rate(followedUp.Count(m => m.Honoured == true), followedUp.Count),
            activeMembers.Count(m => m.Seconded),
            activeMembers.Count == 0 ? null : (double)open.Count(c => c.GridCode != "") / activeMembers.Count,
            grids.OrderBy(g => g.Code, StringComparer.Ordinal).Select(g => new GridReportLine(
                g.Code,
                open.Count(c => c.GridCode == g.Code),
                overdue.Count(c => c.GridCode == g.Code),
                cases.Where(c => c.GridCode == g.Code).Sum(c => (int)c.EscalationLevel - (int)EscalationLevel.Grid),
                activeMembers.Count(m => m.GridCode == g.Code),
                activeMembers.Count(m => m.GridCode == g.Code && m.Seconded))).ToList());
    }

    private static double? Average(IEnumerable<int> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : list.Average();
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
