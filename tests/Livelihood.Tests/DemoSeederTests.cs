using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Livelihood.Tests;

/// <summary>The embedded host's demo (issue 15): this year's 12 candidates in the vote, last year's adopted projects in evaluation.</summary>
public sealed class DemoSeederTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 1, 1, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    private async Task SeedAsync()
    {
        await using var db = _database.NewContext();
        await new DemoSeeder(_clock).SeedAsync(db, Ct);
    }

    [Fact]
    public async Task The_demo_holds_this_years_twelve_candidates_in_the_vote_and_last_years_projects_in_evaluation()
    {
        await SeedAsync();

        await using var db = _database.NewContext();
        var cycles = await db.Cycles.OrderBy(c => c.Year).ToListAsync(Ct);
        Assert.Equal([(2026, CyclePhase.Evaluation), (2027, CyclePhase.Vote)], cycles.Select(c => (c.Year, c.Phase)));
        var candidates = await db.Projects.Where(p => p.Year == 2027).ToListAsync(Ct);
        Assert.Equal(12, candidates.Count(p => p.Status == ProjectStatus.Candidate));
        Assert.Equal([ProjectCategory.UrbanConstruction, ProjectCategory.Transport, ProjectCategory.Education, ProjectCategory.Health,
            ProjectCategory.ConsumerProtection], candidates.Select(p => p.Category).Distinct().Order());
        var adopted = (await db.Projects.Where(p => p.Year == 2026).ToListAsync(Ct)).Where(p => p.IsAdopted).ToList();
        Assert.Equal(3, adopted.Count);
        Assert.All(adopted, p => Assert.NotEmpty(p.Milestones));
        Assert.Single(adopted, p => p.IsDelayed(new DateOnly(2027, 3, 1)));
        Assert.Equal(3, await db.Ballots.CountAsync(b => b.Year == 2027, Ct));
        // flow 4 and the carry-over: one project waits for a permit approvals warned about, the delayed one continues in 2027
        Assert.Equal(DelayRiskLevel.Yellow, Assert.Single(adopted, p => p.DelayRisk is not null).DelayRisk!.RiskLevel);
        var carried = Assert.Single(adopted, p => p.CarriedOverToYear == 2027);
        Assert.True(carried.IsDelayed(new DateOnly(2027, 3, 1)));
        Assert.Equal(carried.EstimatedCostYuan - carried.SpentAtCarryOverYuan, carried.CarriedOverCostYuan);
    }

    [Fact]
    public async Task The_demo_seeds_once()
    {
        await SeedAsync();
        await SeedAsync();

        await using var db = _database.NewContext();
        Assert.Equal(2, await db.Cycles.CountAsync(Ct));
        Assert.Equal(17, await db.Projects.CountAsync(Ct));
    }
}
