using System.Data.Common;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Platform.Data;
using Longgang.Platform.Messaging;
using Longgang.Platform.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Longgang.Platform.IntegrationTests;

/// <summary>Only PostgreSQL: the retention tests need neither the broker nor Redis nor running services.</summary>
public sealed class PostgresOnlyFixture : IAsyncLifetime
{
    private PostgreSqlContainer? _postgres;
    private string? _unavailable;

    public async ValueTask InitializeAsync()
    {
        try
        {
            _postgres = ServerContainers.Postgres().Build();
            await _postgres.StartAsync();
        }
        catch (Exception ex)
        {
            _unavailable = ex.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
    }

    /// <summary>Skips (or, with PLATFORM_REQUIRE_DOCKER=1, fails) when no Docker engine answered.</summary>
    public void RequireDocker()
    {
        if (_unavailable is null) return;
        if (Environment.GetEnvironmentVariable("PLATFORM_REQUIRE_DOCKER") == "1")
            throw new InvalidOperationException($"PLATFORM_REQUIRE_DOCKER=1 but PostgreSQL could not start: {_unavailable}");
        Assert.Skip($"No Docker engine answered, so PostgreSQL could not start: {_unavailable}");
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_postgres!.GetConnectionString()) { Database = database }.ConnectionString;
}

/// <summary>
/// The retention job on PostgreSQL with 100,000 old rows per table: the relay's and the inbox's lookups keep their
/// indexes, the job deletes in bounded batches, and it never holds up the relay.
/// </summary>
public sealed class RetentionOnPostgresTests(PostgresOnlyFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresOnlyFixture>, IAsyncDisposable
{
    private const int OldRows = 100_000;
    private const int Pending = 50;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    /// <summary>The default 1,000 a batch, 20 batches a pass: at most 20,000 rows per table per pass, so 100,000 take 5 passes.</summary>
    private static readonly RetentionSettings Settings =
        RetentionSettings.From(new ConfigurationBuilder().Build()) with { MaxBatchesPerPass = 20 };

    /// <summary>The relay's pending query, exactly as <see cref="OutboxRelay{TContext}"/> sends it.</summary>
    private const string RelayPendingQuery =
        """SELECT * FROM outbox_messages WHERE "SentAt" IS NULL ORDER BY "Id" LIMIT 100 FOR UPDATE SKIP LOCKED""";

    private readonly DeleteRecorder _deletes = new();
    private ServiceProvider? _services;
    private string _connectionString = "";

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
    }

    /// <summary>A database of its own: 100,000 rows of each kind past their age, plus rows that must stay.</summary>
    private async Task<ServiceProvider> SeededDatabaseAsync()
    {
        postgres.RequireDocker();
        _connectionString = postgres.ConnectionString($"retention_{Guid.NewGuid():N}"[..24]);
        _services = new ServiceCollection()
            .AddSingleton<OutboxSignal>()
            .AddDbContext<GovernanceDbContext>(o => o.UseNpgsql(_connectionString).AddInterceptors(_deletes))
            .AddMassTransitTestHarness()
            .BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        await db.Database.EnsureCreatedAsync(Ct);

        // unpublished for 40 days (the broker was away): never removed
        for (var i = 0; i < Pending; i++) db.AddIntegrationEvent(Event($"pending-{i}"));
        await db.SaveChangesAsync(Ct);
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE outbox_messages SET "CreatedAt" = now() - interval '40 days';

            INSERT INTO outbox_messages ("MessageId", "Type", "Payload", "CreatedAt", "SentAt", "Attempts")
            SELECT gen_random_uuid(), 'Old.Event, Old', '{{}}', now() - interval '30 days' - g * interval '1 second',
                   now() - interval '30 days' - g * interval '1 second' + interval '2 seconds', 1
            FROM generate_series(1, 100000) g;
            INSERT INTO outbox_messages ("MessageId", "Type", "Payload", "CreatedAt", "SentAt", "Attempts")
            SELECT gen_random_uuid(), 'Recent.Event, Recent', '{{}}', now() - g * interval '1 minute', now() - g * interval '1 minute', 1
            FROM generate_series(1, 1000) g;

            INSERT INTO inbox_messages ("MessageId", "Consumer", "ProcessedAt")
            SELECT gen_random_uuid(), 'OldConsumer', now() - interval '60 days' - g * interval '1 second' FROM generate_series(1, 100000) g;
            INSERT INTO inbox_messages ("MessageId", "Consumer", "ProcessedAt")
            SELECT gen_random_uuid(), 'RecentConsumer', now() - g * interval '1 minute' FROM generate_series(1, 1000) g;

            INSERT INTO notifications ("Id", "CitizenId", "Subject", "Body", "SubjectEn", "BodyEn", "Status", "InDigest", "CreatedAt", "DeliveredAt", "NextAttemptAt", "Attempts")
            SELECT gen_random_uuid(), 'citizen-' || (g % 500), 'Old', 'Delivered long ago', 'Old', 'Delivered long ago', 3, false, now() - interval '400 days' - g * interval '1 second',
                   now() - interval '400 days' - g * interval '1 second', now() - interval '400 days', 1
            FROM generate_series(1, 100000) g;
            INSERT INTO notifications ("Id", "CitizenId", "Subject", "Body", "SubjectEn", "BodyEn", "Status", "InDigest", "CreatedAt", "DeliveredAt", "NextAttemptAt", "Attempts")
            SELECT gen_random_uuid(), 'citizen-undelivered', 'Old', 'Never delivered', 'Old', 'Never delivered', 1, false, now() - interval '400 days', NULL, now(), 30
            FROM generate_series(1, 100) g;
            INSERT INTO notifications ("Id", "CitizenId", "Subject", "Body", "SubjectEn", "BodyEn", "Status", "InDigest", "CreatedAt", "DeliveredAt", "NextAttemptAt", "Attempts")
            SELECT gen_random_uuid(), 'citizen-recent', 'Recent', 'Delivered lately', 'Recent', 'Delivered lately', 3, false, now() - interval '1 day', now() - interval '1 day', now(), 1
            FROM generate_series(1, 100) g;

            ANALYZE outbox_messages; ANALYZE inbox_messages; ANALYZE notifications;
            """, Ct);
        return _services;
    }

    private static LivelihoodProposalResolved Event(string title) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "district-01", 2026, title, "TRANSPORT", "a retention test", null, DateTimeOffset.UtcNow);

    private async Task<RetentionResult> RunPassAsync(RetentionSettings settings, GovernanceDbContext? inTransaction = null)
    {
        if (inTransaction is not null)
            return await new RetentionPass<GovernanceDbContext>(inTransaction, settings, TimeProvider.System).RunOnceAsync(Ct);
        await using var scope = _services!.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        return await new RetentionPass<GovernanceDbContext>(db, settings, TimeProvider.System).RunOnceAsync(Ct);
    }

    private async Task<List<string>> ExplainAsync(string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        command.Parameters.AddRange(parameters);
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) plan.Add(reader.GetString(0));
        output.WriteLine($"EXPLAIN {sql}\n  {string.Join("\n  ", plan.Select(line => line.Length > 160 ? line[..160] + "…" : line))}");
        return plan;
    }

    private async Task AssertLookupsUseTheirIndexesAsync(string when)
    {
        await AnalyzeAsync();
        output.WriteLine($"-- {when}");
        var relay = await ExplainAsync(RelayPendingQuery);
        Assert.DoesNotContain(relay, line => line.Contains("Seq Scan"));
        Assert.Contains(relay, line => line.Contains("Index Scan") || line.Contains("Index Only Scan") || line.Contains("Bitmap Index Scan"));

        // IdempotentConsumer's "already processed?" (EF: AnyAsync on MessageId and Consumer)
        var inbox = await ExplainAsync("""SELECT EXISTS (SELECT 1 FROM inbox_messages AS i WHERE i."MessageId" = @id AND i."Consumer" = @consumer)""",
            new NpgsqlParameter("id", Guid.NewGuid()), new NpgsqlParameter("consumer", "OldConsumer"));
        Assert.DoesNotContain(inbox, line => line.Contains("Seq Scan"));
        Assert.Contains(inbox, line => line.Contains("PK_inbox_messages"));
    }

    private async Task<(long Outbox, long Inbox, long Notifications)> CountAsync(string outboxWhere, string inboxWhere, string notificationsWhere)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        async Task<long> Count(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return (long)(await command.ExecuteScalarAsync(Ct))!;
        }
        return (await Count($"SELECT count(*) FROM outbox_messages WHERE {outboxWhere}"),
            await Count($"SELECT count(*) FROM inbox_messages WHERE {inboxWhere}"),
            await Count($"SELECT count(*) FROM notifications WHERE {notificationsWhere}"));
    }

    private Task<(long Outbox, long Inbox, long Notifications)> CountKeptAsync() => CountAsync(
        """ "Type" LIKE 'Recent.%' OR "Payload" LIKE '%pending-%' """,
        """ "Consumer" = 'RecentConsumer' """,
        """ "CitizenId" IN ('citizen-undelivered', 'citizen-recent') """);

    private Task<(long Outbox, long Inbox, long Notifications)> CountEligibleAsync() => CountAsync(
        """ "Type" = 'Old.Event, Old' """, """ "Consumer" = 'OldConsumer' """, """ "Subject" = 'Old' AND "DeliveredAt" IS NOT NULL """);

    [Fact]
    public async Task The_job_deletes_in_bounded_batches_and_the_relay_and_inbox_lookups_keep_their_indexes()
    {
        await SeededDatabaseAsync();
        await AssertLookupsUseTheirIndexesAsync($"before: {OldRows} old rows per table");
        Assert.Equal((OldRows, OldRows, OldRows), await CountEligibleAsync());
        var kept = await CountKeptAsync();
        Assert.Equal((1000 + Pending, 1000, 200), kept);

        var passes = new List<RetentionResult> { await RunPassAsync(Settings) };
        await AssertJobStatementsUseIndexesAsync("after the first pass");
        do passes.Add(await RunPassAsync(Settings));
        while (passes[^1].Rows > 0);

        var perPassPerTable = Settings.BatchSize * Settings.MaxBatchesPerPass;
        foreach (var (pass, i) in passes.Select((p, i) => (p, i)))
        {
            output.WriteLine($"pass {i + 1}: outbox {pass.Outbox}, inbox {pass.Inbox}, notifications {pass.Notifications}, {pass.Batches} batches");
            Assert.All([pass.Outbox, pass.Inbox, pass.Notifications], rows => Assert.InRange(rows, 0, perPassPerTable));
            Assert.InRange(pass.Batches, 0, 3 * Settings.MaxBatchesPerPass);
        }
        Assert.Equal(OldRows / perPassPerTable + 1, passes.Count); // 5 full passes, then one that finds nothing
        Assert.Equal(OldRows, passes.Sum(p => p.Outbox));
        Assert.Equal(OldRows, passes.Sum(p => p.Inbox));
        Assert.Equal(OldRows, passes.Sum(p => p.Notifications));
        Assert.Equal((0, 0, 0), await CountEligibleAsync());
        Assert.Equal(kept, await CountKeptAsync());

        await AssertLookupsUseTheirIndexesAsync("after the deletion");
        await AssertJobStatementsUseIndexesAsync("after the deletion");
    }

    /// <summary>The job's own statements, as EF sent them, find their rows through an index too.</summary>
    private async Task AssertJobStatementsUseIndexesAsync(string when)
    {
        await AnalyzeAsync();
        output.WriteLine($"-- the job's statements, {when}");
        foreach (var statement in _deletes.Distinct())
        {
            var plan = await ExplainAsync(statement.Sql, statement.Parameters());
            Assert.DoesNotContain(plan, line => line.Contains("Seq Scan"));
        }
    }

    private async Task AnalyzeAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var analyze = new NpgsqlCommand("ANALYZE outbox_messages; ANALYZE inbox_messages; ANALYZE notifications;", connection);
        await analyze.ExecuteNonQueryAsync(Ct);
    }

    [Fact]
    public async Task The_relay_publishes_and_consumers_record_while_a_batch_is_deleting_and_while_the_job_works()
    {
        var services = await SeededDatabaseAsync();
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var relay = new OutboxRelay<GovernanceDbContext>(services.GetRequiredService<IServiceScopeFactory>(), harness.Bus,
            services.GetRequiredService<OutboxSignal>(), NullLogger<OutboxRelay<GovernanceDbContext>>.Instance);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2)); // were the relay blocked by the job, it would wait here and fail

        async Task<int> CommitAndPublishAsync(string title)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
                for (var i = 0; i < 20; i++) db.AddIntegrationEvent(Event($"{title}-{i}"));
                db.InboxMessages.Add(new InboxMessage { MessageId = Guid.NewGuid(), Consumer = "LiveConsumer", ProcessedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync(timeout.Token);
            }
            var published = 0;
            while (await relay.PublishPendingAsync(timeout.Token) is var sent && sent > 0) published += sent;
            return published;
        }

        // 1. a pass held open in one transaction (a batch of each table deleted, not yet committed): its row locks
        // are all a running batch holds, and the relay's query and marks and a consumer's inbox row go past them
        int whileDeleting;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            await using var batch = await db.Database.BeginTransactionAsync(Ct);
            var held = await RunPassAsync(Settings with { MaxBatchesPerPass = 1 }, inTransaction: db);
            Assert.Equal(new RetentionResult(Settings.BatchSize, Settings.BatchSize, Settings.BatchSize, 3), held);
            whileDeleting = await CommitAndPublishAsync("while-deleting");
            await batch.CommitAsync(Ct);
        }
        Assert.Equal(Pending + 20, whileDeleting); // the 50 old pending rows and the 20 new ones

        // 2. the job's passes and the relay side by side until the job has nothing left
        var job = Task.Run(async () =>
        {
            var total = 0;
            while (await RunPassAsync(Settings) is { Rows: > 0 } pass) total += pass.Rows;
            return total;
        }, timeout.Token);
        var meanwhile = 0;
        for (var round = 0; round < 10; round++) meanwhile += await CommitAndPublishAsync($"meanwhile-{round}");
        var deletedByJob = await job;

        Assert.Equal(10 * 20, meanwhile);
        Assert.Equal(3 * (OldRows - Settings.BatchSize), deletedByJob);
        Assert.Equal((0, 0, 0), await CountEligibleAsync());
        var published = harness.Published.Select<LivelihoodProposalResolved>().Select(p => p.Context.MessageId).ToList();
        Assert.Equal(Pending + 20 + 200, published.Count);
        Assert.Equal(published.Count, published.Distinct().Count());
        // published just now, so kept (the old pending ones too: their age counts from publication)
        var (outbox, inbox, _) = await CountAsync(""" "Type" LIKE '%LivelihoodProposalResolved%' AND "SentAt" IS NOT NULL """,
            """ "Consumer" = 'LiveConsumer' """, "false");
        Assert.Equal((Pending + 220, 11), (outbox, inbox));
        await harness.Stop();
    }

    /// <summary>The job's statements as EF sends them, with their parameters, to EXPLAIN them afterwards.</summary>
    private sealed class DeleteRecorder : DbCommandInterceptor
    {
        private readonly List<RecordedCommand> _commands = [];

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        /// <summary>A batch's two statements: the oldest eligible keys (a LIMIT) and their DELETE.</summary>
        private void Record(DbCommand command)
        {
            var sql = command.CommandText.TrimStart();
            if (!sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) && !sql.Contains("LIMIT", StringComparison.Ordinal)) return;
            lock (_commands)
                _commands.Add(new RecordedCommand(sql, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToArray()));
        }

        public IEnumerable<RecordedCommand> Distinct()
        {
            lock (_commands) return _commands.DistinctBy(c => c.Sql).ToList();
        }
    }

    private sealed record RecordedCommand(string Sql, (string Name, object? Value)[] Values)
    {
        public NpgsqlParameter[] Parameters() => Values.Select(v => new NpgsqlParameter(v.Name, v.Value)).ToArray();
    }
}
