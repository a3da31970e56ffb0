using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Api;
using Longgang.Approvals.Data;
using Longgang.Governance.Data;
using Longgang.Livelihood.Data;
using Longgang.Platform;
using Longgang.Platform.Security;
using Longgang.Talent.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Gateway.Tests;

// What the bad-input corpus, the authorization matrix and the soak share: a platform of their own whose rate limit
// stays out of the way, callers with tokens, raw requests, a way to build applications in any state through the
// gateway, and a read-only look at every table of the four services' SQLite databases.

/// <summary>
/// An embedded platform for one suite: its own data folder (so a database snapshot sees only that suite's requests)
/// and a rate limit high enough never to answer 429 to a suite that sends a few hundred requests from one caller.
/// </summary>
public class IsolatedPlatformFixture : PlatformFixture
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Gateway:MaxRequestBodyBytes"] = "65536",
        // uploads above this are refused: small, so that the corpus's oversized file is cheap to send
        ["Files:MaxBytes"] = "131072",
        ["Gateway:RateLimit:PermitLimit"] = "1000000",
        ["Gateway:RateLimit:WindowSeconds"] = "1",
        // a heartbeat lands on its own timer, which a before/after snapshot would take for a change the request made:
        // the one each service sends at start is all the dashboards here need
        ["Messaging:HeartbeatInterval"] = "1.00:00:00",
    };

    /// <summary>
    /// What no response may show a caller: where the gateway finds the services, and the folder the databases are in.
    /// </summary>
    public IReadOnlyList<string> InternalAddresses => [.. ProblemAssert.DownstreamAddresses(Platform.GatewayServices), DataDirectory];

    /// <summary>When the platform has finished what earlier requests set off (see <see cref="Quiescence"/>).</summary>
    internal Quiescence Quiet { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Quiet = new Quiescence(Platform.Services);
    }

    public override async ValueTask DisposeAsync()
    {
        Quiet?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Every table of the four databases once the platform is quiet.</summary>
    internal Task<DatabaseSnapshot> QuietSnapshotAsync(TimeSpan? timeout = null) => Quiet.SnapshotAsync(DataDirectory, timeout);

    public string DataDirectory =>
        Platform.Services.GetRequiredService<IConfiguration>()["Storage:DataDirectory"]
        ?? throw new InvalidOperationException("The platform has no Storage:DataDirectory.");

    /// <summary>A client whose every request carries a token for this role, district, department and subject.</summary>
    public HttpClient Client(string role, string? district = null, string? department = null, string? subject = null) =>
        WithToken(Platform.IssueToken(role, district, department, subject));

    public HttpClient WithToken(string? token)
    {
        var client = new HttpClient { BaseAddress = Platform.GatewayHttpAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A token signed with this platform's key whose role claim is empty: valid for the gateway, nobody to the services.</summary>
    public string RoleLessToken()
    {
        var settings = JwtSettings.From(Platform.GatewayServices.GetRequiredService<IConfiguration>());
        return settings.IssueToken("nobody-1", "", null, null, Now, TimeSpan.FromHours(1));
    }

    /// <summary>A token the gateway must refuse: expired an hour ago, or signed with a key that is not this platform's.</summary>
    public string ForgedToken(bool expired)
    {
        var settings = JwtSettings.From(Platform.GatewayServices.GetRequiredService<IConfiguration>());
        if (!expired) settings = settings with { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)) };
        var now = Now;
        return settings.IssueToken("citizen-forged", PlatformRoles.Citizen, null, null,
            expired ? now.AddHours(-2) : now, TimeSpan.FromHours(1));
    }
}

/// <summary>A request as sent on the wire: any method, path and body, including ones no well-behaved client would send.</summary>
internal sealed record RawRequest(HttpMethod Method, string Path, string? Body = null, string? ContentType = "application/json",
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (ContentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            message.Content = content;
        }
        foreach (var (name, value) in Headers ?? new Dictionary<string, string>())
            message.Headers.TryAddWithoutValidation(name, value);
        return message;
    }
}

