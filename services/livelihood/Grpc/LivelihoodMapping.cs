using Google.Protobuf.WellKnownTypes;
using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Domain;
using Longgang.Platform.Localization;
using DomainProject = Longgang.Livelihood.Domain.Project;
using ProtoCycle = Longgang.Livelihood.Contracts.V1.Cycle;
using ProtoProject = Longgang.Livelihood.Contracts.V1.Project;

namespace Longgang.Livelihood.Grpc;

/// <summary>Between the domain and the wire. Proto enum values mirror the domain's numbers (see <see cref="ProtoEnums"/>).</summary>
internal static class LivelihoodMapping
{
    public static ProtoProject ToProto(DomainProject p, Caller caller, DateOnly today)
    {
        var project = new ProtoProject
        {
            Id = p.Id.ToString(),
            Year = p.Year,
            Title = p.Title,
            Category = ProtoEnums.ToProto<Contracts.V1.ProjectCategory>(p.Category),
            DistrictCodes = { p.DistrictCodes },
            EstimatedCostYuan = p.EstimatedCostYuan,
            Rationale = p.Rationale,
            ProposerKind = ProtoEnums.ToProto<Contracts.V1.ProposerKind>(p.ProposerKind),
            Status = ProtoEnums.ToProto<Contracts.V1.ProjectStatus>(p.StatusOn(today)),
            ProposedAt = Timestamp.FromDateTimeOffset(p.ProposedAt),
            ProposedOn = ChinaDate(p.ProposedAt),
            Late = p.Late,
            Vote = p.Vote is null ? null : ToProto(p.Vote),
            Milestones = { p.Milestones.OrderBy(m => m.DueDate).ThenBy(m => m.Id).Select(m => ToProto(m, today)) },
            ProgressPercent = p.ProgressPercent,
            SpentYuan = p.SpentYuan,
        };
        // unset values are left out rather than sent as "" or 0
        // issue 9: who proposed is for the proposer, the office and city admins; the others see the kind only
        if (LivelihoodAccess.MaySeeProposer(caller, p)) project.ProposerId = p.ProposerId;
        if (p.ScreeningReason is not null) project.ScreeningReason = p.ScreeningReason;
        if (p.MergedIntoId is { } mergedInto) project.MergedIntoId = mergedInto.ToString();
        if (p.OwningDepartmentCode is not null) project.OwningDepartmentCode = p.OwningDepartmentCode;
        if (p.CityTag is not null) project.CityTag = p.CityTag;
        if (p.CompletionDate is not null) project.CompletionDate = RequestParsing.Text(p.CompletionDate);
        if (p.CandidateNumber is { } number) project.CandidateNumber = number;
        if (p.StageTarget is not null) project.StageTarget = p.StageTarget;
        if (p.CarriedOverToYear is { } nextYear)
        {
            project.CarriedOverToYear = nextYear;
            project.CarriedOverFromYear = p.Year;
            project.SpentAtCarryOverYuan = p.SpentAtCarryOverYuan;
            project.ProgressAtCarryOverPercent = p.ProgressAtCarryOverPercent;
            project.CarriedOverCostYuan = p.CarriedOverCostYuan;
        }
        project.DelayRisk = DelayRisk(p);
        if (p.CompletedAt is { } completed)
        {
            project.CompletedAt = Timestamp.FromDateTimeOffset(completed);
            project.CompletedOn = ChinaDate(completed);
        }
        return project;
    }

    public static Contracts.V1.VoteResult ToProto(Domain.VoteResult v) => new()
    {
        Rank = v.Rank,
        Score = v.Score,
        Supporters = v.Supporters,
        Tied = v.Tied,
        Outcome = ProtoEnums.ToProto<Contracts.V1.VoteOutcome>(v.Outcome),
    };

    private static Contracts.V1.Milestone ToProto(Domain.Milestone m, DateOnly today)
    {
        var milestone = new Contracts.V1.Milestone
        {
            Id = m.Id.ToString(),
            Title = m.Title,
            Weight = m.Weight,
            DueDate = RequestParsing.Text(m.DueDate),
            AmountYuan = m.AmountYuan,
            Late = m.CompletedAt is null && m.DueDate < today,
        };
        if (m.LinkedApplicationId is { } application) milestone.LinkedApplicationId = application.ToString();
        if (m.IsAtRisk) milestone.DelayRiskLevel = ProtoEnums.ToProto<Contracts.V1.DelayRiskLevel>(m.RiskLevel!.Value);
        if (m.CompletedAt is { } completed)
        {
            milestone.CompletedAt = Timestamp.FromDateTimeOffset(completed);
            milestone.CompletedOn = ChinaDate(completed);
        }
        return milestone;
    }

    /// <summary>The project's delay risk (<see cref="DomainProject.DelayRisk"/>); null when it has none.</summary>
    public static Contracts.V1.DelayRisk? DelayRisk(DomainProject p) => p.DelayRisk is not { } m ? null : new()
    {
        MilestoneId = m.Id.ToString(),
        ApplicationId = m.LinkedApplicationId!.Value.ToString(),
        Level = ProtoEnums.ToProto<Contracts.V1.DelayRiskLevel>(m.RiskLevel!.Value),
        RaisedAt = Timestamp.FromDateTimeOffset(m.RiskRaisedAt!.Value),
        RaisedOn = ChinaDate(m.RiskRaisedAt!.Value),
        ApplicationDueOn = RequestParsing.Text(m.RiskApplicationDueOn!.Value),
    };

