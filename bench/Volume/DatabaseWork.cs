using Npgsql;

namespace Longgang.Bench.Volume;

/// <summary>
/// What a request costs PostgreSQL, counted by the server and independent of the machine's load: shared-buffer pages
/// touched (hit or read) and rows returned or fetched by scans, per request, from <c>pg_stat_database</c>. A backend
/// reports its counters when it exits, so the pools are emptied before and after the measured calls.
/// </summary>
internal readonly record struct DatabaseWork(long Pages, long Rows)
{
    public override string ToString() => $"{Pages:N0} pages, {Rows:N0} rows";

    public static async Task<DatabaseWork> PerCallAsync(string connection, Func<Task> call, int calls)
    {
        var before = await ReadAsync(connection);
        for (var i = 0; i < calls; i++) await call();
        var after = await ReadAsync(connection);
        return new DatabaseWork((after.Pages - before.Pages) / calls, (after.Rows - before.Rows) / calls);
    }

    private static async Task<DatabaseWork> ReadAsync(string connection)
    {
        NpgsqlConnection.ClearAllPools();
        await Task.Delay(500); // the backends' exit, which flushes their counters
        await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Pooling = false }.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT blks_hit + blks_read, tup_returned + tup_fetched FROM pg_stat_database WHERE datname = current_database()", db);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new DatabaseWork(reader.GetInt64(0), reader.GetInt64(1));
    }
}