/// <summary>What came back: status, media type and the body as text.</summary>
internal sealed record RawResponse(int Status, string? MediaType, string Body, HttpResponseHeaders Headers)
{
    public static async Task<RawResponse> SendAsync(HttpClient client, RawRequest request)
    {
        using var message = request.ToMessage();
        using var response = await client.SendAsync(message);
        return new RawResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync(), response.Headers);
    }

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();

    public override string ToString() => $"{Status} {MediaType}: {(Body.Length > 600 ? Body[..600] + "…" : Body)}";
}

internal static partial class Problems
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>
    /// The problem's <c>title</c> and <c>detail</c> are written in Chinese (each holds Chinese characters), or, for a
    /// request that asked for English, hold none. Characters the request itself carried (a holiday named 元旦 quoted
    /// back) do not count either way: they say nothing about the language the service wrote in.
    /// </summary>
    public static void AssertLanguage(RawResponse response, bool chinese, RawRequest request)
    {
        Assert.True(response.MediaType == ProblemJson, $"not a problem body: {response}");
        var problem = response.Json();
        var echoed = (request.Body ?? "") + Uri.UnescapeDataString(request.Path);
        foreach (var member in new[] { "title", "detail" })
        {
            var text = string.Concat((problem.TryGetProperty(member, out var value) ? value.GetString() ?? "" : "").Where(c => !echoed.Contains(c)));
            Assert.True(Han().IsMatch(text) == chinese,
                $"the {member} should {(chinese ? "" : "not ")}be in Chinese{(chinese ? "" : " with Accept-Language: en")}: {response}");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial System.Text.RegularExpressions.Regex Han();

    /// <summary>
    /// An RFC 9457 problem with the response's status that names its cause: for a 400 the field (a key of
    /// <c>errors</c>, or a key of it starting with the field, e.g. <c>materials[0]</c>); otherwise a title, and the
    /// given text in the detail when one is expected.
    /// </summary>
    public static void AssertNamesCause(RawResponse response, string? cause)
    {
        Assert.True(response.MediaType == ProblemJson, $"not a problem body: {response}");
        var problem = response.Json();
        Assert.True(problem.TryGetProperty("status", out var status) && status.GetInt32() == response.Status,
            $"the problem's status differs from the response's: {response}");
        Assert.True(problem.TryGetProperty("title", out var title) && !string.IsNullOrWhiteSpace(title.GetString()),
            $"the problem has no title: {response}");
        if (cause is null) return;
        if (response.Status == 400)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(e =>
                    e.Name == cause || e.Name.StartsWith(cause + "[", StringComparison.Ordinal) || e.Name.StartsWith(cause + ".", StringComparison.Ordinal)),
                $"errors does not name '{cause}': {response}");
        }
        else
        {
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
            Assert.True(detail.Contains(cause, StringComparison.OrdinalIgnoreCase), $"the detail does not name '{cause}': {response}");
        }
    }
}

/// <summary>
/// Row counts and contents of every table of the four services' SQLite databases, read through read-only
/// connections. Two snapshots are equal when no row was inserted, deleted or changed, except in the delivery
/// bookkeeping the background jobs keep on rows written earlier: the outbox relay marks messages sent (and counts
/// attempts), the notification dispatcher marks notifications delivered (and reschedules failures). Those columns are
/// left out of <see cref="Differences"/>; a request cannot have caused a change there without also inserting the row.
/// <c>audit_log</c> is compared separately (<see cref="NewAuditEntries"/>): by design a refused state-changing call
/// appends its own entry recording the refusal.
/// </summary>
internal sealed class DatabaseSnapshot
{
    public const string AuditTable = "audit_log";
    public static readonly string[] Services = ["approvals", "governance", "talent", "livelihood"];

    /// <summary>Columns the relay and the dispatcher update on their own schedule (compared without case or underscores).</summary>
    private static readonly Dictionary<string, string[]> Bookkeeping = new(StringComparer.OrdinalIgnoreCase)
    {
        ["outbox_messages"] = ["sentat", "attempts", "lasterror"],
        ["notifications"] = ["deliveredat", "nextattemptat", "attempts", "lasterror", "status", "receipt", "indigest"],
    };

    private readonly string _directory;

