using System.Globalization;
using System.Text;
using System.Text.Json;
using Longgang.Livelihood.Domain;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

/// <summary>
/// Two sides of the city, each with its own applications (in every state a route needs), case, certification,
/// project and matter: "home" (district-01, its grid worker and admin, the Market Supervision Bureau, citizen-home)
/// and "foreign" (district-02, the Social Affairs Bureau, citizen-foreign). Every caller of the matrix belongs to the
/// home side, so "own" is the home side's resource and "foreign" the other's. Everything of the foreign side carries
/// <see cref="World.Marker"/> in its texts, so a response that leaks it is easy to spot.
/// </summary>
public sealed partial class MatrixPlatformFixture : IsolatedPlatformFixture, IAsyncLifetime
{
    internal static readonly World Home = new("own", "district-01", "grid-01-02-1", "dept-market-supervision", "MS-002",
        ["application form", "identity card"], "citizen-home", "grid-home", "clerk-home", "HOME-MATRIX");
    internal static readonly World Foreign = new("foreign", "district-02", "grid-02-01-1", "dept-social-affairs", "SA-001",
        ["application form", "identity card", "household register"], "citizen-foreign", "grid-foreign", "clerk-foreign", "FOREIGN-SECRET-9Z");

    /// <summary>The application states the lifecycle routes start from.</summary>
    internal static readonly string[] SharedStates =
        ["SUBMITTED", "SUBMITTED_INCOMPLETE", "CORRECTION_REQUESTED", "IN_REVIEW", "SUSPENDED", "APPROVED", "ISSUED", "RECTIFICATION_OPEN"];

    private readonly Dictionary<(string World, string Resource), string> _ids = new();
    private readonly Dictionary<string, HttpClient> _callers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ApplicationFactory> _factories = new(StringComparer.Ordinal);

    internal HttpClient Caller(string role) => _callers[role];

    internal string Id(string world, string resource) => _ids[(world, resource)];

    /// <summary>A new application of that side in that state, for a caller who is expected to change it.</summary>
    internal Task<string> FreshAsync(string world, string state) => _factories[world].InStateAsync(state);

    internal static World Side(string world) => world == Home.Name ? Home : Foreign;

    /// <summary>
    /// What no caller but a city admin may ever see: the foreign side's marker, its people's subject ids and the ids of
    /// its non-public resources (projects and matters are public).
    /// </summary>
    internal IEnumerable<string> ForeignSecrets => _ids.Where(i => i.Key.World == Foreign.Name && !_publicResources.Contains(i.Key.Resource))
        .Select(i => i.Value).Concat([Foreign.Marker, .. ForeignPeople]);

    private readonly HashSet<string> _publicResources = new(StringComparer.Ordinal);

    /// <summary>Keeps a side's resource for the rows to use; a public one (anyone may see it) is not a foreign secret.</summary>
    private void Remember(World world, string resource, string id, bool isPublic = false)
    {
        _ids[(world.Name, resource)] = id;
        if (isPublic) _publicResources.Add(resource);
    }

    /// <summary>The foreign side's people: a public proposal names its proposer, so public routes may show these.</summary>
    internal static readonly string[] ForeignPeople = [Foreign.CitizenId, Foreign.GridWorkerId, Foreign.ClerkId];

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _callers["anonymous"] = WithToken(null);
        _callers[PlatformRoles.Citizen] = Client(PlatformRoles.Citizen, subject: Home.CitizenId);
        _callers[PlatformRoles.Clerk] = Client(PlatformRoles.Clerk, department: Home.Department, subject: Home.ClerkId);
        _callers[PlatformRoles.Supervisor] = Client(PlatformRoles.Supervisor, department: Home.Department, subject: "supervisor-home");
        _callers[PlatformRoles.GridWorker] = Client(PlatformRoles.GridWorker, Home.District, subject: Home.GridWorkerId);
        _callers[PlatformRoles.DistrictAdmin] = Client(PlatformRoles.DistrictAdmin, Home.District, subject: "admin-home");
        _callers[PlatformRoles.Deputy] = Client(PlatformRoles.Deputy, subject: "deputy-home");
        _callers[PlatformRoles.CityAdmin] = Client(PlatformRoles.CityAdmin, subject: "city-admin-home");
        _callers[AuthorizationMatrix.TalentOffice] = Client(PlatformRoles.Clerk, department: TalentSeed.TalentOffice, subject: "clerk-talent-office");
        _callers[AuthorizationMatrix.LivelihoodOffice] = Client(PlatformRoles.Clerk, department: LivelihoodAccess.OfficeDepartment, subject: "clerk-livelihood-office");

