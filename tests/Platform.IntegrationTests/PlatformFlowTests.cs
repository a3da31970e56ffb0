using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Data;
using Longgang.Governance.Data;
using Longgang.Livelihood.Data;
using Longgang.Platform.Host;
using Longgang.Platform.Messaging;
using Longgang.Platform.Testing;
using Longgang.Talent.Data;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Longgang.Platform.Testing.Eventually;
using static Longgang.Platform.IntegrationTests.GatewayCalls;

namespace Longgang.Platform.IntegrationTests;

/// <summary>The walking skeleton's promises, on PostgreSQL, RabbitMQ and Redis.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PlatformFlowTests(PlatformFixture platform)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(60);

    private Task<string> SubmitAtServiceHallAsync(string district) =>
        SubmitAtServiceHallAsync(district, platform.IssueToken(PlatformRoles.Citizen, $"citizen-{Guid.NewGuid():N}"));

    private async Task<string> SubmitAtServiceHallAsync(string district, string citizen)
    {
        using var response = await platform.Gateway.SendAsync(Request(HttpMethod.Post, "/api/approvals/v1/applications", citizen, new
        {
            matterCode = "MS-002", applicantName = "Chen Jing", channel = "CHANNEL_SERVICE_HALL", districtCode = district,
            materials = new[] { "application form", "identity card" },
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private async Task<long> ServiceHallTallyAsync(string district)
    {
        var admin = platform.IssueToken(PlatformRoles.CityAdmin, "city-admin-1");
        using var response = await platform.Gateway.SendAsync(Request(HttpMethod.Get, $"/api/governance/v1/districts/{district}", admin));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        // proto3 JSON writes int64 as a string and leaves zero out
        return json.RootElement.TryGetProperty("serviceHallSubmissions", out var tally) ? long.Parse(tally.GetString()!) : 0;
    }

    private async Task WaitForTallyAsync(string district, long expected, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        long tally;
        while ((tally = await ServiceHallTallyAsync(district)) != expected)
        {
            Assert.True(DateTime.UtcNow < until, $"{district}'s tally is {tally}, expected {expected} within {deadline.TotalSeconds} s");
            await Task.Delay(200);
        }
    }

    private async Task<T> InDatabaseAsync<TContext, T>(WebApplication service, Func<TContext, Task<T>> query) where TContext : DbContext
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    [Fact]
    public async Task A_submission_through_the_gateway_is_stored_in_postgres_and_counted_by_governance_over_rabbitmq()
    {
        platform.RequireDocker();
        var before = await ServiceHallTallyAsync("district-02");

        var id = Guid.Parse(await SubmitAtServiceHallAsync("district-02"));

        var stored = await InDatabaseAsync<ApprovalsDbContext, bool>(platform.Approvals, db =>
        {
            Assert.True(db.Database.IsNpgsql());
            return db.Applications.AnyAsync(a => a.Id == id);
        });
        Assert.True(stored);
        await WaitForTallyAsync("district-02", before + 1, EventDeadline);
        ErrorQueueAssert.Empty(await ErrorQueueMessagesAsync());
    }

    [Fact]
    public async Task The_same_event_delivered_twice_more_is_applied_once_by_every_consumer_and_none_faults()
    {
        platform.RequireDocker();

        var redelivery = await RedeliverSubmissionAsync("district-07");

        AssertAppliedOnce(redelivery);
        ErrorQueueAssert.Empty(await ErrorQueueMessagesAsync());
    }

    /// <summary>
    /// The proof that the check above can fail: the same redeliveries with the inbox switched off (a test-only setting,
    /// refused in Production) and the same assertion goes red, because the applicant is sent the receipt again. The
    /// tally alone could not show it: it is keyed by application id, so it stays right without the inbox.
    /// </summary>
    [Fact]
    public async Task Without_the_inbox_the_applied_once_check_sees_the_redelivered_event_applied_again()
    {
        platform.RequireDocker();
        Redelivery redelivery;
        SetInbox(bypassed: true);
        try
        {
            redelivery = await RedeliverSubmissionAsync("district-09");
        }
        finally
        {
            SetInbox(bypassed: false);
        }

        var red = Record.Exception(() => AssertAppliedOnce(redelivery));
        Assert.IsType<Xunit.Sdk.EqualException>(red);
        Assert.Equal((1, 1 + Redelivery.Times), (redelivery.TallyDelta, redelivery.Receipts));
    }

    private void SetInbox(bool bypassed)
    {
        foreach (var service in new[] { platform.Approvals, platform.Governance })
            service.Configuration[IdempotentConsumer<object, Longgang.Platform.Data.PlatformDbContext>.BypassInboxForTestsKey] = bypassed ? "true" : "false";
    }

    /// <summary>What a citizen and the city see after an event was delivered, then delivered again.</summary>
    private sealed record Redelivery(long TallyDelta, int Receipts, ConsumeTally Deliveries)
    {
        public const int Times = 2;

        /// <summary>
        /// Every consumer of ApplicationSubmitted in approvals and governance (the receipt, the tally, flow 1's waiting
        /// case, ...), counted rather than written down: waiting for fewer deliveries than there are consumers lets the
        /// late ones arrive after the count, and the count then differs from run to run.
        /// </summary>
        public static readonly int Consumers = Testing.Consumers.Of<ApplicationSubmitted>(typeof(ApprovalsDbContext).Assembly, typeof(GovernanceDbContext).Assembly);
    }

    /// <summary>
    /// A real submission through the gateway; once its ApplicationSubmitted has been counted by governance and has sent
    /// the applicant a receipt, the very message the outbox sent (its MessageId and payload) is published
    /// <see cref="Redelivery.Times"/> more times, as RabbitMQ redelivers or the relay re-publishes after a lost confirm.
    /// </summary>
    private async Task<Redelivery> RedeliverSubmissionAsync(string district)
    {
        var before = await ServiceHallTallyAsync(district);
        var citizenId = $"citizen-{Guid.NewGuid():N}";
        var citizen = platform.IssueToken(PlatformRoles.Citizen, citizenId);
        // the first delivery's consumptions: the redeliveries are counted only once every consumer is done with it (the
        // tally and the receipt are not all of them), or a late first delivery would be counted as a redelivery
        var first = ConsumeTally.OfEverything();
        Guid id;
        OutboxMessage sent;
        using (platform.Governance.Services.GetRequiredService<IBus>().ConnectConsumeObserver(first))
        using (platform.Approvals.Services.GetRequiredService<IBus>().ConnectConsumeObserver(first))
        {
            id = Guid.Parse(await SubmitAtServiceHallAsync(district, citizen));
            await WaitForTallyAsync(district, before + 1, EventDeadline);
            await WaitUntilAsync(async () => await ReceiptsAsync(citizen, id) == 1, "the applicant's receipt");
            var submitted = id;
            sent = await InDatabaseAsync<ApprovalsDbContext, OutboxMessage>(platform.Approvals, async db =>
                (await db.OutboxMessages.AsNoTracking().Where(m => m.SentAt != null && m.Type.StartsWith(typeof(ApplicationSubmitted).FullName + ","))
                    .ToListAsync()).Single(m => ((ApplicationSubmitted)m.Deserialize(typeof(ApplicationSubmitted))).ApplicationId == submitted));
            var messageId = sent.MessageId;
            await WaitUntilAsync(() => Task.FromResult(first.ConsumedOf(messageId) >= Redelivery.Consumers), "every consumer's first delivery");
        }

        var deliveries = new ConsumeTally([sent.MessageId]);
        using var governance = platform.Governance.Services.GetRequiredService<IBus>().ConnectConsumeObserver(deliveries);
        using var approvals = platform.Approvals.Services.GetRequiredService<IBus>().ConnectConsumeObserver(deliveries);
        var publisher = platform.Approvals.Services.GetRequiredService<IBus>();
        for (var i = 0; i < Redelivery.Times; i++)
            await publisher.Publish((ApplicationSubmitted)sent.Deserialize(typeof(ApplicationSubmitted)), context => context.MessageId = sent.MessageId);
        await deliveries.WaitForAsync(Redelivery.Consumers * Redelivery.Times, EventDeadline);

        return new Redelivery(await ServiceHallTallyAsync(district) - before, await ReceiptsAsync(citizen, id), deliveries);
    }

    /// <summary>Every delivery consumed without a fault, and its effects once: one count in the tally, one receipt.</summary>
    private static void AssertAppliedOnce(Redelivery redelivery)
    {
        Assert.Empty(redelivery.Deliveries.Faults);
        Assert.Equal(Redelivery.Consumers * Redelivery.Times, redelivery.Deliveries.Consumed);
        Assert.Equal(1, redelivery.TallyDelta);
        Assert.Equal(1, redelivery.Receipts);
    }

    /// <summary>The "application received" notifications the citizen can list for the application.</summary>
    private async Task<int> ReceiptsAsync(string citizen, Guid applicationId)
    {
        using var response = await platform.Gateway.SendAsync(Request(HttpMethod.Get, "/api/approvals/v1/notifications?pageSize=100", citizen));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("notifications", out var notifications)
            ? notifications.EnumerateArray().Count(n => n.GetProperty("kind").GetString() == "APPLICATION_SUBMITTED"
                                                        && n.GetProperty("reference").GetString() == applicationId.ToString())
            : 0;
    }

    /// <summary>Messages that failed every retry, in any service's error queue: none may be left at the end of a test.</summary>
    private async Task<List<string>> ErrorQueueMessagesAsync()
    {
        var all = new List<string>();
        foreach (var (_, service) in platform.Services) all.AddRange(await ErrorQueues.NonEmptyAsync(service.Services));
        return all;
    }

    [Fact]
    public async Task With_the_broker_stopped_a_submission_is_accepted_and_its_event_arrives_when_the_broker_is_back()
    {
        platform.RequireDocker();
        var before = await ServiceHallTallyAsync("district-05");
        await platform.RabbitMq.StopAsync();
        Guid id;
        try
        {
            id = Guid.Parse(await SubmitAtServiceHallAsync("district-05"));
            await Task.Delay(TimeSpan.FromSeconds(2));
            var unsent = await InDatabaseAsync<ApprovalsDbContext, int>(platform.Approvals,
                db => db.OutboxMessages.CountAsync(m => m.SentAt == null));
            Assert.True(unsent >= 1, "the event should wait in the outbox while the broker is down");
            Assert.Equal(before, await ServiceHallTallyAsync("district-05"));
        }
        finally
        {
            await platform.RabbitMq.StartAsync();
        }

        await WaitForTallyAsync("district-05", before + 1, TimeSpan.FromSeconds(120));
        var stored = await InDatabaseAsync<ApprovalsDbContext, bool>(platform.Approvals, db => db.Applications.AnyAsync(a => a.Id == id));
        Assert.True(stored);
        ErrorQueueAssert.Empty(await ErrorQueueMessagesAsync());
    }

    [Fact]
    public async Task Two_gateway_replicas_share_one_rate_limit_through_redis()
    {
        platform.RequireDocker();
        var window = TimeSpan.FromHours(1);
        var limits = new Dictionary<string, string?> { ["Gateway:RateLimit:PermitLimit"] = "4", ["Gateway:RateLimit:WindowSeconds"] = "3600" };
        var firstGateway = await platform.StartGatewayAsync(limits);
        using var first = new HttpClient { BaseAddress = EmbeddedPlatform.GetHttpAddress(firstGateway) };
        using var second = new HttpClient { BaseAddress = EmbeddedPlatform.GetHttpAddress(await platform.StartGatewayAsync(limits)) };

        // the windows are whole hours: a run across the top of the hour is repeated as a new client
        var (statuses, limited) = await Testing.FixedWindows.WithinOneWindowAsync(window, firstGateway.Services.GetRequiredService<TimeProvider>(), async _ =>
        {
            var token = platform.IssueToken(PlatformRoles.Citizen, $"citizen-{Guid.NewGuid():N}");
            var allowed = new List<HttpStatusCode>();
            foreach (var gateway in new[] { first, second, first, second })
            {
                using var response = await gateway.SendAsync(Request(HttpMethod.Get, "/api/approvals/v1/matters", token));
                allowed.Add(response.StatusCode);
            }
            var refused = new List<(HttpStatusCode Status, bool RetryAfter)>();
            foreach (var gateway in new[] { second, first })
            {
                using var response = await gateway.SendAsync(Request(HttpMethod.Get, "/api/approvals/v1/matters", token));
                refused.Add((response.StatusCode, response.Headers.RetryAfter is not null));
            }
            return (allowed, refused);
        });
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(limited, l =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, l.Status);
            Assert.True(l.RetryAfter, "a 429 tells the client when to retry");
        });

        var someoneElse = platform.IssueToken(PlatformRoles.Citizen, $"citizen-{Guid.NewGuid():N}");
        using var other = await second.SendAsync(Request(HttpMethod.Get, "/api/approvals/v1/matters", someoneElse));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Every_service_runs_on_its_own_postgres_database()
    {
        platform.RequireDocker();
        var contexts = new Dictionary<string, Type>
        {
            ["approvals"] = typeof(ApprovalsDbContext),
            ["governance"] = typeof(GovernanceDbContext),
            ["talent"] = typeof(TalentDbContext),
            ["livelihood"] = typeof(LivelihoodDbContext),
        };
        var modelTables = new Dictionary<string, HashSet<string>>();
        foreach (var (database, service) in platform.Services)
        {
            await using var scope = service.Services.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(contexts[database]);
            Assert.True(db.Database.IsNpgsql(), $"{database} does not run on PostgreSQL");
            // the database the service's own connection is in, as the server reports it
            Assert.Equal(database, await db.Database.SqlQueryRaw<string>("SELECT current_database() AS \"Value\"").SingleAsync());
            modelTables[database] = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().ToHashSet();
        }

        foreach (var (database, tables) in modelTables)
        {
            // the tables only this service's model has (inbox, outbox, notifications and the like are in every one)
            var own = tables.Where(t => modelTables.Where(m => m.Key != database).All(m => !m.Value.Contains(t))).ToHashSet();
            Assert.NotEmpty(own);
            Assert.Subset(await TablesInAsync(database), own);
            foreach (var other in modelTables.Keys.Where(k => k != database))
            {
                var strays = own.Intersect(await TablesInAsync(other)).ToList();
                Assert.True(strays.Count == 0, $"{database}'s tables {string.Join(", ", strays)} are in {other}'s database too");
            }
        }
    }

    /// <summary>The tables that exist in a database on the server.</summary>
    private async Task<HashSet<string>> TablesInAsync(string database)
    {
        await using var connection = new NpgsqlConnection(platform.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new HashSet<string>();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }
}
