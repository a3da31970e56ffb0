using System.Text.Json;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

// The governance service's part of the gateway's route coverage (issue 9): its rows of the authorization matrix
// (AuthorizationMatrixTests.cs), its cases of the bad-input corpus (BadInputCorpusTests.cs), and the resources both
// fixtures create for them. Every REST route of the service needs a row in GovernanceRoutes() and at least one case in
// GovernanceCases(): the coverage tests fail otherwise. A row's rule string has one own/foreign pair per role (O = 200,
// F = 403); mark a route under /api/governance/v1/public/ with `Public: true` (anonymous callers then expect 200).
// A corpus cause is matched in the problem's detail as sent by default, that is in Chinese: name a code or an enum value
// where one is in the text (the same in both languages), otherwise the Chinese words.

public sealed partial class MatrixPlatformFixture
{
    /// <summary>The case states the workflow rows start from, in workflow order.</summary>
    internal static readonly string[] CaseStates = ["REPORTED", "VERIFYING", "FILED", "DISPATCHED", "ACKNOWLEDGED", "IN_PROGRESS", "HANDLED", "VERIFIED", "CLOSED"];

    /// <summary>
    /// The governance resources of one side that the rows below name (through <c>f.Id(w.Name, "...")</c>): the side's grid
    /// worker on its grid's team, a case in every workflow state, a scheduled meeting, an open and an agreed mediation
    /// (its grid worker mediates).
    /// </summary>
    private async Task SeedGovernanceAsync(World world, ApplicationFactory factory)
    {
        await ApplicationFactory.ExpectOkAsync(Client(PlatformRoles.CityAdmin, subject: "city-admin-seed"), HttpMethod.Post,
            $"/api/governance/v1/grids/{world.Grid}/team", new { personId = world.GridWorkerId, name = "Grid worker" });
        foreach (var state in CaseStates) _ids[(world.Name, CaseResource(state))] = await CaseInStateAsync(world, state);
        _ids[(world.Name, "case")] = _ids[(world.Name, CaseResource("REPORTED"))];
        _ids[(world.Name, "case-file")] = await ApplicationFactory.UploadAsync(factory.GridWorker, $"/api/governance/v1/cases/{_ids[(world.Name, "case")]}/files");
        _ids[(world.Name, "meeting")] = await MeetingAsync(world);
        _ids[(world.Name, "mediation")] = await MediationAsync(world, agreed: false);
        _ids[(world.Name, "mediation-agreed")] = await MediationAsync(world, agreed: true);
        _ids[(world.Name, "room")] = await RoomAsync(world);
        _ids[(world.Name, "booking")] = await BookingAsync(world);
        _ids[(world.Name, "consultation")] = await ConsultationAsync(world);
        _ids[(world.Name, "post")] = await PostAsync(world);
        _ids[(world.Name, "secondment")] = await SecondmentAsync(world);
        // the livelihood office (dept-development-reform, which keeps the city's statistics) enters the city indicators
        if (world == Home)
        {
            await ApplicationFactory.ExpectOkAsync(Client(PlatformRoles.CityAdmin, subject: "city-admin-seed"), HttpMethod.Post,
                "/api/governance/v1/statistics-grants", new { subject = "clerk-livelihood-office" });
        }
    }

    /// <summary>A live statistics grant for a new subject, for a cell that revokes one.</summary>
    internal async Task<string> FreshStatisticsGrantAsync() =>
        (await ApplicationFactory.ExpectOkAsync(Client(PlatformRoles.CityAdmin, subject: "city-admin-seed"), HttpMethod.Post,
            "/api/governance/v1/statistics-grants", new { subject = $"statistician-{Guid.NewGuid():N}" })).GetProperty("id").GetString()!;

    private static int _slot;

