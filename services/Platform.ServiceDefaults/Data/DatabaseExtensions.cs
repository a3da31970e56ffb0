using System.Data.Common;
using Longgang.Platform.Hosting;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Data;

/// <summary>Seeds reference data after the schema exists. Must be idempotent: it runs at every start (or every migration run).</summary>
public interface IDatabaseSeeder<in TContext> where TContext : PlatformDbContext
{
    Task SeedAsync(TContext db, CancellationToken cancellationToken);
}

public static class DatabaseExtensions
{
    /// <summary>
    /// <c>false</c> where something else prepares the database (in Kubernetes the chart's migration Job), so that
    /// replicas starting together do not race to create the same schema. Default <c>true</c>: the embedded host and
    /// a lone process still start against an empty database.
    /// </summary>
    public const string InitializeKey = "Database:Initialize";

    /// <summary>
    /// <c>true</c> makes the process a one-shot migration: apply the migrations, run the seeders, then stop (exit code 0;
    /// a failure ends the process with an unhandled exception, a non-zero exit code). The same image serves as the
    /// migration Job, so schema and seed data always match the code that will run against them.
    /// </summary>
    public const string MigrateOnlyKey = "Database:MigrateOnly";

    /// <summary>Whether this process is the one-shot migration run, where background jobs must not start.</summary>
    public static bool IsMigrationRun(this IHostApplicationBuilder builder) => builder.Configuration.GetValue(MigrateOnlyKey, false);

    /// <summary>
    /// The service's own database: PostgreSQL when <c>ConnectionStrings:{name}</c> is set, otherwise a SQLite file
    /// <c>{Storage:DataDirectory}/{name}.db</c> (default folder <c>data</c>). Also registers its readiness check,
    /// its schema initialiser and seeders (unless <see cref="InitializeKey"/> is false), and its outbox relay and retention job (except in
    /// <see cref="MigrateOnlyKey"/> mode, which must not publish or delete anything).
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string name)
        where TContext : PlatformDbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(name);
        var npgsql = string.IsNullOrWhiteSpace(connectionString) ? null : WithoutResetOnClose(WithFailFastConnect(connectionString));
        var sqlitePath = Path.GetFullPath(Path.Combine(builder.Configuration[SqliteSchema.DataDirectoryKey] ?? "data", $"{name}.db"));
        var migrateOnly = builder.IsMigrationRun();
        var initialize = migrateOnly || builder.Configuration.GetValue(InitializeKey, true);

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddDbContext<TContext>((services, options) =>
        {
            if (npgsql is null)
                options.UseSqlite($"Data Source={sqlitePath}").AddInterceptors(PinyinCollation.ForSqlite);
            else
                options.UseNpgsql(npgsql);
            options.AddInterceptors(services.GetRequiredService<OutboxSignal>());
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>($"{name}-database", tags: [HealthTags.Ready]);
        builder.Services.AddScoped<Privacy.PersonalDataReadRecorder<TContext>>();
        builder.Services.AddScoped<IDatabaseSeeder<TContext>, Privacy.AppendOnlyPersonalDataReads<TContext>>();
        if (initialize)
        {
            builder.Services.AddHostedService(services => new DatabaseInitializer<TContext>(services,
                string.IsNullOrWhiteSpace(connectionString) ? sqlitePath : null, stopWhenDone: migrateOnly));
        }
        if (migrateOnly) return builder;
        builder.Services.AddHostedService(services => new OutboxRelay<TContext>(services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<MassTransit.IBus>(), services.GetRequiredService<OutboxSignal>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutboxRelay<TContext>>>()));
        AddRetention<TContext>(builder);
        return builder;
    }

    /// <summary>The database's <see cref="RetentionJob{TContext}"/>; its settings are read (and refused) here, at start.</summary>
    private static void AddRetention<TContext>(IHostApplicationBuilder builder) where TContext : PlatformDbContext
    {
        var settings = RetentionSettings.From(builder.Configuration);
        builder.Services.AddJobLock();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService(services => new RetentionJob<TContext>(services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<IJobLock>(), services.GetRequiredService<TimeProvider>(), settings,
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RetentionJob<TContext>>>()));
    }

    /// <summary>
    /// Npgsql sends <c>DISCARD ALL</c> ahead of the next command whenever a connection comes back from the pool: a
    /// statement per pool return, 8.5 per submission on approvals (issue 19), to undo session state that our code never
    /// creates. Nothing here sets any: no <c>SET</c>/<c>set_config</c> (the connection string carries every setting),
    /// no temporary tables, no <c>LISTEN</c>, no advisory locks (scheduled jobs lock in Redis, <see cref="IJobLock"/>;
    /// EF's migration lock is taken and released within the migration run), no prepared statements (Max Auto Prepare
    /// stays 0). A transaction left open is still rolled back on return, reset or not. Code that ever needs session
    /// state must undo it before the connection goes back, or open its own connection with the reset. A
    /// <c>No Reset On Close</c> set in the configured string wins.
    /// </summary>
    public static string WithoutResetOnClose(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("No Reset On Close")) return connectionString;
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
    }

    /// <summary>Seconds Npgsql may spend opening a connection, unless the connection string says otherwise.</summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    /// <summary>
    /// Npgsql waits 15 s to open a connection by default. While the database is unreachable without a refusal (a node
    /// gone, a network partition) every request would hang that long before failing. 5 s fails fast enough (503, see
    /// <c>GrpcErrorInterceptor</c>) while leaving room for a server that is only slow to start a backend: on 2 starved CI
    /// cores 3 s refused a few connections to a healthy server. A <c>Timeout</c> set in the configured string wins. The
    /// command timeout is left at Npgsql's 30 s: a slow query is not an outage, and an outage already fails at connect.
    /// </summary>
    public static string WithFailFastConnect(string connectionString)
    {
        // a plain builder keeps only the keys that were given, so it can tell "not set" from "set to the default"
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Timeout") || given.ContainsKey("Connect Timeout") || given.ContainsKey("Connection Timeout"))
            return connectionString;
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Timeout = DefaultConnectTimeoutSeconds }.ConnectionString;
    }
}