    private DatabaseSnapshot(string directory, Dictionary<string, TableState> tables, long unsentOutbox)
    {
        _directory = directory;
        Tables = tables;
        UnsentOutbox = unsentOutbox;
    }

    /// <summary>Keyed "service.table".</summary>
    public IReadOnlyDictionary<string, TableState> Tables { get; }

    /// <summary>Outbox rows the relay has not published yet, in all four databases.</summary>
    public long UnsentOutbox { get; }

    public sealed record TableState(long Rows, string Content, string Bookkeeping, long MaxRowId);

    public static DatabaseSnapshot Take(string directory)
    {
        var tables = new Dictionary<string, TableState>(StringComparer.Ordinal);
        long unsent = 0;
        foreach (var service in Services)
        {
            var path = Path.Combine(directory, service + ".db");
            Assert.True(File.Exists(path), $"no database {path}");
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString());
            connection.Open();
            // one read transaction: every table as of the same instant
            using var transaction = connection.BeginTransaction(deferred: true);
            foreach (var table in TableNames(connection, transaction))
            {
                tables[$"{service}.{table}"] = ReadTable(connection, transaction, table);
                if (table == "outbox_messages") unsent += Scalar(connection, transaction, """SELECT COUNT(*) FROM "outbox_messages" WHERE "SentAt" IS NULL""");
            }
        }
        return new DatabaseSnapshot(directory, tables, unsent);
    }

    /// <summary>Every table that differs from <paramref name="other"/> (audit_log aside), with counts, as readable lines.</summary>
    public IEnumerable<string> Differences(DatabaseSnapshot other, bool includeBookkeeping = false)
    {
        foreach (var name in Tables.Keys.Union(other.Tables.Keys).Order(StringComparer.Ordinal))
        {
            if (name.EndsWith("." + AuditTable, StringComparison.Ordinal)) continue;
            if (!Tables.TryGetValue(name, out var mine)) { yield return $"{name} disappeared"; continue; }
            if (!other.Tables.TryGetValue(name, out var theirs)) { yield return $"{name} appeared"; continue; }
            if (mine.Rows != theirs.Rows) yield return $"{name}: {theirs.Rows} → {mine.Rows} rows";
            else if (mine.Content != theirs.Content) yield return $"{name}: rows changed";
            else if (includeBookkeeping && mine.Bookkeeping != theirs.Bookkeeping) yield return $"{name}: delivery bookkeeping changed";
        }
    }

    /// <summary>Row-count changes per table since <paramref name="before"/> (audit_log included), e.g. "approvals.applications" → +1.</summary>
    public IReadOnlyDictionary<string, long> RowDeltas(DatabaseSnapshot before) =>
        Tables.Where(t => !before.Tables.TryGetValue(t.Key, out var b) || b.Rows != t.Value.Rows)
            .ToDictionary(t => t.Key, t => t.Value.Rows - (before.Tables.TryGetValue(t.Key, out var b) ? b.Rows : 0));

    /// <summary>The audit entries appended since <paramref name="before"/>: (service, method, outcome).</summary>
    public IReadOnlyList<(string Service, string Method, string Outcome)> NewAuditEntries(DatabaseSnapshot before)
    {
        var entries = new List<(string, string, string)>();
        foreach (var service in Services)
        {
            var key = $"{service}.{AuditTable}";
            if (!Tables.TryGetValue(key, out var now) || !before.Tables.TryGetValue(key, out var then) || now.MaxRowId == then.MaxRowId) continue;
            using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, service + ".db")};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT "Method", "Outcome" FROM "{AuditTable}" WHERE rowid > $after AND rowid <= $upto ORDER BY rowid""";
            command.Parameters.AddWithValue("$after", then.MaxRowId);
            command.Parameters.AddWithValue("$upto", now.MaxRowId);
            using var reader = command.ExecuteReader();
            while (reader.Read()) entries.Add((service, reader.GetString(0), reader.GetString(1)));
        }
        return entries;
    }

    private static List<string> TableNames(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    private static TableState ReadTable(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""SELECT rowid AS "__rowid", * FROM "{table}" ORDER BY rowid""";
        using var reader = command.ExecuteReader();
        var bookkeeping = Bookkeeping.GetValueOrDefault(table) ?? [];
        var isBookkeeping = Enumerable.Range(0, reader.FieldCount)
            .Select(i => bookkeeping.Contains(reader.GetName(i).Replace("_", "", StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase))
            .ToArray();
        using var content = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var kept = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0, maxRowId = 0;
        while (reader.Read())
        {
            rows++;
            maxRowId = Math.Max(maxRowId, reader.GetInt64(0));
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? "\u2400" : reader.GetValue(i) switch
                {
                    byte[] bytes => Convert.ToBase64String(bytes),
                    IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    var other => other.ToString() ?? "",
                };
                (isBookkeeping[i] ? kept : content).AppendData(Encoding.UTF8.GetBytes(value + "\u241f"));
            }
            content.AppendData("\u241e"u8);
        }
        return new TableState(rows, Convert.ToHexString(content.GetHashAndReset()), Convert.ToHexString(kept.GetHashAndReset()), maxRowId);
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// SQLite ignores a column's declared length; PostgreSQL, where the platform runs in production, refuses a longer value
/// and the request fails with a 500. This finds every stored text longer than its column in the services' EF models,
/// so a test on the embedded platform notices what would break on PostgreSQL.
/// </summary>
internal static class SchemaFit
{
    /// <summary>Each service's database and its DbContext.</summary>
    public static readonly (string Service, Type Context)[] Contexts =
    [
        ("approvals", typeof(ApprovalsDbContext)), ("governance", typeof(GovernanceDbContext)),
        ("talent", typeof(TalentDbContext)), ("livelihood", typeof(LivelihoodDbContext)),
    ];

