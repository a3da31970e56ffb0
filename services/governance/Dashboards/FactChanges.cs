using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Talent.Contracts.Events.V1;

namespace Longgang.Governance.Dashboards;

/// <summary>Which fact an event merges into (kind and source id) and how.</summary>
public sealed record FactChange(string Kind, string SourceId, Action<DashboardFact> Apply)
{
    /// <summary>
    /// The fact (as stored, null when new) after this change, and what its counters move by; null when the fact is
    /// unchanged (a redelivered event, or one whose news the fact already had).
    /// </summary>
    public MergedFact? MergeInto(string? stored)
    {
        var fact = stored is null ? FactKinds.New(Kind) : DashboardFactRow.Read(stored);
        var before = fact.Contribution().ToList();
        Apply(fact);
        var body = DashboardFactRow.Write(fact);
        return body == stored ? null : new MergedFact(body, Contributions.Difference(before, fact.Contribution()));
    }
}

public sealed record MergedFact(string Body, IReadOnlyList<CounterIncrement> CounterChanges);

/// <summary>
/// The one place that knows how each integration event merges into its fact: live events (the consumers) and replayed
/// ones (the replay batches) both come through here. Fields an older message lacks (null) stay unknown.
/// </summary>
public static class FactChanges
{
    /// <summary>The change an event makes, or null for an event the dashboards do not use.</summary>
    public static FactChange? Of(object integrationEvent) => integrationEvent switch
    {
        // governance
        CaseReported e => Case(e.CaseId, f =>
        {
            f.DistrictCode = Merge.Known(f.DistrictCode, e.DistrictCode);
            f.GridCode = Merge.Known(f.GridCode, e.GridCode);
            f.Category = Merge.Known(f.Category, e.Category);
            f.CityTag = Merge.Known(f.CityTag, e.CityTag);
            f.ReportedAt = Merge.Earliest(f.ReportedAt, e.ReportedAt);
        }),
        CaseDispatched e => Case(e.CaseId, f =>
        {
            f.DistrictCode = Merge.Known(f.DistrictCode, e.DistrictCode);
            f.FirstDispatchedAt = Merge.Earliest(f.FirstDispatchedAt, e.DispatchedAt);
            f.Assign(e.AssigneeKind, e.AssigneeCode, e.DispatchedAt);
        }),
        CaseReturned e => Case(e.CaseId, f =>
        {
            f.DistrictCode = Merge.Known(f.DistrictCode, e.DistrictCode);
            f.ReturnedAt.Add(e.ReturnedAt.ToUniversalTime());
        }),
        CaseReassigned e => Case(e.CaseId, f => f.DistrictCode = Merge.Known(f.DistrictCode, e.DistrictCode)),
        CaseEscalated e => Case(e.CaseId, f =>
        {
            f.DistrictCode = Merge.Known(f.DistrictCode, e.DistrictCode);
            f.GridCode = Merge.Known(f.GridCode, e.GridCode);
            f.FirstEscalatedAt = Merge.Earliest(f.FirstEscalatedAt, e.EscalatedAt);
        }),
        CaseClosed e => Case(e.CaseId, f =>
        {
            f.DistrictCode = Merge.Known(f.DistrictCode, e.DistrictCode);
            f.GridCode = Merge.Known(f.GridCode, e.GridCode);
            f.Category = Merge.Known(f.Category, e.Category);
            f.ClosedAt = Merge.Earliest(f.ClosedAt, e.ClosedAt);
            f.OverdueAtClose = Merge.Any(f.OverdueAtClose, e.Overdue);
            // old messages say false for "not told": only a true is news
            f.SelfResolved = Merge.Any(f.SelfResolved, e.SelfResolved ? true : null);
            f.WorkingDaysToClose = Merge.Max(f.WorkingDaysToClose, e.WorkingDaysToClose);
            f.Assign(e.AssigneeKind, e.AssigneeCode, e.ClosedAt);
        }),
        MediationConcluded e => Fact<MediationFact>(FactKinds.Mediation, e.MediationId, f =>
        {
            f.DistrictCode = Merge.Known(f.DistrictCode, e.DistrictCode);
            f.ConcludedAt = Merge.Earliest(f.ConcludedAt, e.ConcludedAt);
            f.Outcome = Merge.Known(f.Outcome, e.Outcome);
        }),
        // approvals
        ApplicationSubmitted e => Application(e.ApplicationId, e.DistrictCode, e.DepartmentCode, f =>
        {
            f.Channel = Merge.Known(f.Channel, e.Channel);
            f.CityTag = Merge.Known(f.CityTag, e.CityTag);
            f.SubmittedAt = Merge.Earliest(f.SubmittedAt, e.SubmittedAt);
        }),
        ApplicationAccepted e => Application(e.ApplicationId, e.DistrictCode, e.DepartmentCode,
            f => f.AcceptedAt = Merge.Earliest(f.AcceptedAt, e.AcceptedAt)),
        ApplicationNotAccepted e => Application(e.ApplicationId, e.DistrictCode, e.DepartmentCode,
            f => f.NotAcceptedAt = Merge.Earliest(f.NotAcceptedAt, e.At)),
        ApplicationDecided e => Application(e.ApplicationId, e.DistrictCode, e.DepartmentCode, f =>
        {
            f.Channel = Merge.Known(f.Channel, e.Channel);
            f.CityTag = Merge.Known(f.CityTag, e.CityTag);
            f.DecidedAt = Merge.Earliest(f.DecidedAt, e.DecidedAt);
            f.Outcome = Merge.Known(f.Outcome, e.Outcome);
            f.ElapsedWorkingDays = Merge.Max(f.ElapsedWorkingDays, e.ElapsedWorkingDays);
            f.StatutoryLimitDays = Merge.Max(f.StatutoryLimitDays, e.StatutoryLimitDays);
            f.OnTime = Merge.Any(f.OnTime, e.OnTime);
            f.Visits = Merge.Max(f.Visits, e.Visits > 0 ? e.Visits : null); // 0: a message older than the field
        }),
        SlaWarningRaised e => Application(e.ApplicationId, e.DistrictCode, e.DepartmentCode, f =>
        {
            if (e.Level == SlaWarningRaised.Red && e.Scope == "APPLICATION") f.RedWarningAt = Merge.Earliest(f.RedWarningAt, e.RaisedAt);
        }),
        ApplicationEvaluated e => Application(e.ApplicationId, e.DistrictCode, e.DepartmentCode,
            f => f.Rating = Merge.Max(f.Rating, e.Rating)),
        VisitLimitExceeded e => Application(e.ApplicationId, e.DistrictCode, e.DepartmentCode,
            f => f.Visits = Merge.Max(f.Visits, e.Visits)),
        // talent
        CertificationApplied e => Fact<CertificationFact>(FactKinds.Certification, e.CertificationId, f =>
        {
            f.DistrictCode = Merge.Known(f.DistrictCode, e.DistrictCode);
            f.TierCode = Merge.Known(f.TierCode, e.TierCode);
            f.AppliedAt = Merge.Earliest(f.AppliedAt, e.SubmittedAt);
        }),
        TalentCertified e => Fact<CertificationFact>(FactKinds.Certification, e.CertificationId, f =>
        {
            f.DistrictCode = Merge.Known(f.DistrictCode, e.DistrictCode);
            f.TierCode = Merge.Known(f.TierCode, e.TierCode);
            f.CertifiedAt = Merge.Earliest(f.CertifiedAt, e.CertifiedAt);
        }),
        PositionApplicationMoved e => Fact<PositionApplicationFact>(FactKinds.PositionApplication, e.PositionApplicationId, f =>
        {
            f.DistrictCode = Merge.Known(f.DistrictCode, e.DistrictCode);
            if (e.Status == PositionApplicationMoved.Hired) f.HiredAt = Merge.Earliest(f.HiredAt, e.MovedAt);
        }),
        EntitlementApproved e => Fact<ClaimFact>(FactKinds.Claim, e.ClaimId, f =>
        {
            f.DistrictCode = Merge.Known(f.DistrictCode, e.DistrictCode);
            f.ApprovedAt = Merge.Earliest(f.ApprovedAt, e.ApprovedAt);
        }),
        EntitlementPaid e => Fact<ClaimFact>(FactKinds.Claim, e.ClaimId, f =>
        {
            f.DistrictCode = Merge.Known(f.DistrictCode, e.DistrictCode);
            f.PaidOn = f.PaidOn is { } known && known <= e.PaidOn ? known : e.PaidOn;
        }),
        EntitlementExpired e => Fact<ClaimFact>(FactKinds.Claim, e.ClaimId, f =>
        {
            f.DistrictCode = Merge.Known(f.DistrictCode, e.DistrictCode);
            f.ExpiredAt = Merge.Earliest(f.ExpiredAt, e.ExpiredAt);
        }),
        // livelihood
        ProjectProposed e => Project(e.ProjectId, e.Year, e.DistrictCodes, f =>
        {
            f.CityTag = Merge.Known(f.CityTag, e.CityTag);
            f.ProposedAt = Merge.Earliest(f.ProposedAt, e.ProposedAt);
        }),
        ProjectAdopted e => Project(e.ProjectId, e.Year, e.DistrictCodes, f =>
        {
            f.CityTag = Merge.Known(f.CityTag, e.CityTag);
            f.AdoptedAt = Merge.Earliest(f.AdoptedAt, e.AdoptedAt);
            f.CostYuan = Merge.Max(f.CostYuan, e.CostYuan);
        }),
        MilestoneCompleted e => Project(e.ProjectId, null, [], f =>
        {
            var m = f.Milestone(e.MilestoneId);
            m.ProgressPercent = Merge.Max(m.ProgressPercent, e.ProgressPercent);
            m.Late = Merge.Any(m.Late, e.Late ? true : null);
            m.CompletedAt = Merge.Earliest(m.CompletedAt, e.CompletedAt);
        }),
        ProjectDelayRiskRaised e => Project(e.ProjectId, e.Year, e.DistrictCodes, f =>
            f.DelayRisks[e.MilestoneId] = Merge.Earliest(f.DelayRisks.GetValueOrDefault(e.MilestoneId, e.RaisedAt), e.RaisedAt)!.Value),
        VoteCounted e => Fact<VoteYearFact>(FactKinds.VoteYear, e.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), f =>
        {
            // a year is counted once; should a recount come, the later count wins in any order
            if (f.CountedAt is { } counted && counted > e.CountedAt) return;
            f.Year = e.Year;
            f.CountedAt = e.CountedAt.ToUniversalTime();
            f.LivelihoodIncreaseYuan = e.LivelihoodIncreaseYuan;
            f.FiscalCapacityIncreaseYuan = e.FiscalCapacityIncreaseYuan;
            f.TwoThirdsComplies = e.TwoThirdsComplies;
        }),
        _ => null,
    };

    private static FactChange Fact<T>(string kind, Guid id, Action<T> apply) where T : DashboardFact =>
        Fact(kind, id.ToString("D"), apply);

    private static FactChange Fact<T>(string kind, string id, Action<T> apply) where T : DashboardFact =>
        new(kind, id, fact => apply((T)fact));

    private static FactChange Case(Guid id, Action<CaseFact> apply) => Fact(FactKinds.Case, id, apply);

    private static FactChange Application(Guid id, string? district, string department, Action<ApplicationFact> apply) =>
        Fact<ApplicationFact>(FactKinds.Application, id, f =>
        {
            f.DistrictCode = Merge.Known(f.DistrictCode, district);
            f.DepartmentCode = Merge.Known(f.DepartmentCode, department);
            apply(f);
        });

    private static FactChange Project(Guid id, int? year, IReadOnlyList<string> districts, Action<ProjectFact> apply) =>
        Fact<ProjectFact>(FactKinds.Project, id, f =>
        {
            f.ProjectId = id;
            f.Year = Merge.Max(f.Year, year);
            foreach (var d in districts ?? []) f.DistrictCodes.Add(d);
            apply(f);
        });
}
