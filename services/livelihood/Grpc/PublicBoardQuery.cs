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
/// The public board of a year, open to everybody: the adopted projects in the count's order, their progress and spend,
/// the ⅔ checks, and once the cycle is closed the deputies' evaluation.
/// </summary>
public sealed class PublicBoardQuery(LivelihoodDbContext db, TimeProvider clock, PlatformText text)
{
    public async Task<PublicBoard> GetAsync(GetPublicBoardRequest request, CancellationToken ct)
    {
        var cycle = await db.FindCycleAsync(request.Year, ct);
        var adopted = (await db.Projects.AsNoTracking().Where(p => p.Year == cycle.Year).ToListAsync(ct))
            .Where(p => p.IsAdopted).OrderBy(p => p.Vote?.Rank ?? int.MaxValue).ThenBy(p => p.Id).ToList();
        var published = cycle.Phase == Domain.CyclePhase.Closed;
        var ids = adopted.Select(p => p.Id).ToList();
        var ratings = published
            ? (await db.EvaluationRatings.AsNoTracking().Where(r => ids.Contains(r.ProjectId)).ToListAsync(ct)).ToLookup(r => r.ProjectId, r => r.Rating)
            : null;
        var today = WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());
        var board = new PublicBoard
        {
            Year = cycle.Year,
            Phase = ProtoEnums.ToProto<Contracts.V1.CyclePhase>(cycle.Phase),
            AdoptedCostYuan = adopted.Sum(p => p.EstimatedCostYuan),
            SpentYuan = adopted.Sum(p => p.SpentYuan),
            BudgetCheck = cycle.Budget is null ? null : LivelihoodMapping.ToProto(TwoThirdsRule.Check(cycle.Budget), text),
            FinalAccountsCheck = cycle.FinalAccounts is null ? null : LivelihoodMapping.ToProto(TwoThirdsRule.Check(cycle.FinalAccounts), text),
            EvaluationPublished = published,
            Projects =
            {
                adopted.Select(p => BoardProject(p, today, ratings)),
            },
            ByCategory = { Groups(adopted, p => [EnumNames.Wire(p.Category)]) },
            ByDistrict = { Groups(adopted, p => p.DistrictCodes) },
        };
        if (cycle.Budget is not null) board.BudgetYuan = cycle.Budget.LivelihoodSpendingYuan;
        return board;
    }

    private static BoardProject BoardProject(DomainProject p, DateOnly today, ILookup<Guid, Domain.Satisfaction>? ratings)
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
        };
        if (p.OwningDepartmentCode is not null) project.OwningDepartmentCode = p.OwningDepartmentCode;
        if (p.CompletionDate is not null) project.CompletionDate = RequestParsing.Text(p.CompletionDate);
        return project;
    }

    private static IEnumerable<BoardGroup> Groups(IReadOnlyList<DomainProject> projects, Func<DomainProject, IEnumerable<string>> keys) =>
        projects.SelectMany(p => keys(p).Select(key => (key, p))).GroupBy(x => x.key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BoardGroup
            {
                Key = g.Key,
                Projects = g.Count(),
                CostYuan = g.Sum(x => x.p.EstimatedCostYuan),
                SpentYuan = g.Sum(x => x.p.SpentYuan),
            });
}
