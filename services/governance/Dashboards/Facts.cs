using System.Text.Json.Serialization;

namespace Longgang.Governance.Dashboards;

/// <summary>
/// One source record as the read model knows it (a case, an application, ...), keyed by its id. Events merge into it:
/// a field once known is never made unknown again, and two known values resolve the same way whatever their order
/// (<see cref="Merge"/>), so any order of delivery ends in the same fact. Its <see cref="Contribution"/> is a pure
/// function of the fact: the counters move by the difference when the fact changes.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CaseFact), FactKinds.Case)]
[JsonDerivedType(typeof(MediationFact), FactKinds.Mediation)]
[JsonDerivedType(typeof(ApplicationFact), FactKinds.Application)]
[JsonDerivedType(typeof(CertificationFact), FactKinds.Certification)]
[JsonDerivedType(typeof(PositionApplicationFact), FactKinds.PositionApplication)]
[JsonDerivedType(typeof(ClaimFact), FactKinds.Claim)]
[JsonDerivedType(typeof(ProjectFact), FactKinds.Project)]
[JsonDerivedType(typeof(VoteYearFact), FactKinds.VoteYear)]
public abstract class DashboardFact
{
    public abstract IEnumerable<CounterIncrement> Contribution();
}

public static class FactKinds
{
    public const string Case = "case";
    public const string Mediation = "mediation";
    public const string Application = "application";
    public const string Certification = "certification";
    public const string PositionApplication = "position-application";
    public const string Claim = "claim";
    public const string Project = "project";
    public const string VoteYear = "vote-year";

    public static DashboardFact New(string kind) => kind switch
    {
        Case => new CaseFact(),
        Mediation => new MediationFact(),
        Application => new ApplicationFact(),
        Certification => new CertificationFact(),
        PositionApplication => new PositionApplicationFact(),
        Claim => new ClaimFact(),
        Project => new ProjectFact(),
        VoteYear => new VoteYearFact(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a fact kind"),
    };
}

/// <summary>How two values of one field combine, commutatively: the result never depends on which came first.</summary>
public static class Merge
{
    /// <summary>The known one; of two known, the ordinal greater (producers agree on these, so it rarely matters).</summary>
    public static string? Known(string? a, string? b) =>
        a is null ? b : b is null ? a : string.CompareOrdinal(a, b) >= 0 ? a : b;

    // instants are kept in UTC: one instant told with two offsets must store (and compare) as the same fact
    public static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        (a is null ? b : b is null ? a : a <= b ? a : b)?.ToUniversalTime();

    public static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    public static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    /// <summary>True once any event said so; false only when known and never true.</summary>
    public static bool? Any(bool? a, bool? b) => a is null ? b : b is null ? a : a.Value || b.Value;

    /// <summary>The value stamped latest (ties: the ordinal greater), for a field that legitimately changes.</summary>
    public static (string? Value, DateTimeOffset? At) Latest(string? value, DateTimeOffset? at, string? other, DateTimeOffset? otherAt)
    {
        at = at?.ToUniversalTime();
        otherAt = otherAt?.ToUniversalTime();
        if (other is null) return (value, at);
        if (value is null) return (other, otherAt);
        if (otherAt > at || (otherAt == at && string.CompareOrdinal(other, value) > 0)) return (other, otherAt);
        return (value, at);
    }
}

/// <summary>A counter increment for each of a list of dimensions.</summary>
internal static class Add
{
    public static IEnumerable<CounterIncrement> To(string district, DateTimeOffset? at, string metric, IEnumerable<string> dimensions, long value = 1) =>
        at is { } when ? To(district, Months.Of(when), metric, dimensions, value) : [];

    public static IEnumerable<CounterIncrement> To(string district, int month, string metric, IEnumerable<string> dimensions, long value = 1) =>
        dimensions.Select(d => new CounterIncrement(new CounterKey(district, month, metric, d), value));

