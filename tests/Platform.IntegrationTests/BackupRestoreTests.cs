using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Longgang.Approvals;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform.Calendar;
using Longgang.Platform.Events.V1;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;
using Longgang.Platform.Security;
using Longgang.Platform.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// The documented backup and restore: <c>pg_dump</c> of a service's database with data in every table, restored with
/// <c>pg_restore</c> into a fresh PostgreSQL server, and the service started on it answers with the old data.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private const string Database = "approvals";
    private const string DumpFile = "/tmp/approvals.dump";
    private const string LeadDepartment = "dept-housing-construction";
    private static readonly JwtSettings Jwt = new("backup-tests", "longgang-api", new string('b', 48));

    private PostgreSqlContainer _source = null!;
    private PostgreSqlContainer _target = null!;
    private string? _unavailable;

    public async ValueTask InitializeAsync()
    {
        try
        {
            _source = ServerContainers.Postgres().Build();
            _target = ServerContainers.Postgres().Build();
            await Task.WhenAll(_source.StartAsync(), _target.StartAsync());
        }
        catch (Exception ex)
        {
            _unavailable = ex.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_unavailable is null) await Task.WhenAll(_source.DisposeAsync().AsTask(), _target.DisposeAsync().AsTask());
    }

    [Fact]
    public async Task A_dump_restored_into_a_fresh_server_serves_the_old_data()
    {
        if (_unavailable is not null)
        {
            if (Environment.GetEnvironmentVariable("PLATFORM_REQUIRE_DOCKER") == "1")
                throw new InvalidOperationException($"PLATFORM_REQUIRE_DOCKER=1 but PostgreSQL could not start: {_unavailable}");
            Assert.Skip($"No Docker engine answered: {_unavailable}");
        }

        // data in every table: a submission through the API (application, outbox, audit), and the rows other flows
        // write (a consumed message, a citizen notification, a published calendar year, an SLA warning) written directly
        string applicationId;
        var app = await StartApprovalsAsync(_source);
        await using (app)
        {
            using var client = Client(app, PlatformRoles.Citizen, "citizen-backup-1");
            // a joint matter: accepting it opens a review step per department
            using var submitted = await client.PostAsJsonAsync("/api/approvals/v1/applications", new
            {
                matterCode = "HC-001", applicantName = "Chen Jing", channel = "CHANNEL_SERVICE_HALL", districtCode = "district-06",
                materials = new[] { "application form", "land use certificate", "planning permit", "construction drawings review", "contractor contract" },
            });
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            using var body = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync());
            applicationId = body.RootElement.GetProperty("id").GetString()!;
            using var clerk = Client(app, PlatformRoles.Clerk, "clerk-backup-1", LeadDepartment);
            using var accepted = await clerk.PostAsJsonAsync($"/api/approvals/v1/applications/{applicationId}:accept", new { });
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            // the clerk's read of the application (it shows the resident ID) is a row of the read log
            using var read = await clerk.GetAsync($"/api/approvals/v1/applications/{applicationId}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            // a printed notice (its verification code) and a scan attached to a material (a file stored in chunks)
            using var notice = await client.GetAsync($"/api/approvals/v1/applications/{applicationId}/documents/DOCUMENT_KIND_ACCEPTANCE_NOTICE");
            Assert.Equal(HttpStatusCode.OK, notice.StatusCode);
            using var scan = new ByteArrayContent("%PDF-1.4\n% a scanned page\n%%EOF\n"u8.ToArray());
            scan.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            using var uploaded = await client.PostAsync($"/api/approvals/v1/applications/{applicationId}/files?material=application%20form", scan);
            Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>();
            var now = DateTimeOffset.UtcNow;
            db.InboxMessages.Add(new InboxMessage { MessageId = Guid.NewGuid(), Consumer = "backup-test", ProcessedAt = now });
            db.Notifications.Add(CitizenNotificationRecord.From(new CitizenNotification("citizen-backup-1", "Received", "Your application was received."), now));
            db.NotificationPreferences.Add(NotificationPreferenceRecord.From(new NotificationPreferencesChanged("citizen-backup-1", "en",
                [new NotificationKindPreference(NotificationKinds.CertificateIssued, "SMS", true, "22:00", "07:00", false)], now)));
            if (!db.CalendarYears.Any(y => y.Year == 2026))
                db.CalendarYears.Add(new CalendarYearRecord { Year = 2026, Arrangement = ShippedYear(2026), Origin = CalendarYearRecord.FromApi, PublishedAt = now });
            db.SlaWarnings.Add(SlaWarning.Raise(Guid.Parse(applicationId), "HC-001", null,
                new SlaClock(WarningScope.Application, ReferenceData.Departments[0].Code, DateOnly.FromDateTime(now.UtcDateTime), 21, 20),
                WarningLevel.Red, now));
            await db.SaveChangesAsync();
            await app.StopAsync();
        }

        var before = await RowCountsAsync(_source);
        Assert.All(before, table => Assert.True(table.Value > 0, $"table {table.Key} is empty: give it a row, so the test covers it"));

        // the backup, as the chart's CronJob takes it, and the restore, as docs/operations.md describes it
        await ExecAsync(_source, $"pg_dump --format=custom --file={DumpFile} {Database}");
        await _target.CopyAsync(await _source.ReadFileAsync(DumpFile), DumpFile);
        await ExecAsync(_target, $"createdb {Database} && pg_restore --no-owner --exit-on-error --dbname={Database} {DumpFile}");

        Assert.Equal(before, await RowCountsAsync(_target));
        var restored = await StartApprovalsAsync(_target);
        await using (restored)
        {
            using var citizen = Client(restored, PlatformRoles.Citizen, "citizen-backup-1");
            using var application = await citizen.GetAsync($"/api/approvals/v1/applications/{applicationId}");
            Assert.Equal(HttpStatusCode.OK, application.StatusCode);
            Assert.Contains("Chen Jing", await application.Content.ReadAsStringAsync());

            using var admin = Client(restored, PlatformRoles.CityAdmin, "city-admin-1");
            using var warnings = await admin.GetAsync("/api/approvals/v1/warnings");
            Assert.Equal(HttpStatusCode.OK, warnings.StatusCode);
            Assert.Contains(applicationId, await warnings.Content.ReadAsStringAsync());
            await restored.StopAsync();
        }
    }

    /// <summary>A published year as the API stores it: the shipped file of that year.</summary>
    private static string ShippedYear(int year)
    {
        using var stream = typeof(CalendarYear).Assembly.GetManifestResourceStream($"Longgang.Platform.Calendar.Data.{year}.json")!;
        return new StreamReader(stream).ReadToEnd();
    }

    private static async Task ExecAsync(PostgreSqlContainer server, string command)
    {
        // over TCP with the password, as a backup job reaches the server
        var result = await server.ExecAsync(["sh", "-c", $"PGPASSWORD=postgres PGHOST=127.0.0.1 PGUSER=postgres {command}"]);
        Assert.True(result.ExitCode == 0, $"{command}: {result.Stderr}");
    }

    private static string ConnectionString(PostgreSqlContainer server) =>
        new NpgsqlConnectionStringBuilder(server.GetConnectionString()) { Database = Database }.ConnectionString;

    /// <summary>Rows per table of the service's database, every schema but the system's.</summary>
    private static async Task<SortedDictionary<string, long>> RowCountsAsync(PostgreSqlContainer server)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(server));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables " +
            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }

    private static async Task<WebApplication> StartApprovalsAsync(PostgreSqlContainer server)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        { EnvironmentName = RealServers.HostEnvironment, ApplicationName = "Longgang.approvals", Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = Jwt.Issuer,
            ["Auth:Audience"] = Jwt.Audience,
            ["Auth:SigningKey"] = Jwt.SigningKey,
            [$"ConnectionStrings:{Database}"] = ConnectionString(server),
            ["Calendar:WarnFrom"] = "never",
        });
        RealServers.ListenOnEphemeralPorts(builder);
        builder.AddServiceDefaults();
        builder.AddApprovals();
        builder.AddMessaging();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapApprovals();
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app, string role, string subject, string? department = null)
    {
        var client = new HttpClient { BaseAddress = RealServers.HttpAddress(app), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Jwt.IssueToken(subject, role, null, department, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10)));
        return client;
    }
}
