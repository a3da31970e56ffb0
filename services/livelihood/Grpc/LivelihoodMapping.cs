using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Errors;
using DomainProject = Longgang.Livelihood.Domain.Project;
using ProtoProject = Longgang.Livelihood.Contracts.V1.Project;
using ProtoCycle = Longgang.Livelihood.Contracts.V1.Cycle;

namespace Longgang.Livelihood.Grpc;

/// <summary>Between the domain and the wire. Proto enum values mirror the domain's numbers.</summary>
internal static class LivelihoodMapping
{
    public const string DateFormat = "yyyy-MM-dd";

    public static ProtoProject ToProto(DomainProject p, Caller caller, DateOnly today)
    {
        var project = new ProtoProject
        {
            Id = p.Id.ToString(),
            Year = p.Year,
            Title = p.Title,
            Category = (Contracts.V1.ProjectCategory)(int)p.Category,
            DistrictCodes = { p.DistrictCodes },
            EstimatedCostYuan = p.EstimatedCostYuan,
            Rationale = p.Rationale,
            ProposerKind = (Contracts.V1.ProposerKind)(int)p.ProposerKind,
            // issue 9: who proposed is for the proposer, the office and city admins; the others see the kind only
            ProposerId = LivelihoodAccess.MaySeeProposer(caller, p) ? p.ProposerId : "",
            Status = (Contracts.V1.ProjectStatus)(int)p.StatusOn(today),
            ProposedAt = Timestamp.FromDateTimeOffset(p.ProposedAt),
            Late = p.Late,
            ScreeningReason = p.ScreeningReason ?? "",
            MergedIntoId = p.MergedIntoId?.ToString() ?? "",
            OwningDepartmentCode = p.OwningDepartmentCode ?? "",
            CompletionDate = Format(p.CompletionDate),
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
        Outcome = (Contracts.V1.VoteOutcome)(int)v.Outcome,
    };

    private static Contracts.V1.Milestone ToProto(Domain.Milestone m, DateOnly today) => new()
    {
        Id = m.Id.ToString(),
        Title = m.Title,
        Weight = m.Weight,
        DueDate = Format(m.DueDate),
        LinkedApplicationId = m.LinkedApplicationId?.ToString() ?? "",
        AmountYuan = m.AmountYuan,
        CompletedAt = m.CompletedAt is { } completed ? Timestamp.FromDateTimeOffset(completed) : null,
        Late = m.CompletedAt is null && m.DueDate < today,
    };

    public static ProtoCycle ToProto(Domain.Cycle c, int ballotsCast) => new()
    {
        Year = c.Year,
        Phase = (Contracts.V1.CyclePhase)(int)c.Phase,
        BallotKind = (Contracts.V1.BallotKind)(int)c.BallotKind,
        Slots = c.Slots,
        MinimumSupport = c.MinimumSupport,
        CategoryEnvelopes = { c.CategoryEnvelopes.Select(ToProto) },
        DistrictEnvelopes = { c.DistrictEnvelopes.Select(ToProto) },
        PhaseHistory = { c.PhaseHistory.Select(h => new Contracts.V1.PhaseChange { Phase = (Contracts.V1.CyclePhase)(int)h.Phase, StartedAt = Timestamp.FromDateTimeOffset(h.StartedAt) }) },
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

    private static string Format(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? "";

    /// <summary>Null for an empty field (the domain says it is required); a 400 naming the field for anything else that is not a date.</summary>
    public static DateOnly? ParseDate(string value, string field) =>
        value.Length == 0 ? null
        : DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new ValidationFailedException(field, "must be a date, YYYY-MM-DD");

    public static Guid ParseId(string value, string field, string what = "project") =>
        Guid.TryParse(value, out var id) ? id : throw new ValidationFailedException(field, $"must be a {what} id (a UUID)");

    /// <summary>Null for UNSPECIFIED or a number no client should send, so validation names the field.</summary>
    public static Domain.ProjectCategory? FromProto(Contracts.V1.ProjectCategory category) =>
        category != Contracts.V1.ProjectCategory.Unspecified && System.Enum.IsDefined(category) ? (Domain.ProjectCategory)(int)category : null;

    public static Domain.BallotKind? FromProto(Contracts.V1.BallotKind kind) =>
        kind != Contracts.V1.BallotKind.Unspecified && System.Enum.IsDefined(kind) ? (Domain.BallotKind)(int)kind : null;

    public static Domain.CyclePhase? FromProto(Contracts.V1.CyclePhase phase) =>
        phase != Contracts.V1.CyclePhase.Unspecified && System.Enum.IsDefined(phase) ? (Domain.CyclePhase)(int)phase : null;

    public static Domain.Satisfaction? FromProto(Contracts.V1.Satisfaction rating) =>
        rating != Contracts.V1.Satisfaction.Unspecified && System.Enum.IsDefined(rating) ? (Domain.Satisfaction)(int)rating : null;

    public static Domain.FiscalFigures Figures(long livelihood, long previousLivelihood, long capacity, long previousCapacity) =>
        new(livelihood, previousLivelihood, capacity, previousCapacity);
}
