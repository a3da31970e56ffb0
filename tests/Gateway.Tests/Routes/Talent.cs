using System.Text.Json;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

// The talent service's part of the gateway's route coverage (issue 9): its rows of the authorization matrix
// (AuthorizationMatrixTests.cs), its cases of the bad-input corpus (BadInputCorpusTests.cs), and the resources both
// fixtures create for them. Every REST route of the service needs a row in TalentRoutes() and at least one case in
// TalentCases(): the coverage tests fail otherwise. A row's rule string has one own/foreign pair per role (O = 200,
// F = 403); mark a route under /api/talent/v1/public/ with `Public: true` (anonymous callers then expect 200).

public sealed partial class MatrixPlatformFixture
{
    /// <summary>The talent resources of one side that the rows below name (through <c>f.Id(w.Name, "...")</c>).</summary>
    private async Task SeedTalentAsync(World world, ApplicationFactory factory)
    {
        _ids[(world.Name, "certification")] = (await ApplicationFactory.ExpectOkAsync(factory.Citizen, HttpMethod.Post, "/api/talent/v1/certifications", new
        {
            tierCode = "D",
            applicantName = world.ApplicantName,
            employer = "Longgang Valves",
            sector = "manufacturing",
            districtCode = world.District,
        })).GetProperty("id").GetString()!;
    }
}

internal static partial class AuthorizationMatrix
{
    //                                                  citizen clerk super grid  admin deputy city
    private static Route[] TalentRoutes() =>
    [
        // ---- talent: the tiers are public; citizens apply for themselves; a certification is seen by its applicant,
        //      the talent office's clerks (dept-human-resources, not department X) and city admins ----
        new("TalentService.ListTiers",                  "OO      OO    OO    OO    OO    OO     OO",
            (f, c, w, _) => Get("/api/talent/v1/tiers")),
        new("TalentService.ApplyForCertification",      "OO      FF    FF    FF    FF    FF     FF",
            (f, c, w, _) => Post("/api/talent/v1/certifications", new
            {
                tierCode = "E", applicantName = "Matrix", employer = "Longgang Tech", sector = "software", districtCode = w.District,
            })),
        new("TalentService.GetCertification",           "OF      FF    FF    FF    FF    FF     OO",
            (f, c, w, _) => Get($"/api/talent/v1/certifications/{f.Id(w.Name, "certification")}")),
    ];
}

public sealed partial class CorpusPlatformFixture
{
    /// <summary>The talent resources the cases below name as "{placeholder}" in a path or body.</summary>
    private async Task SeedTalentAsync(ApplicationFactory home)
    {
        _ids["certification"] = (await ApplicationFactory.ExpectOkAsync(home.Citizen, HttpMethod.Post, "/api/talent/v1/certifications", new
        {
            tierCode = "C",
            applicantName = "Wang Fang",
            employer = "Longgang Tech",
            sector = "manufacturing",
            districtCode = Home.District,
        })).GetProperty("id").GetString()!;
    }
}

internal static partial class Corpus
{
    private const string Certs = "/api/talent/v1/certifications";

    private const string ValidCertification = """
        {"tierCode":"C","applicantName":"Wang Fang","employer":"Longgang Tech","sector":"manufacturing","districtCode":"district-01","evidence":["doc-1"]}
        """;

    private static void TalentCases(CorpusCases cases)
    {
        // ---- talent -----------------------------------------------------------------------------------------------
        const string tiers = "TalentService.ListTiers";
        cases.Add(tiers, "wrong-method-post", "citizen", HttpMethod.Post, "/api/talent/v1/tiers", "{}", 405, null);
        cases.Get(tiers, "anonymous", "anonymous", "/api/talent/v1/tiers", 401, null);
        cases.Get(tiers, "script-in-an-unknown-parameter-is-harmless", "citizen", $"/api/talent/v1/tiers?q={Uri.EscapeDataString("<script>alert(1)</script>")}", 200, null);

        const string apply = "TalentService.ApplyForCertification";
        void Apply(string name, string actor, string body, int status, string? cause) => cases.Post(apply, name, actor, Certs, body, status, cause);
        Apply("everything-missing", "citizen", "{}", 400, "tierCode");
        Apply("tier-unknown", "citizen", With(ValidCertification, "tierCode", Str("Z")), 400, "tierCode");
        Apply("tier-sql", "citizen", With(ValidCertification, "tierCode", Str("A' OR '1'='1")), 400, "tierCode");
        Apply("tier-a-number", "citizen", With(ValidCertification, "tierCode", "1"), 400, "tierCode");
        Apply("applicant-name-overlong", "citizen", With(ValidCertification, "applicantName", Str(new string('a', 101))), 400, "applicantName");
        Apply("employer-missing", "citizen", Without(ValidCertification, "employer"), 400, "employer");
        Apply("sector-overlong", "citizen", With(ValidCertification, "sector", Str(new string('s', 101))), 400, "sector");
        Apply("district-unknown", "citizen", With(ValidCertification, "districtCode", Str("district-00")), 400, "districtCode");
        Apply("evidence-twenty-one", "citizen", With(ValidCertification, "evidence", Strings(21, "doc")), 400, "evidence");
        Apply("evidence-empty-reference", "citizen", With(ValidCertification, "evidence", """["doc-1"," "]"""), 400, "evidence");
        Apply("evidence-overlong-reference", "citizen", With(ValidCertification, "evidence", $"[{Str(new string('e', 301))}]"), 400, "evidence");
        Apply("nul-character-in-evidence", "citizen", With(ValidCertification, "evidence", Str2("doc\u0000-1")), 400, "evidence");
        Apply("by-a-clerk", "clerk", ValidCertification, 403, "citizens apply for themselves");
        Apply("by-a-city-admin", "city-admin", ValidCertification, 403, "citizens apply for themselves");

        const string getCert = "TalentService.GetCertification";
        cases.Get(getCert, "id-not-a-uuid", "citizen", $"{Certs}/abc", 400, "id");
        cases.Get(getCert, "id-unknown", "citizen", $"{Certs}/{{unknown}}", 404, "not found");
        cases.Get(getCert, "another-citizens", "other-citizen", $"{Certs}/{{certification}}", 403, "another applicant");
        cases.Get(getCert, "by-a-clerk-outside-the-talent-office", "clerk", $"{Certs}/{{certification}}", 403, "another applicant");
    }
}
