using Npgsql;

namespace Longgang.Bench;

/// <summary>
/// The write path's physical limit: exactly a submission's two inserts, the <c>applications</c> row and its
/// ApplicationSubmitted <c>outbox_messages</c> row, in one transaction over raw Npgsql (BEGIN, two INSERTs, COMMIT
/// in one round trip, and no connection reset). The rows are copies of one the platform itself wrote through the gateway (every column,
/// same sizes), with a new id, message id and instants, so the inserts cannot drift from what the service stores.
/// Written into <c>approvals_bench</c>: to its <c>raw</c> schema (same tables, no relay reads them) as suite 2's
/// limit, or to its <c>public</c> tables, where the product's outbox relay in <see cref="BenchHost"/> publishes
/// them, as suite 3's event source.
/// </summary>
public sealed class RawSubmissions
{
    public const string LimitSchema = "raw";
    private readonly NpgsqlDataSource _dataSource;
    private readonly Row _application;
    private readonly Row _outbox;
    private readonly string _applicationId;

    private RawSubmissions(NpgsqlDataSource dataSource, Row application, Row outbox)
    {
        _dataSource = dataSource;
        _application = application;
        _outbox = outbox;
        _applicationId = ((Guid)application.Values[application.Index("Id")]).ToString();
    }

    /// <summary>
    /// Copies the newest service-hall application the platform stored (and its outbox row) as the template, and
    /// creates the <c>raw</c> tables in the bench database as copies of the service's (columns, defaults, indexes).
    /// </summary>
    public static async Task<RawSubmissions> PrepareAsync(Infrastructure infrastructure, int maxPoolSize)
    {
        await using var source = new NpgsqlConnection(infrastructure.Database("approvals"));
        await source.OpenAsync();
        var application = await Row.ReadAsync(source,
            """select * from applications where "Channel" = 2 order by "SubmittedAt" desc limit 1""", null)
            ?? throw new InvalidOperationException("No application in approvals to copy: submit one through the gateway first.");
        var id = ((Guid)application.Values[application.Index("Id")]).ToString();
        var outbox = await Row.ReadAsync(source,
            """select * from outbox_messages where "Type" like '%ApplicationSubmitted%' and "Payload" like '%' || @id || '%' limit 1""", id)
            ?? throw new InvalidOperationException($"No ApplicationSubmitted outbox row for application {id}.");

        await infrastructure.ExecuteAsync(BenchHost.DatabaseName, $"""
            create schema if not exists {LimitSchema};
            create table if not exists {LimitSchema}.applications (like public.applications including all);
            create table if not exists {LimitSchema}.outbox_messages (like public.outbox_messages including all);
            """);
        // the limit sends only what the inserts need: no DISCARD ALL when a connection goes back to the pool
        var dataSource = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(infrastructure.Database(BenchHost.DatabaseName, maxPoolSize))
        {
            NoResetOnClose = true,
        }.ConnectionString).Build();
        return new RawSubmissions(dataSource, application, outbox.Without("Id"));
    }

    /// <summary>Inserts one submission into <paramref name="schema"/> and returns the application's id.</summary>
    public async Task<Guid> InsertAsync(string schema, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid();
        var now = DateTime.UtcNow;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(_application.Insert($"{schema}.applications", column => column switch
        {
            "Id" => id,
            "SubmittedAt" or "ReceivedAt" => now,
            _ => null,
        }));
        batch.BatchCommands.Add(_outbox.Insert($"{schema}.outbox_messages", column => column switch
        {
            "MessageId" => Guid.NewGuid(),
            "CreatedAt" => now,
            "Payload" => ((string)_outbox.Values[_outbox.Index("Payload")]).Replace(_applicationId, id.ToString(), StringComparison.Ordinal),
            "SentAt" or "LastError" => DBNull.Value,
            "Attempts" => 0,
            _ => null,
        }));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>One row's columns, database types and values, read generically so that new columns are copied too.</summary>
    private sealed record Row(string[] Columns, string[] Types, object[] Values)
    {
        public int Index(string column) => Array.IndexOf(Columns, column);

        public Row Without(string column)
        {
            var keep = Enumerable.Range(0, Columns.Length).Where(i => Columns[i] != column).ToArray();
            return new Row(keep.Select(i => Columns[i]).ToArray(), keep.Select(i => Types[i]).ToArray(), keep.Select(i => Values[i]).ToArray());
        }

        public static async Task<Row?> ReadAsync(NpgsqlConnection connection, string sql, string? id)
        {
            await using var command = new NpgsqlCommand(Infrastructure.BenchQuery + sql, connection);
            if (id is not null) command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) return null;
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName).ToArray();
            var values = Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToArray();
            return new Row(columns, types, values);
        }

        /// <summary>An INSERT of this row into <paramref name="table"/>, a column's value replaced where <paramref name="replace"/> says.</summary>
        public NpgsqlBatchCommand Insert(string table, Func<string, object?> replace)
        {
            var command = new NpgsqlBatchCommand(
                $"insert into {table} ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) values ({string.Join(", ", Columns.Select((_, i) => $"${i + 1}"))})");
            for (var i = 0; i < Columns.Length; i++)
            {
                command.Parameters.Add(new NpgsqlParameter { DataTypeName = Types[i], Value = replace(Columns[i]) ?? Values[i] });
            }
            return command;
        }
    }
}
