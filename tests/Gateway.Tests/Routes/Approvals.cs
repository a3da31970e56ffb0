using System.Text.Json;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

// The approvals service's part of the gateway's route coverage (issue 9): its rows of the authorization matrix
// (AuthorizationMatrixTests.cs) and its cases of the bad-input corpus (BadInputCorpusTests.cs). The resources they
// name (applications in every state, matters) are made by the fixtures themselves, since every side of the matrix and
// the corpus is built around them. Every REST route of the service needs a row in ApprovalsRoutes() and at least one
// case in ApprovalsCases(): the coverage tests fail otherwise. The corpus asks in the default language, so a cause is
// the Chinese text of the service's message (Resources/Messages.zh-CN.resx), or a code, field or enum value.

internal static partial class AuthorizationMatrix
{
    private const string A = "/api/approvals/v1/applications";

    public static object MatterDefinition(string code, World world) => new
    {
        code,
        name = "Matrix matter",
        departmentCode = world.Department,
        kind = "MATTER_KIND_PROMISED",
        requiredMaterials = new[] { "application form" },
        statutoryLimitDays = 20,
        promisedLimitDays = 10,
        maxVisits = 1,
    };

    /// <summary>An update's body: the definition without its code, which the path gives.</summary>
    public static object MatterUpdate(World world) => new
    {
        name = "Matrix matter",
        departmentCode = world.Department,
        kind = "MATTER_KIND_PROMISED",
        requiredMaterials = new[] { "application form" },
        statutoryLimitDays = 20,
        promisedLimitDays = 10,
        maxVisits = 1,
    };

    /// <summary>A lifecycle route: on a shared application of that side in <paramref name="state"/>, or a fresh one when the call is expected to change it.</summary>
    private static Route Transition(string rpc, string rule, string verb, string state, object body) =>
        new(rpc, rule, async (f, caller, world, allowed) =>
            new RawRequest(HttpMethod.Post, $"{A}/{(allowed ? await f.FreshAsync(world.Name, state) : f.Id(world.Name, state))}:{verb}",
                JsonSerializer.Serialize(body)));

    private static string ReportPeriod()
    {
        var today = Longgang.Platform.Testing.TestClock.Today;
        return $"fromDate={today.AddDays(-1):yyyy-MM-dd}&toDate={today.AddDays(1):yyyy-MM-dd}";
    }

    // The report's filter that names a side's scope as the caller is confined: its hall for district staff, its
    // department for everyone else.
    private static string ReportScope(string caller, World world) => caller is PlatformRoles.GridWorker or PlatformRoles.DistrictAdmin
        ? $"districtCode={world.District}"
        : $"departmentCode={world.Department}";

