using Longgang.Governance.Domain;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Data;

/// <summary>What the directory says about people on a day: the posts they hold and the secondments they serve.</summary>
public static class StaffingQueries
{
    public static IQueryable<Post> PostsHeldOn(this GovernanceDbContext db, DateOnly day) => db.Posts.Where(Post.ActiveOn(day));

    public static IQueryable<Secondment> SecondmentsRunningOn(this GovernanceDbContext db, DateOnly day) =>
        db.Secondments.Where(s => s.From <= day && (s.Until == null || s.Until >= day));

    /// <summary>Whether the person holds a grid-team post on the grid on the day.</summary>
    public static Task<bool> OnGridTeamAsync(this GovernanceDbContext db, string personId, string gridCode, DateOnly day, CancellationToken ct) =>
        db.PostsHeldOn(day).AnyAsync(p => p.Kind == PostKind.GridTeam && p.GridCode == gridCode && p.PersonId == personId, ct);

    /// <summary>The running secondment of each of the people, if any (one at a time: overlaps are refused).</summary>
    public static async Task<Dictionary<string, Secondment>> RunningSecondmentsOfAsync(this GovernanceDbContext db,
        IReadOnlyCollection<string> personIds, DateOnly day, CancellationToken ct) =>
        (await db.SecondmentsRunningOn(day).AsNoTracking().Where(s => personIds.Contains(s.PersonId)).ToListAsync(ct))
            .GroupBy(s => s.PersonId).ToDictionary(g => g.Key, g => g.First());

    /// <summary>How many of a department's staff are seconded on the day.</summary>
    public static Task<int> SecondedCountAsync(this GovernanceDbContext db, string departmentCode, DateOnly day, CancellationToken ct) =>
        db.SecondmentsRunningOn(day).Where(s => s.HomeDepartmentCode == departmentCode).Select(s => s.PersonId).Distinct().CountAsync(ct);

    /// <summary>The district report's team seats: grid-team posts held on the day, with whether the holder is seconded.</summary>
    public static async Task<List<TeamSeat>> TeamSeatsAsync(this GovernanceDbContext db, string districtCode, DateOnly day, CancellationToken ct)
    {
        var posts = await db.PostsHeldOn(day).AsNoTracking().Where(p => p.Kind == PostKind.GridTeam && p.DistrictCode == districtCode).ToListAsync(ct);
        var seconded = await db.RunningSecondmentsOfAsync(posts.Select(p => p.PersonId).Distinct().ToList(), day, ct);
        return posts.Select(p => new TeamSeat(p.PersonId, p.GridCode!, seconded.ContainsKey(p.PersonId))).ToList();
    }

    /// <summary>The secondment report's lines: each department's headcount (one, or all when null) and its staff seconded on the day.</summary>
    public static async Task<List<SecondmentReportLine>> SecondmentReportLinesAsync(this GovernanceDbContext db, string? departmentCode,
        DateOnly day, CancellationToken ct)
    {
        var headcounts = db.DepartmentHeadcounts.AsNoTracking();
        if (departmentCode is not null) headcounts = headcounts.Where(d => d.DepartmentCode == departmentCode);
        var rows = await headcounts.OrderBy(d => d.DepartmentCode).ToListAsync(ct);
        var seconded = await db.SecondmentsRunningOn(day).GroupBy(s => s.HomeDepartmentCode)
            .Select(g => new { Department = g.Key, People = g.Select(s => s.PersonId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Department, x => x.People, ct);
        return rows.Select(r => new SecondmentReportLine(r.DepartmentCode, r.Headcount, seconded.GetValueOrDefault(r.DepartmentCode))).ToList();
    }
}
