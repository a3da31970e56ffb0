using System.Text.Json;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Talent.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Gateway.Tests;

// The talent service's part of the gateway's route coverage (issue 9): its rows of the authorization matrix
// (AuthorizationMatrixTests.cs), its cases of the bad-input corpus (BadInputCorpusTests.cs), and the resources both
// fixtures create for them. Every REST route of the service needs a row in TalentRoutes() and at least one case in
// TalentCases(): the coverage tests fail otherwise. A row's rule string has one own/foreign pair per role (O = 200,
// F = 403); mark a route under /api/talent/v1/public/ with `Public: true` (anonymous callers then expect 200).

/// <summary>
/// Talent records in the states the routes need, written into talent's database through the domain's own transitions:
/// certification takes a public notice of 5 working days, which no test can wait for through the API.
/// </summary>
internal static class TalentSeed
{
    public const string TalentOffice = "dept-human-resources";
    private static readonly Caller TalentClerk = new("clerk-talent-seed", PlatformRoles.Clerk, null, TalentOffice);

    private static Certification Applied(string citizenId, string name, string district, DateTimeOffset at) =>
        Certification.Apply(new Tier { Code = "C", Name = "Provincial leading talent" },
            new CertificationDraft("C", name, "Longgang Valves", "manufacturing", district, ["provincial programme letter"]),
            new Caller(citizenId, PlatformRoles.Citizen, null, null), at);