    /// <summary>"service.table.column: n values longer than max", one line per column that has any.</summary>
    public static IReadOnlyList<string> Violations(IServiceProvider services, string dataDirectory)
    {
        var violations = new List<string>();
        using var scope = services.CreateScope();
        foreach (var (service, contextType) in Contexts)
        {
            var model = ((DbContext)scope.ServiceProvider.GetRequiredService(contextType)).Model;
            using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, service + ".db")};Mode=ReadOnly;Pooling=False");
            connection.Open();
            foreach (var entity in model.GetEntityTypes())
            {
                if (entity.GetTableName() is not { } table) continue;
                var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
                foreach (var property in entity.GetProperties())
                {
                    if (property.ClrType != typeof(string) || property.GetMaxLength() is not { } max || property.GetColumnName(store) is not { } column) continue;
                    using var command = connection.CreateCommand();
                    command.CommandText = $"""SELECT COUNT(*) FROM "{table}" WHERE length("{column}") > {max}""";
                    var count = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
                    if (count > 0) violations.Add($"{service}.{table}.{column}: {count} values longer than {max}");
                }
            }
        }
        return violations;
    }
}

/// <summary>
/// Every REST route of the four services: the transcoded ones, from the <c>google.api.http</c> options of their protos,
/// and the plain endpoints each service maps next to them (the audit log), which no proto describes.
/// </summary>
internal static class PublicRoutes
{
    /// <summary>The services that publish open data (docs/open-data.md).</summary>
    public static readonly string[] OpenDataServices = ["approvals", "livelihood"];

    /// <summary>The REST routes no proto describes, named "Service.Endpoint" like the transcoded ones.</summary>
    public static IReadOnlyList<Route> Plain { get; } = DownstreamServices.Catalogue
        .Select(entry => new Route($"{entry.Name}.AuditLog", "GET", $"/api/{entry.Name}/v1/audit"))
        .Concat(OpenDataServices.Select(service => new Route($"{service}.OpenData", "GET", Longgang.Platform.Api.OpenData.OpenDataFiles.Route(service))))
        .Concat(FileOperations.Routes.SelectMany(file => new[]
        {
            new Route($"{file.Tag}.{file.Upload}", "POST", file.Files),
            new Route($"{file.Tag}.{file.Download}", "GET", file.Files + "/{id}"),
        }))
        // the gateway's own composition of a citizen's data (MyDataComposition.cs)
        .Append(new Route("MyData.GetMyData", "GET", MyDataComposition.Path))
        .Append(new Route("MyData.DownloadMyData", "GET", MyDataComposition.DownloadPath))
        .ToArray();

