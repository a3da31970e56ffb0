using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// What reaches PostgreSQL from one database, read from the server's own statement log: every statement, including
/// the ones no EF interceptor sees (Npgsql's <c>DISCARD ALL</c>, <c>BEGIN</c>, savepoints). The database logs its
/// statements (<c>ALTER DATABASE ... SET log_statement = 'all'</c>); the window between two marker statements is counted.
/// </summary>
public sealed partial class PostgresStatementLog(PostgreSqlContainer postgres, string connectionString)
{
    private string? _startMarker;

    /// <summary>Makes every new session of the database log its statements, and empties the pool of older sessions.</summary>
    public static async Task<PostgresStatementLog> EnableAsync(PostgreSqlContainer postgres, string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var alter = new NpgsqlCommand($"""ALTER DATABASE "{database}" SET log_statement = 'all'""", admin);
            await alter.ExecuteNonQueryAsync();
        }
        await using (var connection = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(connection);
        return new PostgresStatementLog(postgres, connectionString);
    }

    /// <summary>Starts a counting window.</summary>
    public async Task StartAsync() => _startMarker = await MarkAsync("start");

    /// <summary>Ends the window: the statements logged since <see cref="StartAsync"/>, markers excluded.</summary>
    public async Task<StatementCounts> StopAsync()
    {
        var start = _startMarker ?? throw new InvalidOperationException("StartAsync first.");
        var end = await MarkAsync("end");
        // the log reaches Docker a moment after the statement ran
        for (var attempt = 0; ; attempt++)
        {
            var (stdout, stderr) = await postgres.GetLogsAsync();
            var lines = (stdout + "\n" + stderr).Split('\n');
            var from = Array.FindIndex(lines, l => l.Contains(start, StringComparison.Ordinal));
            var to = Array.FindIndex(lines, l => l.Contains(end, StringComparison.Ordinal));
            if (from >= 0 && to > from) return StatementCounts.From(lines[(from + 1)..to]);
            if (attempt == 50) throw new InvalidOperationException("The statement log never showed the window's markers: is log_statement on?");
            await Task.Delay(100);
        }
    }

    private async Task<string> MarkAsync(string what)
    {
        var marker = $"statement-log-{what}-{Guid.NewGuid():N}";
        // a connection outside the pool: the marker must not leave a pooled session (and its DISCARD ALL) behind
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT '{marker}'", connection);
        await command.ExecuteScalarAsync();
        return marker;
    }

    /// <summary>"2026-12-05 10:00:00.000 UTC [123] LOG:  execute &lt;unnamed&gt;: INSERT ..." (the default log_line_prefix '%m [%p] ').</summary>
    [GeneratedRegex(@"\[(?<pid>\d+)\] LOG:  (statement|execute [^:]*): (?<sql>.*)$")]
    private static partial Regex LoggedStatement();

    /// <summary>Statements by their first word, and transactions (explicit BEGINs plus statements run on their own).</summary>
    public sealed record StatementCounts(int Statements, int Transactions, IReadOnlyDictionary<string, int> ByKind)
    {
        public static StatementCounts From(IEnumerable<string> lines)
        {
            var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var inTransaction = new HashSet<string>();
            int statements = 0, transactions = 0;
            foreach (var line in lines)
            {
                if (LoggedStatement().Match(line) is not { Success: true } match) continue;
                var pid = match.Groups["pid"].Value;
                var sql = match.Groups["sql"].Value.TrimStart();
                var kind = sql.Split([' ', ';', '\t'], 2)[0].ToUpperInvariant();
                if (kind == "DISCARD") kind = "DISCARD ALL";
                statements++;
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
                        break; // Npgsql's reset of a pooled connection: counted as a statement, not as a transaction of the work
                    default:
                        if (!inTransaction.Contains(pid)) transactions++; // a statement on its own is a transaction too
                        break;
                }
            }
            return new StatementCounts(statements, transactions, byKind);
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