/// <summary>
/// Brings the schema to this version (PostgreSQL: <see cref="PostgresMigrations"/>; the embedded SQLite file:
/// <see cref="SqliteSchema"/>), then runs the service's seeders, before the service takes requests (hosted services
/// start in order, before the server). With <paramref name="stopWhenDone"/> it then asks the host to stop: the
/// migration run of <see cref="DatabaseExtensions.MigrateOnlyKey"/>.
/// </summary>
internal sealed class DatabaseInitializer<TContext>(IServiceProvider services, string? sqlitePath, bool stopWhenDone) : IHostedService
    where TContext : PlatformDbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (sqlitePath is null)
        {
            await PostgresMigrations.MigrateAsync(db, services.GetRequiredService<ILogger<DatabaseInitializer<TContext>>>(), cancellationToken);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(sqlitePath)!);
            await SqliteSchema.EnsureCurrentAsync(db, sqlitePath, cancellationToken);
            // readers do not block the writer; several services' relays and requests share the files
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        // after the schema, not in a migration: the audit log's triggers (AppendOnlyAuditLog) are idempotent
        // (CREATE OR REPLACE) and the same code serves SQLite, which has no migrations; as a seeder they are
        // re-asserted at every run, so a migration that rebuilds audit_log cannot silently leave it unprotected
        foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder<TContext>>())
            await seeder.SeedAsync(db, cancellationToken);
        if (stopWhenDone)
        {
            // stop once everything has started: stopping while the host is still starting cancels the server's start,
            // which ends the run with an exception, i.e. a failed Job, although the database is ready
            var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