    public static IEnumerable<string> Dims(params string?[] dimensions) =>
        new[] { Dimensions.Total }.Concat(dimensions.Where(d => d is not null).Select(d => d!));
}

/// <summary>A governance case: reported, dispatched (to a module or department), returned, escalated, closed.</summary>
public sealed class CaseFact : DashboardFact
{
    public string? DistrictCode { get; set; }
    public string? GridCode { get; set; }
    public string? Category { get; set; }
    public string? CityTag { get; set; }
    public DateTimeOffset? ReportedAt { get; set; }
    /// <summary>The module it was last sent to (a department's case has none), stamped to resolve reorderings.</summary>
    public string? ModuleCode { get; set; }
    public DateTimeOffset? ModuleAt { get; set; }
    public DateTimeOffset? FirstDispatchedAt { get; set; }
    /// <summary>Each return, once (a set: a redelivered return is the same instant).</summary>
    public SortedSet<DateTimeOffset> ReturnedAt { get; set; } = [];
    public DateTimeOffset? FirstEscalatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public bool? OverdueAtClose { get; set; }
    public bool? SelfResolved { get; set; }
    public int? WorkingDaysToClose { get; set; }

    public void Assign(string? assigneeKind, string? assigneeCode, DateTimeOffset at)
    {
        if (assigneeKind != "MODULE" || assigneeCode is null) return;
        (ModuleCode, ModuleAt) = Merge.Latest(ModuleCode, ModuleAt, assigneeCode, at);
    }

    /// <summary>When it first showed as overdue: its first escalation, or its close when it closed late.</summary>
    public DateTimeOffset? OverdueSince => Merge.Earliest(FirstEscalatedAt, OverdueAtClose == true ? ClosedAt : null);

    public override IEnumerable<CounterIncrement> Contribution()
    {
        if (DistrictCode is not { } district) return [];
        var dims = Add.Dims(
            GridCode is null ? null : Dimensions.Grid(GridCode),
            ModuleCode is null ? null : Dimensions.Module(ModuleCode),
            CityTag is null ? null : Dimensions.Tag(CityTag)).ToList();
        var all = new List<CounterIncrement>();
        all.AddRange(Add.To(district, ReportedAt, Metrics.CasesReported, dims));
        all.AddRange(Add.To(district, ClosedAt, Metrics.CasesClosed, dims));
        all.AddRange(Add.To(district, OverdueSince, Metrics.CasesOverdue, dims));
        all.AddRange(Add.To(district, FirstEscalatedAt, Metrics.CasesEscalated, dims));
        foreach (var returned in ReturnedAt) all.AddRange(Add.To(district, returned, Metrics.CasesReturned, dims));
        if (SelfResolved == true) all.AddRange(Add.To(district, ClosedAt, Metrics.CasesSelfResolved, dims));
        if (WorkingDaysToClose is { } days)
        {
            all.AddRange(Add.To(district, ClosedAt, Metrics.CasesCloseDays, dims, days));
            all.AddRange(Add.To(district, ClosedAt, Metrics.CasesCloseDaysKnown, dims));
        }
        return all;
    }
}

/// <summary>A mediation and its outcome.</summary>
public sealed class MediationFact : DashboardFact
{
    public string? DistrictCode { get; set; }
    public DateTimeOffset? ConcludedAt { get; set; }
    public string? Outcome { get; set; }

    public override IEnumerable<CounterIncrement> Contribution()
    {
        if (DistrictCode is not { } district) return [];
        var all = Add.To(district, ConcludedAt, Metrics.MediationsConcluded, Add.Dims()).ToList();
        if (Outcome == "AGREED") all.AddRange(Add.To(district, ConcludedAt, Metrics.MediationsAgreed, Add.Dims()));
        return all;
    }
}

/// <summary>
/// An approvals application. The district's service hall counts those submitted there (channel SERVICE_HALL); the
/// city's compression ratio per department counts every decided one.
/// </summary>
public sealed class ApplicationFact : DashboardFact
{
    public const string ServiceHall = "SERVICE_HALL";