        foreach (var world in new[] { Home, Foreign })
        {
            var factory = _factories[world.Name] = new ApplicationFactory(this, world);
            foreach (var state in SharedStates) _ids[(world.Name, state)] = await factory.InStateAsync(state);
            _ids[(world.Name, "file")] = await ApplicationFactory.UploadAsync(factory.GridWorker,
                $"{ApplicationFactory.Applications}/{_ids[(world.Name, "SUBMITTED")]}/files?material=application%20form");
            await SeedGovernanceAsync(world, factory);
            await SeedTalentAsync(world, factory);
            await SeedLivelihoodAsync(world, factory);
            var matter = world == Home ? "MX-HOME" : "MX-FRGN";
            await ApplicationFactory.ExpectOkAsync(factory.Clerk, HttpMethod.Post, "/api/approvals/v1/matters", AuthorizationMatrix.MatterDefinition(matter, world));
            Remember(world, "matter", matter, isPublic: true);
        }
        _callers[PlatformRoles.Employer] = Employer(Home);
    }
}

[CollectionDefinition(Name)]
public sealed class MatrixCollection : ICollectionFixture<MatrixPlatformFixture>
{
    public const string Name = "authorization matrix";
}

/// <summary>
/// Issue 9's authorization matrix: every REST route × every caller (anonymous, citizen, clerk of department X,
/// supervisor of X, grid worker and district admin of district Z, deputy, city admin, employer, the talent office's
/// clerk, the livelihood office's clerk) × own vs foreign resource. The employer's own resources are those it posted
/// (the home side's positions); the two offices are clerks of their city-wide departments (dept-human-resources,
/// dept-development-reform), so their own and foreign resources are alike to them.
/// The expected outcome of each cell is written out below, one row per route, read from README's "Approvals"
/// paragraph and the services' access rules (ApplicationAccess, GovernanceAccess, CertificationAccess, Project):
///   O = allowed (200), F = refused (403); an anonymous caller is 401 on every route but the public ones (200).
/// Each service's rows, and the resources its rows need, are in Routes/{Service}.cs.
/// Whatever the expectation, no response to anyone but a city admin (or an office, in its own service) may contain
/// anything of the foreign side (its marker text or its resources' ids): a foreign resource is refused, never data.
/// </summary>
internal static partial class AuthorizationMatrix
{
    public const string Own = "own";
    public const string ForeignSide = "foreign";

    /// <summary>The talent office's clerk (a clerk of dept-human-resources): a column of its own.</summary>
    public const string TalentOffice = "talent-office";

    /// <summary>The livelihood office's clerk (a clerk of dept-development-reform): a column of its own.</summary>
    public const string LivelihoodOffice = "livelihood-office";

    /// <summary>The columns of <see cref="Routes"/>' rule strings, in order; "anonymous" is the implicit first column.</summary>
    public static readonly string[] Roles =
    [
        PlatformRoles.Citizen, PlatformRoles.Clerk, PlatformRoles.Supervisor, PlatformRoles.GridWorker,
        PlatformRoles.DistrictAdmin, PlatformRoles.Deputy, PlatformRoles.CityAdmin, PlatformRoles.Employer, TalentOffice, LivelihoodOffice,
    ];

    public static readonly string[] Callers = ["anonymous", .. Roles];

