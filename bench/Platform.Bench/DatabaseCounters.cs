using Npgsql;

namespace Longgang.Bench;

/// <summary>
/// What reached PostgreSQL, per database, from <c>pg_stat_statements</c>: every statement the server ran (BEGIN,
/// COMMIT, DISCARD ALL and SAVEPOINT included), and the explicit transactions among them (COMMIT and ROLLBACK
/// calls; a statement outside BEGIN…COMMIT is a transaction of its own and counts as a statement only).
/// <c>pg_stat_database.xact_commit</c> would count those too, but an idle backend may hold its counts back for up to
/// 10 s (PostgreSQL 15's PGSTAT_IDLE_INTERVAL), longer than a window can wait. The bench's own queries (marked
/// <see cref="Infrastructure.BenchQuery"/>) are left out. Two snapshots around a measured window, divided by the
/// operations done in it, give the per-operation figures of the results file.
/// </summary>
public sealed class DatabaseCounters
{
    private readonly Dictionary<(string Database, string Query), long> _calls = new();

    public static async Task<DatabaseCounters> TakeAsync(Infrastructure infrastructure)
    {
        var counters = new DatabaseCounters();
        await using var connection = new NpgsqlConnection(infrastructure.Database("postgres"));
        await connection.OpenAsync();
        await using (var statements = new NpgsqlCommand(Infrastructure.BenchQuery + """
            select d.datname, s.query, sum(s.calls)::bigint from pg_stat_statements s join pg_database d on d.oid = s.dbid
            group by d.datname, s.query
            """, connection))
        await using (var reader = await statements.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var (database, query, calls) = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
                if (!query.StartsWith(Infrastructure.BenchQuery.Trim(), StringComparison.Ordinal)) counters._calls[(database, query)] = calls;
            }
        }
        return counters;
    }

    /// <summary>Statements and transactions per operation in <paramref name="database"/> since <paramref name="before"/>.</summary>
    public PerOperation Since(DatabaseCounters before, string database, long operations)
    {
        var ops = Math.Max(1, operations);
        long statements = 0, transactions = 0;
        var queries = new List<(string Query, double PerOperation)>();
        foreach (var ((db, query), calls) in _calls)
        {
            if (db != database) continue;
            var delta = calls - before._calls.GetValueOrDefault((db, query));
            if (delta <= 0) continue;
            statements += delta;
            if (query.Trim().ToUpperInvariant() is "COMMIT" or "ROLLBACK") transactions += delta;
            queries.Add((query, (double)delta / ops));
        }
        return new PerOperation(database, (double)statements / ops, (double)transactions / ops,
            queries.OrderByDescending(q => q.PerOperation).ToArray());
    }
}

/// <summary>Per-operation figures of one database: statements, explicit transactions, and the statements by text.</summary>
public sealed record PerOperation(string Database, double Statements, double Transactions, (string Query, double PerOperation)[] Queries)
{
    /// <summary>The most frequent statements, their text shortened to one line for a table cell.</summary>
    public IEnumerable<string[]> TopQueries(int count) => Queries.Take(count).Select(q => new[]
    {
        Database, Stats.F(q.PerOperation, "0.00"), "`" + Shorten(q.Query) + "`",
    });

    private static readonly char[] Whitespace = ['\n', '\r', '\t', ' '];

    private static string Shorten(string query)
    {
        var line = string.Join(' ', query.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries)).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
        return line.Length > 110 ? line[..110] + "…" : line;
    }
}