    /// <summary>Adds what <paramref name="add"/> makes of talent's database, its clock's now and its calendar (the service's own).</summary>
    private static async Task<T> SaveAsync<T>(IServiceProvider services, Func<TalentDbContext, DateTimeOffset, WorkingDayCalendar, T> add)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TalentDbContext>();
        var added = add(db, services.GetRequiredService<TimeProvider>().GetUtcNow(), services.GetRequiredService<WorkingDayCalendar>());
        await db.SaveChangesAsync();
        return added;
    }

    /// <summary>Certified yesterday, after a notice a month ago.</summary>
    public static Task<string> CertifiedAsync(IServiceProvider services, string citizenId, string name, string district) => SaveAsync(services, (db, now, calendar) =>
    {
        var certification = Applied(citizenId, name, district, now.AddDays(-30));
        certification.ReviewAsEmployer(ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewFinally(ReviewDecision.Approve, null, TalentClerk, now.AddDays(-30), calendar);
        certification.Certify(TalentClerk, now.AddDays(-1));
        db.Certifications.Add(certification);
        return certification.Id.ToString();
    });

    /// <summary>Applied today, waiting for the employer's review (the talent office's, as it names no employer account).</summary>
    public static Task<string> AppliedAsync(IServiceProvider services, string citizenId, string name, string district) => SaveAsync(services, (db, now, _) =>
    {
        var certification = Applied(citizenId, name, district, now);
        db.Certifications.Add(certification);
        return certification.Id.ToString();
    });

    /// <summary>Reviewed by the talent office in the employer's place (it names no employer account).</summary>
    public static Task<string> EmployerReviewedAsync(IServiceProvider services, string citizenId, string name, string district) => SaveAsync(services, (db, now, _) =>
    {
        var certification = Applied(citizenId, name, district, now);
        certification.ReviewAsEmployer(ReviewDecision.Approve, null, TalentClerk);
        db.Certifications.Add(certification);
        return certification.Id.ToString();
    });

    /// <summary>Through the preliminary review, waiting for the final one.</summary>
    public static Task<string> PreliminarilyReviewedAsync(IServiceProvider services, string citizenId, string name, string district) => SaveAsync(services, (db, now, _) =>
    {
        var certification = Applied(citizenId, name, district, now);
        certification.ReviewAsEmployer(ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk);
        db.Certifications.Add(certification);
        return certification.Id.ToString();
    });

    /// <summary>Its public notice, begun a month ago, is over: ready to be certified.</summary>
    public static Task<string> NoticeOverAsync(IServiceProvider services, string citizenId, string name, string district) => SaveAsync(services, (db, now, calendar) =>
    {
        var certification = Applied(citizenId, name, district, now.AddDays(-30));
        certification.ReviewAsEmployer(ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewFinally(ReviewDecision.Approve, null, TalentClerk, now.AddDays(-30), calendar);
        db.Certifications.Add(certification);
        return certification.Id.ToString();
    });

    /// <summary>A claim of the citizen on a new programme, approved (as approvals' decision would), its amount committed: ready to be paid.</summary>
    public static async Task<string> ApprovedClaimAsync(IServiceProvider services, string citizenId, string name, string district)
    {
        var certificationId = Guid.Parse(await CertifiedAsync(services, citizenId, name, district));
        var code = await ProgrammeAsync(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TalentDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var claim = EntitlementClaim.Submit(await db.Programmes.SingleAsync(p => p.Code == code), await db.Certifications.SingleAsync(c => c.Id == certificationId),
            new ClaimDraft(code, certificationId.ToString(), true, ["application form"]), new Caller(citizenId, PlatformRoles.Citizen, null, null), now);
        claim.Approve(now);
        Assert.True(await db.TryCommitBudgetAsync(code, claim.Amount, CancellationToken.None));
        db.Claims.Add(claim);
        await db.SaveChangesAsync();
        return claim.Id.ToString();
    }

    /// <summary>In its public notice since today, with one pending objection: (certification id, objection id).</summary>
    public static Task<(string Certification, string Objection)> InNoticeAsync(IServiceProvider services, string citizenId, string name, string district) =>
        SaveAsync(services, (db, now, calendar) =>
        {
            var certification = Applied(citizenId, name, district, now);
            certification.ReviewAsEmployer(ReviewDecision.Approve, null, TalentClerk);
            certification.ReviewPreliminarily(ReviewDecision.Approve, null, TalentClerk);
            certification.ReviewFinally(ReviewDecision.Approve, null, TalentClerk, now, calendar);
            var objection = certification.LodgeObjection("Seeded objection.", new Caller("objector-seed", PlatformRoles.Citizen, null, null), now);
            db.Certifications.Add(certification);
            return (certification.Id.ToString(), objection.Id.ToString());
        });

    /// <summary>Returned by the preliminary review for more material.</summary>
    public static Task<string> ReturnedAsync(IServiceProvider services, string citizenId, string name, string district) => SaveAsync(services, (db, now, _) =>
    {
        var certification = Applied(citizenId, name, district, now);
        certification.ReviewAsEmployer(ReviewDecision.Approve, null, TalentClerk);
        certification.ReviewPreliminarily(ReviewDecision.Return, "Add the award certificate.", TalentClerk);
        db.Certifications.Add(certification);
        return certification.Id.ToString();
    });

    /// <summary>A programme of this year paying tier C, with room for many claims.</summary>
    public static Task<string> ProgrammeAsync(IServiceProvider services) => SaveAsync(services, (db, now, _) =>
    {
        var programme = Programme.Create(new ProgrammeDraft($"GW-{Guid.NewGuid():N}"[..16], "Talent housing subsidy", ProgrammeKind.HousingSubsidy,
            WorkingDayCalendar.ChinaDateOf(now).Year, "HR-001", 10_000_000, new Dictionary<string, long> { ["C"] = 100_000 },
            RequiresResidence: false, RequiresEmployerInCity: false, ClaimValidityDays: 30), ["A", "B", "C", "D", "E"], TalentClerk);
        db.Programmes.Add(programme);
        return programme.Code;
    });

    public static object Position(string district) =>
        new
        {
            title = "Valve engineer", employerName = "Longgang Valves", sector = "manufacturing", tierSought = "C", districtCode = district,
            channel = "TALENT_CHANNEL_EXTERNAL_RECRUITMENT",
        };

    public static object Claim(string programme, string certification) =>
        new { programmeCode = programme, certificationId = certification, residesInCity = true, materials = new[] { "application form" } };
}

public sealed partial class MatrixPlatformFixture
{
    private readonly Dictionary<string, HttpClient> _employers = new(StringComparer.Ordinal);

    /// <summary>The employer of a side: it posts the positions the rows read; the home side's is the matrix's employer column.</summary>
    internal HttpClient Employer(World world) => _employers[world.Name];

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
            channel = "TALENT_CHANNEL_INTERNAL_CULTIVATION",
        })).GetProperty("id").GetString()!;
        var services = Platform.Services;
        var (notice, objection) = await TalentSeed.InNoticeAsync(services, world.CitizenId, world.ApplicantName, world.District);
        Remember(world, "certification-in-notice", notice, isPublic: true); // on the public notice board
        _ids[(world.Name, "objection")] = objection;
        _ids[(world.Name, "certification-returned")] = await TalentSeed.ReturnedAsync(services, world.CitizenId, world.ApplicantName, world.District);
        _ids[(world.Name, "certification-certified")] = await TalentSeed.CertifiedAsync(services, world.CitizenId, world.ApplicantName, world.District);
        // anyone signed in may read a programme or a position: neither is a secret of its side
        Remember(world, "programme", await TalentSeed.ProgrammeAsync(services), isPublic: true);
        _ids[(world.Name, "claim")] = (await ApplicationFactory.ExpectOkAsync(factory.Citizen, HttpMethod.Post, "/api/talent/v1/claims",
            TalentSeed.Claim(Id(world.Name, "programme"), Id(world.Name, "certification-certified")))).GetProperty("id").GetString()!;
        var employer = _employers[world.Name] = Client(PlatformRoles.Employer, subject: $"employer-{world.Name}");
        Remember(world, "position", (await ApplicationFactory.ExpectOkAsync(employer, HttpMethod.Post, "/api/talent/v1/positions",
            TalentSeed.Position(world.District))).GetProperty("id").GetString()!, isPublic: true);
        _ids[(world.Name, "position-application")] = (await ApplicationFactory.ExpectOkAsync(factory.Citizen, HttpMethod.Post,
            $"/api/talent/v1/positions/{Id(world.Name, "position")}/applications", new { candidateName = world.ApplicantName })).GetProperty("id").GetString()!;
    }

    /// <summary>A certification of the side's citizen returned for material, for the one cell that hands material in.</summary>
    internal Task<string> FreshReturnedCertificationAsync(World world) =>
        TalentSeed.ReturnedAsync(Platform.Services, world.CitizenId, world.ApplicantName, world.District);

    /// <summary>A certification of the side's citizen at the step <paramref name="seed"/> leaves it, for a cell that moves it on.</summary>
    internal Task<string> FreshCertificationAsync(World world, Func<IServiceProvider, string, string, string, Task<string>> seed) =>
        seed(Platform.Services, world.CitizenId, world.ApplicantName, world.District);

    /// <summary>A new application of the side's citizen to a new position of the side's employer.</summary>
    internal async Task<string> FreshPositionApplicationAsync(World world) =>
        (await ApplicationFactory.ExpectOkAsync(_factories[world.Name].Citizen, HttpMethod.Post, $"/api/talent/v1/positions/{await FreshPositionAsync(world)}/applications",
            new { candidateName = world.ApplicantName })).GetProperty("id").GetString()!;

    /// <summary>A new programme, so the side's citizen can make a first claim on it.</summary>
    internal Task<string> FreshProgrammeAsync() => TalentSeed.ProgrammeAsync(Platform.Services);

    /// <summary>A new open position of the side's employer.</summary>
    internal async Task<string> FreshPositionAsync(World world) =>
        (await ApplicationFactory.ExpectOkAsync(Employer(world), HttpMethod.Post, "/api/talent/v1/positions", TalentSeed.Position(world.District)))
            .GetProperty("id").GetString()!;
}

