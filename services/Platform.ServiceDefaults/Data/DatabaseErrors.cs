using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Longgang.Platform.Data;

/// <summary>Recognises the database errors a service turns into a 409 rather than a 500, on both providers.</summary>
public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;           // SQLITE_CONSTRAINT
    private const int SqliteConstraintUnique = 2067;   // SQLITE_CONSTRAINT_UNIQUE
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>A unique index or primary key refused the row: someone else stored the same thing first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint &&
            sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        _ => false,
    };
}
