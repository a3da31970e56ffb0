// the shared test helpers (callers, consumer harness, test databases) for every file of this project
global using Longgang.Platform.Testing;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Data;
using Longgang.Platform.Localization;
using Microsoft.Extensions.Configuration;
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

/// <summary>Who escalated cases land on, with the city owners configured (none unless given).</summary>
internal static class TestOwners
{
    public static CaseOwners Create(GovernanceDbContext db, string? cityOwners = null) => new(db, new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [CaseOwners.CityOwnersKey] = cityOwners }).Build());
}

/// <summary>Posts as a city admin gives them, for domain tests.</summary>
internal static class Posts
{
    private static readonly Caller Admin = new("city-admin-posts", PlatformRoles.CityAdmin, null, null);

    public static Post GridTeam(string person, string gridCode, DateOnly from, DateOnly? until = null, string districtCode = "district-03")
    {
        var post = Post.Add(new PostDraft(PostKind.GridTeam, null, gridCode, null, null, person, person, from),
            new PostPlace(districtCode, null), alreadyHeld: false, Admin);
        if (until is { } last) post.Deactivate(Admin, last);
        return post;
    }

    public static Post Module(string person, string moduleCode, DateOnly from, string districtCode = "district-03") =>
        Post.Add(new PostDraft(PostKind.Module, districtCode, null, null, moduleCode, person, person, from),
            new PostPlace(districtCode, null), alreadyHeld: false, Admin);
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
