using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Longgang.Platform.Data;

/// <summary>
/// The embedded default's SQLite file. Migrations are PostgreSQL's (the SQLite model differs: DateTimeOffset is
/// stored as a number), so an empty file gets the current model by <c>EnsureCreated</c> and is stamped with the
/// service's migrations in SQLite's own <c>__EFMigrationsHistory</c>: the schema version it was made at. A file made
/// by another version (no stamp, or another one) is refused at start, naming the folder to delete, rather than
/// failing requests later on a missing column.
/// </summary>
public static class SqliteSchema
{
    public const string DataDirectoryKey = "Storage:DataDirectory";

    public static async Task EnsureCurrentAsync(DbContext db, string sqlitePath, CancellationToken cancellationToken)
    {
        var expected = db.Database.GetMigrations().ToList();
        var history = db.GetService<IHistoryRepository>();
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken) || !await creator.HasTablesAsync(cancellationToken))
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
            if (expected.Count == 0) return;
            await db.Database.ExecuteSqlRawAsync(history.GetCreateScript(), cancellationToken);
            foreach (var id in expected)
                await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(id, ProductInfo.GetVersion())), cancellationToken);
            return;
        }

        var stamped = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(r => r.MigrationId).ToList();
        if (stamped.SequenceEqual(expected)) return;
        var folder = Path.GetDirectoryName(sqlitePath);
        throw new InvalidOperationException(
            $"The data file {sqlitePath} was made by another version of the platform (schema {stamped.LastOrDefault() ?? "unversioned"}, " +
            $"this version needs {expected.LastOrDefault() ?? "unversioned"}). Embedded data is not upgraded: stop the platform, delete the " +
            $"data folder {folder} ({DataDirectoryKey}) and start again with a fresh database.");
    }
}
