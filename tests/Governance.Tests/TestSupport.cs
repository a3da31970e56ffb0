using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Testing;

namespace Longgang.Governance.Tests;

/// <summary>Callers as the access rules see them.</summary>
internal static class Callers
{
    public static Caller Citizen(string subject = "citizen-1") => new(subject, PlatformRoles.Citizen, null, null);
    public static Caller GridWorker(string district, string subject = "grid-worker-1") => new(subject, PlatformRoles.GridWorker, district, null);
    public static Caller DistrictAdmin(string district, string subject = "district-admin-1") => new(subject, PlatformRoles.DistrictAdmin, district, null);
    public static Caller Clerk(string subject = "clerk-1", string department = "dept-market-supervision") => new(subject, PlatformRoles.Clerk, null, department);
    public static Caller Supervisor(string department = "dept-market-supervision") => new("supervisor-1", PlatformRoles.Supervisor, null, department);
    public static Caller Deputy(string subject = "deputy-1") => new(subject, PlatformRoles.Deputy, null, null);
    public static Caller CityAdmin(string subject = "city-admin-1") => new(subject, PlatformRoles.CityAdmin, null, null);

    /// <summary>A caller of any role; district-bound roles work in <paramref name="district"/>.</summary>
    public static Caller ByRole(string role, string district = "district-03") => role switch
    {
        PlatformRoles.Citizen => Citizen(),
        PlatformRoles.GridWorker => GridWorker(district),
        PlatformRoles.DistrictAdmin => DistrictAdmin(district),
        PlatformRoles.Clerk => Clerk(),
        PlatformRoles.Supervisor => Supervisor(),
        PlatformRoles.Deputy => Deputy(),
        PlatformRoles.CityAdmin => CityAdmin(),
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}

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
