using System.Text.Json;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

// The livelihood service's part of the gateway's route coverage (issue 9): its rows of the authorization matrix
// (AuthorizationMatrixTests.cs), its cases of the bad-input corpus (BadInputCorpusTests.cs), and the resources both
// fixtures create for them. Every REST route of the service needs a row in LivelihoodRoutes() and at least one case in
// LivelihoodCases(): the coverage tests fail otherwise. A row's rule string has one own/foreign pair per role (O = 200,
// F = 403); mark a route under /api/livelihood/v1/public/ with `Public: true` (anonymous callers then expect 200).

public sealed partial class MatrixPlatformFixture
{
    /// <summary>The livelihood resources of one side that the rows below name (through <c>f.Id(w.Name, "...")</c>).</summary>
    private async Task SeedLivelihoodAsync(World world, ApplicationFactory factory)
    {
        _ids[(world.Name, "project")] = (await ApplicationFactory.ExpectOkAsync(factory.Citizen, HttpMethod.Post, "/api/livelihood/v1/projects", new
        {
            year = 2026,
            title = "Street lights",
            category = "PROJECT_CATEGORY_URBAN_CONSTRUCTION",
            districtCodes = new[] { world.District },
            estimatedCostYuan = "800000",
            rationale = "Dark lanes.",
        })).GetProperty("id").GetString()!;
        _publicResources.Add("project"); // proposals are public
        if (world != Home) return;

        // cycles are city-wide, so both sides share them: one in implementation and one in evaluation, each with an
        // adopted project owned by the home side's department and one owned by the foreign side's
        var admin = Caller(PlatformRoles.CityAdmin);
        var deputy = Caller(PlatformRoles.Deputy);
        string[] owners = [Home.Department, Foreign.Department, Home.Department];
        var implementation = await LivelihoodCycles.DriveAsync(admin, factory.Citizen, deputy, "IMPLEMENTATION", owners);
        var evaluation = await LivelihoodCycles.DriveAsync(admin, factory.Citizen, deputy, "EVALUATION", owners);
        foreach (var (side, index) in new[] { (Home, 0), (Foreign, 1) })
        {
            // a milestone nobody completes keeps the project in progress, so milestones can be added in any cell order
            var project = await LivelihoodCycles.AddMilestoneAsync(admin, implementation.Projects[index], implementation.Year);
            Remember(side, "livelihood-year", implementation.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), isPublic: true);
            Remember(side, "adopted", implementation.Projects[index], isPublic: true); // on the public board
            Remember(side, "milestone", project.GetProperty("milestones")[0].GetProperty("id").GetString()!, isPublic: true);
            Remember(side, "evaluated", evaluation.Projects[index], isPublic: true);
        }
    }
}

/// <summary>Drives livelihood cycles through the gateway, as the livelihood office (a city admin) and one deputy.</summary>
internal static class LivelihoodCycles
{
    public const string Api = "/api/livelihood/v1";
    public const string AnyYear = "2099"; // for refused requests: the role is refused before the year is looked up

    private static int _lastYear = 2044;

    /// <summary>A year no cycle has yet (each fixture run opens a few dozen; the years up to 2100 are valid).</summary>
    public static int NextYear() => Interlocked.Increment(ref _lastYear);

    public static readonly string[] Phases = ["SOLICITATION", "SCREENING", "CANDIDATE_LIST", "VOTE", "IMPLEMENTATION", "EVALUATION"];

    /// <summary>
    /// A new year's cycle in <paramref name="phase"/>, with one proposal per owner (accepted as candidates owned by
    /// them from screening on, two slots, a compliant budget). The deputy approves the first two, which the count adopts.
    /// </summary>
    public static async Task<(int Year, string[] Projects)> DriveAsync(HttpClient office, HttpClient citizen, HttpClient deputy, string phase, string[] owners)
    {
        var year = NextYear();
        var target = Array.IndexOf(Phases, phase);
        await ApplicationFactory.ExpectOkAsync(office, HttpMethod.Post, $"{Api}/cycles", new { year, ballotKind = "BALLOT_KIND_APPROVAL", slots = owners.Length - 1 });
        var projects = new string[owners.Length];
        for (var i = 0; i < owners.Length; i++)
        {
            projects[i] = (await ApplicationFactory.ExpectOkAsync(citizen, HttpMethod.Post, $"{Api}/projects", new
            {
                year,
                title = $"Livelihood project {i + 1}",
                category = "PROJECT_CATEGORY_HEALTH",
                districtCodes = new[] { "district-01" },
                estimatedCostYuan = "1000000",
                rationale = "A route check.",
            })).GetProperty("id").GetString()!;
        }

        for (var next = 1; next <= target; next++)
        {
            if (Phases[next] == "SCREENING") await AdvanceAsync(office, year, "SCREENING");
            if (Phases[next] == "CANDIDATE_LIST")
            {
                for (var i = 0; i < owners.Length; i++)
                {
                    await ApplicationFactory.ExpectOkAsync(office, HttpMethod.Post, $"{Api}/projects/{projects[i]}:accept",
                        new { owningDepartmentCode = owners[i], estimatedCostYuan = "1000000", completionDate = $"{year}-12-31" });
                }

                await AdvanceAsync(office, year, "CANDIDATE_LIST");
                await ApplicationFactory.ExpectOkAsync(office, HttpMethod.Post, $"{Api}/cycles/{year}:setBudget", SetBudget());
            }
            if (Phases[next] == "VOTE") await AdvanceAsync(office, year, "VOTE");
            if (Phases[next] == "IMPLEMENTATION")
            {
                await ApplicationFactory.ExpectOkAsync(deputy, HttpMethod.Post, $"{Api}/cycles/{year}/ballots", new { projectIds = projects[..2] });
                await ApplicationFactory.ExpectOkAsync(office, HttpMethod.Post, $"{Api}/cycles/{year}:count", new { });
            }
            if (Phases[next] == "EVALUATION") await AdvanceAsync(office, year, "EVALUATION");
        }
        return (year, projects);
    }