    public static IReadOnlyList<Route> Everything => [.. All, .. Plain];

    public sealed record Route(string Rpc, string Method, string Template);

    /// <summary>Keyed "Service.Method" (e.g. "ApprovalsService.SubmitApplication").</summary>
    public static IReadOnlyList<Route> All { get; } = DownstreamServices.Catalogue
        .SelectMany(entry => entry.Proto.Services)
        .SelectMany(service => service.Methods.Select(method => (service, method, rule: method.GetOptions()?.GetExtension(AnnotationsExtensions.Http))))
        .Where(m => m.rule is not null)
        .Select(m => m.rule!.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => new Route($"{m.service.Name}.{m.method.Name}", "GET", m.rule.Get),
            HttpRule.PatternOneofCase.Post => new Route($"{m.service.Name}.{m.method.Name}", "POST", m.rule.Post),
            HttpRule.PatternOneofCase.Put => new Route($"{m.service.Name}.{m.method.Name}", "PUT", m.rule.Put),
            HttpRule.PatternOneofCase.Delete => new Route($"{m.service.Name}.{m.method.Name}", "DELETE", m.rule.Delete),
            HttpRule.PatternOneofCase.Patch => new Route($"{m.service.Name}.{m.method.Name}", "PATCH", m.rule.Patch),
            _ => new Route($"{m.service.Name}.{m.method.Name}", m.rule.Custom.Kind, m.rule.Custom.Path),
        })
        .ToArray();

    /// <summary>The service a route belongs to, from its path ("/api/{service}/v1/..."); "gateway" for paths no service owns.</summary>
    public static string ServiceOf(string rpc) =>
        rpc == "gateway" || Get(rpc).Template.StartsWith("/api/v1/", StringComparison.Ordinal) ? "gateway" : Get(rpc).Template.Split('/')[2];

    /// <summary>"total (service n, ...)": how many of <paramref name="rpcs"/> each service has, in the catalogue's order.</summary>
    public static string CountPerService(IEnumerable<string> rpcs)
    {
        var counts = rpcs.GroupBy(ServiceOf).ToDictionary(g => g.Key, g => g.Count());
        var order = DatabaseSnapshot.Services.Append("gateway").Where(counts.ContainsKey);
        return $"{counts.Values.Sum()} ({string.Join(", ", order.Select(service => $"{service} {counts[service]}"))})";
    }

    public static Route Get(string rpc) => Everything.SingleOrDefault(r => r.Rpc == rpc)
        ?? throw new InvalidOperationException($"No REST route for {rpc}; routes are {string.Join(", ", All.Select(r => r.Rpc))}.");

    /// <summary>Whether a concrete path (query aside) fits the route's template: each {variable} one non-empty segment.</summary>
    public static bool Fits(Route route, string path)
    {
        var bare = path.Split('?')[0];
        var pattern = "^" + System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Escape(route.Template),
            @"\\\{[^}]+}", "[^/]+") + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(bare, pattern);
    }
}

/// <summary>
/// One side of the city for building resources: a citizen, the grid worker who submits for them in their district,
/// a clerk of the department that leads the matter, and the texts that mark what belongs to this side.
/// </summary>
internal sealed record World(
    string Name, string District, string Grid, string Department, string Matter, string[] Materials,
    string CitizenId, string GridWorkerId, string ClerkId, string Marker)
{
    public string ApplicantName => $"{Marker} applicant";
}

/// <summary>Builds applications in every state of the lifecycle through the gateway, as their real actors would.</summary>
internal sealed class ApplicationFactory(IsolatedPlatformFixture fixture, World world)
{
    public const string Applications = "/api/approvals/v1/applications";

    public HttpClient Citizen { get; } = fixture.Client(PlatformRoles.Citizen, subject: world.CitizenId);
    public HttpClient GridWorker { get; } = fixture.Client(PlatformRoles.GridWorker, world.District, subject: world.GridWorkerId);
    public HttpClient Clerk { get; } = fixture.Client(PlatformRoles.Clerk, department: world.Department, subject: world.ClerkId);

