using System.Text.RegularExpressions;
using Longgang.Governance.Data;
using Longgang.Platform;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Tests;

public sealed class DistrictDirectorySeederTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seeds_the_nine_districts_of_the_reference_data()
    {
        using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();

        var codes = await db.Districts.Select(d => d.Code).OrderBy(c => c).ToListAsync(Ct);

        Assert.Equal(ReferenceData.DistrictCodes, codes);
    }

    [Fact]
    public async Task Seeds_102_communities_and_villages_spread_over_every_district_with_two_or_three_grids_each()
    {
        using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();

        var communities = await db.Communities.Include(c => c.Grids).ToListAsync(Ct);

        Assert.Equal(102, communities.Count);
        Assert.Contains(communities, c => c.IsVillage);
        Assert.Contains(communities, c => !c.IsVillage);
        Assert.Equal(ReferenceData.DistrictCodes, communities.Select(c => c.DistrictCode).Distinct().Order());
        Assert.All(communities, c =>
        {
            Assert.Matches(new Regex($"^community-{c.DistrictCode[^2..]}-\\d\\d$"), c.Code);
            Assert.InRange(c.Grids.Count, 2, 3);
            Assert.All(c.Grids, g =>
            {
                Assert.Matches(new Regex($"^grid-{c.Code["community-".Length..]}-\\d$"), g.Code);
                Assert.Equal(c.DistrictCode, g.DistrictCode);
            });
        });
    }

    [Fact]
    public async Task Running_again_at_the_next_start_changes_nothing()
    {
        using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var gridsBefore = await db.Grids.CountAsync(Ct);

        await new DistrictDirectorySeeder().SeedAsync(db, Ct);

        Assert.Equal(9, await db.Districts.CountAsync(Ct));
        Assert.Equal(102, await db.Communities.CountAsync(Ct));
        Assert.Equal(gridsBefore, await db.Grids.CountAsync(Ct));
    }
}