internal static partial class AuthorizationMatrix
{
    //                                                  citizen clerk super grid  admin deputy city   empl  talent livelihood
    private static Route[] TalentRoutes() =>
    [
        // ---- talent: the tiers are public; citizens apply for themselves; a certification is seen by its applicant,
        //      the talent office's clerks (dept-human-resources, not department X) and city admins ----
        new("TalentService.ListTiers",                  "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get("/api/talent/v1/tiers")),
        new("TalentService.ApplyForCertification",      "OO      FF    FF    FF    FF    FF     FF    FF    FF    FF",
            (f, c, w, _) => Post("/api/talent/v1/certifications", new
            {
                tierCode = "E", applicantName = "Matrix", employer = "Longgang Tech", sector = "software", districtCode = w.District,
                channel = "TALENT_CHANNEL_INTERNAL_CULTIVATION",
            })),
        // a list names the side's applicant: a citizen may name only themselves; an employer lists those naming it (none)
        new("TalentService.ListCertifications",         "OF      FF    FF    FF    FF    FF     OO    OO    OO    FF",
            (f, c, w, _) => Get($"/api/talent/v1/certifications?applicantId={w.CitizenId}")),
        new("TalentService.GetCertification",           "OF      FF    FF    FF    FF    FF     OO    FF    OO    FF",
            (f, c, w, _) => Get($"/api/talent/v1/certifications/{f.Id(w.Name, "certification")}")),
        // ---- the workflow: the named employer (not a column) or, without one, the talent office reviews; the talent office
        //      (not department X, not city admins) reviews, rules and certifies; only the applicant adds material ----
        new("TalentService.ReviewAsEmployer",           "FF      FF    FF    FF    FF    FF     FF    FF    OO    FF",
            async (f, c, w, fresh) => await Post($"/api/talent/v1/certifications/{(fresh ? await f.FreshCertificationAsync(w, TalentSeed.AppliedAsync) : f.Id(w.Name, "certification"))}:employerReview",
                new { decision = "REVIEW_DECISION_APPROVE" })),
        new("TalentService.ReviewPreliminarily",        "FF      FF    FF    FF    FF    FF     FF    FF    OO    FF",
            async (f, c, w, fresh) => await Post($"/api/talent/v1/certifications/{(fresh ? await f.FreshCertificationAsync(w, TalentSeed.EmployerReviewedAsync) : f.Id(w.Name, "certification"))}:preliminaryReview",
                new { decision = "REVIEW_DECISION_APPROVE" })),
        new("TalentService.AddCertificationMaterial",   "OF      FF    FF    FF    FF    FF     FF    FF    FF    FF",
            async (f, c, w, fresh) => await Post($"/api/talent/v1/certifications/{(fresh ? await f.FreshReturnedCertificationAsync(w) : f.Id(w.Name, "certification-returned"))}:addMaterial",
                new { evidence = new[] { "award certificate" } })),
        new("TalentService.ReviewFinally",              "FF      FF    FF    FF    FF    FF     FF    FF    OO    FF",
            async (f, c, w, fresh) => await Post($"/api/talent/v1/certifications/{(fresh ? await f.FreshCertificationAsync(w, TalentSeed.PreliminarilyReviewedAsync) : f.Id(w.Name, "certification"))}:finalReview",
                new { decision = "REVIEW_DECISION_APPROVE" })),
        // a public notice: anyone signed in but the applicant may object, whichever district
        new("TalentService.LodgeObjection",             "FO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Post($"/api/talent/v1/certifications/{f.Id(w.Name, "certification-in-notice")}/objections", new { reason = "Doubtful award." })),
        new("TalentService.RuleOnObjection",            "FF      FF    FF    FF    FF    FF     FF    FF    OO    FF",
            async (f, c, w, fresh) =>
            {
                var (certification, objection) = fresh
                    ? await TalentSeed.InNoticeAsync(f.Platform.Services, w.CitizenId, w.ApplicantName, w.District)
                    : (f.Id(w.Name, "certification-in-notice"), f.Id(w.Name, "objection"));
                return await Post($"/api/talent/v1/certifications/{certification}/objections/{objection}:rule", new { ruling = "OBJECTION_RULING_DISMISS" });
            }),
        new("TalentService.Certify",                    "FF      FF    FF    FF    FF    FF     FF    FF    OO    FF",
            async (f, c, w, fresh) => await Post($"/api/talent/v1/certifications/{(fresh ? await f.FreshCertificationAsync(w, TalentSeed.NoticeOverAsync) : f.Id(w.Name, "certification-in-notice"))}:certify", new { })),
        // the public notice shows names by design: each side's cell asks for its own applicant's name
        new("TalentService.ListNotices",                "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"/api/talent/v1/public/notices?query={Uri.EscapeDataString(w.ApplicantName)}"), Public: true),
        new("TalentService.GetCertifiedCounts",         "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get("/api/talent/v1/public/certified-counts"), Public: true),
        // ---- programmes: set up by the talent office, read by anyone signed in; claims by the certified person, seen by
        //      them and the talent office, paid by the talent office ----
        new("TalentService.CreateProgramme",            "FF      FF    FF    FF    FF    FF     FF    FF    OO    FF",
            (f, c, w, fresh) => Post("/api/talent/v1/programmes", new
            {
                code = fresh ? $"GW-{Guid.NewGuid():N}"[..16] : "GW-MATRIX", name = "Matrix grant", kind = "PROGRAMME_KIND_SETTLEMENT_GRANT", year = 2026, matterCode = "HR-001",
                budget = 1000, tierAmounts = new Dictionary<string, long> { ["C"] = 100 }, claimValidityDays = 30, channel = "TALENT_CHANNEL_JOINT_BUILDING",
            })),
        new("TalentService.ListProgrammes",             "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get("/api/talent/v1/public/programmes"), Public: true),
        new("TalentService.GetProgramme",               "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"/api/talent/v1/public/programmes/{f.Id(w.Name, "programme")}"), Public: true),
        new("TalentService.SubmitClaim",                "OF      FF    FF    FF    FF    FF     FF    FF    FF    FF",
            async (f, c, w, fresh) => await Post("/api/talent/v1/claims",
                TalentSeed.Claim(fresh ? await f.FreshProgrammeAsync() : f.Id(w.Name, "programme"), f.Id(w.Name, "certification-certified")))),
        new("TalentService.ListClaims",                 "OF      FF    FF    FF    FF    FF     OO    FF    OO    FF",
            (f, c, w, _) => Get($"/api/talent/v1/claims?applicantId={w.CitizenId}")),
        new("TalentService.GetClaim",                   "OF      FF    FF    FF    FF    FF     OO    FF    OO    FF",
            (f, c, w, _) => Get($"/api/talent/v1/claims/{f.Id(w.Name, "claim")}")),
        new("TalentService.RecordPayment",              "FF      FF    FF    FF    FF    FF     FF    FF    OO    FF",
            async (f, c, w, fresh) => await Post($"/api/talent/v1/claims/{(fresh ? await f.FreshCertificationAsync(w, TalentSeed.ApprovedClaimAsync) : f.Id(w.Name, "claim"))}:pay",
                new { paidOn = Longgang.Platform.Testing.TestClock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reference = "BANK-1" })),
        // ---- positions: employers post and move their own (not a column); citizens apply anywhere; an application is
        //      seen by its candidate, its employer, the talent office and city admins ----
        new("TalentService.PostPosition",               "FF      FF    FF    FF    FF    FF     FF    OO    FF    FF",
            (f, c, w, _) => Post("/api/talent/v1/positions", TalentSeed.Position(w.District))),
        new("TalentService.ListPositions",              "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"/api/talent/v1/public/positions?districtCode={w.District}"), Public: true),
        new("TalentService.GetPosition",                "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"/api/talent/v1/positions/{f.Id(w.Name, "position")}")),
        new("TalentService.ApplyForPosition",           "OO      FF    FF    FF    FF    FF     FF    FF    FF    FF",
            async (f, c, w, fresh) => await Post($"/api/talent/v1/positions/{(fresh ? await f.FreshPositionAsync(w) : f.Id(w.Name, "position"))}/applications",
                new { candidateName = "Matrix candidate" })),
        // a candidate lists their own (none on the other side's position); an employer only its own positions' applicants
        new("TalentService.ListPositionApplications",   "OO      FF    FF    FF    FF    FF     OO    OF    OO    FF",
            (f, c, w, _) => Get($"/api/talent/v1/position-applications?positionId={f.Id(w.Name, "position")}")),
        new("TalentService.GetPositionApplication",     "OF      FF    FF    FF    FF    FF     OO    OF    OO    FF",
            (f, c, w, _) => Get($"/api/talent/v1/position-applications/{f.Id(w.Name, "position-application")}")),
        new("TalentService.AdvancePositionApplication", "FF      FF    FF    FF    FF    FF     FF    OF    FF    FF",
            async (f, c, w, fresh) => await Post($"/api/talent/v1/position-applications/{(fresh ? await f.FreshPositionApplicationAsync(w) : f.Id(w.Name, "position-application"))}:advance",
                new { status = "POSITION_APPLICATION_STATUS_SCREENING" })),
        new("TalentService.GetTalentReport",            "FF      FF    FF    FF    FF    FF     OO    FF    OO    FF",
            (f, c, w, _) => Get("/api/talent/v1/reports/talent")),
        // everybody their own notifications (the matrix names the side's citizen or grid worker); city admins anyone's
        new("TalentNotificationsService.ListNotifications", "OF  FF    FF    OF    FF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"/api/talent/v1/notifications?citizenId={(c == PlatformRoles.GridWorker ? w.GridWorkerId : w.CitizenId)}")),
    ];
}

public sealed partial class CorpusPlatformFixture
{
    /// <summary>The talent resources the cases below name as "{placeholder}" in a path or body.</summary>
    private async Task SeedTalentAsync(ApplicationFactory home)
    {
        _ids["certification"] = (await ApplicationFactory.ExpectOkAsync(home.Citizen, HttpMethod.Post, "/api/talent/v1/certifications", new
        {
            // tier D: the talent office's own reviews, which the workflow cases below step through (A-C go through approvals)
            tierCode = "D",
            applicantName = "Wang Fang",
            employer = "Longgang Tech",
            sector = "manufacturing",
            districtCode = Home.District,
            channel = "TALENT_CHANNEL_INTERNAL_CULTIVATION",
        })).GetProperty("id").GetString()!;
        _ids["certification-in-approvals"] = (await ApplicationFactory.ExpectOkAsync(home.Citizen, HttpMethod.Post, "/api/talent/v1/certifications", new
        {
            tierCode = "A",
            applicantName = "Wang Fang",
            employer = "Longgang Tech",
            sector = "new materials",
            districtCode = Home.District,
            channel = "TALENT_CHANNEL_EXTERNAL_RECRUITMENT",
        })).GetProperty("id").GetString()!;
        var services = Platform.Services;
        _actors["talent-clerk"] = Client(PlatformRoles.Clerk, department: TalentSeed.TalentOffice, subject: "clerk-talent-corpus");
        _actors["employer"] = Client(PlatformRoles.Employer, subject: "employer-corpus");
        var (notice, objection) = await TalentSeed.InNoticeAsync(services, Home.CitizenId, "Wang Fang", Home.District);
        _ids["certification-in-notice"] = notice;
        _ids["objection"] = objection;
        _ids["certification-returned"] = await TalentSeed.ReturnedAsync(services, Home.CitizenId, "Wang Fang", Home.District);
        _ids["certification-certified"] = await TalentSeed.CertifiedAsync(services, Home.CitizenId, "Wang Fang", Home.District);
        _ids["programme"] = await TalentSeed.ProgrammeAsync(services);
        _ids["claim"] = (await ApplicationFactory.ExpectOkAsync(home.Citizen, HttpMethod.Post, "/api/talent/v1/claims",
            TalentSeed.Claim(_ids["programme"], _ids["certification-certified"]))).GetProperty("id").GetString()!;
        _ids["position"] = (await ApplicationFactory.ExpectOkAsync(Actor("employer"), HttpMethod.Post, "/api/talent/v1/positions",
            TalentSeed.Position(Home.District))).GetProperty("id").GetString()!;
        _ids["position-application"] = (await ApplicationFactory.ExpectOkAsync(home.Citizen, HttpMethod.Post,
            $"/api/talent/v1/positions/{_ids["position"]}/applications", new { candidateName = "Wang Fang" })).GetProperty("id").GetString()!;
    }
}

internal static partial class Corpus
{
    private const string Certs = "/api/talent/v1/certifications";

    private const string ValidCertification = """
        {"tierCode":"C","applicantName":"Wang Fang","employer":"Longgang Tech","sector":"manufacturing","districtCode":"district-01","evidence":["doc-1"],"channel":"TALENT_CHANNEL_INTERNAL_CULTIVATION"}
        """;

    private static void TalentCases(CorpusCases cases)
    {
        const string notifications = "TalentNotificationsService.ListNotifications";
        const string notificationsPath = "/api/talent/v1/notifications";
        cases.Get(notifications, "another-citizens", "citizen", $"{notificationsPath}?citizenId=citizen-stranger", 403, "发给本人");
        cases.Get(notifications, "a-citizens-by-a-clerk", "clerk", $"{notificationsPath}?citizenId=citizen-home", 403, "发给本人");
        cases.Get(notifications, "page-token-forged", "citizen", $"{notificationsPath}?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Get(notifications, "page-size-negative", "citizen", $"{notificationsPath}?pageSize=-20", 400, "pageSize");

        // ---- talent -----------------------------------------------------------------------------------------------
        // a non-400 cause is part of the problem's detail as a request without Accept-Language gets it: Chinese, or a
        // code / enum value, which reads the same in both languages
        const string tiers = "TalentService.ListTiers";
        cases.Add(tiers, "wrong-method-post", "citizen", HttpMethod.Post, "/api/talent/v1/tiers", "{}", 405, null);
        cases.Get(tiers, "anonymous", "anonymous", "/api/talent/v1/tiers", 401, null);
        // an unknown parameter is refused by name (issue 16), its script never echoed
        cases.Get(tiers, "script-in-an-unknown-parameter", "citizen", $"/api/talent/v1/tiers?q={Uri.EscapeDataString("<script>alert(1)</script>")}", 400, "q");

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
        Apply("channel-missing", "citizen", Without(ValidCertification, "channel"), 400, "channel");
        Apply("channel-unspecified", "citizen", With(ValidCertification, "channel", Str("TALENT_CHANNEL_UNSPECIFIED")), 400, "channel");
        Apply("channel-unknown-number", "citizen", With(ValidCertification, "channel", "7"), 400, "channel");
        Apply("channel-unknown-name", "citizen", With(ValidCertification, "channel", Str("TALENT_CHANNEL_HEADHUNTED")), 400, null);
        Apply("by-a-clerk", "clerk", ValidCertification, 403, "市民本人申请");
        Apply("by-a-city-admin", "city-admin", ValidCertification, 403, "市民本人申请");

        const string listCerts = "TalentService.ListCertifications";
        cases.Get(listCerts, "page-size-negative", "citizen", $"{Certs}?pageSize=-1", 400, "pageSize");
        cases.Get(listCerts, "page-token-forged", "talent-clerk", $"{Certs}?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Get(listCerts, "status-unknown-number", "talent-clerk", $"{Certs}?status=42", 400, "status");
        cases.Get(listCerts, "channel-unknown-number", "talent-clerk", $"{Certs}?channel=42", 400, "channel");
        cases.Get(listCerts, "channel-unknown-name", "talent-clerk", $"{Certs}?channel=TALENT_CHANNEL_HEADHUNTED", 400, null);
        cases.Get(listCerts, "district-unknown", "talent-clerk", $"{Certs}?districtCode=district-00", 400, "districtCode");
        cases.Get(listCerts, "query-overlong", "talent-clerk", $"{Certs}?query={new string('q', 101)}", 400, "query");
        cases.Get(listCerts, "another-applicant-named", "citizen", $"{Certs}?applicantId=citizen-stranger", 403, "人才认定");
        cases.Get(listCerts, "another-employer-named", "employer", $"{Certs}?employerId=employer-stranger", 403, "人才认定");
        cases.Get(listCerts, "by-a-clerk-outside-the-talent-office", "clerk", Certs, 403, "人才认定");
        cases.Get(listCerts, "anonymous", "anonymous", Certs, 401, null);
        cases.Read(listCerts, "sql-in-query-is-harmless", "talent-clerk", $"{Certs}?query={Uri.EscapeDataString("x' OR '1'='1")}", Nothing("certifications"));

        const string notices = "TalentService.ListNotices";
        const string noticeBoard = "/api/talent/v1/public/notices";
        cases.Get(notices, "page-size-negative", "anonymous", $"{noticeBoard}?pageSize=-1", 400, "pageSize");
        cases.Get(notices, "page-token-forged", "anonymous", $"{noticeBoard}?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Get(notices, "query-overlong", "anonymous", $"{noticeBoard}?query={new string('q', 101)}", 400, "query");
        cases.Read(notices, "sql-in-query-is-harmless", "anonymous", $"{noticeBoard}?query={Uri.EscapeDataString("x' OR '1'='1")}", Nothing("notices"));

        const string getCert = "TalentService.GetCertification";
        cases.Get(getCert, "id-not-a-uuid", "citizen", $"{Certs}/abc", 400, "id");
        cases.Get(getCert, "id-unknown", "citizen", $"{Certs}/{{unknown}}", 404, "未找到");
        cases.Get(getCert, "another-citizens", "other-citizen", $"{Certs}/{{certification}}", 403, "其他申请人");
        cases.Get(getCert, "by-a-clerk-outside-the-talent-office", "clerk", $"{Certs}/{{certification}}", 403, "其他申请人");

        // the workflow steps: a bad decision is named, the wrong state is a 409, the wrong caller a 403
        const string employerReview = "TalentService.ReviewAsEmployer";
        cases.Post(employerReview, "decision-missing", "talent-clerk", $"{Certs}/{{certification}}:employerReview", "{}", 400, "decision");
        cases.Post(employerReview, "decision-unknown-name", "talent-clerk", $"{Certs}/{{certification}}:employerReview", """{"decision":"REVIEW_DECISION_MAYBE"}""", 400, null);
        cases.Post(employerReview, "return-is-not-for-employers", "talent-clerk", $"{Certs}/{{certification}}:employerReview", """{"decision":"REVIEW_DECISION_RETURN","note":"x"}""", 400, "decision");
        cases.Post(employerReview, "reject-without-a-note", "talent-clerk", $"{Certs}/{{certification}}:employerReview", """{"decision":"REVIEW_DECISION_REJECT"}""", 400, "note");
        cases.Post(employerReview, "not-the-named-employer", "employer", $"{Certs}/{{certification}}:employerReview", """{"decision":"REVIEW_DECISION_APPROVE"}""", 403, "人才办");
        // a tier certified through approvals (A-C) is decided there: the talent office's own steps are refused
        cases.Post(employerReview, "decided-in-approvals", "talent-clerk", $"{Certs}/{{certification-in-approvals}}:employerReview", """{"decision":"REVIEW_DECISION_APPROVE"}""", 409, "CERTIFICATION_STATUS_IN_APPROVALS");
        cases.Post(employerReview, "already-in-notice", "talent-clerk", $"{Certs}/{{certification-in-notice}}:employerReview", """{"decision":"REVIEW_DECISION_APPROVE"}""", 409, "CERTIFICATION_STATUS_PUBLIC_NOTICE");
        cases.Post(employerReview, "id-unknown", "talent-clerk", $"{Certs}/{{unknown}}:employerReview", """{"decision":"REVIEW_DECISION_APPROVE"}""", 404, "未找到");

        const string preliminary = "TalentService.ReviewPreliminarily";
        cases.Post(preliminary, "wrong-state", "talent-clerk", $"{Certs}/{{certification}}:preliminaryReview", """{"decision":"REVIEW_DECISION_APPROVE"}""", 409, "CERTIFICATION_STATUS_SUBMITTED");
        cases.Post(preliminary, "decision-a-number-out-of-range", "talent-clerk", $"{Certs}/{{certification}}:preliminaryReview", """{"decision":42}""", 400, "decision");
        cases.Post(preliminary, "note-overlong", "talent-clerk", $"{Certs}/{{certification}}:preliminaryReview", $$"""{"decision":"REVIEW_DECISION_RETURN","note":{{Str(new string('n', 501))}}}""", 400, "note");
        cases.Post(preliminary, "by-a-clerk-outside-the-talent-office", "clerk", $"{Certs}/{{certification}}:preliminaryReview", """{"decision":"REVIEW_DECISION_APPROVE"}""", 403, "人才办");

        const string addMaterial = "TalentService.AddCertificationMaterial";
        cases.Post(addMaterial, "evidence-missing", "citizen", $"{Certs}/{{certification-returned}}:addMaterial", "{}", 400, "evidence");
        cases.Post(addMaterial, "evidence-not-a-list", "citizen", $"{Certs}/{{certification-returned}}:addMaterial", """{"evidence":"award"}""", 400, null);
        cases.Post(addMaterial, "not-returned", "citizen", $"{Certs}/{{certification}}:addMaterial", """{"evidence":["award"]}""", 409, "CERTIFICATION_STATUS_SUBMITTED");
        cases.Post(addMaterial, "someone-elses", "other-citizen", $"{Certs}/{{certification-returned}}:addMaterial", """{"evidence":["award"]}""", 403, "申请人");

        const string finalReview = "TalentService.ReviewFinally";
        cases.Post(finalReview, "wrong-state", "talent-clerk", $"{Certs}/{{certification}}:finalReview", """{"decision":"REVIEW_DECISION_APPROVE"}""", 409, "CERTIFICATION_STATUS_SUBMITTED");
        cases.Post(finalReview, "id-not-a-uuid", "talent-clerk", $"{Certs}/abc:finalReview", """{"decision":"REVIEW_DECISION_APPROVE"}""", 400, "id");
        cases.Post(finalReview, "by-a-city-admin", "city-admin", $"{Certs}/{{certification}}:finalReview", """{"decision":"REVIEW_DECISION_APPROVE"}""", 403, "人才办");

        const string objection = "TalentService.LodgeObjection";
        cases.Post(objection, "reason-missing", "other-citizen", $"{Certs}/{{certification-in-notice}}/objections", "{}", 400, "reason");
        cases.Post(objection, "reason-overlong", "other-citizen", $"{Certs}/{{certification-in-notice}}/objections", $$"""{"reason":{{Str(new string('r', 1001))}}}""", 400, "reason");
        cases.Post(objection, "reason-a-number", "other-citizen", $"{Certs}/{{certification-in-notice}}/objections", """{"reason":12}""", 400, null);
        cases.Post(objection, "not-in-notice", "other-citizen", $"{Certs}/{{certification}}/objections", """{"reason":"Doubtful."}""", 409, "CERTIFICATION_STATUS_SUBMITTED");
        cases.Post(objection, "by-the-applicant", "citizen", $"{Certs}/{{certification-in-notice}}/objections", """{"reason":"Doubtful."}""", 403, "申请人");

        const string rule = "TalentService.RuleOnObjection";
        cases.Post(rule, "ruling-missing", "talent-clerk", $"{Certs}/{{certification-in-notice}}/objections/{{objection}}:rule", "{}", 400, "ruling");
        cases.Post(rule, "objection-id-not-a-uuid", "talent-clerk", $"{Certs}/{{certification-in-notice}}/objections/abc:rule", """{"ruling":"OBJECTION_RULING_DISMISS"}""", 400, "objectionId");
        cases.Post(rule, "objection-unknown", "talent-clerk", $"{Certs}/{{certification-in-notice}}/objections/{{unknown}}:rule", """{"ruling":"OBJECTION_RULING_DISMISS"}""", 404, "未找到");
        cases.Post(rule, "by-a-clerk-outside-the-talent-office", "clerk", $"{Certs}/{{certification-in-notice}}/objections/{{objection}}:rule", """{"ruling":"OBJECTION_RULING_UPHOLD"}""", 403, "人才办");

        const string certify = "TalentService.Certify";
        cases.Post(certify, "notice-still-running", "talent-clerk", $"{Certs}/{{certification-in-notice}}:certify", "{}", 409, "公示期至");
        cases.Post(certify, "not-in-notice", "talent-clerk", $"{Certs}/{{certification}}:certify", "{}", 409, "CERTIFICATION_STATUS_SUBMITTED");
        cases.Post(certify, "by-the-applicant", "citizen", $"{Certs}/{{certification-in-notice}}:certify", "{}", 403, "人才办");

        const string counts = "TalentService.GetCertifiedCounts";
        cases.Add(counts, "wrong-method-post", "citizen", HttpMethod.Post, "/api/talent/v1/public/certified-counts", "{}", 405, null);

        // programmes and claims
        const string programmes = "/api/talent/v1/programmes";
        const string validProgramme = """
            {"code":"GW-CORPUS","name":"Corpus grant","kind":"PROGRAMME_KIND_SETTLEMENT_GRANT","year":2026,"matterCode":"HR-001","budget":"1000","tierAmounts":{"C":"100"},"claimValidityDays":30,"channel":"TALENT_CHANNEL_JOINT_BUILDING"}
            """;
        const string createProgramme = "TalentService.CreateProgramme";
        cases.Post(createProgramme, "everything-missing", "talent-clerk", programmes, "{}", 400, "code");
        cases.Post(createProgramme, "kind-unknown-number", "talent-clerk", programmes, With(validProgramme, "kind", "9"), 400, "kind");
        cases.Post(createProgramme, "channel-missing", "talent-clerk", programmes, Without(validProgramme, "channel"), 400, "channel");
        cases.Post(createProgramme, "channel-unknown-number", "talent-clerk", programmes, With(validProgramme, "channel", "9"), 400, "channel");
        cases.Post(createProgramme, "budget-negative", "talent-clerk", programmes, With(validProgramme, "budget", "-5"), 400, "budget");
        cases.Post(createProgramme, "budget-not-a-number", "talent-clerk", programmes, With(validProgramme, "budget", Str("lots")), 400, null);
        cases.Post(createProgramme, "tier-unknown", "talent-clerk", programmes, With(validProgramme, "tierAmounts", """{"Z":"100"}"""), 400, "tierAmounts");
        cases.Post(createProgramme, "amount-above-the-budget", "talent-clerk", programmes, With(validProgramme, "tierAmounts", """{"C":"5000"}"""), 400, "tierAmounts");
        cases.Post(createProgramme, "code-taken", "talent-clerk", programmes, With(validProgramme, "code", Str("{programme}")), 409, "已存在");
        cases.Post(createProgramme, "by-a-city-admin", "city-admin", programmes, validProgramme, 403, "人才办");

        const string publicProgrammes = "/api/talent/v1/public/programmes";
        const string listProgrammes = "TalentService.ListProgrammes";
        cases.Get(listProgrammes, "kind-unknown-number", "anonymous", $"{publicProgrammes}?kind=9", 400, "kind");
        cases.Get(listProgrammes, "channel-unknown-number", "anonymous", $"{publicProgrammes}?channel=9", 400, "channel");
        cases.Get(listProgrammes, "year-not-a-number", "anonymous", $"{publicProgrammes}?year=soon", 400, null);
        cases.Get(listProgrammes, "page-token-forged", "anonymous", $"{publicProgrammes}?pageToken={PageTokenForged}", 400, "pageToken");

        const string getProgramme = "TalentService.GetProgramme";
        cases.Get(getProgramme, "unknown", "citizen", $"{publicProgrammes}/NO-SUCH", 404, "NO-SUCH");
        cases.Get(getProgramme, "unknown-anonymous", "anonymous", $"{publicProgrammes}/NO-SUCH", 404, "NO-SUCH");

        const string claims = "/api/talent/v1/claims";
        const string submitClaim = "TalentService.SubmitClaim";
        const string validClaim = """{"programmeCode":"{programme}","certificationId":"{certification-certified}","residesInCity":true,"materials":["application form"]}""";
        cases.Post(submitClaim, "everything-missing", "citizen", claims, "{}", 400, "programmeCode");
        cases.Post(submitClaim, "programme-unknown", "citizen", claims, With(validClaim, "programmeCode", Str("NO-SUCH")), 400, "programmeCode");
        cases.Post(submitClaim, "certification-not-a-uuid", "citizen", claims, With(validClaim, "certificationId", Str("abc")), 400, "certificationId");
        cases.Post(submitClaim, "certification-not-certified", "citizen", claims, With(validClaim, "certificationId", Str("{certification}")), 400, "certificationId");
        cases.Post(submitClaim, "resides-not-a-boolean", "citizen", claims, With(validClaim, "residesInCity", Str("yes")), 400, null);
        cases.Post(submitClaim, "materials-twenty-one", "citizen", claims, With(validClaim, "materials", Strings(21)), 400, "materials");
        cases.Post(submitClaim, "a-second-claim", "citizen", claims, validClaim, 409, "已申领过");
        cases.Post(submitClaim, "someone-elses-certification", "other-citizen", claims, validClaim, 403, "属于他人");
        cases.Post(submitClaim, "by-a-clerk", "talent-clerk", claims, validClaim, 403, "经认定的人才本人申领");

        const string listClaims = "TalentService.ListClaims";
        cases.Get(listClaims, "status-unknown-number", "talent-clerk", $"{claims}?status=42", 400, "status");
        cases.Get(listClaims, "page-size-negative", "citizen", $"{claims}?pageSize=-1", 400, "pageSize");
        cases.Get(listClaims, "another-applicant-named", "citizen", $"{claims}?applicantId=citizen-stranger", 403, "待遇申领");
        cases.Get(listClaims, "by-an-employer", "employer", claims, 403, "待遇申领");
        cases.Get(listClaims, "anonymous", "anonymous", claims, 401, null);

        const string getClaim = "TalentService.GetClaim";
        cases.Get(getClaim, "id-not-a-uuid", "citizen", $"{claims}/abc", 400, "id");
        cases.Get(getClaim, "id-unknown", "citizen", $"{claims}/{{unknown}}", 404, "未找到");
        cases.Get(getClaim, "another-citizens", "other-citizen", $"{claims}/{{claim}}", 403, "其他申请人");

        const string pay = "TalentService.RecordPayment";
        cases.Post(pay, "paid-on-not-a-date", "talent-clerk", $"{claims}/{{claim}}:pay", """{"paidOn":"5 January","reference":"BANK-1"}""", 400, "paidOn");
        cases.Post(pay, "reference-missing", "talent-clerk", $"{claims}/{{claim}}:pay", """{"paidOn":"2026-01-05"}""", 400, "reference");
        cases.Post(pay, "not-approved-yet", "talent-clerk", $"{claims}/{{claim}}:pay", """{"paidOn":"2026-01-05","reference":"BANK-1"}""", 409, "CLAIM_STATUS_VALIDATED");
        cases.Post(pay, "by-the-claimant", "citizen", $"{claims}/{{claim}}:pay", """{"paidOn":"2026-01-05","reference":"BANK-1"}""", 403, "人才办");

        // positions
        const string positions = "/api/talent/v1/positions";
        const string validPosition = """{"title":"Valve engineer","employerName":"Longgang Valves","sector":"manufacturing","tierSought":"C","districtCode":"district-01","channel":"TALENT_CHANNEL_EXTERNAL_RECRUITMENT"}""";
        const string post = "TalentService.PostPosition";
        cases.Post(post, "everything-missing", "employer", positions, "{}", 400, "title");
        cases.Post(post, "tier-unknown", "employer", positions, With(validPosition, "tierSought", Str("Z")), 400, "tierSought");
        cases.Post(post, "district-unknown", "employer", positions, With(validPosition, "districtCode", Str("district-00")), 400, "districtCode");
        cases.Post(post, "channel-missing", "employer", positions, Without(validPosition, "channel"), 400, "channel");
        cases.Post(post, "title-overlong", "employer", positions, With(validPosition, "title", Str(new string('t', 201))), 400, "title");
        cases.Post(post, "by-a-citizen", "citizen", positions, validPosition, 403, "用人单位发布");

        const string board = "/api/talent/v1/public/positions";
        const string listPositions = "TalentService.ListPositions";
        cases.Get(listPositions, "district-unknown", "anonymous", $"{board}?districtCode=district-00", 400, "districtCode");
        cases.Get(listPositions, "channel-unknown-number", "anonymous", $"{board}?channel=9", 400, "channel");
        cases.Get(listPositions, "page-size-negative", "anonymous", $"{board}?pageSize=-1", 400, "pageSize");
        cases.Get(listPositions, "query-overlong", "anonymous", $"{board}?query={new string('q', 101)}", 400, "query");
        cases.Read(listPositions, "sql-in-sector-is-harmless", "anonymous", $"{board}?sector={Uri.EscapeDataString("x' OR '1'='1")}", Nothing("positions"));

        const string getPosition = "TalentService.GetPosition";
        cases.Get(getPosition, "id-not-a-uuid", "citizen", $"{positions}/abc", 400, "id");
        cases.Get(getPosition, "id-unknown", "citizen", $"{positions}/{{unknown}}", 404, "未找到");

        const string applyPosition = "TalentService.ApplyForPosition";
        cases.Post(applyPosition, "name-missing", "other-citizen", $"{positions}/{{position}}/applications", "{}", 400, "candidateName");
        cases.Post(applyPosition, "position-unknown", "other-citizen", $"{positions}/{{unknown}}/applications", """{"candidateName":"Zhao"}""", 404, "未找到");
        cases.Post(applyPosition, "applied-already", "citizen", $"{positions}/{{position}}/applications", """{"candidateName":"Wang Fang"}""", 409, "已申请过");
        cases.Post(applyPosition, "by-an-employer", "employer", $"{positions}/{{position}}/applications", """{"candidateName":"Zhao"}""", 403, "求职者本人申请");

        const string applications = "/api/talent/v1/position-applications";
        const string listApplicants = "TalentService.ListPositionApplications";
        cases.Get(listApplicants, "position-not-a-uuid", "employer", $"{applications}?positionId=abc", 400, "positionId");
        cases.Get(listApplicants, "position-unknown", "employer", $"{applications}?positionId={{unknown}}", 404, "未找到");
        cases.Get(listApplicants, "status-unknown-number", "employer", $"{applications}?status=42", 400, "status");
        cases.Get(listApplicants, "another-candidate-named", "citizen", $"{applications}?candidateId=citizen-stranger", 403, "岗位申请");
        cases.Get(listApplicants, "by-a-clerk-outside-the-talent-office", "clerk", applications, 403, "岗位申请");
        const string getApplication = "TalentService.GetPositionApplication";
        cases.Get(getApplication, "id-unknown", "citizen", $"{applications}/{{unknown}}", 404, "未找到");
        cases.Get(getApplication, "another-candidates", "other-citizen", $"{applications}/{{position-application}}", 403, "其他求职者");

        const string advance = "TalentService.AdvancePositionApplication";
        cases.Post(advance, "status-missing", "employer", $"{applications}/{{position-application}}:advance", "{}", 400, "status");
        cases.Post(advance, "status-unknown-name", "employer", $"{applications}/{{position-application}}:advance", """{"status":"POSITION_APPLICATION_STATUS_PROMOTED"}""", 400, null);
        cases.Post(advance, "skipping-to-hired", "employer", $"{applications}/{{position-application}}:advance", """{"status":"POSITION_APPLICATION_STATUS_HIRED"}""", 409, "POSITION_APPLICATION_STATUS_APPLIED");
        cases.Post(advance, "by-the-candidate", "citizen", $"{applications}/{{position-application}}:advance", """{"status":"POSITION_APPLICATION_STATUS_SCREENING"}""", 403, "发布该岗位的用人单位");

        const string report = "TalentService.GetTalentReport";
        cases.Get(report, "by-a-citizen", "citizen", "/api/talent/v1/reports/talent", 403, "人才办");
        cases.Get(report, "by-an-employer", "employer", "/api/talent/v1/reports/talent", 403, "人才办");
    }
}
