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
    }
}

internal static partial class AuthorizationMatrix
{
    //                                                  citizen clerk super grid  admin deputy city
    private static Route[] LivelihoodRoutes() =>
    [
        // ---- livelihood: proposals are public; citizens, deputies and departments' clerks propose ----
        new("LivelihoodService.ProposeProject",         "OO      OO    FF    FF    FF    OO     FF",
            (f, c, w, _) => Post("/api/livelihood/v1/projects", new
            {
                year = 2026, title = "Matrix project", category = "PROJECT_CATEGORY_ENVIRONMENT", districtCodes = new[] { w.District },
                estimatedCostYuan = "1000", rationale = "a matrix check",
            })),
        // (a proposal names its proposer's subject id to every reader: public by design, see the report)
        new("LivelihoodService.GetProject",             "OO      OO    OO    OO    OO    OO     OO",
            (f, c, w, _) => Get($"/api/livelihood/v1/projects/{f.Id(w.Name, "project")}"), NamesPeople: true),
        new("LivelihoodService.ListProjects",           "OO      OO    OO    OO    OO    OO     OO",
            (f, c, w, _) => Get("/api/livelihood/v1/years/2026/projects"), NamesPeople: true),
    ];
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
        // ---- livelihood ---------------------------------------------------------------------------------------------
        const string propose = "LivelihoodService.ProposeProject";
        void Propose(string name, string actor, string body, int status, string? cause) => cases.Post(propose, name, actor, Projects, body, status, cause);
        Propose("everything-missing", "citizen", "{}", 400, "year");
        Propose("year-before-2020", "citizen", With(ValidProject, "year", "1999"), 400, "year");
        Propose("year-after-2100", "citizen", With(ValidProject, "year", "2101"), 400, "year");
        Propose("year-overflows-int32", "citizen", With(ValidProject, "year", "99999999999"), 400, "year");
        Propose("year-as-words", "citizen", With(ValidProject, "year", Str("next year")), 400, "year");
        Propose("category-unknown", "citizen", With(ValidProject, "category", Str("PROJECT_CATEGORY_CASINO")), 400, "category");
        Propose("category-missing", "citizen", Without(ValidProject, "category"), 400, "category");
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
        Propose("by-a-grid-worker", "grid", ValidProject, 403, "may not propose");
        Propose("by-a-district-admin", "district-admin", ValidProject, 403, "may not propose");
        Propose("by-a-city-admin", "city-admin", ValidProject, 403, "may not propose");
        Propose("by-a-supervisor", "supervisor", ValidProject, 403, "may not propose");

        const string getProject = "LivelihoodService.GetProject";
        cases.Get(getProject, "id-not-a-uuid", "citizen", $"{Projects}/zz", 400, "id");
        cases.Get(getProject, "id-unknown", "citizen", $"{Projects}/{{unknown}}", 404, "not found");
        cases.Get(getProject, "id-sql", "citizen", $"{Projects}/{Uri.EscapeDataString("1; DROP TABLE projects")}", 400, "id");

        const string listProjects = "LivelihoodService.ListProjects";
        cases.Get(listProjects, "year-not-a-number", "citizen", "/api/livelihood/v1/years/abc/projects", 400, "year");
        cases.Get(listProjects, "year-negative", "citizen", "/api/livelihood/v1/years/-1/projects", 400, "year");
        cases.Get(listProjects, "year-overflows-int32", "citizen", "/api/livelihood/v1/years/99999999999/projects", 400, "year");
        cases.Get(listProjects, "year-before-2020", "citizen", "/api/livelihood/v1/years/1999/projects", 400, "year");
        cases.Get(listProjects, "page-size-negative", "citizen", "/api/livelihood/v1/years/2026/projects?pageSize=-1", 400, "pageSize");
        cases.Get(listProjects, "page-size-not-a-number", "citizen", "/api/livelihood/v1/years/2026/projects?pageSize=x", 400, "pageSize");
        cases.Get(listProjects, "page-token-forged", "citizen", $"/api/livelihood/v1/years/2026/projects?pageToken={PageTokenForged}", 400, "pageToken");
    }
}
