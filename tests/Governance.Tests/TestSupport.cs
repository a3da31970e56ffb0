using System.Security.Claims;
using Grpc.Core;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Tests;

/// <summary>Callers as the access rules see them.</summary>
internal static class Callers
{
    public static Caller Citizen(string subject = "citizen-1") => new(subject, PlatformRoles.Citizen, null, null);
    public static Caller GridWorker(string district, string subject = "grid-worker-1") => new(subject, PlatformRoles.GridWorker, district, null);
    public static Caller DistrictAdmin(string district, string subject = "district-admin-1") => new(subject, PlatformRoles.DistrictAdmin, district, null);
    public static Caller Clerk(string subject = "clerk-1") => new(subject, PlatformRoles.Clerk, null, "dept-market-supervision");
    public static Caller Deputy(string subject = "deputy-1") => new(subject, PlatformRoles.Deputy, null, null);
    public static Caller CityAdmin(string subject = "city-admin-1") => new(subject, PlatformRoles.CityAdmin, null, null);

    /// <summary>A caller of any role; district-bound roles work in <paramref name="district"/>.</summary>
    public static Caller ByRole(string role, string district = "district-03") => role switch
    {
        PlatformRoles.Citizen => Citizen(),
        PlatformRoles.GridWorker => GridWorker(district),
        PlatformRoles.DistrictAdmin => DistrictAdmin(district),
        PlatformRoles.Clerk => Clerk(),
        PlatformRoles.Deputy => Deputy(),
        PlatformRoles.CityAdmin => CityAdmin(),
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}

/// <summary>A seeded governance database in a SQLite file of its own, deleted afterwards.</summary>
internal sealed class TestDatabase : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"governance-tests-{Guid.NewGuid():N}");

    private TestDatabase()
    {
        Directory.CreateDirectory(_folder);
        // no pooling, so that closing a connection releases the file and the folder can be deleted
        ConnectionString = $"Data Source={Path.Combine(_folder, "governance.db")};Pooling=False";
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(bool seed = true)
    {
        var database = new TestDatabase();
        await using var db = database.NewContext();
        await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        if (seed) await new DistrictDirectorySeeder().SeedAsync(db, TestContext.Current.CancellationToken);
        return database;
    }

    public GovernanceDbContext NewContext() =>
        new(new DbContextOptionsBuilder<GovernanceDbContext>().UseSqlite(ConnectionString).Options);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

/// <summary>
/// The call context a gRPC service method receives, carrying an authenticated user the way the server does
/// (Grpc.AspNetCore looks the HttpContext up under "__HttpContext" when the context is not its own).
/// </summary>
internal sealed class TestServerCallContext : ServerCallContext
{
    private readonly Dictionary<object, object> _userState = new();

    public TestServerCallContext(Caller caller)
    {
        var claims = new List<Claim> { new(PlatformClaims.Subject, caller.Subject), new(PlatformClaims.Role, caller.Role) };
        if (caller.DistrictCode is not null) claims.Add(new(PlatformClaims.District, caller.DistrictCode));
        if (caller.DepartmentCode is not null) claims.Add(new(PlatformClaims.Department, caller.DepartmentCode));
        _userState["__HttpContext"] = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")) };
    }

    protected override string MethodCore => "test";
    protected override string HostCore => "localhost";
    protected override string PeerCore => "ipv4:127.0.0.1:5000";
    protected override DateTime DeadlineCore => DateTime.MaxValue;
    protected override Metadata RequestHeadersCore { get; } = new();
    protected override CancellationToken CancellationTokenCore => TestContext.Current.CancellationToken;
    protected override Metadata ResponseTrailersCore { get; } = new();
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore { get; } = new(null, new Dictionary<string, List<AuthProperty>>());
    protected override IDictionary<object, object> UserStateCore => _userState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
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