    public string? DistrictCode { get; set; }
    public string? DepartmentCode { get; set; }
    public string? Channel { get; set; }
    public string? CityTag { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? NotAcceptedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? Outcome { get; set; }
    public int? ElapsedWorkingDays { get; set; }
    public int? StatutoryLimitDays { get; set; }
    public bool? OnTime { get; set; }
    /// <summary>Visits to the hall; the highest count told (the decision's, or a visit-limit warning's).</summary>
    public int? Visits { get; set; }
    public DateTimeOffset? RedWarningAt { get; set; }
    public int? Rating { get; set; }

    public override IEnumerable<CounterIncrement> Contribution()
    {
        var district = DistrictCode ?? "";
        var all = new List<CounterIncrement>();
        if (Channel == ServiceHall && DistrictCode is not null)
        {
            var hall = Add.Dims().ToList();
            all.AddRange(Add.To(district, SubmittedAt, Metrics.HallSubmitted, hall));
            all.AddRange(Add.To(district, NotAcceptedAt, Metrics.HallNotAccepted, hall));
            all.AddRange(Add.To(district, DecidedAt, Metrics.HallDecided, hall));
            if (OnTime == true) all.AddRange(Add.To(district, DecidedAt, Metrics.HallOnTime, hall));
            if (ElapsedWorkingDays is { } elapsed && StatutoryLimitDays is { } limit)
            {
                all.AddRange(Add.To(district, DecidedAt, Metrics.HallElapsedDays, hall, elapsed));
                all.AddRange(Add.To(district, DecidedAt, Metrics.HallStatutoryDays, hall, limit));
            }
            if (Visits is > 0 && DecidedAt is not null)
            {
                all.AddRange(Add.To(district, DecidedAt, Metrics.HallVisits, hall, Visits.Value));
                all.AddRange(Add.To(district, DecidedAt, Metrics.HallVisitsKnown, hall));
            }
        }
        var dims = Add.Dims(DepartmentCode is null ? null : Dimensions.Department(DepartmentCode),
            CityTag is null ? null : Dimensions.Tag(CityTag)).ToList();
        all.AddRange(Add.To(district, DecidedAt, Metrics.ApprovalsDecided, dims));
        if (OnTime == true) all.AddRange(Add.To(district, DecidedAt, Metrics.ApprovalsOnTime, dims));
        if (ElapsedWorkingDays is { } e && StatutoryLimitDays is { } s)
        {
            all.AddRange(Add.To(district, DecidedAt, Metrics.ApprovalsElapsedDays, dims, e));
            all.AddRange(Add.To(district, DecidedAt, Metrics.ApprovalsStatutoryDays, dims, s));
        }
        all.AddRange(Add.To(district, RedWarningAt, Metrics.ApprovalsRedWarnings, dims));
        return all;
    }
}

/// <summary>A talent certification: applied, then certified in a tier.</summary>
public sealed class CertificationFact : DashboardFact
{
    public string? DistrictCode { get; set; }
    public string? TierCode { get; set; }
    public DateTimeOffset? AppliedAt { get; set; }
    public DateTimeOffset? CertifiedAt { get; set; }

    public override IEnumerable<CounterIncrement> Contribution()
    {
        var dims = Add.Dims(TierCode is null ? null : Dimensions.Tier(TierCode)).ToList();
        return Add.To(DistrictCode ?? "", AppliedAt, Metrics.TalentApplied, dims)
            .Concat(Add.To(DistrictCode ?? "", CertifiedAt, Metrics.TalentCertified, dims)).ToList();
    }
}

/// <summary>A candidate's application for a position; a hire the first time it moved to HIRED.</summary>
public sealed class PositionApplicationFact : DashboardFact
{
    public string? DistrictCode { get; set; }
    public DateTimeOffset? HiredAt { get; set; }

    public override IEnumerable<CounterIncrement> Contribution() =>
        Add.To(DistrictCode ?? "", HiredAt, Metrics.TalentHired, Add.Dims()).ToList();
}

/// <summary>An entitlement claim: approved, then paid or expired.</summary>
public sealed class ClaimFact : DashboardFact
{
    public string? DistrictCode { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateOnly? PaidOn { get; set; }
    public DateTimeOffset? ExpiredAt { get; set; }

    public override IEnumerable<CounterIncrement> Contribution()
    {
        var district = DistrictCode ?? "";
        var all = Add.To(district, ApprovedAt, Metrics.ClaimsApproved, Add.Dims())
            .Concat(Add.To(district, ExpiredAt, Metrics.ClaimsExpired, Add.Dims())).ToList();
        if (PaidOn is { } paid) all.AddRange(Add.To(district, Months.Of(paid), Metrics.ClaimsPaid, Add.Dims()));
        return all;
    }
}

/// <summary>A livelihood project: proposed, adopted by the vote, its milestones and the delay risks on them.</summary>
public sealed class ProjectFact : DashboardFact
{
    public Guid ProjectId { get; set; }
    public int? Year { get; set; }
    public SortedSet<string> DistrictCodes { get; set; } = new(StringComparer.Ordinal);
    public string? CityTag { get; set; }
    public long? CostYuan { get; set; }
    public DateTimeOffset? ProposedAt { get; set; }
    public DateTimeOffset? AdoptedAt { get; set; }
    public SortedDictionary<Guid, MilestoneFact> Milestones { get; set; } = [];
    /// <summary>The milestones approvals warned about (their first warning).</summary>
    public SortedDictionary<Guid, DateTimeOffset> DelayRisks { get; set; } = [];

