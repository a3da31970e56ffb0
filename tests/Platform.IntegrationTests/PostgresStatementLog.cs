using System.Data.Common;
using System.Text.RegularExpressions;
using Longgang.Platform.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// What reaches PostgreSQL from one database, read from the server's own statement log (<c>log_statement = all</c>,
/// switched on for the whole server while a window is open): every statement, including the ones no client-side counter
/// sees (Npgsql's <c>DISCARD ALL</c>, <c>BEGIN</c>/<c>COMMIT</c>, EF's savepoints). Server-wide rather than per database
/// because a reload reaches the sessions a service already holds in its pool, which a per-database setting does not.
/// The window lies between two marker statements; the test's own connections (<see cref="Own"/>) are left out.
/// </summary>
public sealed partial class PostgresStatementLog : IAsyncDisposable
{
    private const string ApplicationName = "statement-log";
    private readonly PostgreSqlContainer _postgres;
    private readonly string _database;
    private readonly string _marker = $"statement-log-{Guid.NewGuid():N}";
    private bool _on = true;

    private PostgresStatementLog(PostgreSqlContainer postgres, string database) => (_postgres, _database) = (postgres, database);

    /// <summary>A connection string whose statements the log leaves out: the test's own questions.</summary>
    public static string Own(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = ApplicationName }.ConnectionString;

    /// <summary>Switches the log on and opens the window: the statements <paramref name="database"/> executes from now.</summary>
    public static async Task<PostgresStatementLog> StartAsync(PostgreSqlContainer postgres, string database)
    {
        var log = new PostgresStatementLog(postgres, database);
        await log.ExecuteAsync("ALTER SYSTEM SET log_statement = 'all'", "ALTER SYSTEM SET log_line_prefix = '@@%d@@%a@@%p@@ '",
            "SELECT pg_reload_conf()");
        // each backend takes the reload in its own time: the marker goes out once this one shows it has
        await Eventually.WaitUntilAsync(() => log.MarkIfLoggingAsync($"SELECT 'start {log._marker}'"), "the statement log switched on");
        return log;
    }

    /// <summary>Closes the window and switches the log off: what the database executed since the start.</summary>
    public async Task<StatementCounts> StopAsync()
    {
        await ExecuteAsync($"SELECT 'stop {_marker}'");
        await SwitchOffAsync();
        var (stdout, stderr) = await _postgres.GetLogsAsync(timestampsEnabled: false);
        var lines = (stdout + "\n" + stderr).Split('\n');
        var start = Array.FindIndex(lines, l => l.Contains($"'start {_marker}'", StringComparison.Ordinal));
        var stop = Array.FindIndex(lines, l => l.Contains($"'stop {_marker}'", StringComparison.Ordinal));
        Assert.True(start >= 0 && stop > start, "the statement log has no markers: does the server log to the container's output?");
        return StatementCounts.From(lines[(start + 1)..stop]
            .Select(l => Statement().Match(l))
            .Where(m => m.Success && m.Groups["database"].Value == _database && m.Groups["application"].Value != ApplicationName)
            .Select(m => (m.Groups["pid"].Value, m.Groups["sql"].Value.Trim())));
    }

    public async ValueTask DisposeAsync() => await SwitchOffAsync();

    private async Task SwitchOffAsync()
    {
        if (!_on) return;
        _on = false;
        await ExecuteAsync("ALTER SYSTEM RESET log_statement", "ALTER SYSTEM RESET log_line_prefix", "SELECT pg_reload_conf()");
    }

    private async Task<bool> MarkIfLoggingAsync(string marker)
    {
        await using var connection = new NpgsqlConnection(Own(_postgres.GetConnectionString()));
        await connection.OpenAsync();
        await using var setting = new NpgsqlCommand("SELECT current_setting('log_statement')", connection);
        if ((string?)await setting.ExecuteScalarAsync() != "all") return false;
        await using var command = new NpgsqlCommand(marker, connection);
        await command.ExecuteNonQueryAsync();
        return true;
    }

    private async Task ExecuteAsync(params string[] commands)
    {
        await using var connection = new NpgsqlConnection(Own(_postgres.GetConnectionString()));
        await connection.OpenAsync();
        foreach (var text in commands)
        {
            await using var command = new NpgsqlCommand(text, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    // "@@approvals@@app@@123@@ LOG:  statement: BEGIN" (simple protocol) or "... LOG:  execute <unnamed>: INSERT ..." (extended)
    [GeneratedRegex(@"^@@(?<database>[^@]*)@@(?<application>[^@]*)@@(?<pid>\d+)@@ LOG:  (?:statement|execute [^:]*): (?<sql>.*)$")]
    private static partial Regex Statement();

    /// <summary>
    /// The statements in order, by their first word, and transactions: explicit BEGINs plus statements run on their own
    /// (a pooled connection's DISCARD ALL is a statement, not a transaction of the work).
    /// </summary>
    public sealed record StatementCounts(IReadOnlyList<string> Sql, int Transactions, IReadOnlyDictionary<string, int> ByKind)
    {
        public int Statements => Sql.Count;

        public static StatementCounts From(IEnumerable<(string Pid, string Sql)> statements)
        {
            var sql = new List<string>();
            var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var inTransaction = new HashSet<string>();
            var transactions = 0;
            foreach (var (pid, text) in statements)
            {
                var kind = text.Split([' ', ';', '\t'], 2)[0].ToUpperInvariant();
                if (kind == "DISCARD") kind = "DISCARD ALL";
                sql.Add(text);
                byKind[kind] = byKind.GetValueOrDefault(kind) + 1;
                switch (kind)
                {
                    case "BEGIN" or "START":
                        transactions++;
                        inTransaction.Add(pid);
                        break;
                    case "COMMIT" or "ROLLBACK" or "END":
                        inTransaction.Remove(pid);
                        break;
                    case "DISCARD ALL":
                        break;
                    default:
                        if (!inTransaction.Contains(pid)) transactions++;
                        break;
                }
            }
            return new StatementCounts(sql, transactions, byKind);
        }

        public override string ToString() =>
            $"{Statements} statements in {Transactions} transactions ({string.Join(", ", ByKind.Select(k => $"{k.Value} {k.Key}"))})";
    }
}

/// <summary>
/// Round trips from EF to the database: every command and every transaction operation EF sends on its own. Npgsql
/// sends <c>BEGIN</c> and a pooled connection's reset with the next command, so those cost no round trip of their own.
/// </summary>
public sealed class RoundTripCounter : DbCommandInterceptor, IDbTransactionInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    private void Add() => Interlocked.Increment(ref _count);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Add();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Add();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Add();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Add();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Add();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Add();
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Add();
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Add();
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Add();
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> ReleasingSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Add();
        return ValueTask.FromResult(result);
    }
}
