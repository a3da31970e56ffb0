using Google.Protobuf.WellKnownTypes;
using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
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
            // issue 9: who proposed is for the proposer, the office and city admins; the others see the kind only
            ProposerId = LivelihoodAccess.MaySeeProposer(caller, p) ? p.ProposerId : "",
            Status = ProtoEnums.ToProto<Contracts.V1.ProjectStatus>(p.StatusOn(today)),
            ProposedAt = Timestamp.FromDateTimeOffset(p.ProposedAt),
            Late = p.Late,
            ScreeningReason = p.ScreeningReason ?? "",
            MergedIntoId = p.MergedIntoId?.ToString() ?? "",
            OwningDepartmentCode = p.OwningDepartmentCode ?? "",
            CompletionDate = RequestParsing.Text(p.CompletionDate),
            CandidateNumber = p.CandidateNumber ?? 0,
            Vote = p.Vote is null ? null : ToProto(p.Vote),
            Milestones = { p.Milestones.OrderBy(m => m.DueDate).ThenBy(m => m.Id).Select(m => ToProto(m, today)) },
            ProgressPercent = p.ProgressPercent,
            SpentYuan = p.SpentYuan,
            StageTarget = p.StageTarget ?? "",
            CarriedOverToYear = p.CarriedOverToYear ?? 0,
            CompletedAt = p.CompletedAt is { } completed ? Timestamp.FromDateTimeOffset(completed) : null,
        };
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

    private static Contracts.V1.Milestone ToProto(Domain.Milestone m, DateOnly today) => new()
    {
        Id = m.Id.ToString(),
        Title = m.Title,
        Weight = m.Weight,
        DueDate = RequestParsing.Text(m.DueDate),
        LinkedApplicationId = m.LinkedApplicationId?.ToString() ?? "",
        AmountYuan = m.AmountYuan,
        CompletedAt = m.CompletedAt is { } completed ? Timestamp.FromDateTimeOffset(completed) : null,
        Late = m.CompletedAt is null && m.DueDate < today,
    };

    public static ProtoCycle ToProto(Domain.Cycle c, int ballotsCast) => new()
    {
        Year = c.Year,
        Phase = ProtoEnums.ToProto<Contracts.V1.CyclePhase>(c.Phase),
        BallotKind = ProtoEnums.ToProto<Contracts.V1.BallotKind>(c.BallotKind),
        Slots = c.Slots,
        MinimumSupport = c.MinimumSupport,
        CategoryEnvelopes = { c.CategoryEnvelopes.Select(ToProto) },
        DistrictEnvelopes = { c.DistrictEnvelopes.Select(ToProto) },
        PhaseHistory =
        {
            c.PhaseHistory.Select(h => new Contracts.V1.PhaseChange
            {
                Phase = ProtoEnums.ToProto<Contracts.V1.CyclePhase>(h.Phase),
                StartedAt = Timestamp.FromDateTimeOffset(h.StartedAt),
            }),
        },
        Budget = c.Budget is null ? null : ToProto(c.Budget),
        BudgetCheck = c.Budget is null ? null : ToProto(TwoThirdsRule.Check(c.Budget)),
        FinalAccounts = c.FinalAccounts is null ? null : ToProto(c.FinalAccounts),
        FinalAccountsCheck = c.FinalAccounts is null ? null : ToProto(TwoThirdsRule.Check(c.FinalAccounts)),
        BallotsCast = ballotsCast,
    };

    private static Contracts.V1.Envelope ToProto(Domain.Envelope e) => new() { Key = e.Key, LimitYuan = e.LimitYuan };

    private static Contracts.V1.FiscalFigures ToProto(Domain.FiscalFigures f) => new()
    {
        LivelihoodSpendingYuan = f.LivelihoodSpendingYuan,
        PreviousLivelihoodSpendingYuan = f.PreviousLivelihoodSpendingYuan,
        FiscalCapacityYuan = f.FiscalCapacityYuan,
        PreviousFiscalCapacityYuan = f.PreviousFiscalCapacityYuan,
    };

    public static Contracts.V1.TwoThirdsCheck ToProto(Domain.TwoThirdsCheck check) => new()
    {
        LivelihoodIncreaseYuan = check.LivelihoodIncreaseYuan,
        FiscalCapacityIncreaseYuan = check.FiscalCapacityIncreaseYuan,
        RequiredLivelihoodIncreaseYuan = check.RequiredLivelihoodIncreaseYuan,
        Complies = check.Complies,
        Explanation = check.Explanation,
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
