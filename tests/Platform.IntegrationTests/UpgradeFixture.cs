using System.Globalization;
using Longgang.Approvals;
using Longgang.Approvals.Data;
using Longgang.Governance;
using Longgang.Governance.Data;
using Longgang.Livelihood;
using Longgang.Livelihood.Data;
using Longgang.Platform.Data;
using Longgang.Talent;
using Longgang.Talent.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql;

namespace Longgang.Platform.IntegrationTests;

/// <summary>One service as the upgrade tests see it: how to host it and its PostgreSQL model.</summary>
public sealed record ServiceSchema(string Name, Action<WebApplicationBuilder> Add, Action<WebApplication> Map,
    IDesignTimeDbContextFactory<PlatformDbContext> Factory)
{
    public static readonly IReadOnlyList<ServiceSchema> All =
    [
        new("approvals", b => b.AddApprovals(), a => a.MapApprovals(), new ApprovalsDesignTimeFactory()),
        new("governance", b => b.AddGovernance(), a => a.MapGovernance(), new GovernanceDesignTimeFactory()),
        new("talent", b => b.AddTalent(), a => a.MapTalent(), new TalentDesignTimeFactory()),
        new("livelihood", b => b.AddLivelihood(), a => a.MapLivelihood(), new LivelihoodDesignTimeFactory()),
    ];

    public static ServiceSchema Named(string name) => All.Single(s => s.Name == name);

    /// <summary>The service's context on <paramref name="connectionString"/>.</summary>
    public PlatformDbContext Open(string connectionString)
    {
        Type context;
        using (var model = Factory.CreateDbContext([])) context = model.GetType();
        var options = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(context))!;
        return (PlatformDbContext)Activator.CreateInstance(context, options.UseNpgsql(connectionString).Options)!;
    }

    /// <summary>The first migration, the schema every installation before migrations has.</summary>
    public static Migration Baseline(DbContext db)
    {
        var migrations = db.GetService<IMigrationsAssembly>();
        return migrations.CreateMigration(migrations.Migrations.First().Value, db.Database.ProviderName!);
    }
}

/// <summary>
/// Installations of the release before a migration: each service's database at <c>Baseline</c> (and a second one made
/// like <c>EnsureCreated</c>, without migrations history), a row in every table, upgraded by the migration Job's entry
/// point (the service host with <c>Database:MigrateOnly=true</c>); then the platform starts on the upgraded databases
/// as the Deployments run it (<c>Database:Initialize=false</c>). With one migration the upgrade is Baseline to
/// Baseline; every later migration is exercised here as it lands.
/// </summary>
public sealed class UpgradeFixture : PlatformFixture
{
    public const string AdoptedSuffix = "_adopted";

    protected override IReadOnlyDictionary<string, string?> ServiceSettings =>
        new Dictionary<string, string?> { [DatabaseExtensions.InitializeKey] = "false" };

    protected override async Task PrepareDatabasesAsync()
    {
        foreach (var service in ServiceSchema.All)
        {
            await CreateAtBaselineAsync(service, service.Name, withHistory: true);
            await RunMigrationJobAsync(service, service.Name);
            await CreateAtBaselineAsync(service, service.Name + AdoptedSuffix, withHistory: false);
            await RunMigrationJobAsync(service, service.Name + AdoptedSuffix);
        }
    }

    /// <summary>A database at <c>Baseline</c> with <see cref="BaselineRows"/>; without history, as EnsureCreated made it.</summary>
    public async Task CreateAtBaselineAsync(ServiceSchema service, string database, bool withHistory, string? dropTable = null)
    {
        await using var db = service.Open(ConnectionString(database));
        await db.GetService<IMigrator>().MigrateAsync(db.GetService<IMigrationsAssembly>().Migrations.First().Key);
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        var sql = BaselineRows.InsertSql(ServiceSchema.Baseline(db));
        if (!withHistory) sql += """; DROP TABLE "__EFMigrationsHistory" """;
        if (dropTable is not null) sql += $"""; DROP TABLE "{dropTable}" CASCADE""";
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>What the chart's migration Job runs: the service's host in MigrateOnly mode, to its end.</summary>
    public async Task RunMigrationJobAsync(ServiceSchema service, string database)
    {
        await using var job = BuildService(service.Name, service.Add, service.Map, new Dictionary<string, string?>
        {
            [DatabaseExtensions.MigrateOnlyKey] = "true",
            [$"ConnectionStrings:{service.Name}"] = ConnectionString(database),
        });
        await job.RunAsync().WaitAsync(TimeSpan.FromMinutes(2));
    }
}

/// <summary>A row in every table of a service's <c>Baseline</c>, written in SQL against that schema (the current model may have moved on).</summary>
public static class BaselineRows
{
    public static readonly Guid Id = Guid.Parse("0b5e11e0-0000-4000-8000-000000000001");
    public const string Text = "upg1"; // fits the narrowest column, varchar(8)
    public const int Year = 2026;

    public static string InsertSql(Migration baseline) => string.Join(";\n", Tables(baseline).Select(table =>
    {
        var columns = table.Columns.Where(c => !c.IsNullable).ToList();
        return $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
               $"VALUES ({string.Join(", ", columns.Select(Value))})";
    }));

    /// <summary>Whether the row <see cref="InsertSql"/> wrote is still there, by its primary key.</summary>
    public static string ExistsSql(CreateTableOperation table)
    {
        var key = table.PrimaryKey!.Columns.Select(name => $"\"{name}\" = {Value(table.Columns.Single(c => c.Name == name))}");
        return $"SELECT count(*) FROM \"{table.Name}\" WHERE {string.Join(" AND ", key)}";
    }

    public static IEnumerable<CreateTableOperation> Tables(Migration baseline) => baseline.UpOperations.OfType<CreateTableOperation>();

    /// <summary>One value per column type, the same in every table, so that every foreign key finds its row.</summary>
    private static string Value(AddColumnOperation column) => column.ColumnType switch
    {
        "uuid" => $"'{Id}'",
        // enums are stored as numbers: 1 is a real member of each; a year column needs a plausible year
        "integer" or "bigint" or "smallint" => column.Name.EndsWith("Year", StringComparison.Ordinal) ? Year.ToString(CultureInfo.InvariantCulture) : "1",
        "numeric" or "double precision" or "real" => "1",
        "boolean" => "false",
        "date" => $"'{Year}-03-02'",
        "timestamp with time zone" => $"'{Year}-03-02T08:00:00Z'",
        "jsonb" => "'{}'",
        var type when type?.EndsWith("[]", StringComparison.Ordinal) == true => "'{}'", // an empty array
        "text" => $"'{Text}'",
        var type when type?.StartsWith("character varying", StringComparison.Ordinal) == true => $"'{Text}'",
        var type => throw new NotSupportedException($"{column.Table}.{column.Name}: no test value for {type}"),
    };
}

[CollectionDefinition(Name)]
public sealed class UpgradeCollection : ICollectionFixture<UpgradeFixture>
{
    public const string Name = "upgrade from the baseline on real servers";
}