    /// <summary>
    /// One row: the route, its expected outcomes (own+foreign per role), and how each cell's request is made.
    /// <see cref="Public"/> routes (under /api/{service}/v1/public/) answer anonymous callers 200; all others 401.
    /// </summary>
    public sealed record Route(string Rpc, string Rule, Func<MatrixPlatformFixture, string, World, bool, Task<RawRequest>> Build,
        Func<string, IEnumerable<string>>? ExtraSecrets = null, bool NamesPeople = false, bool Public = false, string[]? SeenCityWideBy = null)
    {
        /// <summary>
        /// Whether the caller sees both sides' records on this route, as city admins do everywhere: an office sees every
        /// record of its own service, and a row names whoever else (<see cref="SeenCityWideBy"/>). Anyone else's answer
        /// must hold nothing of the foreign side.
        /// </summary>
        public bool SeesBothSides(string caller) =>
            caller == PlatformRoles.CityAdmin
            || (caller == TalentOffice && Rpc.StartsWith("TalentService.", StringComparison.Ordinal))
            || (caller == LivelihoodOffice && Rpc.StartsWith("LivelihoodService.", StringComparison.Ordinal))
            || SeenCityWideBy?.Contains(caller) == true;

        /// <summary>The expected status of a cell.</summary>
        public int Expected(string caller, string world)
        {
            if (caller == "anonymous") return Public ? 200 : 401;
            var codes = Rule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var code = codes[Array.IndexOf(Roles, caller)][world == Own ? 0 : 1];
            return code switch { 'O' => 200, 'F' => 403, _ => throw new InvalidOperationException($"{Rpc}: bad rule '{Rule}'") };
        }
    }

    private static Task<RawRequest> Get(string path) => Task.FromResult(new RawRequest(HttpMethod.Get, path));

    private static Task<RawRequest> Post(string path, object body) =>
        Task.FromResult(new RawRequest(HttpMethod.Post, path, JsonSerializer.Serialize(body)));

    private static Task<RawRequest> Put(string path, object body) =>
        Task.FromResult(new RawRequest(HttpMethod.Put, path, JsonSerializer.Serialize(body)));

    // built on first use, after every part of this partial class (one per service, in Routes/) has initialised its fields
    private static readonly Lazy<Route[]> RestRoutes = new(() =>
    [
        .. ApprovalsRoutes(),
        .. GovernanceRoutes(),
        .. TalentRoutes(),
        .. LivelihoodRoutes(),
        .. MyDataRoutes(),
        // ---- each service's audit log (a plain endpoint, no proto): city admins only ----
        .. DatabaseSnapshot.Services.Select(service =>
        new Route($"{service}.AuditLog",                "FF      FF    FF    FF    FF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"/api/{service}/v1/audit?subject={w.CitizenId}"))),
    ]);

    private static readonly Lazy<Route[]> AllRoutes = new(() => [.. RestRoutes.Value, .. RestRoutes.Value.Select(ExportTwin).OfType<Route>()]);

    public static Route[] Routes => AllRoutes.Value;

    /// <summary>
    /// A list's or report's export (<c>GET {its path}:export?format=csv&amp;{its query}</c>) answers every cell as the
    /// route itself does, and its file may leak nothing foreign either: the same row, on the export route.
    /// </summary>
    private static Route? ExportTwin(Route route)
    {
        var method = route.Rpc[(route.Rpc.IndexOf('.', StringComparison.Ordinal) + 1)..];
        if (!Longgang.Platform.Api.Exports.ExportEndpoints.IsExported(method) || route.Rpc.EndsWith(".AuditLog", StringComparison.Ordinal)) return null;
        return route with
        {
            Rpc = route.Rpc + ExportSuffix,
            Build = async (f, c, w, allowed) =>
            {
                var request = await route.Build(f, c, w, allowed);
                var query = request.Path.IndexOf('?', StringComparison.Ordinal);
                var path = query < 0 ? request.Path + ExportSuffix + "?format=csv" : request.Path.Insert(query, ExportSuffix) + "&format=csv";
                return request with { Path = path };
            },
        };
    }

    public const string ExportSuffix = ":export";

    public static IEnumerable<(string Rpc, string Caller, string World)> Cells =>
        from route in Routes from caller in Callers from world in new[] { Own, ForeignSide } select (route.Rpc, caller, world);

    /// <summary>The expected table as text, one line per route: for the test log and for reviewers.</summary>
    public static string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"route",-40} {string.Join(" ", Callers.Select(c => $"{c,-14}"))}"));
        foreach (var route in Routes)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{route.Rpc,-40} {string.Join(" ", Callers.Select(c => $"{$"{route.Expected(c, Own)}/{route.Expected(c, ForeignSide)}",-14}"))}"));
        }