    /// <summary>A slot of the hall nobody has booked yet: each call an hour later than the last, from tomorrow on.</summary>
    internal static (string StartsAt, string EndsAt) FreeSlot()
    {
        var start = Longgang.Platform.Testing.TestClock.Now.AddDays(1).AddHours(Interlocked.Increment(ref _slot));
        return (start.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            start.AddMinutes(50).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static int _month;

    /// <summary>A month nobody has a consultation in yet (one per district and month), far ahead.</summary>
    internal static string FreeConsultationDay() =>
        new DateOnly(2040, 1, 15).AddMonths(Interlocked.Increment(ref _month)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> RoomAsync(World world) =>
        (await ApplicationFactory.ExpectOkAsync(Client(PlatformRoles.CityAdmin, subject: "city-admin-seed"), HttpMethod.Post,
            "/api/governance/v1/rooms", new { districtCode = world.District, kind = "ROOM_KIND_DELIBERATION_HALL", name = $"{world.Marker} hall", location = "2F", capacity = 40 }))
        .GetProperty("id").GetString()!;

    internal Task<string> FreshBookingAsync(string world) => BookingAsync(Side(world));

    private async Task<string> BookingAsync(World world)
    {
        var (startsAt, endsAt) = FreeSlot();
        return (await ApplicationFactory.ExpectOkAsync(Client(PlatformRoles.CityAdmin, subject: "city-admin-seed"), HttpMethod.Post,
            $"/api/governance/v1/rooms/{_ids[(world.Name, "room")]}/bookings", new { startsAt, endsAt, purpose = "residents' meeting" }))
            .GetProperty("id").GetString()!;
    }

    internal Task<string> FreshConsultationAsync(string world) => ConsultationAsync(Side(world));

    private async Task<string> ConsultationAsync(World world) =>
        (await ApplicationFactory.ExpectOkAsync(Client(PlatformRoles.CityAdmin, subject: "city-admin-seed"), HttpMethod.Post,
            "/api/governance/v1/consultations", new { districtCode = world.District, title = "Monthly consultation", heldOn = FreeConsultationDay() }))
        .GetProperty("id").GetString()!;

    internal Task<string> FreshPostAsync(string world) => PostAsync(Side(world));

    internal Task<string> FreshSecondmentAsync(string world) => SecondmentAsync(Side(world));

    /// <summary>A district-office post of the side's district, given by a city admin.</summary>
    private async Task<string> PostAsync(World world) =>
        (await ApplicationFactory.ExpectOkAsync(Client(PlatformRoles.CityAdmin, subject: "city-admin-seed"), HttpMethod.Post, "/api/governance/v1/posts",
            new { personId = $"office-{Guid.NewGuid():N}", name = "Office member", kind = "POST_KIND_DISTRICT_OFFICE", districtCode = world.District }))
        .GetProperty("id").GetString()!;

    /// <summary>A running secondment from the side's department to its district's market-supervision module.</summary>
    private async Task<string> SecondmentAsync(World world) =>
        (await ApplicationFactory.ExpectOkAsync(Client(PlatformRoles.CityAdmin, subject: "city-admin-seed"), HttpMethod.Post, "/api/governance/v1/secondments",
            new
            {
                personId = $"seconded-{Guid.NewGuid():N}",
                name = "Seconded member",
                homeDepartmentCode = world.Department,
                districtCode = world.District,
                moduleCode = "market-supervision",
                from = "2020-01-01",
            })).GetProperty("id").GetString()!;

    internal static string CaseResource(string state) => "case-" + state.ToLowerInvariant();

    /// <summary>A new case of that side in that state, for a caller who is expected to move it.</summary>
    internal Task<string> FreshCaseAsync(string world, string state) => CaseInStateAsync(Side(world), state);

    internal Task<string> FreshMeetingAsync(string world) => MeetingAsync(Side(world));

    internal Task<string> FreshMediationAsync(string world, bool agreed) => MediationAsync(Side(world), agreed);

    /// <summary>Reported by the side's citizen, moved by a city admin and by the side's clerk (its handler), as in life.</summary>
    private async Task<string> CaseInStateAsync(World world, string state)
    {
        var citizen = Client(PlatformRoles.Citizen, subject: world.CitizenId);
        var admin = Client(PlatformRoles.CityAdmin, subject: "city-admin-seed");
        var clerk = Client(PlatformRoles.Clerk, department: world.Department, subject: world.ClerkId);
        var id = (await ApplicationFactory.ExpectOkAsync(citizen, HttpMethod.Post, "/api/governance/v1/cases", new
        {
            gridCode = world.Grid,
            source = "CASE_SOURCE_CITIZEN",
            category = "noise",
            description = $"{world.Marker}: loud music at night",
        })).GetProperty("id").GetString()!;
        (HttpClient Actor, string Verb, object Body)[] steps =
        [
            (admin, "beginVerification", new { }),
            (admin, "file", new { }),
            (admin, "dispatch", new { departmentCode = world.Department }),
            (clerk, "acknowledge", new { }),
            (clerk, "startWork", new { }),
            (clerk, "markHandled", new { note = "music turned down" }),
            (admin, "verifyHandling", new { passed = true }),
            (admin, "close", new { reason = "CLOSURE_REASON_FIXED" }),
        ];
        foreach (var (actor, verb, body) in steps.Take(Array.IndexOf(CaseStates, state)))
            await ApplicationFactory.ExpectOkAsync(actor, HttpMethod.Post, $"/api/governance/v1/cases/{id}:{verb}", body);
        return id;
    }

    private async Task<string> MeetingAsync(World world) =>
        (await ApplicationFactory.ExpectOkAsync(Client(PlatformRoles.CityAdmin, subject: "city-admin-seed"), HttpMethod.Post,
            "/api/governance/v1/deliberation-meetings", new
            {
                districtCode = world.District,
                title = "Residents' meeting",
                heldOn = "2026-03-10",
                agenda = new[] { "the bus stop" },
            })).GetProperty("id").GetString()!;

    private async Task<string> MediationAsync(World world, bool agreed)
    {
        var admin = Client(PlatformRoles.CityAdmin, subject: "city-admin-seed");
        var id = (await ApplicationFactory.ExpectOkAsync(admin, HttpMethod.Post, "/api/governance/v1/mediations", new
        {
            districtCode = world.District,
            parties = new[] { "Zhang San", "Li Si" },
            facts = $"{world.Marker}: a leaning wall",
            mediatorId = world.GridWorkerId,
        })).GetProperty("id").GetString()!;
        if (agreed)
        {
            await ApplicationFactory.ExpectOkAsync(admin, HttpMethod.Post, $"/api/governance/v1/mediations/{id}:conclude",
                new { agreed = true, agreementTerms = "Zhang rebuilds the wall." });
        }

        return id;
    }
}

internal static partial class AuthorizationMatrix
{
    private const string Gov = "/api/governance/v1";

    /// <summary>A case transition: an allowed caller moves a fresh case of that state; a refused one the side's shared case.</summary>
    private static Route CaseTransition(string rpc, string rule, string state, string verb, object body) =>
        new(rpc, rule, async (f, c, w, allowed) => new RawRequest(HttpMethod.Post,
            $"{Gov}/cases/{(allowed ? await f.FreshCaseAsync(w.Name, state) : f.Id(w.Name, MatrixPlatformFixture.CaseResource(state)))}:{verb}",
            JsonSerializer.Serialize(body)));

    private static Route MediationChange(string rpc, string verb, object body, bool agreed = false) =>
        new(rpc, "FF      FF    FF    OF    OF    FF     OO    FF    FF    FF", async (f, c, w, allowed) => new RawRequest(HttpMethod.Post,
            $"{Gov}/mediations/{(allowed ? await f.FreshMediationAsync(w.Name, agreed) : f.Id(w.Name, agreed ? "mediation-agreed" : "mediation"))}:{verb}",
            JsonSerializer.Serialize(body)));

    /// <summary>A mediation may be extended by up to a month past its due day, a month after it opened (China date).</summary>
    private static string ExtendedDueOn() => Longgang.Platform.Testing.TestClock.Today.AddMonths(1).AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    //                                                  citizen clerk super grid  admin deputy city   empl  talent livelihood
    private static Route[] GovernanceRoutes() =>
    [
        // ---- the directory is public, but district staff are confined to their district; a grid's team lists people
        new("GovernanceService.ListDistricts",          "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"{Gov}/districts")),
        new("GovernanceService.GetDistrict",            "OO      OO    OO    OF    OF    OO     OO    FF    OO    OO",
            (f, c, w, _) => Get($"{Gov}/districts/{w.District}")),
        // a district's report: its district admin, city admins
        new("GovernanceService.GetDistrictReport",      "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{Gov}/districts/{w.District}/report")),
        new("GovernanceService.GetGridTeam",            "OO      OO    OO    OF    OF    OO     OO    FF    OO    OO",
            (f, c, w, _) => Get($"{Gov}/grids/{w.Grid}/team"), NamesPeople: true),
        new("GovernanceService.ListGridTeamMembers",    "OO      OO    OO    OF    OF    OO     OO    FF    OO    OO",
            (f, c, w, _) => Get($"{Gov}/grid-team-members?pageSize=100&districtCode={w.District}"), NamesPeople: true),
        new("GovernanceService.AddGridTeamMember",      "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Post($"{Gov}/grids/{w.Grid}/team", new { personId = $"member-{Guid.NewGuid():N}", name = "Matrix member" })),

        // ---- posts (一人多岗): readable as the directory is; given and ended by the district admin and city admins
        new("GovernanceService.ListPosts",              "OO      OO    OO    OF    OF    OO     OO    FF    OO    OO",
            (f, c, w, _) => Get($"{Gov}/posts?pageSize=100&districtCode={w.District}"), NamesPeople: true,
            SeenCityWideBy: [PlatformRoles.Citizen, PlatformRoles.Clerk, PlatformRoles.Supervisor, PlatformRoles.Deputy, TalentOffice, LivelihoodOffice]),
        new("GovernanceService.AddPost",                "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Post($"{Gov}/posts", new { personId = $"office-{Guid.NewGuid():N}", name = "Matrix office", kind = "POST_KIND_DISTRICT_OFFICE", districtCode = w.District })),
        new("GovernanceService.DeactivatePost",         "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            async (f, c, w, allowed) => new RawRequest(HttpMethod.Post,
                $"{Gov}/posts/{(allowed ? await f.FreshPostAsync(w.Name) : f.Id(w.Name, "post"))}:deactivate",
                JsonSerializer.Serialize(new { lastDay = "2099-12-31" }))),

        // ---- secondments and the one-third rule: headcounts are the city's; secondments the city's and the receiving
        //      district admin's; the report is read by city and district admins, and by a department's own staff
        new("GovernanceService.SetDepartmentHeadcount", "FF      FF    FF    FF    FF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Put($"{Gov}/department-headcounts/{w.Department}", new { headcount = 3 })),
        new("GovernanceService.StartSecondment",        "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Post($"{Gov}/secondments", new
            {
                personId = $"seconded-{Guid.NewGuid():N}",
                name = "Matrix seconded",
                homeDepartmentCode = w.Department,
                districtCode = w.District,
                moduleCode = "market-supervision",
                from = "2020-01-01",
            })),
        new("GovernanceService.EndSecondment",          "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            async (f, c, w, allowed) => new RawRequest(HttpMethod.Post,
                $"{Gov}/secondments/{(allowed ? await f.FreshSecondmentAsync(w.Name) : f.Id(w.Name, "secondment"))}:end",
                JsonSerializer.Serialize(new { lastDay = "2099-12-31" }))),
        new("GovernanceService.TransferSecondment",     "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            async (f, c, w, allowed) => new RawRequest(HttpMethod.Post,
                $"{Gov}/secondments/{(allowed ? await f.FreshSecondmentAsync(w.Name) : f.Id(w.Name, "secondment"))}:transfer",
                JsonSerializer.Serialize(new { districtCode = w.District, moduleCode = "comprehensive-governance", startsOn = "2020-02-01" }))),
        new("GovernanceService.GetSecondmentReport",    "FF      OF    OF    FF    OO    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{Gov}/secondment-report?departmentCode={w.Department}")),

        // ---- cases: reported by citizens anywhere, district staff in their district, city admins anywhere; seen by the
        //      reporter, the grid's team, the district admin, the department it is dispatched to (here the side's own
        //      department: clerk X for the own case), city admins; lists hold only what the caller may see
        new("GovernanceService.ReportCase",             "OO      FF    FF    OF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Post($"{Gov}/cases", new
            {
                gridCode = w.Grid, source = c == PlatformRoles.Citizen ? "CASE_SOURCE_CITIZEN" : "CASE_SOURCE_GRID_PATROL",
                category = "matrix", description = "a matrix check",
            })),
        new("GovernanceService.GetCase",                "OF      FF    FF    OF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{Gov}/cases/{f.Id(w.Name, "case")}")),
        // photos: whoever may see the case lists and downloads them; the reporter and whoever may triage it (the grid
        // team, the district admin, city admins) uploads
        new("GovernanceService.ListCaseFiles",          "OF      FF    FF    OF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{Gov}/cases/{f.Id(w.Name, "case")}/files")),
        new("GovernanceService.UploadCaseFile",         "OF      FF    FF    OF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Task.FromResult(new RawRequest(HttpMethod.Post, $"{Gov}/cases/{f.Id(w.Name, "case")}/files", ApplicationFactory.SmallPdf, "application/pdf"))),
        new("GovernanceService.DownloadCaseFile",       "OF      FF    FF    OF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{Gov}/cases/{f.Id(w.Name, "case")}/files/{f.Id(w.Name, "case-file")}")),
        // a list filtered by the foreign side's grid: refused to district staff (outside their district), empty for the rest
        new("GovernanceService.ListCases",              "OO      OO    OO    OF    OF    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get(w == MatrixPlatformFixture.Home ? $"{Gov}/cases?pageSize=100" : $"{Gov}/cases?pageSize=100&gridCode={w.Grid}")),
        // triage: the grid team, the district admin, city admins (who may also ask whom to send)
        new("GovernanceService.SuggestVerifier",        "FF      FF    FF    OF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{Gov}/cases/{f.Id(w.Name, MatrixPlatformFixture.CaseResource("REPORTED"))}/suggested-verifier")),
        CaseTransition("GovernanceService.BeginVerification", "FF      FF    FF    OF    OF    FF     OO    FF    FF    FF", "REPORTED", "beginVerification", new { }),
        CaseTransition("GovernanceService.VoidCase",          "FF      FF    FF    OF    OF    FF     OO    FF    FF    FF", "VERIFYING", "void", new { reason = "not a public matter" }),
        CaseTransition("GovernanceService.SelfResolveCase",   "FF      FF    FF    OF    OF    FF     OO    FF    FF    FF", "VERIFYING", "selfResolve", new { note = "asked them to turn it down" }),
        CaseTransition("GovernanceService.FileCase",          "FF      FF    FF    OF    OF    FF     OO    FF    FF    FF", "VERIFYING", "file", new { }),
        // dispatch and close: the district admin, city admins
        CaseTransition("GovernanceService.DispatchCase",      "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF", "FILED", "dispatch", new { moduleCode = "comprehensive-governance" }),
        // the assignee (the side's department): its clerks, city admins
        CaseTransition("GovernanceService.AcknowledgeCase",   "FF      OF    FF    FF    FF    FF     OO    FF    FF    FF", "DISPATCHED", "acknowledge", new { }),
        CaseTransition("GovernanceService.ReturnCase",        "FF      OF    FF    FF    FF    FF     OO    FF    FF    FF", "DISPATCHED", "return", new { reason = "not ours" }),
        CaseTransition("GovernanceService.StartCaseWork",     "FF      OF    FF    FF    FF    FF     OO    FF    FF    FF", "ACKNOWLEDGED", "startWork", new { }),
        CaseTransition("GovernanceService.MarkCaseHandled",   "FF      OF    FF    FF    FF    FF     OO    FF    FF    FF", "IN_PROGRESS", "markHandled", new { note = "done" }),
        // checked by someone other than the handler (the clerk): triage
        CaseTransition("GovernanceService.VerifyCaseHandling", "FF      FF    FF    OF    OF    FF     OO    FF    FF    FF", "HANDLED", "verifyHandling", new { passed = true }),
        // who handles it (the least-loaded module post holder or the department's seconded staff): as dispatch
        new("GovernanceService.SuggestHandler",         "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{Gov}/cases/{f.Id(w.Name, MatrixPlatformFixture.CaseResource("DISPATCHED"))}/suggested-handler")),
        // handed to a named holder of its level's post (at grid level, the side's grid worker): as dispatch
        new("GovernanceService.ReassignCase",           "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            async (f, c, w, allowed) => new RawRequest(HttpMethod.Post,
                $"{Gov}/cases/{(allowed ? await f.FreshCaseAsync(w.Name, "DISPATCHED") : f.Id(w.Name, MatrixPlatformFixture.CaseResource("DISPATCHED")))}:reassign",
                JsonSerializer.Serialize(new { ownerId = w.GridWorkerId, reason = "knows the street" }))),
        CaseTransition("GovernanceService.CloseCase",         "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF", "VERIFIED", "close", new { reason = "CLOSURE_REASON_FIXED" }),
        // the reporter alone evaluates, not even a city admin
        CaseTransition("GovernanceService.EvaluateCase",      "OF      FF    FF    FF    FF    FF     FF    FF    FF    FF", "CLOSED", "evaluate", new { score = 5 }),

        // ---- deliberation meetings: run by the district admin and city admins, readable as the directory is
        new("GovernanceService.ScheduleMeeting",        "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Post($"{Gov}/deliberation-meetings", new { districtCode = w.District, title = "Matrix meeting", heldOn = "2026-04-01", agenda = new[] { "item" } })),
        new("GovernanceService.GetMeeting",             "OO      OO    OO    OF    OF    OO     OO    FF    OO    OO",
            (f, c, w, _) => Get($"{Gov}/deliberation-meetings/{f.Id(w.Name, "meeting")}")),
        new("GovernanceService.ListMeetings",           "OO      OO    OO    OF    OF    OO     OO    FF    OO    OO",
            (f, c, w, _) => Get($"{Gov}/deliberation-meetings?pageSize=100&districtCode={w.District}"),
            SeenCityWideBy: [PlatformRoles.Citizen, PlatformRoles.Clerk, PlatformRoles.Supervisor, PlatformRoles.Deputy, TalentOffice, LivelihoodOffice]),
        new("GovernanceService.RecordMeetingOutcome",   "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            async (f, c, w, allowed) => new RawRequest(HttpMethod.Post,
                $"{Gov}/deliberation-meetings/{(allowed ? await f.FreshMeetingAsync(w.Name) : f.Id(w.Name, "meeting"))}:recordOutcome",
                JsonSerializer.Serialize(new { attendees = new[] { "Wang Wei" }, minutes = "Nothing resolved.", resolutions = Array.Empty<object>() }))),

        // ---- mediation: private to the district admin, city admins and the mediator (here the side's grid worker)
        new("GovernanceService.OpenMediation",          "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Post($"{Gov}/mediations", new { districtCode = w.District, parties = new[] { "A", "B" }, facts = "a dispute", mediatorId = w.GridWorkerId })),
        new("GovernanceService.GetMediation",           "FF      FF    FF    OF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{Gov}/mediations/{f.Id(w.Name, "mediation")}")),
        // a list holds only the caller's own mediations (those they mediate, their district's); district staff naming
        // another district are refused
        new("GovernanceService.ListMediations",         "OO      OO    OO    OF    OF    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"{Gov}/mediations?pageSize=100&districtCode={w.District}")),
        MediationChange("GovernanceService.ExtendMediation", "extend", new { bothPartiesAgree = true, newDueOn = ExtendedDueOn() }),
        MediationChange("GovernanceService.ConcludeMediation", "conclude", new { agreed = false, note = "no common ground" }),
        MediationChange("GovernanceService.RecordMediationFollowUp", "recordFollowUp", new { honoured = true }, agreed: true),

        // ---- the service complex: managed by the district admin and city admins, readable as the directory is
        new("GovernanceService.RegisterRoom",           "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Post($"{Gov}/rooms", new { districtCode = w.District, kind = "ROOM_KIND_MEDIATION_ROOM", name = "Matrix room", location = "3F", capacity = 8 })),
        new("GovernanceService.ListRooms",              "OO      OO    OO    OF    OF    OO     OO    FF    OO    OO",
            (f, c, w, _) => Get($"{Gov}/rooms?pageSize=100&districtCode={w.District}"),
            SeenCityWideBy: [PlatformRoles.Citizen, PlatformRoles.Clerk, PlatformRoles.Supervisor, PlatformRoles.Deputy, TalentOffice, LivelihoodOffice]),
        new("GovernanceService.RegisterOrganisation",   "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Post($"{Gov}/organisations", new { districtCode = w.District, kind = "ORGANISATION_KIND_LEGAL_AID", name = "Matrix legal aid", contact = "0577-1" })),
        new("GovernanceService.ListOrganisations",      "OO      OO    OO    OF    OF    OO     OO    FF    OO    OO",
            (f, c, w, _) => Get($"{Gov}/organisations?pageSize=100&districtCode={w.District}"),
            SeenCityWideBy: [PlatformRoles.Citizen, PlatformRoles.Clerk, PlatformRoles.Supervisor, PlatformRoles.Deputy, TalentOffice, LivelihoodOffice]),
        new("GovernanceService.BookRoom",               "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) =>
            {
                var (startsAt, endsAt) = MatrixPlatformFixture.FreeSlot();
                return Post($"{Gov}/rooms/{f.Id(w.Name, "room")}/bookings", new { startsAt, endsAt, purpose = "matrix" });
            }),
        new("GovernanceService.ListBookings",           "OO      OO    OO    OF    OF    OO     OO    FF    OO    OO",
            (f, c, w, _) => Get($"{Gov}/bookings?pageSize=100&districtCode={w.District}"),
            SeenCityWideBy: [PlatformRoles.Citizen, PlatformRoles.Clerk, PlatformRoles.Supervisor, PlatformRoles.Deputy, TalentOffice, LivelihoodOffice]),
        new("GovernanceService.CancelBooking",          "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            async (f, c, w, allowed) => new RawRequest(HttpMethod.Post,
                $"{Gov}/bookings/{(allowed ? await f.FreshBookingAsync(w.Name) : f.Id(w.Name, "booking"))}:cancel", "{}")),
        // the monthly consultation: run as the complex is; its review counts cases, read by the district's staff
        new("GovernanceService.ScheduleConsultation",   "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Post($"{Gov}/consultations", new { districtCode = w.District, title = "Matrix consultation", heldOn = MatrixPlatformFixture.FreeConsultationDay() })),
        new("GovernanceService.GetConsultationReport",  "FF      FF    FF    OF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{Gov}/consultations/{f.Id(w.Name, "consultation")}/report")),
        new("GovernanceService.RecordConsultationConclusions", "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            async (f, c, w, allowed) => new RawRequest(HttpMethod.Post,
                $"{Gov}/consultations/{(allowed ? await f.FreshConsultationAsync(w.Name) : f.Id(w.Name, "consultation"))}:recordConclusions",
                JsonSerializer.Serialize(new { conclusions = new[] { "clear the drains before the rains" } }))),
        // hotspots count cases: the district's staff, city admins
        new("GovernanceService.ListHotspots",           "FF      FF    FF    OF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{Gov}/hotspots?pageSize=100&districtCode={w.District}")),
        // the dashboards' read model: a district's for its district admin and city admins; the city's and its rebuild for
        // city admins alone
        new("GovernanceService.GetDistrictDashboard",   "FF      FF    FF    FF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{Gov}/districts/{w.District}/dashboard?period=2026")),
        new("GovernanceService.GetCityDashboard",       "FF      FF    FF    FF    FF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{Gov}/city-dashboard?period=2026-Q2")),
        new("GovernanceService.RebuildDashboards",      "FF      FF    FF    FF    FF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Post($"{Gov}/dashboards:rebuild", new { })),
        new("GovernanceService.GetDashboardRebuild",    "FF      FF    FF    FF    FF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{Gov}/dashboards/rebuild")),

        // ---- the working-day calendar: anyone reads a year (date pickers need it); city admins alone publish one. The
        //      year published here is far ahead, so no deadline of the fixture moves.
        new("CalendarService.GetCalendarYear",          "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"{Gov}/public/calendar-years/2027"), Public: true),
        new("CalendarService.PublishCalendarYear",      "FF      FF    FF    FF    FF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Put($"{Gov}/calendar-years/2090", new
            {
                source = "matrix",
                holidays = new[] { new { name = "元旦", first = "2090-01-01", last = "2090-01-01" } },
                makeUpWorkdays = Array.Empty<object>(),
            })),
        // everybody their own notifications (the matrix names the side's citizen or grid worker); city admins anyone's
        new("GovernanceNotificationsService.ListNotifications", "OF  FF    FF    OF    FF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"/api/governance/v1/notifications?citizenId={(c == PlatformRoles.GridWorker ? w.GridWorkerId : w.CitizenId)}")),

        // ---- city indicators: city admins grant the statistics role (here to the livelihood office's clerk), and its
        //      holders enter and read the indicators; nothing in them belongs to a side
        new("GovernanceService.GrantStatisticsRole",    "FF      FF    FF    FF    FF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Post($"{Gov}/statistics-grants", new { subject = $"statistician-{Guid.NewGuid():N}" })),
        new("GovernanceService.ListStatisticsGrants",   "FF      FF    FF    FF    FF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{Gov}/statistics-grants?pageSize=5")),
        new("GovernanceService.RevokeStatisticsGrant",  "FF      FF    FF    FF    FF    FF     OO    FF    FF    FF",
            async (f, c, w, allowed) => new RawRequest(HttpMethod.Post,
                $"{Gov}/statistics-grants/{(allowed ? await f.FreshStatisticsGrantAsync() : Guid.NewGuid().ToString())}:revoke", "{}")),
        new("GovernanceService.RecordCityIndicator",    "FF      FF    FF    FF    FF    FF     OO    FF    FF    OO",
            (f, c, w, _) => Put($"{Gov}/city-indicators/gdp/years/2021", new { amountYuan = "34030000000", source = "2021年统计公报" })),
        new("GovernanceService.GetCityIndicatorReport", "FF      FF    FF    FF    FF    FF     OO    FF    FF    OO",
            (f, c, w, _) => Get($"{Gov}/city-indicator-report?year=2021")),
    ];
}

