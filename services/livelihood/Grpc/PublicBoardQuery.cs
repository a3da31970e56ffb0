using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Domain;
using Longgang.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using DomainProject = Longgang.Livelihood.Domain.Project;

namespace Longgang.Livelihood.Grpc;

/// <summary>
/// The public board of a year, open to everybody: the adopted projects in the count's order, then the projects carried
/// over into the year; their progress, spend and delay risk; the ⅔ checks; and once the cycle is closed the deputies'
/// evaluation. The totals count each year's own share of a carried-over project: its spend up to the carry-over in
/// the year it was adopted, the rest of its cost and what was spent since in the year it was carried into.
/// </summary>
public sealed class PublicBoardQuery(LivelihoodDbContext db, TimeProvider clock, PlatformText text)
{
    public async Task<PublicBoard> GetAsync(GetPublicBoardRequest request, CancellationToken ct)
    {
        var cycle = await db.FindCycleAsync(request.Year, ct);
        var year = cycle.Year;
        var projects = await db.Projects.AsNoTracking().Where(p => p.Year == year || p.CarriedOverToYear == year).ToListAsync(ct);
        var adopted = projects.Where(p => p.Year == year && p.IsAdopted).OrderBy(p => p.Vote?.Rank ?? int.MaxValue).ThenBy(p => p.Id).ToList();
        var carriedIn = projects.Where(p => p.CarriedOverToYear == year).OrderBy(p => p.Year).ThenBy(p => p.Vote?.Rank ?? int.MaxValue)
            .ThenBy(p => p.Id).ToList();
        List<DomainProject> onBoard = [.. adopted, .. carriedIn];
        var published = cycle.Phase == Domain.CyclePhase.Closed;
        var ids = onBoard.Select(p => p.Id).ToList();
        var ratings = published
            ? (await db.EvaluationRatings.AsNoTracking().Where(r => ids.Contains(r.ProjectId)).ToListAsync(ct)).ToLookup(r => r.ProjectId, r => r.Rating)
            : null;
        var today = WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());
        var board = new PublicBoard
        {
            Year = cycle.Year,
            Phase = ProtoEnums.ToProto<Contracts.V1.CyclePhase>(cycle.Phase),
            AdoptedCostYuan = adopted.Sum(p => p.EstimatedCostYuan),
            CarriedOverCostYuan = carriedIn.Sum(p => p.CarriedOverCostYuan),
            SpentYuan = onBoard.Sum(p => ShareOf(p, year).SpentYuan),
            ProjectsAtRisk = onBoard.Count(p => p.DelayRisk is not null),
            BudgetCheck = cycle.Budget is null ? null : LivelihoodMapping.ToProto(TwoThirdsRule.Check(cycle.Budget), text),
            FinalAccountsCheck = cycle.FinalAccounts is null ? null : LivelihoodMapping.ToProto(TwoThirdsRule.Check(cycle.FinalAccounts), text),
            EvaluationPublished = published,
            Projects =
            {
                onBoard.Select(p => BoardProject(p, year, today, ratings)),
            },
            ByCategory = { Groups(onBoard, year, p => [EnumNames.Wire(p.Category)]) },
            ByDistrict = { Groups(onBoard, year, p => p.DistrictCodes) },
        };
        if (cycle.Budget is not null) board.BudgetYuan = cycle.Budget.LivelihoodSpendingYuan;
        if (cycle.ProjectsBudgetYuan is { } projectsBudget) board.ProjectsBudgetYuan = projectsBudget;
        return board;
    }

    /// <summary>The cost and spend of a project that fall on <paramref name="year"/> (see the class comment).</summary>
    private static (long CostYuan, long SpentYuan) ShareOf(DomainProject p, int year) =>
        p.CarriedOverToYear == year ? (p.CarriedOverCostYuan, p.SpentYuan - p.SpentAtCarryOverYuan)
        : p.CarriedOverToYear is not null ? (p.EstimatedCostYuan, p.SpentAtCarryOverYuan)
        : (p.EstimatedCostYuan, p.SpentYuan);

    private static BoardProject BoardProject(DomainProject p, int year, DateOnly today, ILookup<Guid, Domain.Satisfaction>? ratings)
    {
        var project = new BoardProject
        {
            Id = p.Id.ToString(),
            Title = p.Title,
            Category = ProtoEnums.ToProto<Contracts.V1.ProjectCategory>(p.Category),
            DistrictCodes = { p.DistrictCodes },
            CostYuan = p.EstimatedCostYuan,
            Status = ProtoEnums.ToProto<Contracts.V1.ProjectStatus>(p.StatusOn(today)),
            ProgressPercent = p.ProgressPercent,
            SpentYuan = p.SpentYuan,
            Evaluation = ratings is null ? null : LivelihoodMapping.ToProto(Domain.EvaluationTally.Of(ratings[p.Id])),
            DelayRisk = LivelihoodMapping.DelayRisk(p),
            OpenMilestones =
            {
                p.Milestones.Where(m => m.CompletedAt is null).OrderBy(m => m.DueDate).ThenBy(m => m.Id).Select(m => new BoardMilestone
                {
                    Title = m.Title,
                    DueDate = RequestParsing.Text(m.DueDate),
                    Late = m.DueDate < today,
                }),
            },
        };
        if (p.CarriedOverToYear == year)
        {
            project.CarriedOverFromYear = p.Year;
            project.SpentAtCarryOverYuan = p.SpentAtCarryOverYuan;
            project.ProgressAtCarryOverPercent = p.ProgressAtCarryOverPercent;
        }
        else if (p.CarriedOverToYear is { } nextYear)
        {
            project.CarriedOverToYear = nextYear;
        }
        if (p.OwningDepartmentCode is not null) project.OwningDepartmentCode = p.OwningDepartmentCode;
        if (p.CompletionDate is not null) project.CompletionDate = RequestParsing.Text(p.CompletionDate);
        return project;
    }

    private static IEnumerable<BoardGroup> Groups(IReadOnlyList<DomainProject> projects, int year, Func<DomainProject, IEnumerable<string>> keys) =>
        projects.SelectMany(p => keys(p).Select(key => (key, p))).GroupBy(x => x.key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BoardGroup
            {
                Key = g.Key,
                Projects = g.Count(),
                CostYuan = g.Sum(x => ShareOf(x.p, year).CostYuan),
                SpentYuan = g.Sum(x => ShareOf(x.p, year).SpentYuan),
            });
}
