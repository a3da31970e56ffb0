// the shared test helpers (callers, consumer harness, test databases) for every file of this project
global using Longgang.Platform.Testing;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Data;
using Longgang.Platform.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Tests;

/// <summary>A governance database in a SQLite file of its own, seeded with the directory unless asked not to.</summary>
internal sealed class TestDatabase() : SqliteTestDatabase<GovernanceDbContext>(options => new GovernanceDbContext(options))
{
    public static async Task<TestDatabase> CreateAsync(bool seed = true)
    {
        var database = new TestDatabase();
        if (!seed) return database;
        await using var db = database.NewContext();
        await new DistrictDirectorySeeder().SeedAsync(db, TestContext.Current.CancellationToken);
        return database;
    }
}

internal static class Grids
{
    /// <summary>A grid as the seeder creates it, in district-03.</summary>
    public static Grid InDistrict03 { get; } = new()
    {
        Code = "grid-03-07-2",
        CommunityCode = "community-03-07",
        DistrictCode = "district-03",
        Name = "Grid 3-7-2",
    };
}

/// <summary>The service's translations as the host registers them (the service's resource set, then the platform's).</summary>
internal static class TestText
{
    public static PlatformText Create() => new ServiceCollection()
        .AddPlatformText<Resources.Messages>()
        .AddPlatformText<Longgang.Platform.Localization.Resources.Messages>()
        .AddLogging()
        .BuildServiceProvider()
        .GetRequiredService<PlatformText>();
}
