using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace Longgang.Bench;

/// <summary>
/// PostgreSQL, RabbitMQ and Redis in containers, started the way the integration tests start them (images from
/// TESTCONTAINERS_*_IMAGE, the official ones otherwise).
/// </summary>
public sealed class Infrastructure : IAsyncDisposable
{
    private Infrastructure(PostgreSqlContainer postgres, RabbitMqContainer rabbitMq, RedisContainer redis)
    {
        Postgres = postgres;
        RabbitMq = rabbitMq;
        Redis = redis;
    }

    public PostgreSqlContainer Postgres { get; }
    public RabbitMqContainer RabbitMq { get; }
    public RedisContainer Redis { get; }

    public static async Task<Infrastructure> StartAsync()
    {
        var postgres = new PostgreSqlBuilder(Image("TESTCONTAINERS_POSTGRES_IMAGE", "postgres:16-alpine"))
            // commit timestamps let suite 3 time "state change committed -> effect committed" on one clock, the server's;
            // pg_stat_statements counts every statement that reaches the server (BEGIN, DISCARD ALL and SAVEPOINT too)
            .WithCommand("-c", "track_commit_timestamp=on", "-c", "shared_preload_libraries=pg_stat_statements",
                "-c", "pg_stat_statements.track=all", "-c", "pg_stat_statements.max=10000",
                // five service processes (seven with the second replicas), the relay and the limit loops, each with a pool
                "-c", "max_connections=300")
            .Build();
        var rabbitMq = new RabbitMqBuilder(Image("TESTCONTAINERS_RABBITMQ_IMAGE", "rabbitmq:3.13-management-alpine"))
            .WithUsername("platform").WithPassword("platform").Build();
        var redis = new RedisBuilder(Image("TESTCONTAINERS_REDIS_IMAGE", "redis:7-alpine")).Build();
        var infrastructure = new Infrastructure(postgres, rabbitMq, redis);
        try
        {
            await Task.WhenAll(postgres.StartAsync(), rabbitMq.StartAsync(), redis.StartAsync());
        }
        catch
        {
            await infrastructure.DisposeAsync();
            throw;
        }
        await infrastructure.ExecuteAsync("postgres", "create extension if not exists pg_stat_statements");
        return infrastructure;
    }

    public string Database(string name, int maxPoolSize = 100) =>
        new NpgsqlConnectionStringBuilder(Postgres.GetConnectionString()) { Database = name, MaxPoolSize = maxPoolSize }.ConnectionString;

    /// <summary>
    /// Marks the bench's own queries, so that the per-operation statement counts (<see cref="DatabaseCounters"/>)
    /// leave out what the bench asks while it waits and counts.
    /// </summary>
    public const string BenchQuery = "/* bench */ ";

    public async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(Database(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(BenchQuery + sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(Database(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(BenchQuery + sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(Postgres.DisposeAsync().AsTask(), RabbitMq.DisposeAsync().AsTask(), Redis.DisposeAsync().AsTask());

    private static string Image(string variable, string official) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } image ? image : official;
}
