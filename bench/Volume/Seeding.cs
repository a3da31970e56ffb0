using Longgang.Approvals.Data;
using Longgang.Governance.Data;
using Longgang.Platform.Calendar;
using Longgang.Platform.Files;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using CaseStatus = Longgang.Governance.Domain.CaseStatus;
using Case = Longgang.Governance.Domain.Case;

namespace Longgang.Bench.Volume;

/// <summary>
/// A city's history of a given size, fast: fresh databases with the services' real migrations, the demo seeders' records
/// (every state, built through the domain) as templates, and then each template copied with <c>generate_series</c> in one
/// <c>INSERT ... SELECT</c> per table, with a new id and its instants moved back in time, so that the history has the
/// city's density (<see cref="ApplicationsPerDay"/>) and a larger size is a longer history, as it would be in production.
/// </summary>
internal static class Seeding
{
    /// <summary>
    /// A county-level city of 465,000 people: hundreds of thousands of applications a year (issue 19), about 1,000 a
    /// working day across the service halls and online. 1,000,000 applications are then about three years of history.
    /// </summary>
    public const int ApplicationsPerDay = 1_000;

    /// <summary>
    /// Grid cases per application. The seed (longgang-blueprint-2020.txt) moves a third of the departments' staff into
    /// the grid teams of 102 communities, which report what they find on patrol; digital city management in cities of
    /// this size logs somewhat fewer cases than the approvals halls log applications. Half is our assumption.
    /// </summary>
    public const double CasesPerApplication = 0.5;

    /// <summary>Cases older than this are settled: an open case is part of the current workload, not of the history.</summary>
    private static readonly TimeSpan OpenFor = TimeSpan.FromDays(60);

    /// <summary>The connection string of database <paramref name="name"/> on the server of <paramref name="connection"/> (<see cref="SeedAsync"/> creates it).</summary>
    public static string Database(string connection, string name) => new NpgsqlConnectionStringBuilder(connection) { Database = name }.ConnectionString;

    public static async Task<string> SeedAsync(string approvals, string governance, int applications)
    {
        NpgsqlConnection.ClearAllPools();
        var server = Database(approvals, "postgres");
        foreach (var name in new[] { "approvals", "governance" })
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            await ExecuteAsync(server, $"CREATE DATABASE {name}");
        }

        var calendar = WorkingDayCalendar.Official;
        await using (var db = Contexts.Approvals(approvals))
        {
            await db.Database.MigrateAsync();
            await new MatterCatalogueSeeder().SeedAsync(db, CancellationToken.None);
            var store = new FolderFileStore(Directory.CreateTempSubdirectory("volume-files-").FullName);
            var files = new FileAttachments<ApprovalsDbContext>(store, new FileIntake(store, new FileLimits(FileLimits.DefaultMaxBytes), TimeProvider.System));
            await new Longgang.Approvals.Data.DemoSeeder(TimeProvider.System, calendar, files).SeedAsync(db, CancellationToken.None);
        }
        await using (var db = Contexts.Governance(governance))
        {
            await db.Database.MigrateAsync();
            await new DistrictDirectorySeeder().SeedAsync(db, CancellationToken.None);
            await new Longgang.Governance.Data.DemoSeeder(TimeProvider.System, calendar).SeedAsync(db, CancellationToken.None);
        }

        await using (var db = new NpgsqlConnection(approvals))
        {
            await db.OpenAsync();
            var templates = await CountAsync(db, "applications");
            var copies = (int)Math.Ceiling((double)applications / templates) - 1;
            var seconds = templates * 86_400L / ApplicationsPerDay;
            var overrides = new Dictionary<string, string>
            {
                // service halls across the nine districts; online applications have none
                ["DistrictCode"] = """CASE WHEN t."DistrictCode" IS NULL THEN NULL ELSE 'district-0' || (1 + n % 9) END""",
                ["ApplicantId"] = """left(t."ApplicantId" || '-' || n, 64)""",
            };
            await ReplicateAsync(db, "applications", "Id", copies, seconds, overrides);
            foreach (var child in new[] { "application_steps", "application_ledger", "application_provided_materials" })
                await ReplicateAsync(db, child, "ApplicationId", copies, seconds, new Dictionary<string, string>());
        }
        await using (var db = new NpgsqlConnection(governance))
        {
            await db.OpenAsync();
            var templates = await CountAsync(db, "cases");
            var copies = (int)Math.Ceiling(applications * CasesPerApplication / templates) - 1;
            var seconds = (long)(templates * 86_400L / (ApplicationsPerDay * CasesPerApplication));
            var settled = string.Join(", ", Case.Settled.Select(s => (int)s));
            var overrides = new Dictionary<string, string>
            {
                ["Status"] = $"""CASE WHEN n * {seconds} > {(long)OpenFor.TotalSeconds} AND t."Status" NOT IN ({settled}) THEN {(int)CaseStatus.Closed} ELSE t."Status" END""",
                ["ReporterId"] = """left(t."ReporterId" || '-' || n, 64)""",
            };
            await ReplicateAsync(db, "cases", "Id", copies, seconds, overrides);
            await ReplicateAsync(db, "case_history", "CaseId", copies, seconds, new Dictionary<string, string>());
            // governance's tally of the service halls' applications (what approvals' events leave in it), one row each
            await ExecuteAsync(governance, $"""
                INSERT INTO service_hall_submissions ("ApplicationId", "DistrictCode", "SubmittedAt", "DecidedAt", "Outcome")
                SELECT md5('hall:' || n)::uuid, 'district-0' || (1 + n % 9), now() - n * interval '{86_400 / ApplicationsPerDay} seconds',
                       CASE WHEN n % 10 = 0 THEN NULL ELSE now() - n * interval '{86_400 / ApplicationsPerDay} seconds' END,
                       CASE WHEN n % 10 = 0 THEN NULL WHEN n % 10 = 1 THEN 'REJECTED' ELSE 'APPROVED' END
                FROM generate_series(1, {applications * 6 / 10}) n
                """);
            await FillDashboardAsync(governance, applications);
        }

