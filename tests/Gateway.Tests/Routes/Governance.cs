using System.Text.Json;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

// The governance service's part of the gateway's route coverage (issue 9): its rows of the authorization matrix
// (AuthorizationMatrixTests.cs), its cases of the bad-input corpus (BadInputCorpusTests.cs), and the resources both
// fixtures create for them. Every REST route of the service needs a row in GovernanceRoutes() and at least one case in
// GovernanceCases(): the coverage tests fail otherwise. A row's rule string has one own/foreign pair per role (O = 200,
// F = 403); mark a route under /api/governance/v1/public/ with `Public: true` (anonymous callers then expect 200).

public sealed partial class MatrixPlatformFixture
{
    /// <summary>The governance resources of one side that the rows below name (through <c>f.Id(w.Name, "...")</c>).</summary>
    private async Task SeedGovernanceAsync(World world, ApplicationFactory factory)
    {
        _ids[(world.Name, "case")] = (await ApplicationFactory.ExpectOkAsync(factory.Citizen, HttpMethod.Post, "/api/governance/v1/cases", new
        {
            gridCode = world.Grid,
            source = "CASE_SOURCE_CITIZEN",
            category = "noise",
            description = $"{world.Marker}: loud music at night",
        })).GetProperty("id").GetString()!;
    }
}

internal static partial class AuthorizationMatrix
{
    //                                                  citizen clerk super grid  admin deputy city
    private static Route[] GovernanceRoutes() =>
    [
        // ---- governance: the directory is public except that district staff are confined to their district
        //      (supervisors are refused: see the report); cases are reported by citizens anywhere, district staff in
        //      their district, city admins anywhere; a case is seen by its reporter, its district's staff, city admins ----
        new("GovernanceService.GetDistrict",            "OO      OO    FF    OF    OF    OO     OO",
            (f, c, w, _) => Get($"/api/governance/v1/districts/{w.District}")),
        new("GovernanceService.ReportCase",             "OO      FF    FF    OF    OF    FF     OO",
            (f, c, w, _) => Post("/api/governance/v1/cases", new
            {
                gridCode = w.Grid, source = c == PlatformRoles.Citizen ? "CASE_SOURCE_CITIZEN" : "CASE_SOURCE_GRID_PATROL",
                category = "matrix", description = "a matrix check",
            })),
        new("GovernanceService.GetCase",                "OF      FF    FF    OF    OF    FF     OO",
            (f, c, w, _) => Get($"/api/governance/v1/cases/{f.Id(w.Name, "case")}")),
    ];
}

public sealed partial class CorpusPlatformFixture
{
    /// <summary>The governance resources the cases below name as "{placeholder}" in a path or body.</summary>
    private async Task SeedGovernanceAsync(ApplicationFactory home)
    {
        _ids["case"] = (await ApplicationFactory.ExpectOkAsync(home.GridWorker, HttpMethod.Post, "/api/governance/v1/cases", new
        {
            gridCode = Home.Grid,
            source = "CASE_SOURCE_GRID_PATROL",
            category = "road damage",
            description = "A pothole by the school gate.",
        })).GetProperty("id").GetString()!;
    }
}

internal static partial class Corpus
{
    private const string Cases = "/api/governance/v1/cases";

    private const string ValidCase = """
        {"gridCode":"grid-01-01-1","source":"CASE_SOURCE_GRID_PATROL","category":"road damage","description":"A pothole by the school gate.","photoRefs":["photo-1"]}
        """;