    //                                                  citizen clerk super grid  admin deputy city   empl  talent livelihood
    private static Route[] ApprovalsRoutes() =>
    [
        // ---- the matter catalogue is public; only a clerk of the matter's department manages it ----
        new("ApprovalsService.ListMatters",             "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"/api/approvals/v1/matters?departmentCode={w.Department}")),
        new("ApprovalsService.ListPublicMatters",       "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"/api/approvals/v1/public/matters?departmentCode={w.Department}"), Public: true),
        new("ApprovalsService.GetMatter",               "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"/api/approvals/v1/matters/{f.Id(w.Name, "matter")}")),
        new("ApprovalsService.CreateMatter",            "FF      OF    FF    FF    FF    FF     FF    FF    FF    FF",
            (f, c, w, _) => Post("/api/approvals/v1/matters", MatterDefinition($"MC-{Guid.NewGuid():N}"[..20].ToUpperInvariant(), w))),
        new("ApprovalsService.UpdateMatter",            "FF      OF    FF    FF    FF    FF     FF    FF    FF    FF",
            (f, c, w, _) => Task.FromResult(new RawRequest(HttpMethod.Put, $"/api/approvals/v1/matters/{f.Id(w.Name, "matter")}",
                JsonSerializer.Serialize(MatterUpdate(w))))),

        // ---- applications: citizens apply for themselves; grid workers and district admins in their own district; a
        //      counter clerk takes in for any department at any hall; supervisors and deputies do not submit ----
        new("ApprovalsService.SubmitApplication",       "OF      OO    FF    OF    OF    FF     OO    FF    OO    OO",
            (f, c, w, _) => Post(A, c switch
            {
                PlatformRoles.Citizen => new
                {
                    matterCode = w.Matter, applicantId = w.CitizenId, applicantName = "Matrix applicant", channel = "CHANNEL_ONLINE",
                    districtCode = "", materials = w.Materials,
                },
                _ => new
                {
                    matterCode = w.Matter, applicantId = w.CitizenId, applicantName = "Matrix applicant",
                    channel = c == PlatformRoles.GridWorker ? "CHANNEL_GRID_WORKER" : "CHANNEL_SERVICE_HALL", districtCode = w.District,
                    materials = w.Materials,
                },
            })),
        // citizens see their own, grid workers what they submitted, clerks and supervisors their department's,
        // district admins their hall's, city admins all; deputies none
        new("ApprovalsService.GetApplication",          "OF      OF    OF    OF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{A}/{f.Id(w.Name, "SUBMITTED")}")),
        new("ApprovalsService.GetClockLedger",          "OF      OF    OF    OF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{A}/{f.Id(w.Name, "IN_REVIEW")}/ledger")),
        // the applicant, who submitted and the handling department's clerks and supervisors print its documents (a
        // PDF); admins read the application but hand out no papers
        new("ApprovalsService.GetApplicationDocument",  "OF      OF    OF    OF    FF    FF     FF    FF    FF    FF",
            (f, c, w, _) => Get($"{A}/{f.Id(w.Name, "IN_REVIEW")}/documents/DOCUMENT_KIND_ACCEPTANCE_NOTICE")),
        // anyone checks a printed verification code, without a token; the answer holds no personal data
        new("ApprovalsService.GetDocumentVerification", "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get("/api/approvals/v1/public/documents/0000-0000-0000"), Public: true),
        // a listing is confined to the caller's scope: asking for the foreign side's applicant is refused for a
        // citizen and answered from the caller's own scope (so without foreign data) for staff
        new("ApprovalsService.ListApplications",        "OF      OO    OO    OO    OO    FF     OO    FF    OO    OO",
            (f, c, w, _) => Get($"{A}?applicantId={w.CitizenId}"),
            // the talent office's department leads HR-001, where both sides' entitlement claims open their applications
            SeenCityWideBy: [TalentOffice]),

        // ---- the lifecycle: the lead department's clerks act; the applicant (or who submitted) resubmits;
        //      the applicant evaluates; supervisors, admins and city admins act on none ----
        Transition("ApprovalsService.RequestCorrection",   "FF      OF    FF    FF    FF    FF     FF    FF    FF    FF", "requestCorrection", "SUBMITTED_INCOMPLETE", new { }),
        Transition("ApprovalsService.ResubmitApplication", "OF      FF    FF    OF    FF    FF     FF    FF    FF    FF", "resubmit", "CORRECTION_REQUESTED", new { materials = new[] { "identity card" } }),
        Transition("ApprovalsService.AcceptApplication",   "FF      OF    FF    FF    FF    FF     FF    FF    FF    FF", "accept", "SUBMITTED", new { }),
        // seeing an original at the counter: a clerk of a handling department
        new("ApprovalsService.ConfirmOriginal",         "FF      OF    FF    FF    FF    FF     FF    FF    FF    FF",
            async (f, c, w, allowed) => new RawRequest(HttpMethod.Post,
                $"{A}/{(allowed ? await f.FreshAsync(w.Name, "SUBMITTED_INCOMPLETE") : f.Id(w.Name, "SUBMITTED_INCOMPLETE"))}:confirmOriginal",
                JsonSerializer.Serialize(new { material = w.Materials[^1] }))),
        // files: whoever may see the application lists and downloads them; the applicant, whoever submitted for them (the
        // side's grid worker) and the handling department's clerks upload
        new("ApprovalsService.ListApplicationFiles",    "OF      OF    OF    OF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{A}/{f.Id(w.Name, "SUBMITTED")}/files")),
        new("ApprovalsService.UploadApplicationFile",   "OF      OF    FF    OF    FF    FF     FF    FF    FF    FF",
            (f, c, w, _) => Task.FromResult(new RawRequest(HttpMethod.Post, $"{A}/{f.Id(w.Name, "SUBMITTED")}/files?material=identity%20card",
                ApplicationFactory.SmallPdf, "application/pdf"))),
        new("ApprovalsService.DownloadApplicationFile", "OF      OF    OF    OF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"{A}/{f.Id(w.Name, "SUBMITTED")}/files/{f.Id(w.Name, "file")}")),
        Transition("ApprovalsService.RejectAcceptance",    "FF      OF    FF    FF    FF    FF     FF    FF    FF    FF", "notAccept", "SUBMITTED", new { reason = "outside our remit" }),
        Transition("ApprovalsService.SuspendApplication",  "FF      OF    FF    FF    FF    FF     FF    FF    FF    FF", "suspend", "IN_REVIEW", new { kind = "SUSPENSION_KIND_EXPERT_REVIEW", reason = "expert opinion" }),
        Transition("ApprovalsService.ResumeApplication",   "FF      OF    FF    FF    FF    FF     FF    FF    FF    FF", "resume", "SUSPENDED", new { note = "opinion received" }),
        Transition("ApprovalsService.ExtendApplication",   "FF      OF    FF    FF    FF    FF     FF    FF    FF    FF", "extend", "IN_REVIEW", new { reason = "complex case" }),
        Transition("ApprovalsService.DecideStep",          "FF      OF    FF    FF    FF    FF     FF    FF    FF    FF", "decide", "IN_REVIEW", new { decision = "DECISION_APPROVE" }),
        Transition("ApprovalsService.IssueCertificate",    "FF      OF    FF    FF    FF    FF     FF    FF    FF    FF", "issue", "APPROVED", new { }),
        Transition("ApprovalsService.EvaluateApplication", "OF      FF    FF    FF    FF    FF     FF    FF    FF    FF", "evaluate", "ISSUED", new { rating = 4, comment = "fine" }),
        Transition("ApprovalsService.CloseRectification",  "FF      OF    FF    FF    FF    FF     FF    FF    FF    FF", "closeRectification", "RECTIFICATION_OPEN", new { actionTaken = "apologised" }),

        // ---- supervision: clerks and supervisors their department's, district admins their hall's (any department),
        //      city admins all; nobody else ----
        // the work queue: clerks and supervisors their department's, district admins their hall's, city admins any
        new("ApprovalsService.ListWorkItems",           "FF      OF    OF    FF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"/api/approvals/v1/work-items?{ReportScope(c, w)}")),
        new("ApprovalsService.ListWarnings",            "FF      OF    OF    FF    OO    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"/api/approvals/v1/warnings?departmentCode={w.Department}")),
        new("ApprovalsService.GetPerformanceReport",    "FF      OF    OF    FF    OF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"/api/approvals/v1/reports/performance?{ReportPeriod()}&{ReportScope(c, w)}"),
            c => c switch
            {
                // a confined report must not mention the other side's department or hall at all
                PlatformRoles.Clerk or PlatformRoles.Supervisor => [MatrixPlatformFixture.Foreign.Department],
                PlatformRoles.DistrictAdmin => [MatrixPlatformFixture.Foreign.District],
                _ => [],
            }),
        // everybody their own notifications (the matrix names the side's citizen or grid worker); city admins anyone's
        new("NotificationsService.ListNotifications",   "OF      FF    FF    OF    FF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"/api/approvals/v1/notifications?citizenId={(c == PlatformRoles.GridWorker ? w.GridWorkerId : w.CitizenId)}")),
        // the kinds are no secret; preferences are read by their owner and city admins, set by their owner only
        new("NotificationsService.ListNotificationKinds", "OO    OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get("/api/approvals/v1/notification-kinds")),
        new("NotificationsService.GetNotificationPreferences", "OF  FF    FF    OF    FF    FF     OO    FF    FF    FF",
            (f, c, w, _) => Get($"/api/approvals/v1/notification-preferences/{(c == PlatformRoles.GridWorker ? w.GridWorkerId : w.CitizenId)}")),
        new("NotificationsService.UpdateNotificationPreferences", "OF FF    FF    OF    FF    FF     FF    FF    FF    FF",
            (f, c, w, _) => Task.FromResult(new RawRequest(HttpMethod.Put,
                $"/api/approvals/v1/notification-preferences/{(c == PlatformRoles.GridWorker ? w.GridWorkerId : w.CitizenId)}",
                JsonSerializer.Serialize(PreferencesUpdate())))),
        // the on-time figures as open data (a plain endpoint, docs/open-data.md): anyone, signed in or not; sums only
        new("approvals.OpenData",                       "OO      OO    OO    OO    OO    OO     OO    OO    OO    OO",
            (f, c, w, _) => Get($"/api/approvals/v1/public/open-data/approvals-on-time-{Longgang.Platform.Testing.TestClock.Now.Year}.json"), Public: true),
    ];

    /// <summary>SMS for receipts, in quiet hours at night, in English.</summary>
    public static object PreferencesUpdate() => new
    {
        language = "en",
        kinds = new[]
        {
            new { kind = NotificationKinds.ApplicationSubmitted, channel = "NOTIFICATION_CHANNEL_SMS", enabled = true, quietFrom = "22:00", quietUntil = "07:00", digest = false },
        },
    };
}

internal static partial class Corpus
{
    private const string A = "/api/approvals/v1/applications";
    private const string M = "/api/approvals/v1/matters";

    private const string ValidMatter = """
        {"code":"CX-100","name":"Test matter","departmentCode":"dept-market-supervision","kind":"MATTER_KIND_PROMISED",
         "requiredMaterials":["application form"],"statutoryLimitDays":20,"promisedLimitDays":10,"maxVisits":1}
        """;
    private const string ValidSubmission = """
        {"matterCode":"MS-002","applicantName":"Zhou Min","channel":"CHANNEL_ONLINE","materials":["application form","identity card"]}
        """;

    /// <summary>The path of a lifecycle verb on the application kept as "{resource}".</summary>
    private static string Verb(string resource, string verb) => $"{A}/{{{resource}}}:{verb}";

    private static void ApprovalsCases(CorpusCases cases)
    {
        const string openData = "approvals.OpenData";
        const string O = "/api/approvals/v1/public/open-data";
        cases.Get(openData, "year-after-2100", "anonymous", $"{O}/approvals-on-time-2101.json", 400, "year");
        cases.Get(openData, "year-missing", "anonymous", $"{O}/approvals-on-time.csv", 404, "未找到");
        cases.Get(openData, "unknown-dictionary", "anonymous", $"{O}/applications.dictionary.json", 404, "未找到");
        cases.Get(openData, "unknown-query-parameter", "anonymous", $"{O}/approvals-on-time.dictionary.json?applicantId=x", 400, "applicantId");

        // ---- approvals: matter catalogue --------------------------------------------------------------------------
        const string listMatters = "ApprovalsService.ListMatters";
        cases.Get(listMatters, "departmentCode-repeated", "citizen", $"{M}?departmentCode=a&departmentCode=b", 400, "departmentCode");
        cases.Read(listMatters, "sql-in-filter-is-harmless", "citizen", $"{M}?departmentCode={Uri.EscapeDataString("' OR 1=1 --")}", Nothing("matters"));
        cases.Read(listMatters, "script-in-filter-is-harmless", "citizen", $"{M}?departmentCode={Uri.EscapeDataString("<script>alert(1)</script>")}", Nothing("matters"));
        cases.Get(listMatters, "nul-character-in-filter", "citizen", $"{M}?departmentCode=dept%00x", 400, "departmentCode");
        cases.Get(listMatters, "anonymous", "anonymous", M, 401, null);
        cases.Get(listMatters, "garbage-token", "garbage-token", M, 401, null);
        cases.Get(listMatters, "expired-token", "expired-token", M, 401, null);
        cases.Get(listMatters, "token-signed-with-another-key", "foreign-key-token", M, 401, null);
        cases.Add(listMatters, "wrong-method-delete", "clerk", HttpMethod.Delete, M, null, 405, null);

        const string publicMatters = "ApprovalsService.ListPublicMatters";
        const string PM = "/api/approvals/v1/public/matters";
        cases.Read(publicMatters, "anonymous-sql-in-query-is-harmless", "anonymous", $"{PM}?query={Uri.EscapeDataString("' OR 1=1 --")}", Nothing("matters"));
        cases.Read(publicMatters, "unknown-department-is-empty", "anonymous", $"{PM}?departmentCode=dept-of-nowhere", Nothing("matters"));
        cases.Get(publicMatters, "kind-unknown", "anonymous", $"{PM}?kind=MATTER_KIND_MAGIC", 400, "kind");
        cases.Get(publicMatters, "kind-unspecified", "anonymous", $"{PM}?kind=MATTER_KIND_UNSPECIFIED", 400, "kind");
        cases.Get(publicMatters, "query-overlong", "anonymous", $"{PM}?query={new string('q', 101)}", 400, "query");
        cases.Get(publicMatters, "page-size-negative", "anonymous", $"{PM}?pageSize=-1", 400, "pageSize");
        cases.Get(publicMatters, "page-token-forged", "anonymous", $"{PM}?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Add(publicMatters, "wrong-method-post", "anonymous", HttpMethod.Post, PM, "{}", 405, null);

        const string getMatter = "ApprovalsService.GetMatter";
        cases.Get(getMatter, "unknown-code", "citizen", $"{M}/NOPE-9", 404, "NOPE-9");
        cases.Get(getMatter, "version-negative", "citizen", $"{M}/MS-001?version=-1", 400, "version");
        cases.Get(getMatter, "version-not-a-number", "citizen", $"{M}/MS-001?version=abc", 400, "version");
        cases.Get(getMatter, "version-overflows-int32", "citizen", $"{M}/MS-001?version=99999999999", 400, "version");
        cases.Get(getMatter, "version-fraction", "citizen", $"{M}/MS-001?version=1.5", 400, "version");
        cases.Get(getMatter, "version-unknown", "citizen", $"{M}/MS-001?version=99", 404, "v99");
        cases.Get(getMatter, "sql-in-code", "citizen", $"{M}/{Uri.EscapeDataString("MS-001' OR '1'='1")}", 404, "未找到");
        cases.Get(getMatter, "overlong-code", "citizen", $"{M}/{new string('A', 2000)}", 404, "未找到");
        cases.Get(getMatter, "script-in-code", "citizen", $"{M}/{Uri.EscapeDataString("<script>alert(1)<script>")}", 404, "未找到");

        const string createMatter = "ApprovalsService.CreateMatter";
        void Create(string name, string actor, string body, int status, string? cause, string? contentType = "application/json") =>
            cases.Post(createMatter, name, actor, M, body, status, cause, contentType);
        Create("duplicate-code", "clerk", With(ValidMatter, "code", Str("MS-001")), 409, "已存在");
        Create("code-missing", "clerk", Without(ValidMatter, "code"), 400, "code");
        Create("city-tag-unknown", "clerk", With(ValidMatter, "cityTag", Str("GREEN_CITY")), 400, "cityTag");
        Create("code-lowercase", "clerk", With(ValidMatter, "code", Str("cx-lower")), 400, "code");
        Create("code-sql", "clerk", With(ValidMatter, "code", Str("X'); DROP TABLE matters;--")), 400, "code");
        Create("code-overlong", "clerk", With(ValidMatter, "code", Str("CX-" + new string('9', 40))), 400, "code");
        Create("code-number", "clerk", With(ValidMatter, "code", "100"), 400, "code");
        Create("name-missing", "clerk", Without(With(ValidMatter, "code", Str("CX-101")), "name"), 400, "name");
        Create("name-blank", "clerk", With(With(ValidMatter, "code", Str("CX-102")), "name", Str("   ")), 400, "name");
        Create("name-overlong", "clerk", With(With(ValidMatter, "code", Str("CX-103")), "name", Str(new string('n', 201))), 400, "name");
        Create("kind-unknown-name", "clerk", With(ValidMatter, "kind", Str("MATTER_KIND_MAGIC")), 400, "kind");
        Create("kind-unknown-number", "clerk", With(ValidMatter, "kind", "42"), 400, "kind");
        Create("kind-unspecified", "clerk", With(ValidMatter, "kind", Str("MATTER_KIND_UNSPECIFIED")), 400, "kind");
        Create("kind-missing", "clerk", Without(ValidMatter, "kind"), 400, "kind");
        Create("statutory-negative", "clerk", With(ValidMatter, "statutoryLimitDays", "-5"), 400, "statutoryLimitDays");
        Create("statutory-zero", "clerk", With(ValidMatter, "statutoryLimitDays", "0"), 400, "statutoryLimitDays");
        Create("statutory-above-a-year", "clerk", With(ValidMatter, "statutoryLimitDays", "366"), 400, "statutoryLimitDays");
        Create("statutory-overflows-int32", "clerk", With(ValidMatter, "statutoryLimitDays", "3000000000"), 400, "statutoryLimitDays");
        Create("statutory-as-words", "clerk", With(ValidMatter, "statutoryLimitDays", Str("ten")), 400, "statutoryLimitDays");
        Create("statutory-fraction", "clerk", With(ValidMatter, "statutoryLimitDays", "2.5"), 400, "statutoryLimitDays");
        Create("promised-above-statutory", "clerk", With(ValidMatter, "promisedLimitDays", "21"), 400, "promisedLimitDays");
        Create("promised-negative", "clerk", With(ValidMatter, "promisedLimitDays", "-1"), 400, "promisedLimitDays");
        Create("max-visits-six", "clerk", With(ValidMatter, "maxVisits", "6"), 400, "maxVisits");
        Create("max-visits-negative", "clerk", With(ValidMatter, "maxVisits", "-1"), 400, "maxVisits");
        Create("materials-repeated", "clerk", With(ValidMatter, "requiredMaterials", """["form","FORM"]"""), 400, "requiredMaterials");
        Create("materials-fifty-one", "clerk", With(ValidMatter, "requiredMaterials", Strings(51)), 400, "requiredMaterials");
        Create("materials-not-a-list", "clerk", With(ValidMatter, "requiredMaterials", Str("everything")), 400, "requiredMaterials");
        Create("materials-empty-name", "clerk", With(ValidMatter, "requiredMaterials", """[""]"""), 400, "requiredMaterials");
        Create("materials-overlong-name", "clerk", With(ValidMatter, "requiredMaterials", $"[{Str(new string('m', 201))}]"), 400, "requiredMaterials");
        Create("joint-with-one-department", "clerk", With(With(ValidMatter, "kind", Str("MATTER_KIND_JOINT")), "participatingDepartments",
            """["dept-market-supervision"]"""), 400, "participatingDepartments");
        Create("joint-without-the-lead", "clerk", With(With(ValidMatter, "kind", Str("MATTER_KIND_JOINT")), "participatingDepartments",
            """["dept-finance","dept-social-affairs"]"""), 400, "participatingDepartments");
        Create("joint-unknown-department", "clerk", With(With(ValidMatter, "kind", Str("MATTER_KIND_JOINT")), "participatingDepartments",
            """["dept-market-supervision","dept-of-nowhere"]"""), 400, "participatingDepartments");
        Create("participants-on-a-promised-matter", "clerk", With(ValidMatter, "participatingDepartments",
            """["dept-market-supervision","dept-finance"]"""), 400, "participatingDepartments");
        Create("department-unknown", "clerk", With(ValidMatter, "departmentCode", Str("dept-of-nowhere")), 400, "departmentCode");
        Create("by-a-citizen", "citizen", With(ValidMatter, "code", Str("CX-201")), 403, "事项所属部门的窗口人员");
        Create("by-a-supervisor", "supervisor", With(ValidMatter, "code", Str("CX-202")), 403, "事项所属部门的窗口人员");
        Create("by-a-city-admin", "city-admin", With(ValidMatter, "code", Str("CX-203")), 403, "事项所属部门的窗口人员");
        Create("for-another-department", "foreign-clerk", With(ValidMatter, "code", Str("CX-204")), 403, "事项所属部门的窗口人员");
        Create("body-not-json", "clerk", "code=CX-300&name=x", 400, "body");
        Create("body-an-array", "clerk", $"[{ValidMatter}]", 400, "body");
        Create("body-truncated", "clerk", ValidMatter[..40], 400, "body");
        Create("body-as-text-plain", "clerk", With(ValidMatter, "code", Str("CX-301")), 415, null, "text/plain");

        const string updateMatter = "ApprovalsService.UpdateMatter";
        void Update(string name, string actor, string code, string body, int status, string? cause, string? contentType = "application/json") =>
            cases.Add(updateMatter, name, actor, HttpMethod.Put, $"{M}/{code}", body, status, cause, contentType);
        var ms001 = Without(ValidMatter, "code");
        Update("unknown-code", "clerk", "NOPE-1", ms001, 404, "NOPE-1");
        Update("by-a-citizen", "citizen", "MS-001", ms001, 403, "事项所属部门的窗口人员");
        Update("by-another-departments-clerk", "foreign-clerk", "MS-001", ms001, 403, "事项所属部门的窗口人员");
        Update("moved-to-another-department", "clerk", "MS-001", With(ms001, "departmentCode", Str("dept-social-affairs")), 403, "事项所属部门的窗口人员");
        Update("kind-unknown", "clerk", "MS-001", With(ms001, "kind", Str("MATTER_KIND_FOREVER")), 400, "kind");
        Update("statutory-zero", "clerk", "MS-001", With(ms001, "statutoryLimitDays", "0"), 400, "statutoryLimitDays");
        Update("name-missing", "clerk", "MS-001", Without(ms001, "name"), 400, "name");
        Update("max-visits-wrong-type", "clerk", "MS-001", With(ms001, "maxVisits", "[1]"), 400, "maxVisits");
        Update("body-an-array", "clerk", "MS-001", "[]", 400, "body");
        Update("body-as-xml", "clerk", "MS-001", "<matter><code>MS-001</code></matter>", 415, null, "application/xml");

        // ---- approvals: submitting ----------------------------------------------------------------------------------
        const string submit = "ApprovalsService.SubmitApplication";
        void Submit(string name, string actor, string body, int status, string? cause, string? contentType = "application/json") =>
            cases.Post(submit, name, actor, A, body, status, cause, contentType);
        var onBehalf = With(ValidSubmission, "applicantId", Str("citizen-9"));
        var viaGrid = With(With(onBehalf, "channel", Str("CHANNEL_GRID_WORKER")), "districtCode", Str("district-01"));
        Submit("channel-unknown-name", "citizen", With(ValidSubmission, "channel", Str("CHANNEL_BY_PIGEON")), 400, "channel");
        Submit("channel-unknown-number", "citizen", With(ValidSubmission, "channel", "99"), 400, "channel");
        Submit("channel-number-as-string", "citizen", With(ValidSubmission, "channel", Str("1")), 400, "channel");
        Submit("channel-missing", "citizen", Without(ValidSubmission, "channel"), 400, "channel");
        Submit("matter-code-a-number", "citizen", With(ValidSubmission, "matterCode", "42"), 400, "matterCode");
        Submit("matter-code-an-object", "citizen", With(ValidSubmission, "matterCode", """{"code":"MS-002"}"""), 400, "matterCode");
        Submit("matter-code-unknown", "citizen", With(ValidSubmission, "matterCode", Str("NOPE-1")), 400, "matterCode");
        Submit("matter-code-sql", "citizen", With(ValidSubmission, "matterCode", Str("MS-001'; DROP TABLE applications;--")), 400, "matterCode");
        Submit("matter-code-ten-thousand-chars", "citizen", With(ValidSubmission, "matterCode", Str(new string('M', 10_000))), 400, "matterCode");
        Submit("matter-code-null", "citizen", With(ValidSubmission, "matterCode", "null"), 400, "matterCode");
        Submit("everything-missing", "citizen", "{}", 400, "matterCode");
        Submit("applicant-name-missing", "citizen", Without(ValidSubmission, "applicantName"), 400, "applicantName");
        Submit("applicant-name-blank", "citizen", With(ValidSubmission, "applicantName", Str(" \t ")), 400, "applicantName");
        Submit("applicant-name-overlong", "citizen", With(ValidSubmission, "applicantName", Str(new string('z', 101))), 400, "applicantName");
        Submit("applicant-name-a-boolean", "citizen", With(ValidSubmission, "applicantName", "true"), 400, "applicantName");
        Submit("materials-a-string", "citizen", With(ValidSubmission, "materials", Str("all of them")), 400, "materials");
        Submit("materials-fifty-one", "citizen", With(ValidSubmission, "materials", Strings(51)), 400, "materials");
        Submit("materials-overlong-name", "citizen", With(ValidSubmission, "materials", $"[{Str(new string('m', 201))}]"), 400, "materials");
        Submit("materials-empty-name", "citizen", With(ValidSubmission, "materials", """["application form",""]"""), 400, "materials");
        Submit("materials-null-item", "citizen", With(ValidSubmission, "materials", "[null]"), 400, "materials");
        Submit("materials-numbers", "citizen", With(ValidSubmission, "materials", "[1,2]"), 400, "materials");
        Submit("materials-nested-deeply", "citizen", With(ValidSubmission, "materials", new string('[', 100) + new string(']', 100)), 400, "materials");
        Submit("district-unknown", "citizen", With(With(ValidSubmission, "channel", Str("CHANNEL_SERVICE_HALL")), "districtCode", Str("district-10")), 400, "districtCode");
        Submit("district-a-number", "citizen", With(ValidSubmission, "districtCode", "1"), 400, "districtCode");
        Submit("service-hall-without-district", "citizen", With(ValidSubmission, "channel", Str("CHANNEL_SERVICE_HALL")), 400, "districtCode");
        Submit("applicant-id-overlong", "grid", With(viaGrid, "applicantId", Str(new string('c', 65))), 400, "applicantId");
        Submit("grid-worker-without-applicant", "grid", Without(viaGrid, "applicantId"), 400, "applicantId");
        Submit("case-id-not-a-uuid", "grid", With(viaGrid, "caseId", Str("case-7")), 400, "caseId");
        Submit("case-id-online", "citizen", With(ValidSubmission, "caseId", Str("0193a5b2-7c3a-7d41-9f0e-3b6f1c2d4e02")), 400, "caseId");
        Submit("citizen-through-grid-channel", "citizen",
            With(With(ValidSubmission, "channel", Str("CHANNEL_GRID_WORKER")), "districtCode", Str("district-01")), 403, "网格员");
        Submit("citizen-for-someone-else", "citizen", onBehalf, 403, "只能为本人申请");
        Submit("grid-worker-in-another-district", "grid", With(viaGrid, "districtCode", Str("district-02")), 403, "只能为本片区");
        Submit("clerk-online", "clerk", onBehalf, 403, "便民服务中心");
        Submit("by-a-deputy", "deputy", onBehalf, 403, "无权提交申请");
        Submit("by-a-supervisor", "supervisor", onBehalf, 403, "无权提交申请");
        Submit("by-an-unknown-role", "unknown-role", onBehalf, 403, "无权提交申请");
        Submit("anonymous", "anonymous", ValidSubmission, 401, null);
        Submit("expired-token", "expired-token", ValidSubmission, 401, null);
        Submit("token-signed-with-another-key", "foreign-key-token", ValidSubmission, 401, null);
        Submit("body-truncated", "citizen", """{"matterCode":""", 400, "body");
        Submit("body-an-array", "citizen", "[1,2]", 400, "body");
        Submit("body-null", "citizen", "null", 400, "body");
        Submit("body-a-string", "citizen", Str("submit please"), 400, "body");
        Submit("body-over-the-size-limit", "citizen", With(ValidSubmission, "applicantName", Str(new string('x', 70_000))), 413, "at most");
        Submit("body-as-text-plain", "citizen", ValidSubmission, 415, null, "text/plain");
        Submit("body-as-form", "citizen", "matterCode=MS-002&channel=CHANNEL_ONLINE", 415, null, "application/x-www-form-urlencoded");
        Submit("body-as-xml", "citizen", "<application><matterCode>MS-002</matterCode></application>", 415, null, "application/xml");
        Submit("body-without-content-type", "citizen", ValidSubmission, 415, null, null);
        Submit("nul-character-in-applicant-name", "citizen", With(ValidSubmission, "applicantName", Str("Zhou\u0000Min")), 400, "applicantName");
        Submit("nul-character-in-a-material", "citizen", With(ValidSubmission, "materials", Str2("application form", "identity\u0000card")), 400, "materials");
        Submit("token-subject-longer-than-64", "long-subject", ValidSubmission, 403, "subject");
        cases.Add(submit, "body-over-the-size-limit-chunked", "citizen", HttpMethod.Post, A,
            With(ValidSubmission, "applicantName", Str(new string('x', 70_000))), 413, null, chunked: true);

        // ---- approvals: materials and their files ---------------------------------------------------------------------
        const string confirm = "ApprovalsService.ConfirmOriginal";
        cases.Post(confirm, "material-missing", "clerk", Verb("incomplete", "confirmOriginal"), "{}", 400, "material");
        cases.Post(confirm, "material-not-of-the-application", "clerk", Verb("incomplete", "confirmOriginal"), """{"material":"a bus ticket"}""", 400, "material");
        cases.Post(confirm, "already-confirmed", "clerk", Verb("incomplete", "confirmOriginal"), """{"material":"application form"}""", 409, "已经确认");
        cases.Post(confirm, "by-the-applicant", "citizen", Verb("incomplete", "confirmOriginal"), """{"material":"identity card"}""", 403, "窗口人员");
        cases.Post(confirm, "by-another-departments-clerk", "foreign-clerk", Verb("incomplete", "confirmOriginal"), """{"material":"identity card"}""", 403, "属于其他申请人");
        const string listFiles = "ApprovalsService.ListApplicationFiles";
        cases.Get(listFiles, "application-id-not-a-uuid", "citizen", $"{A}/xyz/files", 400, "applicationId");
        cases.Get(listFiles, "another-citizens", "other-citizen", $"{A}/{{submitted}}/files", 403, "属于其他申请人");
        const string upload = "ApprovalsService.UploadApplicationFile";
        var files = $"{A}/{{submitted}}/files?material=identity%20card";
        cases.Add(upload, "oversized", "citizen", HttpMethod.Post, files, "%PDF-" + new string('x', 140_000), 413, "131072", "application/pdf");
        cases.Add(upload, "oversized-chunked", "citizen", HttpMethod.Post, files, "%PDF-" + new string('x', 140_000), 413, null, "application/pdf", chunked: true);
        cases.Add(upload, "a-script-named-pdf", "citizen", HttpMethod.Post, files, "<script>alert(1)</script>", 415, "JPEG", "application/pdf");
        cases.Add(upload, "html-claiming-png", "citizen", HttpMethod.Post, files, "<html><body>hi</body></html>", 415, "JPEG", "image/png");
        cases.Add(upload, "empty", "citizen", HttpMethod.Post, files, "", 400, "file", "application/pdf");
        cases.Add(upload, "material-missing", "citizen", HttpMethod.Post, $"{A}/{{submitted}}/files", ApplicationFactory.SmallPdf, 400, "material", "application/pdf");
        cases.Add(upload, "material-not-of-the-application", "citizen", HttpMethod.Post, $"{A}/{{submitted}}/files?material=a%20bus%20ticket", ApplicationFactory.SmallPdf, 400, "material", "application/pdf");
        cases.Add(upload, "unknown-parameter", "citizen", HttpMethod.Post, files + "&name=scan.pdf", ApplicationFactory.SmallPdf, 400, "name", "application/pdf");
        cases.Add(upload, "foreign-application", "other-citizen", HttpMethod.Post, files, ApplicationFactory.SmallPdf, 403, "属于其他申请人", "application/pdf");
        cases.Add(upload, "by-a-supervisor", "supervisor", HttpMethod.Post, files, ApplicationFactory.SmallPdf, 403, "附加文件", "application/pdf");
        cases.Add(upload, "application-unknown", "citizen", HttpMethod.Post, $"{A}/{{unknown}}/files?material=identity%20card", ApplicationFactory.SmallPdf, 404, "未找到", "application/pdf");
        cases.Add(upload, "application-decided", "citizen", HttpMethod.Post, $"{A}/{{issued}}/files?material=identity%20card", ApplicationFactory.SmallPdf, 409, "APPLICATION_STATUS_ISSUED", "application/pdf");
        const string download = "ApprovalsService.DownloadApplicationFile";
        cases.Get(download, "file-unknown", "citizen", $"{A}/{{submitted}}/files/{{unknown}}", 404, "未找到");
        cases.Get(download, "file-of-another-application", "citizen", $"{A}/{{incomplete}}/files/{{file}}", 404, "未找到");
        cases.Get(download, "id-not-a-uuid", "citizen", $"{A}/{{submitted}}/files/xyz", 400, "id");
        cases.Get(download, "unknown-parameter", "citizen", $"{A}/{{submitted}}/files/{{file}}?inline=true", 400, "inline");
        cases.Get(download, "foreign-application", "other-citizen", $"{A}/{{submitted}}/files/{{file}}", 403, "属于其他申请人");

        // ---- approvals: reading applications ------------------------------------------------------------------------
        const string getApplication = "ApprovalsService.GetApplication";
        cases.Get(getApplication, "id-not-a-uuid", "citizen", $"{A}/not-an-id", 400, "id");
        cases.Get(getApplication, "id-unknown", "citizen", $"{A}/{{unknown}}", 404, "未找到");
        cases.Get(getApplication, "id-all-zeros", "citizen", $"{A}/{Guid.Empty}", 404, "未找到");
        cases.Get(getApplication, "id-sql", "citizen", $"{A}/{Uri.EscapeDataString("1' OR '1'='1")}", 400, "id");
        cases.Get(getApplication, "id-path-traversal", "citizen", $"{A}/..%2F..%2Fmatters", 400, "id");
        cases.Get(getApplication, "id-five-thousand-chars", "citizen", $"{A}/{new string('a', 5000)}", 400, "id");
        cases.Get(getApplication, "id-with-a-verb-on-a-get", "citizen", $"{A}/{{submitted}}:accept", 400, "id");
        cases.Get(getApplication, "another-citizens", "other-citizen", $"{A}/{{submitted}}", 403, "属于其他申请人");
        cases.Get(getApplication, "by-a-deputy", "deputy", $"{A}/{{submitted}}", 403, "属于其他申请人");
        cases.Get(getApplication, "by-another-districts-admin", "foreign-district-admin", $"{A}/{{submitted}}", 403, "属于其他申请人");
        cases.Add(getApplication, "url-of-forty-thousand-chars", "citizen", HttpMethod.Get, $"{A}/{new string('a', 40_000)}", null, 414, null, problem: false);
        cases.Add(getApplication, "wrong-method-put", "citizen", HttpMethod.Put, $"{A}/{{submitted}}", "{}", 405, null);
        cases.Add(getApplication, "wrong-method-delete", "city-admin", HttpMethod.Delete, $"{A}/{{submitted}}", null, 405, null);

        const string listApplications = "ApprovalsService.ListApplications";
        cases.Get(listApplications, "page-size-negative", "citizen", $"{A}?pageSize=-1", 400, "pageSize");
        cases.Get(listApplications, "page-size-not-a-number", "citizen", $"{A}?pageSize=many", 400, "pageSize");
        cases.Get(listApplications, "page-size-overflows-int32", "citizen", $"{A}?pageSize=2147483648", 400, "pageSize");
        cases.Get(listApplications, "page-size-fraction", "citizen", $"{A}?pageSize=1.5", 400, "pageSize");
        cases.Get(listApplications, "page-size-repeated", "citizen", $"{A}?pageSize=1&pageSize=2", 400, "pageSize");
        cases.Get(listApplications, "page-token-forged", "citizen", $"{A}?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Get(listApplications, "page-token-negative-offset", "citizen", $"{A}?pageToken={PageTokenNegative}", 400, "pageToken");
        cases.Get(listApplications, "status-unknown-name", "citizen", $"{A}?status=LOST", 400, "status");
        cases.Get(listApplications, "status-unknown-number", "citizen", $"{A}?status=99", 400, "status");
        cases.Get(listApplications, "another-citizens", "citizen", $"{A}?applicantId=citizen-stranger", 403, "只能查看本人的申请件");
        cases.Get(listApplications, "by-a-deputy", "deputy", A, 403, "无权查看申请件列表");
        cases.Get(listApplications, "by-a-token-without-a-role", "role-less-token", A, 403, "未注明主体或角色");
        cases.Get(listApplications, "token-subject-longer-than-64", "long-subject", A, 403, "subject");
        cases.Get(listApplications, "nul-character-in-applicant-filter", "city-admin", $"{A}?applicantId=x%00y", 400, "applicantId");
        cases.Read(listApplications, "sql-in-applicant-is-harmless", "city-admin", $"{A}?applicantId={Uri.EscapeDataString("x' OR '1'='1")}", Nothing("applications"));
        cases.Get(listApplications, "resident-id-bad-check-character", "clerk", $"{A}?residentId=110105194912310021", 400, "residentId");
        cases.Get(listApplications, "resident-id-seventeen-digits", "clerk", $"{A}?residentId=11010519491231002", 400, "residentId");
        cases.Get(listApplications, "channel-unknown", "clerk", $"{A}?channel=CHANNEL_BY_PIGEON", 400, "channel");
        cases.Get(listApplications, "district-unknown", "clerk", $"{A}?districtCode=district-99", 400, "districtCode");
        cases.Get(listApplications, "another-district-by-a-district-admin", "district-admin", $"{A}?districtCode=district-02", 403, "district-01");
        cases.Get(listApplications, "from-date-not-a-date", "clerk", $"{A}?fromDate=2026-02-30", 400, "fromDate");
        cases.Get(listApplications, "to-date-before-from-date", "clerk", $"{A}?fromDate=2026-03-02&toDate=2026-03-01", 400, "toDate");
        cases.Get(listApplications, "query-overlong", "clerk", $"{A}?query={new string('q', 101)}", 400, "query");
        cases.Read(listApplications, "sql-in-query-is-harmless", "clerk", $"{A}?query={Uri.EscapeDataString("%' OR '1'='1")}", Nothing("applications"));
        // a citizen with more applications than a page may hold
        cases.Read(listApplications, "huge-page-size-is-capped", "busy-citizen", $"{A}?pageSize=2147483647", FullPage("applications", PageToken.MaxPageSize));

        // ---- approvals: the lifecycle -------------------------------------------------------------------------------

        const string correction = "ApprovalsService.RequestCorrection";
        cases.Post(correction, "id-not-a-uuid", "clerk", $"{A}/x:requestCorrection", "{}", 400, "id");
        cases.Post(correction, "id-unknown", "clerk", Verb("unknown", "requestCorrection"), "{}", 404, "未找到");
        cases.Post(correction, "in-review", "clerk", Verb("in-review", "requestCorrection"), """{"materials":["identity card"]}""", 409, "APPLICATION_STATUS_IN_REVIEW");
        cases.Post(correction, "twice", "clerk", Verb("correction", "requestCorrection"), """{"materials":["identity card"]}""", 409, "APPLICATION_STATUS_CORRECTION_REQUESTED");
        cases.Post(correction, "nothing-missing-and-none-named", "clerk", Verb("submitted", "requestCorrection"), "{}", 400, "materials");
        cases.Post(correction, "materials-fifty-one", "clerk", Verb("incomplete", "requestCorrection"), $$"""{"materials":{{Strings(51)}}}""", 400, "materials");
        cases.Post(correction, "materials-wrong-type", "clerk", Verb("incomplete", "requestCorrection"), """{"materials":{"a":1}}""", 400, "materials");
        cases.Post(correction, "nul-character-in-note", "clerk", Verb("incomplete", "requestCorrection"), """{"note":"bring\u0000it"}""", 400, "note");
        cases.Post(correction, "note-overlong", "clerk", Verb("incomplete", "requestCorrection"), $$"""{"note":{{Str(new string('n', 501))}}}""", 400, "note");
        cases.Post(correction, "by-the-applicant", "citizen", Verb("incomplete", "requestCorrection"), "{}", 403, "的窗口人员可以执行此操作");
        cases.Post(correction, "by-another-departments-clerk", "foreign-clerk", Verb("incomplete", "requestCorrection"), "{}", 403, "属于其他申请人");

        const string resubmit = "ApprovalsService.ResubmitApplication";
        cases.Post(resubmit, "not-asked-for-corrections", "citizen", Verb("submitted", "resubmit"), """{"materials":["identity card"]}""", 409, "APPLICATION_STATUS_SUBMITTED");
        cases.Post(resubmit, "materials-none", "citizen", Verb("correction", "resubmit"), """{"materials":[]}""", 400, "materials");
        cases.Post(resubmit, "materials-numbers", "citizen", Verb("correction", "resubmit"), """{"materials":[7]}""", 400, "materials");
        cases.Post(resubmit, "by-another-citizen", "other-citizen", Verb("correction", "resubmit"), """{"materials":["identity card"]}""", 403, "属于其他申请人");
        cases.Post(resubmit, "by-the-clerk", "clerk", Verb("correction", "resubmit"), """{"materials":["identity card"]}""", 403, "只有申请人");
        cases.Post(resubmit, "id-not-a-uuid", "citizen", $"{A}/%27;--:resubmit", """{"materials":["x"]}""", 400, "id");
        cases.Post(resubmit, "id-unknown", "citizen", Verb("unknown", "resubmit"), """{"materials":["x"]}""", 404, "未找到");

        const string accept = "ApprovalsService.AcceptApplication";
        cases.Post(accept, "materials-missing", "clerk", Verb("incomplete", "accept"), "{}", 409, "缺少必需材料");
        cases.Post(accept, "twice", "clerk", Verb("in-review", "accept"), "{}", 409, "APPLICATION_STATUS_IN_REVIEW");
        cases.Post(accept, "while-correction-requested", "clerk", Verb("correction", "accept"), "{}", 409, "APPLICATION_STATUS_CORRECTION_REQUESTED");
        cases.Post(accept, "issued", "clerk", Verb("issued", "accept"), "{}", 409, "APPLICATION_STATUS_ISSUED");
        cases.Post(accept, "not-accepted", "clerk", Verb("not-accepted", "accept"), "{}", 409, "APPLICATION_STATUS_NOT_ACCEPTED");
        cases.Post(accept, "by-the-applicant", "citizen", Verb("submitted", "accept"), "{}", 403, "的窗口人员可以执行此操作");
        cases.Post(accept, "by-a-supervisor", "supervisor", Verb("submitted", "accept"), "{}", 403, "的窗口人员可以执行此操作");
        cases.Post(accept, "by-a-city-admin", "city-admin", Verb("submitted", "accept"), "{}", 403, "的窗口人员可以执行此操作");
        cases.Post(accept, "id-unknown", "clerk", Verb("unknown", "accept"), "{}", 404, "未找到");
        cases.Post(accept, "body-not-json", "clerk", Verb("submitted", "accept"), "accept!", 400, "body");

        const string notAccept = "ApprovalsService.RejectAcceptance";
        cases.Post(notAccept, "reason-missing", "clerk", Verb("submitted", "notAccept"), "{}", 400, "reason");
        cases.Post(notAccept, "reason-blank", "clerk", Verb("submitted", "notAccept"), """{"reason":"   "}""", 400, "reason");
        cases.Post(notAccept, "reason-overlong", "clerk", Verb("submitted", "notAccept"), $$"""{"reason":{{Str(new string('r', 501))}}}""", 400, "reason");
        cases.Post(notAccept, "reason-a-list", "clerk", Verb("submitted", "notAccept"), """{"reason":["no"]}""", 400, "reason");
        cases.Post(notAccept, "in-review", "clerk", Verb("in-review", "notAccept"), """{"reason":"late"}""", 409, "APPLICATION_STATUS_IN_REVIEW");
        cases.Post(notAccept, "twice", "clerk", Verb("not-accepted", "notAccept"), """{"reason":"again"}""", 409, "APPLICATION_STATUS_NOT_ACCEPTED");
        cases.Post(notAccept, "by-the-applicant", "citizen", Verb("submitted", "notAccept"), """{"reason":"changed my mind"}""", 403, "的窗口人员可以执行此操作");

        const string suspend = "ApprovalsService.SuspendApplication";
        const string validSuspend = """{"kind":"SUSPENSION_KIND_HEARING","reason":"a hearing is requested"}""";
        cases.Post(suspend, "not-in-review", "clerk", Verb("submitted", "suspend"), validSuspend, 409, "APPLICATION_STATUS_SUBMITTED");
        cases.Post(suspend, "twice", "clerk", Verb("suspended", "suspend"), validSuspend, 409, "APPLICATION_STATUS_SUSPENDED");
        cases.Post(suspend, "kind-unknown", "clerk", Verb("in-review", "suspend"), """{"kind":"SUSPENSION_KIND_NAP","reason":"tired"}""", 400, "kind");
        cases.Post(suspend, "kind-unknown-number", "clerk", Verb("in-review", "suspend"), """{"kind":9,"reason":"tired"}""", 400, "kind");
        cases.Post(suspend, "kind-missing", "clerk", Verb("in-review", "suspend"), """{"reason":"a hearing"}""", 400, "kind");
        cases.Post(suspend, "reason-missing", "clerk", Verb("in-review", "suspend"), """{"kind":"SUSPENSION_KIND_HEARING"}""", 400, "reason");
        cases.Post(suspend, "by-the-applicant", "citizen", Verb("in-review", "suspend"), validSuspend, 403, "参与审查部门");

        const string resume = "ApprovalsService.ResumeApplication";
        cases.Post(resume, "not-suspended", "clerk", Verb("in-review", "resume"), "{}", 409, "APPLICATION_STATUS_IN_REVIEW");
        cases.Post(resume, "note-overlong", "clerk", Verb("suspended", "resume"), $$"""{"note":{{Str(new string('n', 501))}}}""", 400, "note");
        cases.Post(resume, "by-the-applicant", "citizen", Verb("suspended", "resume"), "{}", 403, "参与审查部门");
        cases.Post(resume, "id-unknown", "clerk", Verb("unknown", "resume"), "{}", 404, "未找到");

        const string extend = "ApprovalsService.ExtendApplication";
        cases.Post(extend, "second-extension", "clerk", Verb("extended", "extend"), """{"reason":"still more work"}""", 409, "已延长过一次");
        cases.Post(extend, "not-in-review", "clerk", Verb("submitted", "extend"), """{"reason":"complex"}""", 409, "APPLICATION_STATUS_SUBMITTED");
        cases.Post(extend, "reason-missing", "clerk", Verb("in-review", "extend"), "{}", 400, "reason");
        cases.Post(extend, "reason-overlong", "clerk", Verb("in-review", "extend"), $$"""{"reason":{{Str(new string('r', 501))}}}""", 400, "reason");
        cases.Post(extend, "by-another-departments-clerk", "foreign-clerk", Verb("in-review", "extend"), """{"reason":"complex"}""", 403, "属于其他申请人");

        const string decide = "ApprovalsService.DecideStep";
        cases.Post(decide, "submitted-not-yet-accepted", "clerk", Verb("submitted", "decide"), """{"decision":"DECISION_APPROVE"}""", 409, "APPLICATION_STATUS_SUBMITTED");
        cases.Post(decide, "suspended", "clerk", Verb("suspended", "decide"), """{"decision":"DECISION_APPROVE"}""", 409, "APPLICATION_STATUS_SUSPENDED");
        cases.Post(decide, "already-approved", "clerk", Verb("approved", "decide"), """{"decision":"DECISION_REJECT","reason":"second thoughts"}""", 409, "APPLICATION_STATUS_APPROVED");
        cases.Post(decide, "same-step-twice", "hc-clerk", Verb("joint", "decide"), """{"decision":"DECISION_APPROVE"}""", 409, "已对其审查环节作出决定");
        cases.Post(decide, "decision-unknown", "clerk", Verb("in-review", "decide"), """{"decision":"DECISION_MAYBE"}""", 400, "decision");
        cases.Post(decide, "decision-unknown-number", "clerk", Verb("in-review", "decide"), """{"decision":7}""", 400, "decision");
        cases.Post(decide, "decision-missing", "clerk", Verb("in-review", "decide"), "{}", 400, "decision");
        cases.Post(decide, "reject-without-reason", "clerk", Verb("in-review", "decide"), """{"decision":"DECISION_REJECT"}""", 400, "reason");
        cases.Post(decide, "reason-overlong", "clerk", Verb("in-review", "decide"), $$"""{"decision":"DECISION_REJECT","reason":{{Str(new string('r', 501))}}}""", 400, "reason");
        cases.Post(decide, "another-departments-step", "clerk", Verb("in-review", "decide"), """{"decision":"DECISION_APPROVE","departmentCode":"dept-social-affairs"}""", 403, "本部门的窗口人员作出决定");
        cases.Post(decide, "by-another-departments-clerk", "foreign-clerk", Verb("in-review", "decide"), """{"decision":"DECISION_APPROVE"}""", 403, "属于其他申请人");
        cases.Post(decide, "by-the-applicant", "citizen", Verb("in-review", "decide"), """{"decision":"DECISION_APPROVE"}""", 403, "本部门的窗口人员作出决定");

        const string issue = "ApprovalsService.IssueCertificate";
        cases.Post(issue, "not-approved", "clerk", Verb("in-review", "issue"), "{}", 409, "APPLICATION_STATUS_IN_REVIEW");
        cases.Post(issue, "twice", "clerk", Verb("issued", "issue"), "{}", 409, "APPLICATION_STATUS_ISSUED");
        cases.Post(issue, "by-the-applicant", "citizen", Verb("approved", "issue"), "{}", 403, "的窗口人员可以执行此操作");
        cases.Post(issue, "id-unknown", "clerk", Verb("unknown", "issue"), "{}", 404, "未找到");
        cases.Post(issue, "id-not-a-uuid", "clerk", $"{A}/{Uri.EscapeDataString("<script>")}:issue", "{}", 400, "id");

        const string evaluate = "ApprovalsService.EvaluateApplication";
        cases.Post(evaluate, "rating-zero", "citizen", Verb("issued", "evaluate"), """{"rating":0}""", 400, "rating");
        cases.Post(evaluate, "rating-six", "citizen", Verb("issued", "evaluate"), """{"rating":6}""", 400, "rating");
        cases.Post(evaluate, "rating-negative", "citizen", Verb("issued", "evaluate"), """{"rating":-1}""", 400, "rating");
        cases.Post(evaluate, "rating-as-words", "citizen", Verb("issued", "evaluate"), """{"rating":"five"}""", 400, "rating");
        cases.Post(evaluate, "rating-overflows-int32", "citizen", Verb("issued", "evaluate"), """{"rating":99999999999}""", 400, "rating");
        cases.Post(evaluate, "rating-fraction", "citizen", Verb("issued", "evaluate"), """{"rating":4.5}""", 400, "rating");
        cases.Post(evaluate, "comment-overlong", "citizen", Verb("issued", "evaluate"), $$"""{"rating":5,"comment":{{Str(new string('c', 501))}}}""", 400, "comment");
        cases.Post(evaluate, "still-in-review", "citizen", Verb("in-review", "evaluate"), """{"rating":5}""", 409, "APPLICATION_STATUS_IN_REVIEW");
        cases.Post(evaluate, "twice", "citizen", Verb("evaluated", "evaluate"), """{"rating":1}""", 409, "已评价");
        cases.Post(evaluate, "by-the-clerk", "clerk", Verb("issued", "evaluate"), """{"rating":5}""", 403, "只有申请人");
        cases.Post(evaluate, "by-another-citizen", "other-citizen", Verb("issued", "evaluate"), """{"rating":1}""", 403, "属于其他申请人");

        const string close = "ApprovalsService.CloseRectification";
        cases.Post(close, "no-rectification", "clerk", Verb("evaluated", "closeRectification"), """{"actionTaken":"nothing to do"}""", 409, "没有整改事项");
        cases.Post(close, "twice", "clerk", Verb("rectified", "closeRectification"), """{"actionTaken":"again"}""", 409, "整改事项已办结");
        cases.Post(close, "action-missing", "clerk", Verb("rectified", "closeRectification"), "{}", 400, "actionTaken");
        cases.Post(close, "action-overlong", "clerk", Verb("rectified", "closeRectification"), $$"""{"actionTaken":{{Str(new string('a', 1001))}}}""", 400, "actionTaken");
        cases.Post(close, "by-the-applicant", "citizen", Verb("rectified", "closeRectification"), """{"actionTaken":"I fixed it"}""", 403, "的窗口人员可以执行此操作");

        const string ledger = "ApprovalsService.GetClockLedger";
        cases.Get(ledger, "id-not-a-uuid", "citizen", $"{A}/nope/ledger", 400, "id");
        cases.Get(ledger, "id-unknown", "citizen", $"{A}/{{unknown}}/ledger", 404, "未找到");
        cases.Get(ledger, "another-citizens", "other-citizen", $"{A}/{{in-review}}/ledger", 403, "属于其他申请人");
        cases.Get(ledger, "by-a-deputy", "deputy", $"{A}/{{in-review}}/ledger", 403, "属于其他申请人");

        const string document = "ApprovalsService.GetApplicationDocument";
        const string notice = "documents/DOCUMENT_KIND_ACCEPTANCE_NOTICE";
        cases.Get(document, "id-not-a-uuid", "citizen", $"{A}/nope/{notice}", 400, "id");
        cases.Get(document, "id-unknown", "citizen", $"{A}/{{unknown}}/{notice}", 404, "未找到");
        cases.Get(document, "kind-unknown", "citizen", $"{A}/{{in-review}}/documents/DOCUMENT_KIND_PASSPORT", 400, "kind");
        cases.Get(document, "kind-unspecified", "citizen", $"{A}/{{in-review}}/documents/DOCUMENT_KIND_UNSPECIFIED", 400, "kind");
        cases.Get(document, "kind-path-traversal", "citizen", $"{A}/{{in-review}}/documents/..%2F..%2Fledger", 400, "kind");
        cases.Get(document, "unknown-parameter", "citizen", $"{A}/{{in-review}}/{notice}?format=docx", 400, "format");
        cases.Get(document, "not-issued-yet", "citizen", $"{A}/{{submitted}}/{notice}", 409, "APPLICATION_STATUS_SUBMITTED");
        cases.Get(document, "decision-before-deciding", "citizen", $"{A}/{{in-review}}/documents/DOCUMENT_KIND_DECISION", 409, "DOCUMENT_KIND_DECISION");
        cases.Get(document, "another-citizens", "other-citizen", $"{A}/{{in-review}}/{notice}", 403, "只有申请人");
        cases.Get(document, "another-departments-clerk", "foreign-clerk", $"{A}/{{in-review}}/{notice}", 403, "只有申请人");
        cases.Get(document, "by-a-city-admin", "city-admin", $"{A}/{{in-review}}/{notice}", 403, "只有申请人");
        cases.Add(document, "wrong-method-post", "citizen", HttpMethod.Post, $"{A}/{{in-review}}/{notice}", "{}", 405, null);

        const string verify = "ApprovalsService.GetDocumentVerification";
        const string V = "/api/approvals/v1/public/documents";
        cases.Get(verify, "code-too-short", "anonymous", $"{V}/ABC", 400, "code");
        cases.Get(verify, "code-overlong", "anonymous", $"{V}/{new string('A', 5000)}", 400, "code");
        cases.Get(verify, "code-with-letters-off-the-alphabet", "anonymous", $"{V}/IIII-LLLL-OOOO", 400, "code");
        cases.Get(verify, "code-sql", "anonymous", $"{V}/{Uri.EscapeDataString("' OR 1=1 --")}", 400, "code");
        cases.Read(verify, "unknown-code-is-not-valid", "anonymous", $"{V}/0000-0000-0000",
            answer => Assert.Equal("""{"valid":false}""", answer.GetRawText().Replace(" ", "", StringComparison.Ordinal)));
        cases.Get(verify, "unknown-parameter", "anonymous", $"{V}/0000-0000-0000?applicantId=x", 400, "applicantId");
        cases.Add(verify, "wrong-method-post", "anonymous", HttpMethod.Post, $"{V}/0000-0000-0000", "{}", 405, null);

        // ---- approvals: supervision, reports, notifications -------------------------------------------------------
        const string warnings = "ApprovalsService.ListWarnings";
        cases.Get(warnings, "level-unknown", "clerk", "/api/approvals/v1/warnings?level=PURPLE", 400, "level");
        cases.Get(warnings, "level-unknown-number", "clerk", "/api/approvals/v1/warnings?level=7", 400, "level");
        cases.Get(warnings, "page-size-negative", "clerk", "/api/approvals/v1/warnings?pageSize=-3", 400, "pageSize");
        cases.Get(warnings, "page-token-forged", "clerk", $"/api/approvals/v1/warnings?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Get(warnings, "another-department", "clerk", "/api/approvals/v1/warnings?departmentCode=dept-social-affairs", 403, "dept-market-supervision");
        cases.Get(warnings, "by-a-citizen", "citizen", "/api/approvals/v1/warnings", 403, "无权查看督办数据");
        cases.Get(warnings, "by-a-grid-worker", "grid", "/api/approvals/v1/warnings", 403, "无权查看督办数据");

        const string work = "ApprovalsService.ListWorkItems";
        const string W = "/api/approvals/v1/work-items";
        cases.Get(work, "by-a-citizen", "citizen", W, 403, "无权查看督办数据");
        cases.Get(work, "by-a-grid-worker", "grid", W, 403, "无权查看督办数据");
        cases.Get(work, "another-department", "clerk", $"{W}?departmentCode=dept-social-affairs", 403, "dept-market-supervision");
        cases.Get(work, "another-district", "district-admin", $"{W}?districtCode=district-02", 403, "district-01");
        cases.Get(work, "department-unknown", "city-admin", $"{W}?departmentCode=dept-of-nowhere", 400, "departmentCode");
        cases.Get(work, "status-unknown", "clerk", $"{W}?status=APPLICATION_STATUS_LOST", 400, "status");
        cases.Get(work, "kind-unknown-number", "clerk", $"{W}?kind=9", 400, "kind");
        cases.Get(work, "warning-level-unknown", "clerk", $"{W}?warningLevel=WARNING_LEVEL_PURPLE", 400, "warningLevel");
        cases.Get(work, "overdue-not-a-boolean", "clerk", $"{W}?overdue=perhaps", 400, "overdue");
        cases.Get(work, "to-date-not-a-date", "clerk", $"{W}?toDate=tomorrow", 400, "toDate");
        cases.Get(work, "year-three-thousand", "clerk", $"{W}?fromDate=3000-01-01", 400, "fromDate");
        cases.Get(work, "page-token-forged", "clerk", $"{W}?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Read(work, "sql-in-matter-is-harmless", "clerk", $"{W}?matterCode={Uri.EscapeDataString("x' OR '1'='1")}", Nothing("workItems"));

        const string report = "ApprovalsService.GetPerformanceReport";
        const string R = "/api/approvals/v1/reports/performance";
        cases.Get(report, "period-missing", "clerk", R, 400, "fromDate");
        cases.Get(report, "from-not-a-date", "clerk", $"{R}?fromDate=2026-13-45&toDate=2026-12-31", 400, "fromDate");
        cases.Get(report, "to-not-a-date", "clerk", $"{R}?fromDate=2026-01-01&toDate=tomorrow", 400, "toDate");
        cases.Get(report, "to-before-from", "clerk", $"{R}?fromDate=2026-06-01&toDate=2026-05-01", 400, "toDate");
        cases.Get(report, "period-over-a-year", "clerk", $"{R}?fromDate=2025-01-01&toDate=2026-06-01", 400, "toDate");
        cases.Get(report, "year-three-thousand", "clerk", $"{R}?fromDate=3000-01-01&toDate=3000-01-02", 400, "fromDate");
        cases.Get(report, "sql-in-from", "clerk", $"{R}?fromDate={Uri.EscapeDataString("2026-01-01' OR 1=1 --")}&toDate=2026-01-02", 400, "fromDate");
        cases.Get(report, "department-unknown", "city-admin", $"{R}?fromDate=2026-01-01&toDate=2026-01-31&departmentCode=dept-of-nowhere", 400, "departmentCode");
        cases.Get(report, "district-unknown", "city-admin", $"{R}?fromDate=2026-01-01&toDate=2026-01-31&districtCode=district-99", 400, "districtCode");
        cases.Get(report, "another-department", "clerk", $"{R}?fromDate=2026-01-01&toDate=2026-01-31&departmentCode=dept-social-affairs", 403, "dept-market-supervision");
        cases.Get(report, "another-district", "district-admin", $"{R}?fromDate=2026-01-01&toDate=2026-01-31&districtCode=district-02", 403, "district-01");
        cases.Get(report, "by-a-citizen", "citizen", $"{R}?fromDate=2026-01-01&toDate=2026-01-31", 403, "无权查看督办数据");

        const string notifications = "NotificationsService.ListNotifications";
        const string N = "/api/approvals/v1/notifications";
        cases.Get(notifications, "a-citizens-by-a-clerk", "clerk", $"{N}?citizenId=citizen-home", 403, "发给本人");
        cases.Get(notifications, "a-citizens-by-a-deputy", "deputy", $"{N}?citizenId=citizen-home", 403, "发给本人");
        cases.Get(notifications, "another-citizens", "citizen", $"{N}?citizenId=citizen-stranger", 403, "发给本人");
        cases.Get(notifications, "page-token-forged", "citizen", $"{N}?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Get(notifications, "page-size-negative", "citizen", $"{N}?pageSize=-20", 400, "pageSize");
        cases.Get(notifications, "page-size-overflows-int32", "citizen", $"{N}?pageSize=99999999999", 400, "pageSize");

        const string kinds = "NotificationsService.ListNotificationKinds";
        cases.Get(kinds, "page-token-forged", "citizen", $"/api/approvals/v1/notification-kinds?pageToken={PageTokenForged}", 400, "pageToken");
        cases.Get(kinds, "unknown-filter", "citizen", "/api/approvals/v1/notification-kinds?service=approvals", 400, "service");

        const string getPreferences = "NotificationsService.GetNotificationPreferences";
        const string P = "/api/approvals/v1/notification-preferences";
        cases.Get(getPreferences, "another-citizens", "citizen", $"{P}/citizen-stranger", 403, "发给本人");
        cases.Get(getPreferences, "a-citizens-by-a-clerk", "clerk", $"{P}/citizen-home", 403, "发给本人");

        const string update = "NotificationsService.UpdateNotificationPreferences";
        var own = $"{P}/citizen-corpus"; // the corpus citizen
        void UpdatePreferences(string name, string actor, string path, string body, int status, string cause) =>
            cases.Add(update, name, actor, HttpMethod.Put, path, body, status, cause);
        UpdatePreferences("another-citizens", "citizen", $"{P}/citizen-stranger", "{}", 403, "本人的通知偏好");
        UpdatePreferences("by-a-city-admin", "city-admin", own, "{}", 403, "本人的通知偏好");
        UpdatePreferences("statutory-switched-off", "citizen", own,
            """{"kinds":[{"kind":"APPLICATION_DECIDED","channel":"NOTIFICATION_CHANNEL_SMS","enabled":false}]}""", 400, "kinds[0].enabled");
        UpdatePreferences("unknown-kind", "citizen", own, """{"kinds":[{"kind":"LOTTERY_WON","channel":"NOTIFICATION_CHANNEL_SMS","enabled":true}]}""", 400, "kinds[0].kind");
        UpdatePreferences("kind-twice", "citizen", own, """{"kinds":[{"kind":"CERTIFICATE_ISSUED","channel":"NOTIFICATION_CHANNEL_SMS","enabled":true},{"kind":"CERTIFICATE_ISSUED","channel":"NOTIFICATION_CHANNEL_EMAIL","enabled":true}]}""", 400, "kinds[1].kind");
        UpdatePreferences("channel-unspecified", "citizen", own, """{"kinds":[{"kind":"CERTIFICATE_ISSUED","enabled":true}]}""", 400, "kinds[0].channel");
        UpdatePreferences("quiet-hours-half-given", "citizen", own,
            """{"kinds":[{"kind":"CERTIFICATE_ISSUED","channel":"NOTIFICATION_CHANNEL_SMS","enabled":true,"quietFrom":"22:00"}]}""", 400, "kinds[0].quietUntil");
        UpdatePreferences("quiet-hours-not-a-time", "citizen", own,
            """{"kinds":[{"kind":"CERTIFICATE_ISSUED","channel":"NOTIFICATION_CHANNEL_SMS","enabled":true,"quietFrom":"25:00","quietUntil":"7"}]}""", 400, "kinds[0].quietFrom");
        UpdatePreferences("language-unknown", "citizen", own, """{"language":"fr"}""", 400, "language");
        UpdatePreferences("body-repeats-the-path", "citizen", own, """{"citizenId":"citizen-home"}""", 400, "citizenId");
    }
}