    /// <summary>
    /// Submitted by the world's grid worker for its citizen, with every required material (or only the first), whose
    /// originals the world's clerk has seen at the counter (named through a grid worker they are only declared).
    /// </summary>
    public async Task<string> SubmittedAsync(bool complete = true)
    {
        var created = await ExpectOkAsync(GridWorker, HttpMethod.Post, Applications, new
        {
            matterCode = world.Matter,
            applicantId = world.CitizenId,
            applicantName = world.ApplicantName,
            channel = "CHANNEL_GRID_WORKER",
            districtCode = world.District,
            materials = complete ? world.Materials : world.Materials.Take(1).ToArray(),
        });
        var id = created.GetProperty("id").GetString()!;
        await ConfirmOriginalsAsync(Clerk, id, complete ? world.Materials : world.Materials.Take(1));
        return id;
    }

    /// <summary>A clerk of a handling department confirms having seen each material's original.</summary>
    public static async Task ConfirmOriginalsAsync(HttpClient clerk, string id, IEnumerable<string> materials)
    {
        foreach (var material in materials) await ExpectOkAsync(clerk, HttpMethod.Post, $"{Applications}/{id}:confirmOriginal", new { material });
    }

    /// <summary>A small PDF (as far as the services' sniffing goes) uploaded to a file route; returns the file's id.</summary>
    public static async Task<string> UploadAsync(HttpClient uploader, string filesPath)
    {
        var response = await RawResponse.SendAsync(uploader, new RawRequest(HttpMethod.Post, filesPath, SmallPdf, "application/pdf"));
        Assert.True(response.Status == 200, $"setup upload to {filesPath} failed: {response}");
        return response.Json().GetProperty("id").GetString()!;
    }

    public const string SmallPdf = "%PDF-1.4\n% a scanned page\n%%EOF\n";

    public async Task<string> InStateAsync(string state)
    {
        switch (state)
        {
            case "SUBMITTED": return await SubmittedAsync();
            case "SUBMITTED_INCOMPLETE": return await SubmittedAsync(complete: false);
            case "CORRECTION_REQUESTED": return await StepAsync(await SubmittedAsync(complete: false), Clerk, "requestCorrection", new { });
            case "NOT_ACCEPTED": return await StepAsync(await SubmittedAsync(), Clerk, "notAccept", new { reason = $"{world.Marker}: outside our remit" });
            case "IN_REVIEW": return await StepAsync(await SubmittedAsync(), Clerk, "accept", new { });
            case "EXTENDED": return await StepAsync(await InStateAsync("IN_REVIEW"), Clerk, "extend", new { reason = "an expert opinion is needed" });
            case "SUSPENDED":
                return await StepAsync(await InStateAsync("IN_REVIEW"), Clerk, "suspend", new { kind = "SUSPENSION_KIND_INSPECTION", reason = "site inspection" });
            case "APPROVED": return await StepAsync(await InStateAsync("IN_REVIEW"), Clerk, "decide", new { decision = "DECISION_APPROVE" });
            case "ISSUED": return await StepAsync(await InStateAsync("APPROVED"), Clerk, "issue", new { });
            case "EVALUATED": return await StepAsync(await InStateAsync("ISSUED"), Citizen, "evaluate", new { rating = 5 });
            case "RECTIFICATION_OPEN": return await StepAsync(await InStateAsync("ISSUED"), Citizen, "evaluate", new { rating = 1, comment = "slow" });
            case "RECTIFICATION_CLOSED":
                return await StepAsync(await InStateAsync("RECTIFICATION_OPEN"), Clerk, "closeRectification", new { actionTaken = "the counter was retrained" });
            default: throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }
    }

    public static async Task<string> StepAsync(string id, HttpClient actor, string verb, object body)
    {
        await ExpectOkAsync(actor, HttpMethod.Post, $"{Applications}/{id}:{verb}", body);
        return id;
    }

    public static async Task<JsonElement> ExpectOkAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        var response = await RawResponse.SendAsync(client, new RawRequest(method, path, body is null ? null : JsonSerializer.Serialize(body)));
        Assert.True(response.Status == 200, $"setup {method} {path} failed: {response}");
        return response.Json();
    }
}
