using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Data;

/// <summary>
/// The city's directory: 9 districts, 102 communities and villages, 2-3 grids each. Codes are derived from
/// positions (<c>community-03-07</c>, <c>grid-03-07-2</c>) so every environment and test sees the same ones.
/// Each grid starts with one full-time grid worker, <c>grid-worker-03-07-2</c>; seconded staff are added through the API.
/// </summary>
public sealed class DistrictDirectorySeeder : IDatabaseSeeder<GovernanceDbContext>
{
    public const int CommunityCount = 102;

    public async Task SeedAsync(GovernanceDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Districts.AnyAsync(cancellationToken)) return;
        var districts = BuildDirectory();
        db.Districts.AddRange(districts);
        db.Posts.AddRange(districts.SelectMany(d => d.Communities).SelectMany(c => c.Grids).Select(g => Post.Add(
            new PostDraft(PostKind.GridTeam, null, g.Code, null, null, GridWorkerOf(g.Code), $"Grid worker {g.Name["Grid ".Length..]}", DirectoryStart),
            new PostPlace(g.DistrictCode, g.CommunityCode), alreadyHeld: false, Seeder)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The day the seeded grid workers' posts start: before any date a test or the demo runs at.</summary>
    public static readonly DateOnly DirectoryStart = new(2020, 1, 1);

    private static readonly Caller Seeder = new("directory-seed", PlatformRoles.CityAdmin, null, null);

    /// <summary>The seeded full-time grid worker of a grid: <c>grid-03-07-2</c> → <c>grid-worker-03-07-2</c>.</summary>
    public static string GridWorkerOf(string gridCode) => "grid-worker-" + gridCode["grid-".Length..];

    private static List<District> BuildDirectory()
    {
        var districts = new List<District>();
        for (var d = 1; d <= ReferenceData.DistrictCount; d++)
        {
            var districtCode = ReferenceData.DistrictCodes[d - 1];
            // 102 does not divide by 9: the first districts take one more community each
            var communityCount = CommunityCount / ReferenceData.DistrictCount + (d <= CommunityCount % ReferenceData.DistrictCount ? 1 : 0);
            var communities = new List<Community>();
            for (var c = 1; c <= communityCount; c++)
            {
                var communityCode = $"community-{d:00}-{c:00}";
                var isVillage = c % 3 == 0;
                communities.Add(new Community
                {
                    Code = communityCode,
                    DistrictCode = districtCode,
                    Name = $"{(isVillage ? "Village" : "Community")} {d}-{c}",
                    IsVillage = isVillage,
                    Grids = Enumerable.Range(1, 2 + c % 2).Select(g => new Grid
                    {
                        Code = $"grid-{d:00}-{c:00}-{g}",
                        CommunityCode = communityCode,
                        DistrictCode = districtCode,
                        Name = $"Grid {d}-{c}-{g}",
                    }).ToList(),
                });
            }
            districts.Add(new District { Code = districtCode, Name = $"Longgang District {d}", Communities = communities });
        }
        return districts;
    }
}