    /// <summary>The China date (Asia/Shanghai) of an instant, as a screen shows its day.</summary>
    public static string ChinaDate(DateTimeOffset instant) => RequestParsing.Text(WorkingDayCalendar.ChinaDateOf(instant));

    public static ProtoCycle ToProto(Domain.Cycle c, int ballotsCast, PlatformText text)
    {
        var cycle = new ProtoCycle
        {
            Year = c.Year,
            Phase = ProtoEnums.ToProto<Contracts.V1.CyclePhase>(c.Phase),
            BallotKind = ProtoEnums.ToProto<Contracts.V1.BallotKind>(c.BallotKind),
            Slots = c.Slots,
            MinimumSupport = c.MinimumSupport,
            CategoryEnvelopes = { c.CategoryEnvelopes.Select(CategoryEnvelope) },
            DistrictEnvelopes = { c.DistrictEnvelopes.Select(ToProto) },
            PhaseHistory =
            {
                c.PhaseHistory.Select(h => new Contracts.V1.PhaseChange
                {
                    Phase = ProtoEnums.ToProto<Contracts.V1.CyclePhase>(h.Phase),
                    StartedAt = Timestamp.FromDateTimeOffset(h.StartedAt),
                    StartedOn = ChinaDate(h.StartedAt),
                }),
            },
            Budget = c.Budget is null ? null : ToProto(c.Budget),
            BudgetCheck = c.Budget is null ? null : ToProto(TwoThirdsRule.Check(c.Budget), text),
            FinalAccounts = c.FinalAccounts is null ? null : ToProto(c.FinalAccounts),
            FinalAccountsCheck = c.FinalAccounts is null ? null : ToProto(TwoThirdsRule.Check(c.FinalAccounts), text),
            BallotsCast = ballotsCast,
        };
        if (c.ProjectsBudgetYuan is { } projectsBudget) cycle.ProjectsBudgetYuan = projectsBudget;
        return cycle;
    }

    private static Contracts.V1.Envelope ToProto(Domain.Envelope e) => new() { Key = e.Key, LimitYuan = e.LimitYuan };

    /// <summary>Category envelopes are keyed by the category's one API spelling (PROJECT_CATEGORY_TRANSPORT); the domain keys them by name.</summary>
    private static Contracts.V1.Envelope CategoryEnvelope(Domain.Envelope e) =>
        new() { Key = EnumNames.Wire(Project.ParseCategory(e.Key)), LimitYuan = e.LimitYuan };

    /// <summary>
    /// The domain's key of a category envelope, from the API's spelling; a key that is no category's API spelling
    /// (a bare TRANSPORT included) becomes one the domain refuses.
    /// </summary>
    public static Domain.Envelope CategoryEnvelope(Contracts.V1.Envelope e)
    {
        var category = System.Enum.GetValues<Contracts.V1.ProjectCategory>().Where(v => ProtoEnums.WireName(v) == e.Key)
            .Select(v => ProtoEnums.ToDomain<Domain.ProjectCategory>(v)).FirstOrDefault();
        return new Domain.Envelope(category is { } c ? EnumNames.Of(c) : "", e.LimitYuan);
    }

    private static Contracts.V1.FiscalFigures ToProto(Domain.FiscalFigures f) => new()
    {
        LivelihoodSpendingYuan = f.LivelihoodSpendingYuan,
        PreviousLivelihoodSpendingYuan = f.PreviousLivelihoodSpendingYuan,
        FiscalCapacityYuan = f.FiscalCapacityYuan,
        PreviousFiscalCapacityYuan = f.PreviousFiscalCapacityYuan,
    };

    /// <summary>The explanation in the caller's language.</summary>
    public static Contracts.V1.TwoThirdsCheck ToProto(Domain.TwoThirdsCheck check, PlatformText text) => new()
    {
        LivelihoodIncreaseYuan = check.LivelihoodIncreaseYuan,
        FiscalCapacityIncreaseYuan = check.FiscalCapacityIncreaseYuan,
        RequiredLivelihoodIncreaseYuan = check.RequiredLivelihoodIncreaseYuan,
        Complies = check.Complies,
        Explanation = text[check.Explanation],
    };

    public static Contracts.V1.EvaluationTally ToProto(Domain.EvaluationTally t) => new()
    {
        Satisfied = t.Satisfied,
        BasicallySatisfied = t.BasicallySatisfied,
        NotSatisfied = t.NotSatisfied,
    };

    /// <summary>The four figures as SetBudget and RecordFinalAccounts carry them.</summary>
    public static Domain.FiscalFigures Figures(long livelihood, long previousLivelihood, long capacity, long previousCapacity) =>
        new(livelihood, previousLivelihood, capacity, previousCapacity);
}