    /// <summary>2.2 bn of 3.3 bn: the livelihood increase is exactly two thirds of the capacity increase.</summary>
    public static object Budget() => new
    {
        livelihoodSpendingYuan = "2200000000",
        previousLivelihoodSpendingYuan = "2000000000",
        fiscalCapacityYuan = "3300000000",
        previousFiscalCapacityYuan = "3000000000",
    };

    /// <summary>The figures with the projects budget (20 m of the 2.2 bn livelihood spending): the candidates cost 1 m each.</summary>
    public static object SetBudget() => new
    {
        livelihoodSpendingYuan = "2200000000",
        previousLivelihoodSpendingYuan = "2000000000",
        fiscalCapacityYuan = "3300000000",
        previousFiscalCapacityYuan = "3000000000",
        projectsBudgetYuan = "20000000",
    };

    public static object Milestone(int year) => new { title = "Route check", weight = 1, dueDate = $"{year}-06-30", amountYuan = "0" };

    public static Task<JsonElement> AddMilestoneAsync(HttpClient client, string project, int year) =>
        ApplicationFactory.ExpectOkAsync(client, HttpMethod.Post, $"{Api}/projects/{project}/milestones", Milestone(year));

    private static Task<JsonElement> AdvanceAsync(HttpClient office, int year, string phase) =>
        ApplicationFactory.ExpectOkAsync(office, HttpMethod.Post, $"{Api}/cycles/{year}:advance", new { phase = $"CYCLE_PHASE_{phase}" });
}