    public MilestoneFact Milestone(Guid id) =>
        Milestones.TryGetValue(id, out var m) ? m : Milestones[id] = new MilestoneFact();

    /// <summary>Progress is the highest the milestones reported: completions only add to it.</summary>
    public int Progress => Milestones.Values.Select(m => m.ProgressPercent ?? 0).DefaultIfEmpty(0).Max();

    public int LateMilestones => Milestones.Values.Count(m => m.Late == true);

    /// <summary>A risk ends when its milestone is completed.</summary>
    public int OpenRisks => DelayRisks.Keys.Count(id => !Milestones.TryGetValue(id, out var m) || m.CompletedAt is null);

    public override IEnumerable<CounterIncrement> Contribution()
    {
        var all = new List<CounterIncrement>();
        var tagged = Add.Dims(CityTag is null ? null : Dimensions.Tag(CityTag)).ToList();
        foreach (var district in DistrictCodes)
        {
            all.AddRange(Add.To(district, ProposedAt, Metrics.ProjectsProposed, tagged));
            all.AddRange(Add.To(district, AdoptedAt, Metrics.ProjectsAdopted, tagged));
            if (CostYuan is { } cost) all.AddRange(Add.To(district, AdoptedAt, Metrics.ProjectsAdoptedYuan, tagged, cost));
            foreach (var m in Milestones.Values)
            {
                all.AddRange(Add.To(district, m.CompletedAt, Metrics.MilestonesDone, tagged));
                if (m.Late == true) all.AddRange(Add.To(district, m.CompletedAt, Metrics.MilestonesLate, tagged));
            }
            foreach (var (_, raisedAt) in DelayRisks) all.AddRange(Add.To(district, raisedAt, Metrics.DelayRisks, tagged));
            if (AdoptedAt is null || Year is not { } year) continue;
            // the district's project list: one range of its cycle year
            var project = new[] { Dimensions.Project(ProjectId) };
            var january = (year * 100) + 1;
            all.AddRange(Add.To(district, january, Metrics.ProjectCost, project, CostYuan ?? 0));
            all.AddRange(Add.To(district, january, Metrics.ProjectProgress, project, Progress));
            all.AddRange(Add.To(district, january, Metrics.ProjectLateMilestones, project, LateMilestones));
            all.AddRange(Add.To(district, january, Metrics.ProjectOpenRisks, project, OpenRisks));
        }
        return all;
    }
}

public sealed class MilestoneFact
{
    public int? ProgressPercent { get; set; }
    public bool? Late { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>A year's vote count and the ⅔ rule (new livelihood spending at least ⅔ of the new fiscal capacity).</summary>
public sealed class VoteYearFact : DashboardFact
{
    public int Year { get; set; }
    public DateTimeOffset? CountedAt { get; set; }
    public long LivelihoodIncreaseYuan { get; set; }
    public long FiscalCapacityIncreaseYuan { get; set; }
    public bool? TwoThirdsComplies { get; set; }

    public override IEnumerable<CounterIncrement> Contribution()
    {
        if (CountedAt is null) return [];
        var month = (Year * 100) + 1; // the year's figures sit in its January, so a year's period always finds them
        var all = Add.To("", month, Metrics.VotesCounted, Add.Dims())
            .Concat(Add.To("", month, Metrics.VoteLivelihoodIncrease, Add.Dims(), LivelihoodIncreaseYuan))
            .Concat(Add.To("", month, Metrics.VoteFiscalIncrease, Add.Dims(), FiscalCapacityIncreaseYuan)).ToList();
        if (TwoThirdsComplies is { } complies)
        {
            all.AddRange(Add.To("", month, Metrics.VoteTwoThirdsKnown, Add.Dims()));
            if (complies) all.AddRange(Add.To("", month, Metrics.VoteTwoThirdsComplies, Add.Dims()));
        }
        return all;
    }
}