        foreach (var connection in new[] { approvals, governance }) await ExecuteAsync(connection, "VACUUM ANALYZE");
        await using var a = new NpgsqlConnection(approvals);
        await a.OpenAsync();
        await using var g = new NpgsqlConnection(governance);
        await g.OpenAsync();
        return $"applications {await CountAsync(a, "applications"):N0}, cases {await CountAsync(g, "cases"):N0}, "
            + $"case history {await CountAsync(g, "case_history"):N0}, hall tally {await CountAsync(g, "service_hall_submissions"):N0}, "
            + $"dashboard counters {await CountAsync(g, "dashboard_counters"):N0}";
    }

    /// <summary>
    /// Copies every row of <paramref name="table"/> <paramref name="copies"/> times (copy n = 1..copies): the key (the id,
    /// or a child's parent id) becomes <c>md5(key:n)</c>, so a child follows its parent's copy; instants move back by
    /// n × <paramref name="secondsPerCopy"/> and dates by as many whole days; <paramref name="overrides"/> give other
    /// columns an expression over the template <c>t</c> and <c>n</c>. Columns are read from the migrated schema.
    /// </summary>
    private static async Task ReplicateAsync(NpgsqlConnection db, string table, string key, int copies, long secondsPerCopy,
        IReadOnlyDictionary<string, string> overrides)
    {
        if (copies <= 0) return;
        var columns = new List<(string Name, string Type)>();
        await using (var query = new NpgsqlCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position", db))
        {
            query.Parameters.AddWithValue(table);
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        var values = columns.Select(c => overrides.TryGetValue(c.Name, out var expression) ? expression
            : c.Name == key ? $"""md5(t."{key}"::text || ':' || n)::uuid"""
            : c.Type == "timestamp with time zone" ? $"""t."{c.Name}" - (n::bigint * {secondsPerCopy}) * interval '1 second'"""
            : c.Type == "date" ? $"""t."{c.Name}" - (n::bigint * {secondsPerCopy} / 86400)::int"""
            : $"""t."{c.Name}" """);
        var sql = $"""
            INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))})
            SELECT {string.Join(", ", values)} FROM {table} t CROSS JOIN generate_series(1, {copies}) n
            """;
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    // N events' worth of the dashboard's read model: a fact per four events (a record has a few events) and the counters
    // those events add, spread over the 9 districts, 2022-2026, 40 metrics and each event's total, grid, module and tag
    // dimensions (as the dashboard bench of issue 17 filled it, so its figures stay comparable)
    private static Task FillDashboardAsync(string connection, int events) => ExecuteAsync(connection, $$"""
        TRUNCATE dashboard_facts, dashboard_counters;
        INSERT INTO dashboard_facts ("Kind", "SourceId", "Body", "UpdatedAt", "Revision")
        SELECT 'case', md5(n::text), '{"kind":"case","DistrictCode":"district-0' || (1 + n % 9) || '"}', now(), gen_random_uuid()
        FROM generate_series(1, {{events / 4}}) n;
        INSERT INTO dashboard_counters ("DistrictCode", "Month", "Metric", "Dimension", "Value")
        SELECT district, month, metric, dimension, count(*) FROM (
            SELECT 'district-0' || (1 + e % 9) AS district,
                   (2022 + (e / 9) % 5) * 100 + 1 + (e / 45) % 12 AS month,
                   (ARRAY['cases.reported','cases.closed','cases.overdue','cases.escalated','cases.returned','cases.self_resolved',
                          'cases.close_days','cases.close_days_known','mediations.concluded','mediations.agreed','hall.submitted',
                          'hall.decided','hall.on_time','hall.elapsed_days','hall.statutory_days','hall.visits','hall.visits_known',
                          'hall.not_accepted','approvals.decided','approvals.on_time','approvals.elapsed_days','approvals.statutory_days',
                          'approvals.red_warnings','talent.applied','talent.certified','talent.hired','talent.claims_approved',
                          'talent.claims_paid','talent.claims_expired','livelihood.proposed','livelihood.adopted','livelihood.adopted_yuan',
                          'livelihood.milestones_done','livelihood.milestones_late','livelihood.delay_risks','cases.reported',
                          'cases.closed','hall.submitted','hall.decided','talent.certified'])[1 + (e / 540) % 40] AS metric,
                   d.dimension
            FROM generate_series(0, {{events - 1}}) e
            CROSS JOIN LATERAL (VALUES (''), ('grid:grid-' || (1 + e % 9) || '-' || (e / 7) % 12),
                                        ('module:m' || (e / 11) % 5), ('tag:t' || (e / 13) % 5)) d(dimension)
        ) x GROUP BY district, month, metric, dimension;
        """);

    private static async Task<long> CountAsync(NpgsqlConnection db, string table)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", db);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The two databases' contexts as the services configure them.</summary>
internal static class Contexts
{
    public static ApprovalsDbContext Approvals(string connection) =>
        new(new DbContextOptionsBuilder<ApprovalsDbContext>().UseNpgsql(connection).Options);

    public static GovernanceDbContext Governance(string connection) =>
        new(new DbContextOptionsBuilder<GovernanceDbContext>().UseNpgsql(connection).Options);
}