internal static partial class AuthorizationMatrix
{
    //                                                  citizen clerk super grid  admin deputy city   empl  talent livelihood
    private static Route[] LivelihoodRoutes() =>
    [
        // ---- livelihood: proposals are public; citizens, deputies and departments' clerks propose ----
        new("LivelihoodService.ProposeProject",         "OO      OO    FF    FF    FF    OO     FF    FF    OO    OO",
            (f, c, w, _) => Post("/api/livelihood/v1/projects", new
            {
                year = 2026, title = "Matrix project", category = "PROJECT_CATEGORY_ENVIRONMENT", districtCodes = new[] { w.District },
                estimatedCostYuan = "1000", rationale = "a matrix check",
            })),
        // (who proposed is shown only to the proposer, the livelihood office and city admins: no foreign people leak)
        new("LivelihoodService.GetProject",             "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"/api/livelihood/v1/projects/{f.Id(w.Name, "project")}")),
        new("LivelihoodService.ListProjects",           "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"/api/livelihood/v1/projects?year=2026&districtCode={w.District}")),
        // a deputy's own queue of projects to evaluate
        new("LivelihoodService.ListPendingEvaluations", "FF      FF    FF    FF    FF    OO     FF    FF    FF    FF",
            (f, c, w, _) => Get("/api/livelihood/v1/pendingEvaluations")),

        // ---- the cycle: the livelihood office (Development and Reform clerks; none among the matrix's callers) and city
        //      admins run it; deputies, departments' clerks and supervisors and city admins see it. Cycles are city-wide,
        //      so own and foreign are alike. Allowed cells get a new year's cycle in the phase the route needs ----
        new("LivelihoodService.OpenCycle",              "FF      FF    FF    FF    FF    FF     OO    FF    FF    OO",
            (f, c, w, fresh) => Post($"{LivelihoodCycles.Api}/cycles",
                new { year = fresh ? LivelihoodCycles.NextYear() : 2099, ballotKind = "BALLOT_KIND_RANKING", slots = 3 })),
        new("LivelihoodService.ListCycles",             "FF      OO    OO    FF    FF    OO     OO    FF    OO    OO",
            (f, c, w, _) => Get($"{LivelihoodCycles.Api}/cycles")),
        new("LivelihoodService.GetCycle",               "FF      OO    OO    FF    FF    OO     OO    FF    OO    OO",
            (f, c, w, _) => Get($"{LivelihoodCycles.Api}/cycles/{f.Id(w.Name, "livelihood-year")}")),
        new("LivelihoodService.AdvanceCycle",           "FF      FF    FF    FF    FF    FF     OO    FF    FF    OO",
            async (f, c, w, fresh) => await Post($"{LivelihoodCycles.Api}/cycles/{await FreshYearAsync(f, fresh, "SOLICITATION")}:advance",
                new { phase = "CYCLE_PHASE_SCREENING" })),
        new("LivelihoodService.SetBudget",              "FF      FF    FF    FF    FF    FF     OO    FF    FF    OO",
            async (f, c, w, fresh) =>
            {
                var year = await FreshYearAsync(f, fresh, "SOLICITATION");
                return await Post($"{LivelihoodCycles.Api}/cycles/{year}:setBudget", LivelihoodCycles.SetBudget());
            }),
        new("LivelihoodService.RecordFinalAccounts",    "FF      FF    FF    FF    FF    FF     OO    FF    FF    OO",
            async (f, c, w, fresh) =>
            {
                var year = await FreshYearAsync(f, fresh, "IMPLEMENTATION");
                return await Post($"{LivelihoodCycles.Api}/cycles/{year}:recordFinalAccounts", LivelihoodCycles.Budget());
            }),
        new("LivelihoodService.AcceptCandidate",        "FF      FF    FF    FF    FF    FF     OO    FF    FF    OO",
            async (f, c, w, fresh) =>
            {
                var (year, project) = fresh ? await DriveAsync(f, "SCREENING") is var cycle ? (cycle.Year, cycle.Projects[0]) : default
                    : (2026, f.Id(w.Name, "project"));
                return await Post($"{LivelihoodCycles.Api}/projects/{project}:accept",
                    new { owningDepartmentCode = w.Department, estimatedCostYuan = "1000000", completionDate = $"{year}-12-31" });
            }),
        new("LivelihoodService.ScreenOutProject",       "FF      FF    FF    FF    FF    FF     OO    FF    FF    OO",
            async (f, c, w, fresh) => await Post($"{LivelihoodCycles.Api}/projects/{await FreshProjectAsync(f, w, fresh, "SCREENING", 0)}:screenOut",
                new { reason = "Already funded by the province" })),
        new("LivelihoodService.MergeProject",           "FF      FF    FF    FF    FF    FF     OO    FF    FF    OO",
            async (f, c, w, fresh) =>
            {
                if (!fresh) return await Post($"{LivelihoodCycles.Api}/projects/{f.Id(w.Name, "project")}:merge", new { intoProjectId = f.Id(w.Name, "adopted") });
                var cycle = await DriveAsync(f, "SCREENING");
                return await Post($"{LivelihoodCycles.Api}/projects/{cycle.Projects[0]}:merge", new { intoProjectId = cycle.Projects[1] });
            }),

        // ---- the vote: deputies cast their own ballot; the office imports paper ballots and counts ----
        new("LivelihoodService.CastBallot",             "FF      FF    FF    FF    FF    OO     FF    FF    FF    FF",
            async (f, c, w, fresh) =>
            {
                if (!fresh) return await Post($"{LivelihoodCycles.Api}/cycles/{LivelihoodCycles.AnyYear}/ballots", new { projectIds = new[] { f.Id(w.Name, "project") } });
                var cycle = await DriveAsync(f, "VOTE");
                return await Post($"{LivelihoodCycles.Api}/cycles/{cycle.Year}/ballots", new { projectIds = new[] { cycle.Projects[0] } });
            }),
        // the deputy reads back the ballot they cast in the implementation cycle (every side's deputy is the same person)
        new("LivelihoodService.GetMyBallot",            "FF      FF    FF    FF    FF    OO     FF    FF    FF    FF",
            (f, c, w, _) => Get($"{LivelihoodCycles.Api}/cycles/{f.Id(w.Name, "livelihood-year")}/ballots/mine")),
        new("LivelihoodService.ImportPaperBallots",     "FF      FF    FF    FF    FF    FF     OO    FF    FF    OO",
            async (f, c, w, fresh) => await Post($"{LivelihoodCycles.Api}/cycles/{await FreshYearAsync(f, fresh, "VOTE")}/ballots:import",
                new { csv = "deputyId,choices\ndeputy-paper-1,1;2\ndeputy-paper-2,9" })),
        new("LivelihoodService.CountVotes",             "FF      FF    FF    FF    FF    FF     OO    FF    FF    OO",
            async (f, c, w, fresh) => await Post($"{LivelihoodCycles.Api}/cycles/{await FreshYearAsync(f, fresh, "VOTE")}:count", new { })),

        // ---- implementation: the department owning the project (the home clerk's owns the home side's), the office, city
        //      admins; evaluation: deputies ----
        new("LivelihoodService.AddMilestone",           "FF      OF    FF    FF    FF    FF     OO    FF    FF    OO",
            (f, c, w, _) => Post($"{LivelihoodCycles.Api}/projects/{f.Id(w.Name, "adopted")}/milestones",
                LivelihoodCycles.Milestone(int.Parse(f.Id(w.Name, "livelihood-year"))))),
        new("LivelihoodService.CompleteMilestone",      "FF      OF    FF    FF    FF    FF     OO    FF    FF    OO",
            async (f, c, w, fresh) =>
            {
                var project = f.Id(w.Name, "adopted");
                var milestone = f.Id(w.Name, "milestone");
                if (fresh)
                {
                    var added = await LivelihoodCycles.AddMilestoneAsync(f.Caller(PlatformRoles.CityAdmin), project, int.Parse(f.Id(w.Name, "livelihood-year")));
                    milestone = added.GetProperty("milestones").EnumerateArray()
                        .Last(m => !m.TryGetProperty("completedAt", out _) && m.GetProperty("id").GetString() != f.Id(w.Name, "milestone")).GetProperty("id").GetString()!;
                }
                return await Post($"{LivelihoodCycles.Api}/projects/{project}/milestones/{milestone}:complete", new { });
            }),
        new("LivelihoodService.CarryOverProject",       "FF      FF    FF    FF    FF    FF     OO    FF    FF    OO",
            async (f, c, w, fresh) => await Post($"{LivelihoodCycles.Api}/projects/{await FreshProjectAsync(f, w, fresh, "IMPLEMENTATION", 0)}:carryOver",
                new { stageTarget = "Foundations done by June" })),
        new("LivelihoodService.EvaluateProject",        "FF      FF    FF    FF    FF    OO     FF    FF    FF    FF",
            (f, c, w, _) => Post($"{LivelihoodCycles.Api}/projects/{f.Id(w.Name, "evaluated")}:evaluate", new { rating = "SATISFACTION_SATISFIED" })),

        // ---- the public board: anyone, signed in or not ----
        new("LivelihoodService.GetPublicBoard",         "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"{LivelihoodCycles.Api}/public/years/{f.Id(w.Name, "livelihood-year")}/board"), Public: true),
        // everybody their own notifications (the matrix names the side's citizen or grid worker); city admins anyone's
        new("LivelihoodNotificationsService.ListNotifications", "OF  FF    FF    OF    FF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"/api/livelihood/v1/notifications?citizenId={(c == PlatformRoles.GridWorker ? w.GridWorkerId : w.CitizenId)}")),
        // the board as open data (a plain endpoint, docs/open-data.md): anyone, signed in or not
        new("livelihood.OpenData",                      "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"{LivelihoodCycles.Api}/public/open-data/livelihood-board-{f.Id(w.Name, "livelihood-year")}.csv"), Public: true),
    ];

    private static Task<(int Year, string[] Projects)> DriveAsync(MatrixPlatformFixture f, string phase) =>
        LivelihoodCycles.DriveAsync(f.Caller(PlatformRoles.CityAdmin), f.Caller(PlatformRoles.Citizen), f.Caller(PlatformRoles.Deputy), phase,
            [MatrixPlatformFixture.Home.Department, MatrixPlatformFixture.Foreign.Department, MatrixPlatformFixture.Home.Department]);

    /// <summary>For an allowed cell, a new cycle in <paramref name="phase"/>; for a refused one, any year.</summary>
    private static async Task<string> FreshYearAsync(MatrixPlatformFixture f, bool fresh, string phase) =>
        fresh ? (await DriveAsync(f, phase)).Year.ToString(System.Globalization.CultureInfo.InvariantCulture) : LivelihoodCycles.AnyYear;

    /// <summary>For an allowed cell, a project of a new cycle in <paramref name="phase"/>; for a refused one, the side's adopted project.</summary>
    private static async Task<string> FreshProjectAsync(MatrixPlatformFixture f, World w, bool fresh, string phase, int index) =>
        fresh ? (await DriveAsync(f, phase)).Projects[index] : f.Id(w.Name, "adopted");
}

public sealed partial class CorpusPlatformFixture
{
    /// <summary>The livelihood resources the cases below name as "{placeholder}" in a path or body.</summary>
    private async Task SeedLivelihoodAsync(ApplicationFactory home)
    {
        _ids["project"] = (await ApplicationFactory.ExpectOkAsync(home.Citizen, HttpMethod.Post, "/api/livelihood/v1/projects", new
        {
            year = 2026,
            title = "Bus shelters",
            category = "PROJECT_CATEGORY_TRANSPORT",
            districtCodes = new[] { "district-01" },
            estimatedCostYuan = "1200000",
            rationale = "Riders wait in the rain.",
        })).GetProperty("id").GetString()!;

        // cycles the cases below find in solicitation, in the vote and in implementation (projects owned by the home clerk's department)
        string[] owners = [Home.Department, Home.Department, Home.Department];
        var (admin, deputy) = (Actor("city-admin"), Actor("deputy"));
        foreach (var phase in new[] { "SOLICITATION", "VOTE", "IMPLEMENTATION" })
        {
            var cycle = await LivelihoodCycles.DriveAsync(admin, home.Citizen, deputy, phase, owners);
            var key = phase.ToLowerInvariant();
            _ids[$"year-{key}"] = cycle.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _ids[$"project-{key}"] = cycle.Projects[0];
            _ids[$"other-project-{key}"] = cycle.Projects[1];
        }
        var adopted = await LivelihoodCycles.AddMilestoneAsync(admin, _ids["project-implementation"], int.Parse(_ids["year-implementation"]));
        _ids["milestone"] = adopted.GetProperty("milestones")[0].GetProperty("id").GetString()!;
    }
}

internal static partial class Corpus
{
    private const string Projects = "/api/livelihood/v1/projects";

    private const string ValidProject = """
        {"year":2026,"title":"Bus shelters","category":"PROJECT_CATEGORY_TRANSPORT","districtCodes":["district-01"],"estimatedCostYuan":"1200000","rationale":"Riders wait in the rain."}
        """;

    private static void LivelihoodCases(CorpusCases cases)
    {
        const string notifications = "LivelihoodNotificationsService.ListNotifications";
        const string notificationsPath = "/api/livelihood/v1/notifications";
        cases.Get(notifications, "another-citizens", "citizen", $"{notificationsPath}?citizenId=citizen-stranger", 403, "发给本人");
        cases.Get(notifications, "a-citizens-by-a-clerk", "clerk", $"{notificationsPath}?citizenId=citizen-home", 403, "发给本人");
        cases.Get(notifications, "page-token-forged", "citizen", $"{notificationsPath}?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Get(notifications, "page-size-negative", "citizen", $"{notificationsPath}?pageSize=-20", 400, "pageSize");
        const string openData = "livelihood.OpenData";
        const string O = "/api/livelihood/v1/public/open-data";
        cases.Get(openData, "year-before-2020", "anonymous", $"{O}/livelihood-board-1999.csv", 400, "year");
        cases.Get(openData, "year-not-a-number", "anonymous", $"{O}/livelihood-board-last.json", 400, "year");
        cases.Get(openData, "year-overflows-int32", "anonymous", $"{O}/livelihood-board-99999999999.csv", 400, "year");
        cases.Get(openData, "unknown-dataset", "anonymous", $"{O}/ballots-2026.csv", 404, "ballots-2026.csv");
        cases.Get(openData, "unknown-format", "anonymous", $"{O}/livelihood-board-2026.xlsx", 404, "未找到");
        cases.Get(openData, "path-traversal", "anonymous", $"{O}/..%2F..%2Faudit", 404, "未找到");
        cases.Get(openData, "unknown-query-parameter", "anonymous", $"{O}/livelihood-board-2026.csv?format=xlsx", 400, "format");

        // ---- livelihood ---------------------------------------------------------------------------------------------
        // the causes a detail must name are as the default language (zh-CN) reads them; phases by their API spelling
        const string propose = "LivelihoodService.ProposeProject";
        void Propose(string name, string actor, string body, int status, string? cause) => cases.Post(propose, name, actor, Projects, body, status, cause);
        Propose("everything-missing", "citizen", "{}", 400, "year");
        Propose("year-before-2020", "citizen", With(ValidProject, "year", "1999"), 400, "year");
        Propose("year-after-2100", "citizen", With(ValidProject, "year", "2101"), 400, "year");
        Propose("year-overflows-int32", "citizen", With(ValidProject, "year", "99999999999"), 400, "year");
        Propose("year-as-words", "citizen", With(ValidProject, "year", Str("next year")), 400, "year");
        Propose("category-unknown", "citizen", With(ValidProject, "category", Str("PROJECT_CATEGORY_CASINO")), 400, "category");
        Propose("category-missing", "citizen", Without(ValidProject, "category"), 400, "category");
        Propose("city-tag-unknown", "citizen", With(ValidProject, "cityTag", Str("GREEN_CITY")), 400, "cityTag");
        Propose("city-tag-lower-case", "citizen", With(ValidProject, "cityTag", Str("modern_smart")), 400, "cityTag");
        Propose("districts-none", "citizen", With(ValidProject, "districtCodes", "[]"), 400, "districtCodes");
        Propose("districts-unknown", "citizen", With(ValidProject, "districtCodes", """["district-42"]"""), 400, "districtCodes");
        Propose("districts-repeated", "citizen", With(ValidProject, "districtCodes", """["district-01","district-01"]"""), 400, "districtCodes");
        Propose("districts-a-string", "citizen", With(ValidProject, "districtCodes", Str("district-01")), 400, "districtCodes");
        Propose("cost-negative", "citizen", With(ValidProject, "estimatedCostYuan", "-1"), 400, "estimatedCostYuan");
        Propose("cost-zero", "citizen", With(ValidProject, "estimatedCostYuan", "0"), 400, "estimatedCostYuan");
        Propose("cost-above-ten-billion", "citizen", With(ValidProject, "estimatedCostYuan", Str("10000000001")), 400, "estimatedCostYuan");
        Propose("cost-overflows-int64", "citizen", With(ValidProject, "estimatedCostYuan", Str("99999999999999999999")), 400, "estimatedCostYuan");
        Propose("cost-as-words", "citizen", With(ValidProject, "estimatedCostYuan", Str("a lot")), 400, "estimatedCostYuan");
        Propose("title-overlong", "citizen", With(ValidProject, "title", Str(new string('t', 201))), 400, "title");
        Propose("title-missing", "citizen", Without(ValidProject, "title"), 400, "title");
        Propose("rationale-overlong", "citizen", With(ValidProject, "rationale", Str(new string('r', 4001))), 400, "rationale");
        Propose("nul-character-in-title", "citizen", With(ValidProject, "title", Str("Bus\u0000shelters")), 400, "title");
        Propose("by-a-grid-worker", "grid", ValidProject, 403, "不能提出");
        Propose("by-a-district-admin", "district-admin", ValidProject, 403, "不能提出");
        Propose("by-a-city-admin", "city-admin", ValidProject, 403, "不能提出");
        Propose("by-a-supervisor", "supervisor", ValidProject, 403, "不能提出");

        const string getProject = "LivelihoodService.GetProject";
        cases.Get(getProject, "id-not-a-uuid", "citizen", $"{Projects}/zz", 400, "id");
        cases.Get(getProject, "id-unknown", "citizen", $"{Projects}/{{unknown}}", 404, "未找到");
        cases.Get(getProject, "id-sql", "citizen", $"{Projects}/{Uri.EscapeDataString("1; DROP TABLE projects")}", 400, "id");

        const string listProjects = "LivelihoodService.ListProjects";
        cases.Get(listProjects, "year-not-a-number", "citizen", $"{Projects}?year=abc", 400, "year");
        cases.Get(listProjects, "city-tag-unknown", "citizen", $"{Projects}?cityTag=GREEN_CITY", 400, "cityTag");
        cases.Get(listProjects, "year-negative", "citizen", $"{Projects}?year=-1", 400, "year");
        cases.Get(listProjects, "year-overflows-int32", "citizen", $"{Projects}?year=99999999999", 400, "year");
        cases.Get(listProjects, "year-before-2020", "citizen", $"{Projects}?year=1999", 400, "year");
        cases.Get(listProjects, "status-unknown-name", "citizen", $"{Projects}?status=PROJECT_STATUS_DREAMING", 400, "status");
        cases.Get(listProjects, "status-unspecified", "citizen", $"{Projects}?status=PROJECT_STATUS_UNSPECIFIED", 400, "status");
        cases.Get(listProjects, "status-unknown-number", "citizen", $"{Projects}?status=99", 400, "status");
        cases.Get(listProjects, "category-unknown", "citizen", $"{Projects}?category=PROJECT_CATEGORY_CASINO", 400, "category");
        cases.Get(listProjects, "district-unknown", "citizen", $"{Projects}?districtCode=district-42", 400, "districtCode");
        cases.Get(listProjects, "department-unknown", "citizen", $"{Projects}?owningDepartmentCode=dept-magic", 400, "owningDepartmentCode");
        cases.Get(listProjects, "query-overlong", "citizen", $"{Projects}?query={new string('q', 101)}", 400, "query");
        cases.Get(listProjects, "page-size-negative", "citizen", $"{Projects}?pageSize=-1", 400, "pageSize");
        cases.Get(listProjects, "page-size-not-a-number", "citizen", $"{Projects}?pageSize=x", 400, "pageSize");
        cases.Get(listProjects, "page-token-forged", "citizen", $"{Projects}?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Get(listProjects, "another-proposer", "citizen", $"{Projects}?proposerId=citizen-somebody-else", 403, "民生实事办公室");
        cases.Get(listProjects, "at-risk-not-a-boolean", "citizen", $"{Projects}?atRisk=maybe", 400, "atRisk");
        cases.Get(listProjects, "at-risk-a-number", "citizen", $"{Projects}?atRisk=2", 400, "atRisk");

        const string pending = "LivelihoodService.ListPendingEvaluations";
        const string pendingEvaluations = "/api/livelihood/v1/pendingEvaluations";
        cases.Get(pending, "year-overflows-int32", "deputy", $"{pendingEvaluations}?year=99999999999", 400, "year");
        cases.Get(pending, "year-after-2100", "deputy", $"{pendingEvaluations}?year=2101", 400, "year");
        cases.Get(pending, "category-unknown", "deputy", $"{pendingEvaluations}?category=PROJECT_CATEGORY_CASINO", 400, "category");
        cases.Get(pending, "district-unknown", "deputy", $"{pendingEvaluations}?districtCode=district-42", 400, "districtCode");
        cases.Get(pending, "page-token-forged", "deputy", $"{pendingEvaluations}?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Get(pending, "by-a-citizen", "citizen", pendingEvaluations, 403, "人大代表");
        cases.Get(pending, "by-a-city-admin", "city-admin", pendingEvaluations, 403, "人大代表");
        Propose("outside-solicitation", "citizen", With(ValidProject, "year", "{year-vote}"), 409, "Solicitation");

        // ---- the cycle ----
        const string cycles = "/api/livelihood/v1/cycles";
        const string open = "LivelihoodService.OpenCycle";
        const string validCycle = """{"year":2098,"ballotKind":"BALLOT_KIND_APPROVAL","slots":3}""";
        cases.Post(open, "everything-missing", "city-admin", cycles, "{}", 400, "year");
        cases.Post(open, "ballot-kind-unknown", "city-admin", cycles, With(validCycle, "ballotKind", Str("BALLOT_KIND_LOTTERY")), 400, "ballotKind");
        cases.Post(open, "ballot-kind-missing", "city-admin", cycles, Without(validCycle, "ballotKind"), 400, "ballotKind");
        cases.Post(open, "slots-zero", "city-admin", cycles, With(validCycle, "slots", "0"), 400, "slots");
        cases.Post(open, "slots-as-words", "city-admin", cycles, With(validCycle, "slots", Str("three")), 400, "slots");
        cases.Post(open, "minimum-support-negative", "city-admin", cycles, With(validCycle, "minimumSupport", "-1"), 400, "minimumSupport");
        cases.Post(open, "envelope-unknown-category", "city-admin", cycles,
            With(validCycle, "categoryEnvelopes", """[{"key":"CASINOS","limitYuan":"1000"}]"""), 400, "categoryEnvelopes");
        cases.Post(open, "envelope-category-without-its-prefix", "city-admin", cycles,
            With(validCycle, "categoryEnvelopes", """[{"key":"TRANSPORT","limitYuan":"1000"}]"""), 400, "categoryEnvelopes");
        cases.Post(open, "envelope-unknown-district", "city-admin", cycles,
            With(validCycle, "districtEnvelopes", """[{"key":"district-42","limitYuan":"1000"}]"""), 400, "districtEnvelopes");
        cases.Post(open, "envelope-negative", "city-admin", cycles,
            With(validCycle, "districtEnvelopes", """[{"key":"district-01","limitYuan":"-5"}]"""), 400, "districtEnvelopes");
        cases.Post(open, "year-already-open", "city-admin", cycles, With(validCycle, "year", "{year-vote}"), 409, "已开启");
        cases.Post(open, "by-a-clerk-outside-the-office", "clerk", cycles, validCycle, 403, "民生实事办公室");
        cases.Post(open, "by-a-deputy", "deputy", cycles, validCycle, 403, "民生实事办公室");

        const string listCycles = "LivelihoodService.ListCycles";
        cases.Get(listCycles, "phase-unknown", "deputy", $"{cycles}?phase=CYCLE_PHASE_PARTY", 400, "phase");
        cases.Get(listCycles, "phase-unspecified", "deputy", $"{cycles}?phase=CYCLE_PHASE_UNSPECIFIED", 400, "phase");
        cases.Get(listCycles, "page-size-negative", "deputy", $"{cycles}?pageSize=-1", 400, "pageSize");
        cases.Get(listCycles, "page-token-forged", "deputy", $"{cycles}?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Get(listCycles, "by-a-citizen", "citizen", cycles, 403, "公示栏");

        const string getCycle = "LivelihoodService.GetCycle";
        cases.Get(getCycle, "year-not-a-number", "deputy", $"{cycles}/abc", 400, "year");
        cases.Get(getCycle, "year-before-2020", "deputy", $"{cycles}/1999", 400, "year");
        cases.Get(getCycle, "year-without-a-cycle", "deputy", $"{cycles}/2097", 404, "未找到");
        cases.Get(getCycle, "by-a-citizen", "citizen", $"{cycles}/{{year-vote}}", 403, "公示栏");

        const string advance = "LivelihoodService.AdvanceCycle";
        cases.Post(advance, "phase-missing", "city-admin", $"{cycles}/{{year-solicitation}}:advance", "{}", 400, "phase");
        cases.Post(advance, "phase-unknown", "city-admin", $"{cycles}/{{year-solicitation}}:advance", """{"phase":"CYCLE_PHASE_PARTY"}""", 400, "phase");
        cases.Post(advance, "skipping-a-phase", "city-admin", $"{cycles}/{{year-solicitation}}:advance", """{"phase":"CYCLE_PHASE_VOTE"}""", 409, "下一阶段");
        cases.Post(advance, "out-of-the-vote-without-counting", "city-admin", $"{cycles}/{{year-vote}}:advance",
            """{"phase":"CYCLE_PHASE_IMPLEMENTATION"}""", 409, "计票");
        cases.Post(advance, "year-without-a-cycle", "city-admin", $"{cycles}/2097:advance", """{"phase":"CYCLE_PHASE_SCREENING"}""", 404, "未找到");
        cases.Post(advance, "by-a-supervisor", "supervisor", $"{cycles}/{{year-solicitation}}:advance", """{"phase":"CYCLE_PHASE_SCREENING"}""", 403, "民生实事办公室");

        const string budget = "LivelihoodService.SetBudget";
        const string validBudget = """{"livelihoodSpendingYuan":"2200000000","previousLivelihoodSpendingYuan":"2000000000","fiscalCapacityYuan":"3300000000","previousFiscalCapacityYuan":"3000000000","projectsBudgetYuan":"20000000"}""";
        var setBudget = $"{cycles}/{{year-solicitation}}:setBudget";
        cases.Post(budget, "below-two-thirds", "city-admin", setBudget, With(validBudget, "livelihoodSpendingYuan", Str("2150000000")), 400, "livelihoodSpendingYuan");
        cases.Post(budget, "livelihood-above-capacity", "city-admin", setBudget, With(validBudget, "livelihoodSpendingYuan", Str("3400000000")), 400, "livelihoodSpendingYuan");
        cases.Post(budget, "capacity-negative", "city-admin", setBudget, With(validBudget, "fiscalCapacityYuan", Str("-1")), 400, "fiscalCapacityYuan");
        cases.Post(budget, "previous-capacity-as-words", "city-admin", setBudget, With(validBudget, "previousFiscalCapacityYuan", Str("last year's")), 400, "previousFiscalCapacityYuan");
        cases.Post(budget, "figures-missing", "city-admin", setBudget, "{}", 400, "livelihoodSpendingYuan");
        cases.Post(budget, "projects-budget-above-spending", "city-admin", setBudget, With(validBudget, "projectsBudgetYuan", Str("2200000001")), 400, "projectsBudgetYuan");
        cases.Post(budget, "projects-budget-missing", "city-admin", setBudget, Without(validBudget, "projectsBudgetYuan"), 400, "projectsBudgetYuan");
        cases.Post(budget, "once-the-vote-is-open", "city-admin", $"{cycles}/{{year-vote}}:setBudget", validBudget, 409, "投票开始后");
        cases.Post(budget, "by-a-deputy", "deputy", setBudget, validBudget, 403, "民生实事办公室");

        const string finalAccounts = "LivelihoodService.RecordFinalAccounts";
        // final accounts are the four figures, without the projects budget
        var validAccounts = Without(validBudget, "projectsBudgetYuan");
        cases.Post(finalAccounts, "before-implementation", "city-admin", $"{cycles}/{{year-vote}}:recordFinalAccounts", validAccounts, 409, "实施");
        cases.Post(finalAccounts, "figures-overflow-int64", "city-admin", $"{cycles}/{{year-implementation}}:recordFinalAccounts",
            With(validAccounts, "fiscalCapacityYuan", Str("99999999999999999999")), 400, "fiscalCapacityYuan");
        cases.Post(finalAccounts, "by-a-clerk-outside-the-office", "clerk", $"{cycles}/{{year-implementation}}:recordFinalAccounts", validAccounts, 403, "民生实事办公室");

        // ---- screening ----
        const string accept = "LivelihoodService.AcceptCandidate";
        const string validAccept = """{"owningDepartmentCode":"dept-market-supervision","estimatedCostYuan":"1000000","completionDate":"2099-12-31"}""";
        cases.Post(accept, "department-unknown", "city-admin", $"{Projects}/{{project-solicitation}}:accept",
            With(validAccept, "owningDepartmentCode", Str("dept-magic")), 400, "owningDepartmentCode");
        cases.Post(accept, "completion-date-not-a-date", "city-admin", $"{Projects}/{{project-solicitation}}:accept",
            With(validAccept, "completionDate", Str("31/12/2099")), 400, "completionDate");
        cases.Post(accept, "cost-zero", "city-admin", $"{Projects}/{{project-solicitation}}:accept", With(validAccept, "estimatedCostYuan", "0"), 400, "estimatedCostYuan");
        cases.Post(accept, "outside-screening", "city-admin", $"{Projects}/{{project-solicitation}}:accept",
            With(validAccept, "completionDate", Str("{year-solicitation}-12-31")), 409, "Screening");
        cases.Post(accept, "id-unknown", "city-admin", $"{Projects}/{{unknown}}:accept", validAccept, 404, "未找到");
        cases.Post(accept, "id-not-a-uuid", "city-admin", $"{Projects}/zz:accept", validAccept, 400, "id");
        cases.Post(accept, "by-a-clerk-outside-the-office", "clerk", $"{Projects}/{{project-solicitation}}:accept", validAccept, 403, "民生实事办公室");

        const string screenOut = "LivelihoodService.ScreenOutProject";
        cases.Post(screenOut, "reason-missing", "city-admin", $"{Projects}/{{project-solicitation}}:screenOut", "{}", 400, "reason");
        cases.Post(screenOut, "reason-overlong", "city-admin", $"{Projects}/{{project-solicitation}}:screenOut", $$"""{"reason":"{{new string('r', 1001)}}"}""", 400, "reason");
        cases.Post(screenOut, "outside-screening", "city-admin", $"{Projects}/{{project-solicitation}}:screenOut", """{"reason":"too costly"}""", 409, "Screening");
        cases.Post(screenOut, "by-a-citizen", "citizen", $"{Projects}/{{project-solicitation}}:screenOut", """{"reason":"too costly"}""", 403, "民生实事办公室");

        const string merge = "LivelihoodService.MergeProject";
        cases.Post(merge, "into-itself", "city-admin", $"{Projects}/{{project-solicitation}}:merge", """{"intoProjectId":"{project-solicitation}"}""", 400, "intoProjectId");
        cases.Post(merge, "into-not-a-uuid", "city-admin", $"{Projects}/{{project-solicitation}}:merge", """{"intoProjectId":"x"}""", 400, "intoProjectId");
        cases.Post(merge, "into-another-year", "city-admin", $"{Projects}/{{project-solicitation}}:merge", """{"intoProjectId":"{project-vote}"}""", 400, "intoProjectId");
        cases.Post(merge, "into-unknown", "city-admin", $"{Projects}/{{project-solicitation}}:merge", """{"intoProjectId":"{unknown}"}""", 404, "未找到");
        cases.Post(merge, "outside-screening", "city-admin", $"{Projects}/{{project-solicitation}}:merge", """{"intoProjectId":"{other-project-solicitation}"}""", 409, "Screening");
        cases.Post(merge, "by-a-deputy", "deputy", $"{Projects}/{{project-solicitation}}:merge", """{"intoProjectId":"{other-project-solicitation}"}""", 403, "民生实事办公室");

        // ---- the vote ----
        const string cast = "LivelihoodService.CastBallot";
        var ballots = $"{cycles}/{{year-vote}}/ballots";
        cases.Post(cast, "no-choices", "deputy", ballots, """{"projectIds":[]}""", 400, "projectIds");
        cases.Post(cast, "choice-not-a-uuid", "deputy", ballots, """{"projectIds":["one"]}""", 400, "projectIds");
        cases.Post(cast, "choice-repeated", "deputy", ballots, """{"projectIds":["{project-vote}","{project-vote}"]}""", 400, "projectIds");
        cases.Post(cast, "choice-not-a-candidate", "deputy", ballots, """{"projectIds":["{project-solicitation}"]}""", 400, "projectIds");
        cases.Post(cast, "choices-a-string", "deputy", ballots, """{"projectIds":"{project-vote}"}""", 400, "projectIds");
        cases.Post(cast, "more-approvals-than-slots", "deputy", ballots,
            """{"projectIds":["{project-vote}","{other-project-vote}","{unknown}"]}""", 400, "projectIds");
        cases.Post(cast, "after-the-count", "deputy", $"{cycles}/{{year-implementation}}/ballots", """{"projectIds":["{project-implementation}"]}""", 409, "Vote");
        cases.Post(cast, "outside-the-vote", "deputy", $"{cycles}/{{year-solicitation}}/ballots", """{"projectIds":["{project-solicitation}"]}""", 409, "Vote");
        cases.Post(cast, "year-without-a-cycle", "deputy", $"{cycles}/2097/ballots", """{"projectIds":["{project-vote}"]}""", 404, "未找到");
        cases.Post(cast, "by-a-city-admin", "city-admin", ballots, """{"projectIds":["{project-vote}"]}""", 403, "人大代表");

        const string myBallot = "LivelihoodService.GetMyBallot";
        cases.Get(myBallot, "year-not-a-number", "deputy", $"{cycles}/abc/ballots/mine", 400, "year");
        cases.Get(myBallot, "year-without-a-cycle", "deputy", $"{cycles}/2097/ballots/mine", 404, "未找到");
        cases.Get(myBallot, "before-voting", "deputy", $"{cycles}/{{year-solicitation}}/ballots/mine", 404, "未找到");
        cases.Get(myBallot, "by-a-city-admin", "city-admin", $"{cycles}/{{year-implementation}}/ballots/mine", 403, "人大代表");

        const string import = "LivelihoodService.ImportPaperBallots";
        cases.Post(import, "no-header", "city-admin", $"{ballots}:import", """{"csv":"deputy-1,1"}""", 400, "csv");
        cases.Post(import, "csv-missing", "city-admin", $"{ballots}:import", "{}", 400, "csv");
        cases.Post(import, "csv-a-number", "city-admin", $"{ballots}:import", """{"csv":42}""", 400, "csv");
        cases.Post(import, "outside-the-vote", "city-admin", $"{cycles}/{{year-solicitation}}/ballots:import", """{"csv":"deputyId,choices\n"}""", 409, "Vote");
        cases.Post(import, "by-a-deputy", "deputy", $"{ballots}:import", """{"csv":"deputyId,choices\n"}""", 403, "民生实事办公室");

        const string count = "LivelihoodService.CountVotes";
        cases.Post(count, "outside-the-vote", "city-admin", $"{cycles}/{{year-solicitation}}:count", "{}", 409, "Vote");
        cases.Post(count, "year-overflows-int32", "city-admin", $"{cycles}/99999999999:count", "{}", 400, "year");
        cases.Post(count, "by-a-deputy", "deputy", $"{cycles}/{{year-vote}}:count", "{}", 403, "民生实事办公室");

        // ---- implementation and evaluation ----
        const string addMilestone = "LivelihoodService.AddMilestone";
        const string validMilestone = """{"title":"Permit","weight":1,"dueDate":"2099-06-30","amountYuan":"0"}""";
        var milestones = $"{Projects}/{{project-implementation}}/milestones";
        cases.Post(addMilestone, "weight-zero", "clerk", milestones, With(validMilestone, "weight", "0"), 400, "weight");
        cases.Post(addMilestone, "weight-above-100", "clerk", milestones, With(validMilestone, "weight", "101"), 400, "weight");
        cases.Post(addMilestone, "due-date-not-a-date", "clerk", milestones, With(validMilestone, "dueDate", Str("next spring")), 400, "dueDate");
        cases.Post(addMilestone, "due-date-missing", "clerk", milestones, Without(validMilestone, "dueDate"), 400, "dueDate");
        cases.Post(addMilestone, "title-missing", "clerk", milestones, Without(validMilestone, "title"), 400, "title");
        cases.Post(addMilestone, "amount-above-the-cost", "clerk", milestones, With(validMilestone, "amountYuan", Str("1000001")), 400, "amountYuan");
        cases.Post(addMilestone, "linked-application-not-a-uuid", "clerk", milestones, With(validMilestone, "linkedApplicationId", Str("permit-7")), 400, "linkedApplicationId");
        cases.Post(addMilestone, "project-not-adopted", "city-admin", $"{Projects}/{{project-vote}}/milestones", validMilestone, 409, "Implementation");
        cases.Post(addMilestone, "project-unknown", "clerk", $"{Projects}/{{unknown}}/milestones", validMilestone, 404, "未找到");
        cases.Post(addMilestone, "by-another-department", "foreign-clerk", milestones, validMilestone, 403, "项目责任部门");

        const string complete = "LivelihoodService.CompleteMilestone";
        cases.Post(complete, "milestone-unknown", "clerk", $"{Projects}/{{project-implementation}}/milestones/{{unknown}}:complete", "{}", 404, "未找到");
        cases.Post(complete, "milestone-not-a-uuid", "clerk", $"{Projects}/{{project-implementation}}/milestones/m1:complete", "{}", 400, "id");
        cases.Post(complete, "by-another-department", "foreign-clerk", $"{Projects}/{{project-implementation}}/milestones/{{milestone}}:complete", "{}", 403, "项目责任部门");

        const string carryOver = "LivelihoodService.CarryOverProject";
        cases.Post(carryOver, "stage-target-missing", "city-admin", $"{Projects}/{{project-implementation}}:carryOver", "{}", 400, "stageTarget");
        cases.Post(carryOver, "not-adopted", "city-admin", $"{Projects}/{{project-solicitation}}:carryOver", """{"stageTarget":"half"}""", 409, "实施");
        cases.Post(carryOver, "by-the-owning-department", "clerk", $"{Projects}/{{project-implementation}}:carryOver", """{"stageTarget":"half"}""", 403, "民生实事办公室");

        const string evaluate = "LivelihoodService.EvaluateProject";
        cases.Post(evaluate, "rating-missing", "deputy", $"{Projects}/{{project-implementation}}:evaluate", "{}", 400, "rating");
        cases.Post(evaluate, "rating-unknown", "deputy", $"{Projects}/{{project-implementation}}:evaluate", """{"rating":"SATISFACTION_ECSTATIC"}""", 400, "rating");
        cases.Post(evaluate, "before-evaluation", "deputy", $"{Projects}/{{project-implementation}}:evaluate", """{"rating":"SATISFACTION_SATISFIED"}""", 409, "Evaluation");
        cases.Post(evaluate, "by-a-citizen", "citizen", $"{Projects}/{{project-implementation}}:evaluate", """{"rating":"SATISFACTION_SATISFIED"}""", 403, "人大代表");

        // ---- the public board (anonymous callers too) ----
        const string board = "LivelihoodService.GetPublicBoard";
        cases.Get(board, "year-not-a-number", "anonymous", "/api/livelihood/v1/public/years/abc/board", 400, "year");
        cases.Get(board, "year-before-2020", "anonymous", "/api/livelihood/v1/public/years/1999/board", 400, "year");
        cases.Get(board, "year-overflows-int32", "anonymous", "/api/livelihood/v1/public/years/99999999999/board", 400, "year");
        cases.Get(board, "year-without-a-cycle", "anonymous", "/api/livelihood/v1/public/years/2097/board", 404, "未找到");
    }
}
