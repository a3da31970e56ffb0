using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Data;

/// <summary>
/// Brings a PostgreSQL database to the service's latest migration. A database that releases before migrations made
/// with <c>EnsureCreated</c> (the baseline tables, no <c>__EFMigrationsHistory</c>) is adopted first: the history
/// table is created with the first migration (<c>Baseline</c>, which equals that schema) recorded as applied, so
/// the later migrations upgrade it in place, keeping its rows.
/// </summary>
public static class PostgresMigrations
{
    public static async Task MigrateAsync(DbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        await AdoptEnsureCreatedSchemaAsync(db, logger, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    private static async Task AdoptEnsureCreatedSchemaAsync(DbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var migrations = db.GetService<IMigrationsAssembly>();
        // no database yet: MigrateAsync creates it, with every migration
        if (migrations.Migrations.Count == 0 || !await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken)) return;
        var (baselineId, baselineType) = migrations.Migrations.First();
        var tables = migrations.CreateMigration(baselineType, db.Database.ProviderName!).UpOperations
            .OfType<CreateTableOperation>().Select(t => t.Name).ToArray();
        // one catalogue query answers both questions: is the history there, and which baseline tables are; the names
        // come from the service's own compiled migration, not from input
        var names = string.Join(", ", tables.Append(HistoryRepository.DefaultTableName).Select(t => $"'{t.Replace("'", "''", StringComparison.Ordinal)}'"));
#pragma warning disable EF1002 // literal table names, see above
        var existing = await db.Database.SqlQueryRaw<string>($"""
            SELECT table_name::text AS "Value" FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_name IN ({names})
            """).ToListAsync(cancellationToken);
#pragma warning restore EF1002
        if (existing.Contains(HistoryRepository.DefaultTableName)) return; // already under migrations
        var present = existing.Count;
        if (present == 0) return; // an empty database: the migrations create everything
        if (present < tables.Length)
        {
            // neither EnsureCreated's schema nor an empty database: recording the baseline would hide missing tables
            throw new InvalidOperationException(
                $"The database has {present} of the {tables.Length} tables of migration {baselineId} and no migrations history, " +
                "so it can be neither adopted nor migrated. Restore it from the backup taken before the upgrade (docs/operations.md, \"Upgrading\").");
        }

        // the history table and its row together or not at all: PostgreSQL's DDL is transactional
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var history = db.GetService<IHistoryRepository>();
        await db.Database.ExecuteSqlRawAsync(history.GetCreateScript(), cancellationToken);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baselineId, ProductInfo.GetVersion())), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("Adopted a database created without migrations: recorded {Migration} as applied", baselineId);
    }
}