    private static void GovernanceCases(CorpusCases cases)
    {
        // ---- governance -----------------------------------------------------------------------------------------------
        const string getDistrict = "GovernanceService.GetDistrict";
        const string D = "/api/governance/v1/districts";
        cases.Get(getDistrict, "unknown", "citizen", $"{D}/district-99", 404, "district-99");
        cases.Get(getDistrict, "blank", "citizen", $"{D}/%20", 400, "code");
        cases.Get(getDistrict, "sql", "citizen", $"{D}/{Uri.EscapeDataString("district-01' --")}", 404, "not found");
        cases.Get(getDistrict, "script", "citizen", $"{D}/{Uri.EscapeDataString("<script>alert(1)</script>")}", 404, "not found");
        cases.Get(getDistrict, "overlong", "citizen", $"{D}/{new string('d', 3000)}", 404, "not found");
        cases.Get(getDistrict, "upper-case", "citizen", $"{D}/DISTRICT-01", 404, "not found");
        cases.Get(getDistrict, "another-district-by-a-grid-worker", "grid", $"{D}/district-02", 403, "own district");
        cases.Get(getDistrict, "another-district-by-its-admin", "district-admin", $"{D}/district-03", 403, "own district");

        const string reportCase = "GovernanceService.ReportCase";
        void Report(string name, string actor, string body, int status, string? cause, string? contentType = "application/json") =>
            cases.Post(reportCase, name, actor, Cases, body, status, cause, contentType);
        Report("everything-missing", "grid", "{}", 400, "gridCode");
        Report("grid-unknown", "grid", With(ValidCase, "gridCode", Str("grid-99-99-9")), 400, "gridCode");
        Report("grid-sql", "grid", With(ValidCase, "gridCode", Str("grid-01-01-1' OR '1'='1")), 400, "gridCode");
        Report("grid-a-number", "grid", With(ValidCase, "gridCode", "101"), 400, "gridCode");
        Report("source-unknown", "grid", With(ValidCase, "source", Str("CASE_SOURCE_RUMOUR")), 400, "source");
        Report("source-missing", "grid", Without(ValidCase, "source"), 400, "source");
        Report("category-overlong", "grid", With(ValidCase, "category", Str(new string('c', 65))), 400, "category");
        Report("category-missing", "grid", Without(ValidCase, "category"), 400, "category");
        Report("description-overlong", "grid", With(ValidCase, "description", Str(new string('d', 2001))), 400, "description");
        Report("description-blank", "grid", With(ValidCase, "description", Str("\n\n")), 400, "description");
        Report("photos-eleven", "grid", With(ValidCase, "photoRefs", Strings(11, "photo")), 400, "photoRefs");
        Report("photo-ref-empty", "grid", With(ValidCase, "photoRefs", """[""]"""), 400, "photoRefs");
        Report("photo-ref-overlong", "grid", With(ValidCase, "photoRefs", $"[{Str(new string('p', 301))}]"), 400, "photoRefs");
        Report("photo-refs-an-object", "grid", With(ValidCase, "photoRefs", """{"0":"photo"}"""), 400, "photoRefs");
        Report("citizen-as-a-patrol", "citizen", ValidCase, 403, "source CITIZEN");
        Report("by-a-clerk", "clerk", ValidCase, 403, "may not report");
        Report("by-a-deputy", "deputy", ValidCase, 403, "may not report");
        Report("in-another-district", "grid", With(ValidCase, "gridCode", Str("grid-02-01-1")), 403, "own district");
        Report("nul-character-in-description", "grid", With(ValidCase, "description", Str("pothole\u0000")), 400, "description");
        Report("body-as-text-plain", "grid", ValidCase, 415, null, "text/plain");
        Report("body-truncated", "grid", ValidCase[..30], 400, "body");

        const string getCase = "GovernanceService.GetCase";
        cases.Get(getCase, "id-not-a-uuid", "grid", $"{Cases}/xyz", 400, "id");
        cases.Get(getCase, "id-unknown", "grid", $"{Cases}/{{unknown}}", 404, "not found");
        cases.Get(getCase, "by-a-clerk", "clerk", $"{Cases}/{{case}}", 403, "someone else");
        cases.Get(getCase, "by-another-districts-grid-worker", "foreign-grid", $"{Cases}/{{case}}", 403, "someone else");
        cases.Get(getCase, "by-a-deputy", "deputy", $"{Cases}/{{case}}", 403, "someone else");
    }
}