public sealed partial class CorpusPlatformFixture
{
    /// <summary>
    /// The governance resources the cases below name as "{placeholder}" in a path or body: a case just reported by the
    /// grid worker, a scheduled and a held meeting, an open and a failed mediation.
    /// </summary>
    private async Task SeedGovernanceAsync(ApplicationFactory home)
    {
        _ids["case"] = (await ApplicationFactory.ExpectOkAsync(home.GridWorker, HttpMethod.Post, "/api/governance/v1/cases", new
        {
            gridCode = Home.Grid,
            source = "CASE_SOURCE_GRID_PATROL",
            category = "road damage",
            description = "A pothole by the school gate.",
        })).GetProperty("id").GetString()!;

        _ids["case-file"] = await ApplicationFactory.UploadAsync(home.GridWorker, $"/api/governance/v1/cases/{_ids["case"]}/files");

        var admin = Actor("city-admin");
        async Task<string> MeetingAsync() => (await ApplicationFactory.ExpectOkAsync(admin, HttpMethod.Post, "/api/governance/v1/deliberation-meetings",
            new { districtCode = Home.District, title = "Corpus meeting", heldOn = "2026-03-10", agenda = new[] { "the bus stop" } })).GetProperty("id").GetString()!;
        _ids["meeting"] = await MeetingAsync();
        _ids["meeting-held"] = await MeetingAsync();
        await ApplicationFactory.ExpectOkAsync(admin, HttpMethod.Post, $"/api/governance/v1/deliberation-meetings/{_ids["meeting-held"]}:recordOutcome",
            new { attendees = new[] { "Wang Wei" }, minutes = "Nothing resolved.", resolutions = Array.Empty<object>() });

        async Task<string> MediationAsync() => (await ApplicationFactory.ExpectOkAsync(admin, HttpMethod.Post, "/api/governance/v1/mediations",
            new { districtCode = Home.District, parties = new[] { "Zhang San", "Li Si" }, facts = "A leaning wall.", mediatorId = "mediator-corpus" })).GetProperty("id").GetString()!;
        _ids["mediation"] = await MediationAsync();
        _ids["mediation-failed"] = await MediationAsync();
        await ApplicationFactory.ExpectOkAsync(admin, HttpMethod.Post, $"/api/governance/v1/mediations/{_ids["mediation-failed"]}:conclude",
            new { agreed = false, note = "no common ground" });

        _ids["room"] = (await ApplicationFactory.ExpectOkAsync(admin, HttpMethod.Post, "/api/governance/v1/rooms",
            new { districtCode = Home.District, kind = "ROOM_KIND_DELIBERATION_HALL", name = "Corpus hall", location = "2F", capacity = 40 })).GetProperty("id").GetString()!;
        async Task<string> BookingAsync(int hour) => (await ApplicationFactory.ExpectOkAsync(admin, HttpMethod.Post, $"/api/governance/v1/rooms/{_ids["room"]}/bookings",
            new { startsAt = $"2040-05-06T{hour:00}:00:00+08:00", endsAt = $"2040-05-06T{hour + 1:00}:00:00+08:00", purpose = "corpus" })).GetProperty("id").GetString()!;
        _ids["booking"] = await BookingAsync(9);
        _ids["booking-cancelled"] = await BookingAsync(14);
        await ApplicationFactory.ExpectOkAsync(admin, HttpMethod.Post, $"/api/governance/v1/bookings/{_ids["booking-cancelled"]}:cancel", new { });
        async Task<string> ConsultationAsync(string heldOn) => (await ApplicationFactory.ExpectOkAsync(admin, HttpMethod.Post, "/api/governance/v1/consultations",
            new { districtCode = Home.District, title = "Corpus consultation", heldOn })).GetProperty("id").GetString()!;
        _ids["consultation"] = await ConsultationAsync("2041-03-10");
        _ids["consultation-concluded"] = await ConsultationAsync("2041-04-10");
        await ApplicationFactory.ExpectOkAsync(admin, HttpMethod.Post, $"/api/governance/v1/consultations/{_ids["consultation-concluded"]}:recordConclusions",
            new { conclusions = new[] { "nothing new" } });
        _ids["post"] = (await ApplicationFactory.ExpectOkAsync(admin, HttpMethod.Post, "/api/governance/v1/posts",
            new { personId = "office-corpus", name = "Office member", kind = "POST_KIND_DISTRICT_OFFICE", districtCode = Home.District })).GetProperty("id").GetString()!;
        async Task<string> SecondmentAsync(string person)
        {
            var body = new
            {
                personId = person,
                name = "Seconded member",
                homeDepartmentCode = "dept-market-supervision",
                districtCode = Home.District,
                moduleCode = "market-supervision",
                from = "2020-01-01",
            };
            return (await ApplicationFactory.ExpectOkAsync(admin, HttpMethod.Post, "/api/governance/v1/secondments", body)).GetProperty("id").GetString()!;
        }

        _ids["secondment"] = await SecondmentAsync("seconded-corpus");
        _ids["secondment-transferred"] = await SecondmentAsync("seconded-corpus-moved");
        await ApplicationFactory.ExpectOkAsync(admin, HttpMethod.Post, $"/api/governance/v1/secondments/{_ids["secondment-transferred"]}:transfer",
            new { districtCode = Home.District, moduleCode = "comprehensive-governance", startsOn = "2020-02-01" });
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
        const string notifications = "GovernanceNotificationsService.ListNotifications";
        const string notificationsPath = "/api/governance/v1/notifications";
        cases.Get(notifications, "another-citizens", "citizen", $"{notificationsPath}?citizenId=citizen-stranger", 403, "发给本人");
        cases.Get(notifications, "a-citizens-by-a-clerk", "clerk", $"{notificationsPath}?citizenId=citizen-home", 403, "发给本人");
        cases.Get(notifications, "page-token-forged", "citizen", $"{notificationsPath}?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Get(notifications, "page-size-negative", "citizen", $"{notificationsPath}?pageSize=-20", 400, "pageSize");

        CalendarCases(cases);
        CityIndicatorCases(cases);
        // ---- governance -----------------------------------------------------------------------------------------------
        const string listDistricts = "GovernanceService.ListDistricts";
        cases.Get(listDistricts, "page-size-negative", "citizen", "/api/governance/v1/districts?pageSize=-1", 400, "pageSize");
        cases.Get(listDistricts, "page-token-forged", "citizen", $"/api/governance/v1/districts?pageToken={PageTokenForged}", 400, "pageToken");

        const string getDistrict = "GovernanceService.GetDistrict";
        const string D = "/api/governance/v1/districts";
        cases.Get(getDistrict, "unknown", "citizen", $"{D}/district-99", 404, "district-99");
        cases.Get(getDistrict, "blank", "citizen", $"{D}/%20", 400, "districtCode");
        cases.Get(getDistrict, "sql", "citizen", $"{D}/{Uri.EscapeDataString("district-01' --")}", 404, "未找到");
        cases.Get(getDistrict, "script", "citizen", $"{D}/{Uri.EscapeDataString("<script>alert(1)</script>")}", 404, "未找到");
        cases.Get(getDistrict, "overlong", "citizen", $"{D}/{new string('d', 3000)}", 404, "未找到");
        cases.Get(getDistrict, "upper-case", "citizen", $"{D}/DISTRICT-01", 404, "未找到");
        cases.Get(getDistrict, "another-district-by-a-grid-worker", "grid", $"{D}/district-02", 403, "本片区");
        cases.Get(getDistrict, "another-district-by-its-admin", "district-admin", $"{D}/district-03", 403, "本片区");

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
        Report("citizen-as-a-patrol", "citizen", ValidCase, 403, "CASE_SOURCE_CITIZEN");
        Report("by-a-clerk", "clerk", ValidCase, 403, "不能报告案件");
        Report("by-a-deputy", "deputy", ValidCase, 403, "不能报告案件");
        Report("in-another-district", "grid", With(ValidCase, "gridCode", Str("grid-02-01-1")), 403, "本片区");
        Report("nul-character-in-description", "grid", With(ValidCase, "description", Str("pothole\u0000")), 400, "description");
        Report("body-as-text-plain", "grid", ValidCase, 415, null, "text/plain");
        Report("body-truncated", "grid", ValidCase[..30], 400, "body");

        const string getCase = "GovernanceService.GetCase";
        cases.Get(getCase, "id-not-a-uuid", "grid", $"{Cases}/xyz", 400, "id");
        cases.Get(getCase, "id-unknown", "grid", $"{Cases}/{{unknown}}", 404, "未找到");
        cases.Get(getCase, "by-a-clerk", "clerk", $"{Cases}/{{case}}", 403, "不在您的");
        cases.Get(getCase, "by-another-districts-grid-worker", "foreign-grid", $"{Cases}/{{case}}", 403, "不在您的");
        cases.Get(getCase, "by-a-deputy", "deputy", $"{Cases}/{{case}}", 403, "不在您的");

        const string listCaseFiles = "GovernanceService.ListCaseFiles";
        cases.Get(listCaseFiles, "case-id-not-a-uuid", "grid", $"{Cases}/xyz/files", 400, "caseId");
        cases.Get(listCaseFiles, "by-a-clerk", "clerk", $"{Cases}/{{case}}/files", 403, "不在您的");
        const string uploadCaseFile = "GovernanceService.UploadCaseFile";
        cases.Add(uploadCaseFile, "oversized", "grid", HttpMethod.Post, $"{Cases}/{{case}}/files", "%PDF-" + new string('x', 140_000), 413, "131072", "application/pdf");
        cases.Add(uploadCaseFile, "oversized-chunked", "grid", HttpMethod.Post, $"{Cases}/{{case}}/files", "%PDF-" + new string('x', 140_000), 413, null, "application/pdf", chunked: true);
        cases.Add(uploadCaseFile, "a-script-named-pdf", "grid", HttpMethod.Post, $"{Cases}/{{case}}/files", "#!/bin/sh\nrm -rf /\n", 415, "JPEG", "application/pdf");
        cases.Add(uploadCaseFile, "empty", "grid", HttpMethod.Post, $"{Cases}/{{case}}/files", "", 400, "file", "application/pdf");
        cases.Add(uploadCaseFile, "foreign-case", "foreign-grid", HttpMethod.Post, $"{Cases}/{{case}}/files", ApplicationFactory.SmallPdf, 403, "不在您的", "application/pdf");
        cases.Add(uploadCaseFile, "by-a-clerk", "clerk", HttpMethod.Post, $"{Cases}/{{case}}/files", ApplicationFactory.SmallPdf, 403, "不在您的", "application/pdf");
        cases.Add(uploadCaseFile, "case-unknown", "grid", HttpMethod.Post, $"{Cases}/{{unknown}}/files", ApplicationFactory.SmallPdf, 404, "未找到", "application/pdf");
        cases.Add(uploadCaseFile, "unknown-parameter", "grid", HttpMethod.Post, $"{Cases}/{{case}}/files?material=x", ApplicationFactory.SmallPdf, 400, "material", "application/pdf");
        const string downloadCaseFile = "GovernanceService.DownloadCaseFile";
        cases.Get(downloadCaseFile, "file-unknown", "grid", $"{Cases}/{{case}}/files/{{unknown}}", 404, "未找到");
        cases.Get(downloadCaseFile, "file-of-another-record", "grid", $"{Cases}/{{case}}/files/{{file}}", 404, "未找到");
        cases.Get(downloadCaseFile, "id-not-a-uuid", "grid", $"{Cases}/{{case}}/files/xyz", 400, "id");
        cases.Get(downloadCaseFile, "foreign-case", "foreign-grid", $"{Cases}/{{case}}/files/{{case-file}}", 403, "不在您的");

        const string suggest = "GovernanceService.SuggestVerifier";
        cases.Get(suggest, "id-not-a-uuid", "city-admin", $"{Cases}/xyz/suggested-verifier", 400, "id");
        cases.Get(suggest, "id-unknown", "city-admin", $"{Cases}/{{unknown}}/suggested-verifier", 404, "未找到");
        cases.Get(suggest, "by-a-clerk", "clerk", $"{Cases}/{{case}}/suggested-verifier", 403, "不在您的");
        cases.Get(suggest, "by-the-reporting-grid-worker-off-the-grid-team", "grid", $"{Cases}/{{case}}/suggested-verifier", 403, "网格团队");

        const string listCases = "GovernanceService.ListCases";
        cases.Get(listCases, "status-unknown", "grid", $"{Cases}?status=CASE_STATUS_LOST", 400, "status");
        cases.Get(listCases, "page-size-negative", "grid", $"{Cases}?pageSize=-1", 400, "pageSize");
        cases.Get(listCases, "page-token-forged", "grid", $"{Cases}?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Get(listCases, "overdue-not-a-boolean", "grid", $"{Cases}?overdue=maybe", 400, "overdue");
        cases.Get(listCases, "awaiting-correction-not-a-boolean", "grid", $"{Cases}?awaitingCorrection=soon", 400, "awaitingCorrection");
        cases.Get(listCases, "source-unknown", "city-admin", $"{Cases}?source=CASE_SOURCE_RUMOUR", 400, "source");
        cases.Get(listCases, "escalation-level-a-number-out-of-range", "city-admin", $"{Cases}?escalationLevel=9", 400, "escalationLevel");
        cases.Get(listCases, "from-date-not-a-date", "city-admin", $"{Cases}?fromDate=14/03/2026", 400, "fromDate");
        cases.Get(listCases, "to-date-before-from-date", "city-admin", $"{Cases}?fromDate=2026-03-14&toDate=2026-03-01", 400, "toDate");
        cases.Get(listCases, "another-district-by-its-admin", "district-admin", $"{Cases}?districtCode=district-02", 403, "district-01");
        cases.Get(listCases, "another-grid-by-a-grid-worker", "grid", $"{Cases}?gridCode=grid-02-01-1", 403, null);
        cases.Get(listCases, "another-department-by-a-clerk", "clerk", $"{Cases}?assigneeCode=dept-social-affairs", 403, "dept-market-supervision");
        cases.Read(listCases, "query-sql", "city-admin", $"{Cases}?query={Uri.EscapeDataString("' OR 1=1 --")}",
            answer => Assert.Equal(0, answer.GetProperty("totalSize").GetInt32()));

        // ---- the workflow: bad input names the field, an unknown case is 404, someone outside 403, the wrong status 409
        void Move(string rpc, string verb, string name, string actor, string id, string body, int status, string? cause) =>
            cases.Post($"GovernanceService.{rpc}", name, actor, $"{Cases}/{id}:{verb}", body, status, cause);
        Move("BeginVerification", "beginVerification", "id-not-a-uuid", "city-admin", "case-1", "{}", 400, "id");
        Move("BeginVerification", "beginVerification", "id-unknown", "city-admin", "{unknown}", "{}", 404, "未找到");
        Move("BeginVerification", "beginVerification", "by-another-districts-admin", "foreign-district-admin", "{case}", "{}", 403, "不在您的");
        Move("BeginVerification", "beginVerification", "by-the-reporting-grid-worker-off-the-grid-team", "grid", "{case}", "{}", 403, "网格团队");
        Move("VoidCase", "void", "reason-missing", "city-admin", "{case}", "{}", 400, "reason");
        Move("VoidCase", "void", "reason-overlong", "city-admin", "{case}", $$"""{"reason":"{{new string('r', 501)}}"}""", 400, "reason");
        Move("VoidCase", "void", "from-reported", "city-admin", "{case}", """{"reason":"a prank"}""", 409, "CASE_STATUS_REPORTED");
        Move("SelfResolveCase", "selfResolve", "note-missing", "city-admin", "{case}", "{}", 400, "note");
        Move("SelfResolveCase", "selfResolve", "note-a-number", "city-admin", "{case}", """{"note":42}""", 400, "note");
        Move("SelfResolveCase", "selfResolve", "from-reported", "city-admin", "{case}", """{"note":"fixed"}""", 409, "CASE_STATUS_REPORTED");
        Move("FileCase", "file", "from-reported", "city-admin", "{case}", "{}", 409, "CASE_STATUS_REPORTED");
        Move("FileCase", "file", "by-a-deputy", "deputy", "{case}", "{}", 403, "不在您的");
        Move("DispatchCase", "dispatch", "no-assignee", "city-admin", "{case}", "{}", 400, "moduleCode");
        Move("DispatchCase", "dispatch", "module-and-department", "city-admin", "{case}",
            """{"moduleCode":"market-supervision","departmentCode":"dept-market-supervision"}""", 400, "moduleCode");
        Move("DispatchCase", "dispatch", "module-unknown", "city-admin", "{case}", """{"moduleCode":"street-lighting"}""", 400, "moduleCode");
        Move("DispatchCase", "dispatch", "department-unknown", "city-admin", "{case}", """{"departmentCode":"dept-nowhere"}""", 400, "departmentCode");
        Move("DispatchCase", "dispatch", "from-reported", "city-admin", "{case}", """{"moduleCode":"market-supervision"}""", 409, "CASE_STATUS_REPORTED");
        Move("DispatchCase", "dispatch", "by-the-reporting-grid-worker", "grid", "{case}", """{"moduleCode":"market-supervision"}""", 403, "片区管理员");
        Move("AcknowledgeCase", "acknowledge", "from-reported", "city-admin", "{case}", "{}", 409, "CASE_STATUS_REPORTED");
        Move("AcknowledgeCase", "acknowledge", "by-a-clerk-it-is-not-dispatched-to", "clerk", "{case}", "{}", 403, "不在您的");
        Move("ReturnCase", "return", "reason-an-object", "city-admin", "{case}", """{"reason":{"text":"no"}}""", 400, "reason");
        Move("ReturnCase", "return", "from-reported", "city-admin", "{case}", """{"reason":"not ours"}""", 409, "CASE_STATUS_REPORTED");
        Move("StartCaseWork", "startWork", "from-reported", "city-admin", "{case}", "{}", 409, "CASE_STATUS_REPORTED");
        Move("MarkCaseHandled", "markHandled", "note-missing", "city-admin", "{case}", "{}", 400, "note");
        Move("MarkCaseHandled", "markHandled", "from-reported", "city-admin", "{case}", """{"note":"done"}""", 409, "CASE_STATUS_REPORTED");
        Move("VerifyCaseHandling", "verifyHandling", "passed-a-string", "city-admin", "{case}", """{"passed":"yes"}""", 400, "passed");
        Move("VerifyCaseHandling", "verifyHandling", "failed-without-a-note", "city-admin", "{case}", """{"passed":false}""", 400, "note");
        Move("VerifyCaseHandling", "verifyHandling", "from-reported", "city-admin", "{case}", """{"passed":true}""", 409, "CASE_STATUS_REPORTED");
        Move("CloseCase", "close", "reason-missing", "city-admin", "{case}", "{}", 400, "reason");
        Move("CloseCase", "close", "reason-unknown", "city-admin", "{case}", """{"reason":"CLOSURE_REASON_BORED"}""", 400, "reason");
        Move("CloseCase", "close", "from-reported", "city-admin", "{case}", """{"reason":"CLOSURE_REASON_FIXED"}""", 409, "CASE_STATUS_REPORTED");
        Move("EvaluateCase", "evaluate", "score-nine", "grid", "{case}", """{"score":9}""", 400, "score");
        Move("EvaluateCase", "evaluate", "score-a-fraction", "grid", "{case}", """{"score":4.5}""", 400, "score");
        Move("EvaluateCase", "evaluate", "by-someone-else", "city-admin", "{case}", """{"score":5}""", 403, "报告该案件");
        Move("EvaluateCase", "evaluate", "before-it-is-closed", "grid", "{case}", """{"score":5}""", 409, "CASE_STATUS_REPORTED");

        const string getReport = "GovernanceService.GetDistrictReport";
        cases.Get(getReport, "unknown", "city-admin", $"{D}/district-99/report", 404, "district-99");
        cases.Get(getReport, "another-district-by-its-admin", "district-admin", $"{D}/district-02/report", 403, "片区管理员");
        cases.Get(getReport, "by-a-citizen", "citizen", $"{D}/district-01/report", 403, "片区管理员");
        cases.Get(getReport, "by-a-grid-worker", "grid", $"{D}/district-01/report", 403, "片区管理员");

        // ---- grid teams
        const string G = "/api/governance/v1/grids";
        cases.Get("GovernanceService.GetGridTeam", "grid-unknown", "citizen", $"{G}/grid-99-99-9/team", 404, "grid-99-99-9");
        cases.Get("GovernanceService.GetGridTeam", "another-district-by-a-grid-worker", "foreign-grid", $"{G}/{CorpusPlatformFixture.Home.Grid}/team", 403, "本片区");
        const string listMembers = "GovernanceService.ListGridTeamMembers";
        const string Members = "/api/governance/v1/grid-team-members";
        cases.Get(listMembers, "seconded-not-a-boolean", "citizen", $"{Members}?seconded=sometimes", 400, "seconded");
        cases.Get(listMembers, "page-size-a-word", "citizen", $"{Members}?pageSize=ten", 400, "pageSize");
        cases.Get(listMembers, "another-district-by-a-grid-worker", "grid", $"{Members}?districtCode=district-02", 403, "district-01");
        cases.Get(listMembers, "another-districts-grid-by-its-admin", "district-admin", $"{Members}?gridCode=grid-02-01-1", 403, "district-01");
        cases.Get(listMembers, "by-an-unknown-role", "unknown-role", Members, 403, null);
        void AddMember(string name, string actor, string grid, string body, int status, string? cause) =>
            cases.Post("GovernanceService.AddGridTeamMember", name, actor, $"{G}/{grid}/team", body, status, cause);
        AddMember("everything-missing", "city-admin", CorpusPlatformFixture.Home.Grid, "{}", 400, "personId");
        AddMember("grid-unknown", "city-admin", "grid-99-99-9", """{"personId":"p-1","name":"P"}""", 400, "gridCode");
        AddMember("seconded-without-department", "city-admin", CorpusPlatformFixture.Home.Grid, """{"personId":"p-1","name":"P","moduleCode":"market-supervision","secondedFrom":"2026-01-01"}""", 400, "homeDepartmentCode");
        AddMember("seconded-from-not-a-date", "city-admin", CorpusPlatformFixture.Home.Grid, """{"personId":"p-1","name":"P","secondedFrom":"next spring"}""", 400, "secondedFrom");
        AddMember("already-on-the-team", "city-admin", CorpusPlatformFixture.Home.Grid, """{"personId":"grid-worker-01-01-1","name":"Grid worker"}""", 409, "已担任");
        AddMember("by-a-grid-worker", "grid", CorpusPlatformFixture.Home.Grid, """{"personId":"p-1","name":"P"}""", 403, "片区管理员");
        AddMember("in-another-district", "foreign-district-admin", CorpusPlatformFixture.Home.Grid, """{"personId":"p-1","name":"P"}""", 403, "片区管理员");

        // ---- posts, secondments and the one-third rule
        const string P = "/api/governance/v1/posts";
        cases.Get("GovernanceService.ListPosts", "kind-unknown", "citizen", $"{P}?kind=POST_KIND_MAYOR", 400, "kind");
        cases.Get("GovernanceService.ListPosts", "active-not-a-boolean", "citizen", $"{P}?active=perhaps", 400, "active");
        cases.Get("GovernanceService.ListPosts", "another-district-by-a-grid-worker", "grid", $"{P}?districtCode=district-02", 403, "district-01");
        void AddPost(string name, string actor, string body, int status, string? cause) => cases.Post("GovernanceService.AddPost", name, actor, P, body, status, cause);
        AddPost("everything-missing", "city-admin", "{}", 400, "kind");
        AddPost("kind-unknown", "city-admin", """{"personId":"p-1","name":"P","kind":"POST_KIND_MAYOR","districtCode":"district-01"}""", 400, "kind");
        AddPost("module-unknown", "city-admin", """{"personId":"p-1","name":"P","kind":"POST_KIND_MODULE","districtCode":"district-01","moduleCode":"street-lighting"}""", 400, "moduleCode");
        AddPost("community-unknown", "city-admin", """{"personId":"p-1","name":"P","kind":"POST_KIND_COMMUNITY","communityCode":"community-99-99"}""", 400, "communityCode");
        AddPost("held-from-not-a-date", "city-admin", """{"personId":"p-1","name":"P","kind":"POST_KIND_DISTRICT_OFFICE","districtCode":"district-01","heldFrom":"soon"}""", 400, "heldFrom");
        AddPost("held-already", "city-admin", """{"personId":"office-corpus","name":"P","kind":"POST_KIND_DISTRICT_OFFICE","districtCode":"district-01"}""", 409, "已担任");
        AddPost("by-a-grid-worker", "grid", """{"personId":"p-1","name":"P","kind":"POST_KIND_DISTRICT_OFFICE","districtCode":"district-01"}""", 403, "片区管理员");
        AddPost("in-another-district", "foreign-district-admin", """{"personId":"p-1","name":"P","kind":"POST_KIND_DISTRICT_OFFICE","districtCode":"district-01"}""", 403, "片区管理员");
        cases.Post("GovernanceService.DeactivatePost", "id-not-a-uuid", "city-admin", $"{P}/post-1:deactivate", """{"lastDay":"2026-01-01"}""", 400, "id");
        cases.Post("GovernanceService.DeactivatePost", "id-unknown", "city-admin", $"{P}/{{unknown}}:deactivate", """{"lastDay":"2026-01-01"}""", 404, "未找到");
        cases.Post("GovernanceService.DeactivatePost", "last-day-missing", "city-admin", $"{P}/{{post}}:deactivate", "{}", 400, "lastDay");
        cases.Post("GovernanceService.DeactivatePost", "last-day-before-it-began", "city-admin", $"{P}/{{post}}:deactivate", """{"lastDay":"2000-01-01"}""", 400, "lastDay");
        cases.Post("GovernanceService.DeactivatePost", "by-another-districts-admin", "foreign-district-admin", $"{P}/{{post}}:deactivate", """{"lastDay":"2099-01-01"}""", 403, "片区管理员");

        const string H = "/api/governance/v1/department-headcounts";
        void Headcount(string name, string actor, string department, string body, int status, string? cause) =>
            cases.Add("GovernanceService.SetDepartmentHeadcount", name, actor, HttpMethod.Put, $"{H}/{department}", body, status, cause);
        Headcount("department-unknown", "city-admin", "dept-nowhere", """{"headcount":10}""", 400, "departmentCode");
        Headcount("headcount-zero", "city-admin", "dept-finance", """{"headcount":0}""", 400, "headcount");
        Headcount("headcount-a-string", "city-admin", "dept-finance", """{"headcount":"ten"}""", 400, "headcount");
        Headcount("by-a-district-admin", "district-admin", "dept-finance", """{"headcount":10}""", 403, "市级管理员");

        const string S = "/api/governance/v1/secondments";
        const string ValidSecondment = """{"personId":"p-1","name":"P","homeDepartmentCode":"dept-finance","districtCode":"district-01","moduleCode":"market-supervision","from":"2026-01-01"}""";
        void Start(string name, string actor, string body, int status, string? cause) => cases.Post("GovernanceService.StartSecondment", name, actor, S, body, status, cause);
        Start("everything-missing", "city-admin", "{}", 400, "from");
        Start("department-unknown", "city-admin", With(ValidSecondment, "homeDepartmentCode", Str("dept-nowhere")), 400, "homeDepartmentCode");
        Start("module-unknown", "city-admin", With(ValidSecondment, "moduleCode", Str("street-lighting")), 400, "moduleCode");
        Start("until-before-from", "city-admin", With(ValidSecondment, "until", Str("2025-12-31")), 400, "until");
        Start("overlapping", "city-admin", With(ValidSecondment, "personId", Str("seconded-corpus")), 409, "重叠");
        Start("by-a-grid-worker", "grid", ValidSecondment, 403, "下沉");
        Start("in-another-district", "foreign-district-admin", ValidSecondment, 403, "下沉");
        cases.Post("GovernanceService.EndSecondment", "id-unknown", "city-admin", $"{S}/{{unknown}}:end", """{"lastDay":"2026-01-01"}""", 404, "未找到");
        cases.Post("GovernanceService.EndSecondment", "last-day-not-a-date", "city-admin", $"{S}/{{secondment}}:end", """{"lastDay":"31/01/2026"}""", 400, "lastDay");
        cases.Post("GovernanceService.EndSecondment", "last-day-before-from", "city-admin", $"{S}/{{secondment}}:end", """{"lastDay":"2019-12-31"}""", 400, "lastDay");
        cases.Post("GovernanceService.EndSecondment", "after-a-transfer", "city-admin", $"{S}/{{secondment-transferred}}:end", """{"lastDay":"2020-03-01"}""", 409, "已调动");
        cases.Post("GovernanceService.EndSecondment", "by-another-districts-admin", "foreign-district-admin", $"{S}/{{secondment}}:end", """{"lastDay":"2099-01-01"}""", 403, "下沉");
        cases.Post("GovernanceService.TransferSecondment", "id-not-a-uuid", "city-admin", $"{S}/s-1:transfer",
            """{"districtCode":"district-01","moduleCode":"market-supervision","startsOn":"2026-01-01"}""", 400, "id");
        cases.Post("GovernanceService.TransferSecondment", "to-where-it-is", "city-admin", $"{S}/{{secondment}}:transfer",
            """{"districtCode":"district-01","moduleCode":"market-supervision","startsOn":"2026-01-01"}""", 400, "moduleCode");
        cases.Post("GovernanceService.TransferSecondment", "district-unknown", "city-admin", $"{S}/{{secondment}}:transfer",
            """{"districtCode":"district-99","moduleCode":"market-supervision","startsOn":"2026-01-01"}""", 400, "districtCode");
        cases.Post("GovernanceService.TransferSecondment", "starts-on-its-first-day", "city-admin", $"{S}/{{secondment}}:transfer",
            """{"districtCode":"district-02","moduleCode":"market-supervision","startsOn":"2020-01-01"}""", 400, "startsOn");
        cases.Post("GovernanceService.TransferSecondment", "into-another-district-by-a-district-admin", "district-admin", $"{S}/{{secondment}}:transfer",
            """{"districtCode":"district-02","moduleCode":"market-supervision","startsOn":"2026-01-01"}""", 403, "下沉");
        const string R = "/api/governance/v1/secondment-report";
        cases.Get("GovernanceService.GetSecondmentReport", "day-not-a-date", "city-admin", $"{R}?day=yesterday", 400, "day");
        cases.Get("GovernanceService.GetSecondmentReport", "another-department-by-a-clerk", "clerk", $"{R}?departmentCode=dept-finance", 403, "dept-market-supervision");
        cases.Get("GovernanceService.GetSecondmentReport", "by-a-grid-worker", "grid", R, 403, "下沉");
        cases.Get("GovernanceService.GetSecondmentReport", "by-a-citizen", "citizen", R, 403, "下沉");

        // ---- escalation owners and the handler suggestion
        Move("ReassignCase", "reassign", "owner-missing", "city-admin", "{case}", """{"reason":"r"}""", 400, "ownerId");
        Move("ReassignCase", "reassign", "owner-holds-no-post", "city-admin", "{case}", """{"ownerId":"nobody","reason":"r"}""", 400, "ownerId");
        Move("ReassignCase", "reassign", "reason-missing", "city-admin", "{case}", """{"ownerId":"grid-worker-01-01-1"}""", 400, "reason");
        Move("ReassignCase", "reassign", "id-unknown", "city-admin", "{unknown}", """{"ownerId":"grid-worker-01-01-1","reason":"r"}""", 404, "未找到");
        Move("ReassignCase", "reassign", "by-the-reporting-grid-worker", "grid", "{case}", """{"ownerId":"grid-worker-01-01-1","reason":"r"}""", 403, "片区管理员");
        cases.Get("GovernanceService.SuggestHandler", "not-dispatched-and-nothing-named", "city-admin", $"{Cases}/{{case}}/suggested-handler", 400, "moduleCode");
        cases.Get("GovernanceService.SuggestHandler", "module-and-department", "city-admin",
            $"{Cases}/{{case}}/suggested-handler?moduleCode=market-supervision&departmentCode=dept-finance", 400, "moduleCode");
        cases.Get("GovernanceService.SuggestHandler", "department-unknown", "city-admin", $"{Cases}/{{case}}/suggested-handler?departmentCode=dept-nowhere", 400, "departmentCode");
        cases.Get("GovernanceService.SuggestHandler", "nobody-in-the-module", "city-admin", $"{Cases}/{{case}}/suggested-handler?moduleCode=party-building-service", 404, "未找到");
        cases.Get("GovernanceService.SuggestHandler", "by-a-clerk", "clerk", $"{Cases}/{{case}}/suggested-handler?moduleCode=market-supervision", 403, "不在您的");

        // ---- deliberation meetings
        const string M = "/api/governance/v1/deliberation-meetings";
        cases.Post("GovernanceService.ScheduleMeeting", "everything-missing", "city-admin", M, "{}", 400, "districtCode");
        cases.Post("GovernanceService.ScheduleMeeting", "held-on-not-a-date", "city-admin", M,
            """{"districtCode":"district-01","title":"T","heldOn":"31/12/2026","agenda":["a"]}""", 400, "heldOn");
        cases.Post("GovernanceService.ScheduleMeeting", "agenda-a-string", "city-admin", M,
            """{"districtCode":"district-01","title":"T","heldOn":"2026-03-10","agenda":"a"}""", 400, "agenda");
        cases.Post("GovernanceService.ScheduleMeeting", "in-another-district", "foreign-district-admin", M,
            """{"districtCode":"district-01","title":"T","heldOn":"2026-03-10","agenda":["a"]}""", 403, "片区管理员");
        cases.Get("GovernanceService.ListMeetings", "status-unknown", "citizen", $"{M}?status=MEETING_STATUS_POSTPONED", 400, "status");
        cases.Get("GovernanceService.ListMeetings", "to-date-not-a-date", "citizen", $"{M}?toDate=tomorrow", 400, "toDate");
        cases.Get("GovernanceService.ListMeetings", "another-district-by-a-grid-worker", "grid", $"{M}?districtCode=district-02", 403, "district-01");
        cases.Get("GovernanceService.GetMeeting", "id-not-a-uuid", "citizen", $"{M}/meeting-1", 400, "id");
        cases.Get("GovernanceService.GetMeeting", "id-unknown", "citizen", $"{M}/{{unknown}}", 404, "未找到");
        cases.Get("GovernanceService.GetMeeting", "another-district-by-a-grid-worker", "foreign-grid", $"{M}/{{meeting}}", 403, "本片区");
        void Record(string name, string actor, string id, string body, int status, string? cause) =>
            cases.Post("GovernanceService.RecordMeetingOutcome", name, actor, $"{M}/{id}:recordOutcome", body, status, cause);
        Record("attendees-missing", "city-admin", "{meeting}", """{"minutes":"m"}""", 400, "attendees");
        Record("proposal-category-unknown", "city-admin", "{meeting}",
            """{"attendees":["A"],"minutes":"m","resolutions":[{"text":"t","livelihoodProposal":true,"proposalTitle":"P","category":"SPACE","rationale":"r","year":2026}]}""", 400, "resolutions");
        Record("recorded-twice", "city-admin", "{meeting-held}", """{"attendees":["A"],"minutes":"m"}""", 409, "已经记录");
        Record("by-another-districts-admin", "foreign-district-admin", "{meeting}", """{"attendees":["A"],"minutes":"m"}""", 403, "本片区");

        // ---- mediation
        const string Md = "/api/governance/v1/mediations";
        cases.Post("GovernanceService.OpenMediation", "one-party", "city-admin", Md,
            """{"districtCode":"district-01","parties":["Zhang San"],"facts":"f","mediatorId":"m-1"}""", 400, "parties");
        cases.Post("GovernanceService.OpenMediation", "district-unknown", "city-admin", Md,
            """{"districtCode":"district-99","parties":["A","B"],"facts":"f","mediatorId":"m-1"}""", 400, "districtCode");
        cases.Post("GovernanceService.OpenMediation", "in-another-district", "foreign-district-admin", Md,
            """{"districtCode":"district-01","parties":["A","B"],"facts":"f","mediatorId":"m-1"}""", 403, "片区管理员");
        cases.Get("GovernanceService.ListMediations", "status-unknown", "city-admin", $"{Md}?status=MEDIATION_STATUS_LOST", 400, "status");
        cases.Get("GovernanceService.ListMediations", "from-date-not-a-date", "city-admin", $"{Md}?fromDate=2026-13-01", 400, "fromDate");
        cases.Get("GovernanceService.ListMediations", "another-district-by-its-admin", "district-admin", $"{Md}?districtCode=district-02", 403, "district-01");
        cases.Get("GovernanceService.GetMediation", "by-a-citizen", "citizen", $"{Md}/{{mediation}}", 403, "不在您的");
        cases.Get("GovernanceService.GetMediation", "id-unknown", "city-admin", $"{Md}/{{unknown}}", 404, "未找到");
        cases.Post("GovernanceService.ExtendMediation", "without-both-parties", "city-admin", $"{Md}/{{mediation}}:extend",
            """{"bothPartiesAgree":false,"newDueOn":"2099-01-01"}""", 400, "bothPartiesAgree");
        cases.Post("GovernanceService.ExtendMediation", "new-due-on-not-a-date", "city-admin", $"{Md}/{{mediation}}:extend",
            """{"bothPartiesAgree":true,"newDueOn":"soon"}""", 400, "newDueOn");
        cases.Post("GovernanceService.ExtendMediation", "beyond-a-month", "city-admin", $"{Md}/{{mediation}}:extend",
            """{"bothPartiesAgree":true,"newDueOn":"2099-01-01"}""", 400, "newDueOn");
        // a month and a few days from today: a date the open mediation could be extended to
        var extendable = Longgang.Platform.Testing.TestClock.Today.AddMonths(1).AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        cases.Post("GovernanceService.ExtendMediation", "after-it-failed", "city-admin", $"{Md}/{{mediation-failed}}:extend",
            $$"""{"bothPartiesAgree":true,"newDueOn":"{{extendable}}"}""", 409, "MEDIATION_STATUS_FAILED");
        cases.Post("GovernanceService.ConcludeMediation", "agreed-without-terms", "city-admin", $"{Md}/{{mediation}}:conclude",
            """{"agreed":true}""", 400, "agreementTerms");
        cases.Post("GovernanceService.ConcludeMediation", "concluded-twice", "city-admin", $"{Md}/{{mediation-failed}}:conclude",
            """{"agreed":false}""", 409, "MEDIATION_STATUS_FAILED");
        cases.Post("GovernanceService.ConcludeMediation", "by-another-districts-admin", "foreign-district-admin", $"{Md}/{{mediation}}:conclude",
            """{"agreed":false}""", 403, "不在您的");
        cases.Post("GovernanceService.RecordMediationFollowUp", "while-open", "city-admin", $"{Md}/{{mediation}}:recordFollowUp",
            """{"honoured":true}""", 409, "MEDIATION_STATUS_OPEN");
        cases.Post("GovernanceService.RecordMediationFollowUp", "honoured-a-string", "city-admin", $"{Md}/{{mediation}}:recordFollowUp",
            """{"honoured":"yes"}""", 400, "honoured");
        ServiceComplexCases(cases);
    }

    private static void ServiceComplexCases(CorpusCases cases)
    {
        // ---- the service complex: rooms, organisations, bookings, consultations; hotspots
        const string R = "/api/governance/v1/rooms";
        cases.Post("GovernanceService.RegisterRoom", "everything-missing", "city-admin", R, "{}", 400, "districtCode");
        cases.Post("GovernanceService.RegisterRoom", "kind-unknown", "city-admin", R,
            """{"districtCode":"district-01","kind":"ROOM_KIND_GARAGE","name":"N","location":"1F","capacity":5}""", 400, "kind");
        cases.Post("GovernanceService.RegisterRoom", "capacity-zero", "city-admin", R,
            """{"districtCode":"district-01","kind":"ROOM_KIND_MEDIATION_ROOM","name":"N","location":"1F","capacity":0}""", 400, "capacity");
        cases.Post("GovernanceService.RegisterRoom", "in-another-district", "foreign-district-admin", R,
            """{"districtCode":"district-01","kind":"ROOM_KIND_MEDIATION_ROOM","name":"N","location":"1F","capacity":5}""", 403, "片区管理员");
        cases.Get("GovernanceService.ListRooms", "kind-unknown", "citizen", $"{R}?kind=ROOM_KIND_GARAGE", 400, "kind");
        cases.Get("GovernanceService.ListRooms", "another-district-by-a-grid-worker", "grid", $"{R}?districtCode=district-02", 403, "district-01");
        const string O = "/api/governance/v1/organisations";
        cases.Post("GovernanceService.RegisterOrganisation", "everything-missing", "city-admin", O, "{}", 400, "districtCode");
        cases.Post("GovernanceService.RegisterOrganisation", "by-a-grid-worker", "grid", O,
            """{"districtCode":"district-01","kind":"ORGANISATION_KIND_HEALTH","name":"N","contact":"1"}""", 403, "片区管理员");
        cases.Get("GovernanceService.ListOrganisations", "kind-unknown", "citizen", $"{O}?kind=ORGANISATION_KIND_BANK", 400, "kind");
        cases.Get("GovernanceService.ListOrganisations", "page-size-negative", "citizen", $"{O}?pageSize=-1", 400, "pageSize");
        void Book(string name, string actor, string room, string body, int status, string? cause) =>
            cases.Post("GovernanceService.BookRoom", name, actor, $"{R}/{room}/bookings", body, status, cause);
        Book("room-id-not-a-uuid", "city-admin", "hall-1", """{"startsAt":"2040-05-07T09:00:00+08:00","endsAt":"2040-05-07T10:00:00+08:00","purpose":"p"}""", 400, "roomId");
        Book("room-unknown", "city-admin", "{unknown}", """{"startsAt":"2040-05-07T09:00:00+08:00","endsAt":"2040-05-07T10:00:00+08:00","purpose":"p"}""", 404, "未找到");
        Book("ends-before-it-starts", "city-admin", "{room}", """{"startsAt":"2040-05-07T10:00:00+08:00","endsAt":"2040-05-07T09:00:00+08:00","purpose":"p"}""", 400, "endsAt");
        Book("everything-missing", "city-admin", "{room}", "{}", 400, "startsAt");
        Book("overlapping-a-booking", "city-admin", "{room}", """{"startsAt":"2040-05-06T09:30:00+08:00","endsAt":"2040-05-06T11:00:00+08:00","purpose":"p"}""", 409, "已被预订");
        Book("in-another-district", "foreign-district-admin", "{room}", """{"startsAt":"2040-05-07T09:00:00+08:00","endsAt":"2040-05-07T10:00:00+08:00","purpose":"p"}""", 403, "片区管理员");
        const string B = "/api/governance/v1/bookings";
        cases.Get("GovernanceService.ListBookings", "room-id-not-a-uuid", "citizen", $"{B}?roomId=hall-1", 400, "roomId");
        cases.Get("GovernanceService.ListBookings", "from-date-not-a-date", "citizen", $"{B}?fromDate=2040-13-01", 400, "fromDate");
        cases.Get("GovernanceService.ListBookings", "another-district-by-its-admin", "district-admin", $"{B}?districtCode=district-02", 403, "district-01");
        cases.Post("GovernanceService.CancelBooking", "id-not-a-uuid", "city-admin", $"{B}/booking-1:cancel", "{}", 400, "id");
        cases.Post("GovernanceService.CancelBooking", "id-unknown", "city-admin", $"{B}/{{unknown}}:cancel", "{}", 404, "未找到");
        cases.Post("GovernanceService.CancelBooking", "cancelled-twice", "city-admin", $"{B}/{{booking-cancelled}}:cancel", "{}", 409, "已取消");
        cases.Post("GovernanceService.CancelBooking", "by-another-districts-admin", "foreign-district-admin", $"{B}/{{booking}}:cancel", "{}", 403, "片区管理员");
        const string C = "/api/governance/v1/consultations";
        cases.Post("GovernanceService.ScheduleConsultation", "everything-missing", "city-admin", C, "{}", 400, "districtCode");
        cases.Post("GovernanceService.ScheduleConsultation", "held-on-not-a-date", "city-admin", C,
            """{"districtCode":"district-01","title":"T","heldOn":"March"}""", 400, "heldOn");
        cases.Post("GovernanceService.ScheduleConsultation", "twice-in-a-month", "city-admin", C,
            """{"districtCode":"district-01","title":"T","heldOn":"2041-03-20"}""", 409, "2041-03");
        cases.Post("GovernanceService.ScheduleConsultation", "in-another-district", "foreign-district-admin", C,
            """{"districtCode":"district-01","title":"T","heldOn":"2041-05-20"}""", 403, "片区管理员");
        cases.Get("GovernanceService.GetConsultationReport", "id-not-a-uuid", "city-admin", $"{C}/c-1/report", 400, "id");
        cases.Get("GovernanceService.GetConsultationReport", "id-unknown", "city-admin", $"{C}/{{unknown}}/report", 404, "未找到");
        cases.Get("GovernanceService.GetConsultationReport", "by-a-citizen", "citizen", $"{C}/{{consultation}}/report", 403, "案件统计");
        cases.Post("GovernanceService.RecordConsultationConclusions", "conclusions-missing", "city-admin", $"{C}/{{consultation}}:recordConclusions",
            "{}", 400, "conclusions");
        cases.Post("GovernanceService.RecordConsultationConclusions", "recorded-twice", "city-admin", $"{C}/{{consultation-concluded}}:recordConclusions",
            """{"conclusions":["again"]}""", 409, "已经记录");
        cases.Post("GovernanceService.RecordConsultationConclusions", "by-another-districts-admin", "foreign-district-admin", $"{C}/{{consultation}}:recordConclusions",
            """{"conclusions":["c"]}""", 403, "案件统计");
        const string H = "/api/governance/v1/hotspots";
        cases.Get("GovernanceService.ListHotspots", "by-a-citizen", "citizen", H, 403, "案件统计");
        cases.Get("GovernanceService.ListHotspots", "another-district-by-a-grid-worker", "grid", $"{H}?districtCode=district-02", 403, "案件统计");
        cases.Get("GovernanceService.ListHotspots", "another-districts-grid-by-its-admin", "district-admin", $"{H}?gridCode=grid-02-01-1", 403, "案件统计");
        cases.Get("GovernanceService.ListHotspots", "page-token-forged", "city-admin", $"{H}?pageToken={PageTokenForged}", 400, "pageToken");
        const string D = "/api/governance/v1/districts/district-01/dashboard";
        cases.Get("GovernanceService.GetDistrictDashboard", "period-missing", "city-admin", D, 400, "period");
        cases.Get("GovernanceService.GetDistrictDashboard", "period-month-13", "city-admin", $"{D}?period=2026-13", 400, "period");
        cases.Get("GovernanceService.GetDistrictDashboard", "period-a-week", "city-admin", $"{D}?period=2026-W12", 400, "period");
        cases.Get("GovernanceService.GetDistrictDashboard", "district-unknown", "city-admin", "/api/governance/v1/districts/district-99/dashboard?period=2026", 404, "未找到");
        cases.Get("GovernanceService.GetDistrictDashboard", "another-districts-admin", "foreign-district-admin", $"{D}?period=2026", 403, "片区报表");
        cases.Get("GovernanceService.GetDistrictDashboard", "query-parameter-unknown", "city-admin", $"{D}?period=2026&district=district-02", 400, "district");
        const string City = "/api/governance/v1/city-dashboard";
        cases.Get("GovernanceService.GetCityDashboard", "period-missing", "city-admin", City, 400, "period");
        cases.Get("GovernanceService.GetCityDashboard", "period-quarter-5", "city-admin", $"{City}?period=2026-Q5", 400, "period");
        cases.Get("GovernanceService.GetCityDashboard", "by-a-district-admin", "district-admin", $"{City}?period=2026", 403, "全市驾驶舱");
        cases.Post("GovernanceService.RebuildDashboards", "by-a-district-admin", "district-admin", "/api/governance/v1/dashboards:rebuild", "{}", 403, "全市驾驶舱");
        cases.Post("GovernanceService.RebuildDashboards", "body-field-unknown", "city-admin", "/api/governance/v1/dashboards:rebuild", """{"replayId":"x"}""", 400, "replayId");
        cases.Get("GovernanceService.GetDashboardRebuild", "by-a-grid-worker", "grid", "/api/governance/v1/dashboards/rebuild", 403, "全市驾驶舱");
    }

    private static void CityIndicatorCases(CorpusCases cases)
    {
        const string grants = "/api/governance/v1/statistics-grants";
        cases.Post("GovernanceService.GrantStatisticsRole", "subject-missing", "city-admin", grants, "{}", 400, "subject");
        cases.Post("GovernanceService.GrantStatisticsRole", "subject-too-long", "city-admin", grants, $$"""{"subject":"{{new string('s', 65)}}"}""", 400, "subject");
        cases.Post("GovernanceService.GrantStatisticsRole", "by-a-district-admin", "district-admin", grants, """{"subject":"clerk-corpus"}""", 403, "统计");
        cases.Get("GovernanceService.ListStatisticsGrants", "by-a-clerk", "clerk", grants, 403, "统计");
        cases.Get("GovernanceService.ListStatisticsGrants", "page-token-forged", "city-admin", $"{grants}?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Post("GovernanceService.RevokeStatisticsGrant", "id-not-a-uuid", "city-admin", $"{grants}/not-a-uuid:revoke", "{}", 400, "id");
        cases.Post("GovernanceService.RevokeStatisticsGrant", "unknown", "city-admin", $"{grants}/{Guid.Empty}:revoke", "{}", 404, "未找到");

        const string record = "GovernanceService.RecordCityIndicator";
        const string indicators = "/api/governance/v1/city-indicators";
        const string figure = """{"amountYuan":"34030000000","source":"2021年统计公报"}""";
        void Put(string name, string actor, string path, string body, int status, string cause) =>
            cases.Add(record, name, actor, HttpMethod.Put, path, body, status, cause);
        Put("unknown-indicator", "city-admin", $"{indicators}/gdp-per-capita/years/2021", figure, 404, "gdp-per-capita");
        Put("year-before-the-range", "city-admin", $"{indicators}/gdp/years/1999", figure, 400, "year");
        Put("year-not-a-number", "city-admin", $"{indicators}/gdp/years/last", figure, 400, "year");
        Put("amount-zero", "city-admin", $"{indicators}/gdp/years/2021", With(figure, "amountYuan", Str("0")), 400, "amountYuan");
        Put("amount-as-words", "city-admin", $"{indicators}/gdp/years/2021", With(figure, "amountYuan", Str("340亿")), 400, "amountYuan");
        Put("source-missing", "city-admin", $"{indicators}/gdp/years/2021", Without(figure, "source"), 400, "source");
        Put("source-too-long", "city-admin", $"{indicators}/gdp/years/2021", With(figure, "source", Str(new string('公', 201))), 400, "source");
        Put("by-a-clerk-without-a-grant", "clerk", $"{indicators}/gdp/years/2021", figure, 403, "统计");
        Put("by-a-citizen", "citizen", $"{indicators}/gdp/years/2021", figure, 403, "统计");

        const string report = "/api/governance/v1/city-indicator-report";
        cases.Get("GovernanceService.GetCityIndicatorReport", "year-missing", "city-admin", report, 400, "year");
        cases.Get("GovernanceService.GetCityIndicatorReport", "year-not-a-number", "city-admin", $"{report}?year=2021a", 400, "year");
        cases.Get("GovernanceService.GetCityIndicatorReport", "by-a-district-admin", "district-admin", $"{report}?year=2021", 403, "统计");
    }

    private static void CalendarCases(CorpusCases cases)
    {
        const string get = "CalendarService.GetCalendarYear";
        const string Public = "/api/governance/v1/public/calendar-years";
        cases.Get(get, "year-not-a-number", "anonymous", $"{Public}/abc", 400, "year");
        cases.Get(get, "year-before-the-range", "anonymous", $"{Public}/1800", 400, "year");
        cases.Get(get, "year-after-the-range", "anonymous", $"{Public}/2101", 400, "year");

        const string publish = "CalendarService.PublishCalendarYear";
        const string Years = "/api/governance/v1/calendar-years";
        const string newYear = """{"name":"元旦","first":"2088-01-01","last":"2088-01-03"}""";
        void Put(string name, string actor, string path, string body, int status, string cause) =>
            cases.Add(publish, name, actor, HttpMethod.Put, path, body, status, cause);
        Put("year-outside-the-range", "city-admin", $"{Years}/2101", $$"""{"source":"s","holidays":[],"makeUpWorkdays":[]}""", 400, "year");
        Put("source-missing", "city-admin", $"{Years}/2088", $$"""{"holidays":[{{newYear}}]}""", 400, "source");
        Put("date-not-a-date", "city-admin", $"{Years}/2088", """{"source":"s","holidays":[{"name":"元旦","first":"new year","last":"2088-01-01"}]}""", 400, "holidays[0].first");
        Put("date-missing", "city-admin", $"{Years}/2088", """{"source":"s","holidays":[{"name":"元旦","first":"2088-01-01"}]}""", 400, "holidays[0].last");
        Put("holiday-in-another-year", "city-admin", $"{Years}/2088", """{"source":"s","holidays":[{"name":"元旦","first":"2089-01-01","last":"2089-01-01"}]}""", 400, "holidays[0].first");
        Put("ends-before-it-starts", "city-admin", $"{Years}/2088", """{"source":"s","holidays":[{"name":"元旦","first":"2088-01-03","last":"2088-01-01"}]}""", 400, "holidays[0].last");
        Put("holidays-overlap", "city-admin", $"{Years}/2088",
            $$"""{"source":"s","holidays":[{{newYear}},{"name":"春节","first":"2088-01-03","last":"2088-01-05"}]}""", 400, "holidays[1]");
        // 2088-01-05 is a Monday: a working day anyway
        Put("make-up-on-a-weekday", "city-admin", $"{Years}/2088",
            $$"""{"source":"s","holidays":[{{newYear}}],"makeUpWorkdays":[{"date":"2088-01-05","for":"元旦"}]}""", 400, "makeUpWorkdays[0].date");
        Put("make-up-for-an-unknown-holiday", "city-admin", $"{Years}/2088",
            $$"""{"source":"s","holidays":[{{newYear}}],"makeUpWorkdays":[{"date":"2088-01-10","for":"国庆节"}]}""", 400, "makeUpWorkdays[0].for");
        Put("by-a-district-admin", "district-admin", $"{Years}/2088", $$"""{"source":"s","holidays":[{{newYear}}]}""", 403, "市级管理员");
        Put("by-a-citizen", "citizen", $"{Years}/2088", $$"""{"source":"s","holidays":[{{newYear}}]}""", 403, "市级管理员");
    }
}
