using Longgang.Livelihood.Data;
using Longgang.Platform.Api.OpenData;
using Longgang.Platform.Calendar;
using Longgang.Platform.Domain;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Livelihood.Grpc;

/// <summary>
/// The public board of a year as open data (issue 17 §3): one row per project on the board (the adopted ones and
/// those carried over into the year), with its category, districts, cost, status, progress and the deputies' votes.
/// What the board shows and nothing more: no proposer, no ballot, no deputy.
/// </summary>
public sealed class LivelihoodBoardDataset(LivelihoodDbContext db, TimeProvider clock) : IOpenDataset
{
    public const string Name = "livelihood-board";

    public OpenDataDictionary Dictionary { get; } = new(Name, "民生实事项目公开看板", "People's-livelihood projects board",
    [
        new("year", OpenDataTypes.Integer, null, "看板年度", "The board's year"),
        new("project_id", OpenDataTypes.Text, null, "项目编号（UUID）", "The project's id (a UUID)"),
        new("title", OpenDataTypes.Text, null, "项目名称", "The project's title"),
        new("category", OpenDataTypes.Text, null, "项目类别（PROJECT_CATEGORY_…）", "The project's category (PROJECT_CATEGORY_…)"),
        new("district_codes", OpenDataTypes.Text, null, "服务片区代码，多个以分号分隔", "The districts it serves, codes separated by ';'"),
        new("owning_department_code", OpenDataTypes.Text, null, "承办部门代码", "The department carrying it out"),
        new("cost_yuan", OpenDataTypes.Integer, "yuan", "项目估算总投资", "The project's estimated cost"),
        new("spent_yuan", OpenDataTypes.Integer, "yuan", "已完成里程碑对应的支出", "Spent so far (the amounts of its completed milestones)"),
        new("status", OpenDataTypes.Text, null, "项目状态（PROJECT_STATUS_…），逾期里程碑显示为 PROJECT_STATUS_DELAYED", "Its status (PROJECT_STATUS_…); PROJECT_STATUS_DELAYED when a milestone is past due"),
        new("progress_percent", OpenDataTypes.Integer, "percent", "按里程碑权重计算的进度", "Progress, by the weights of its completed milestones"),
        new("vote_rank", OpenDataTypes.Integer, null, "票决排名（无票决结果时为空）", "Its place in the deputies' count (empty without a vote result)"),
        new("vote_score", OpenDataTypes.Integer, "votes", "票决得分（赞成票数，或排序投票的积分）", "Its score in the count (approvals, or points of a ranking ballot)"),
        new("vote_supporters", OpenDataTypes.Integer, "deputies", "投票支持的代表人数", "How many deputies' ballots named it"),
        new("carried_over_from_year", OpenDataTypes.Integer, null, "从哪一年结转而来（本年度票决的项目为空）", "The year it was carried over from (empty for this year's projects)"),
    ]);

    public async Task<IReadOnlyList<object?[]>> RowsAsync(int year, CancellationToken cancellationToken)
    {
        var projects = await db.Projects.AsNoTracking().Where(p => p.Year == year || p.CarriedOverToYear == year).ToListAsync(cancellationToken);
        var today = WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());
        // the board's order: the year's adopted projects in the count's order, then those carried into it
        return projects
            .Where(p => (p.Year == year && p.IsAdopted) || p.CarriedOverToYear == year)
            .OrderBy(p => p.CarriedOverToYear == year ? 1 : 0).ThenBy(p => p.Year).ThenBy(p => p.Vote?.Rank ?? int.MaxValue).ThenBy(p => p.Id)
            .Select(p => new object?[]
            {
                year, p.Id.ToString(), p.Title, EnumNames.Wire(p.Category), string.Join(';', p.DistrictCodes), p.OwningDepartmentCode,
                p.EstimatedCostYuan, p.SpentYuan, EnumNames.Wire(p.StatusOn(today)), p.ProgressPercent,
                p.Vote?.Rank, p.Vote?.Score, p.Vote?.Supporters, p.CarriedOverToYear == year ? p.Year : (int?)null,
            })
            .ToList();
    }
}