        return text.ToString();
    }
}

[Collection(MatrixCollection.Name)]
public sealed class AuthorizationMatrixTests(MatrixPlatformFixture fixture)
{
    public static TheoryData<string, string, string> Cells => new(AuthorizationMatrix.Cells);

    [Fact]
    public void The_matrix_has_a_row_for_every_REST_route_and_a_cell_for_every_caller_and_side()
    {
        // every REST route has its row; every list and report's row also stands for its :export twin
        var restRoutes = AuthorizationMatrix.Routes.Where(r => !r.Rpc.EndsWith(AuthorizationMatrix.ExportSuffix, StringComparison.Ordinal));
        Assert.Equal(PublicRoutes.Everything.Select(r => r.Rpc).Order(), restRoutes.Select(r => r.Rpc).Order());
        Assert.Contains(AuthorizationMatrix.Routes, r => r.Rpc == "GovernanceService.ListCases" + AuthorizationMatrix.ExportSuffix);
        Assert.All(AuthorizationMatrix.Routes, r => Assert.Equal(AuthorizationMatrix.Roles.Length, r.Rule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length));
        Assert.Equal(AuthorizationMatrix.Routes.Length * AuthorizationMatrix.Callers.Length * 2, AuthorizationMatrix.Cells.Count());
        // every column shows at least one call its role may make that not everyone signed in may
        Assert.All(AuthorizationMatrix.Roles, role => Assert.Contains(AuthorizationMatrix.Routes, route =>
            route.Expected(role, AuthorizationMatrix.Own) == 200 && AuthorizationMatrix.Roles.Any(other => route.Expected(other, AuthorizationMatrix.Own) == 403)));
        TestContext.Current.SendDiagnosticMessage(
            $"authorization matrix: {AuthorizationMatrix.Callers.Length} callers x 2 sides; routes {PublicRoutes.CountPerService(restRoutes.Select(r => r.Rpc))} " +
            $"and {AuthorizationMatrix.Routes.Length - restRoutes.Count()} exports; " +
            $"cells {PublicRoutes.CountPerService(AuthorizationMatrix.Cells.Select(c => c.Rpc.Replace(AuthorizationMatrix.ExportSuffix, "", StringComparison.Ordinal)))}");
        TestContext.Current.SendDiagnosticMessage("expected status own/foreign:\n" + AuthorizationMatrix.Table());
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_cell_has_its_expected_outcome_and_nothing_foreign_leaks(string rpc, string caller, string world)
    {
        var route = AuthorizationMatrix.Routes.Single(r => r.Rpc == rpc);
        var expected = route.Expected(caller, world);
        var request = await route.Build(fixture, caller, MatrixPlatformFixture.Side(world), expected == 200);

        var response = await RawResponse.SendAsync(fixture.Caller(caller), request);

        if (!route.SeesBothSides(caller))
        {
            // the ids a caller named itself may come back in an error; nothing else of the foreign side may
            var named = request.Path + request.Body;
            var leaked = fixture.ForeignSecrets.Except(route.NamesPeople ? MatrixPlatformFixture.ForeignPeople : [])
                .Concat(route.ExtraSecrets?.Invoke(caller) ?? [])
                .Where(secret => !named.Contains(secret, StringComparison.Ordinal) && response.Body.Contains(secret, StringComparison.Ordinal))
                .ToList();
            Assert.True(leaked.Count == 0, $"LEAK: {rpc} × {caller} × {world} answered {response.Status} with foreign data ({string.Join(", ", leaked)}): {response}");
        }
        Assert.True(response.Status < 500, $"5xx: {response}");
        ProblemAssert.RevealsNothingInternal(ProblemAssert.WithoutCallerAddresses(response.Body), fixture.InternalAddresses);
        Assert.True(response.Status == expected, $"{rpc} × {caller} × {world}: expected {expected}, got {response}");
        if (expected >= 400) Problems.AssertNamesCause(response, null);
    }
}
