using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Data;
using Longgang.Governance.Data;
using Longgang.Platform.Host;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform.IntegrationTests;

/// <summary>The walking skeleton's promises, on PostgreSQL, RabbitMQ and Redis.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PlatformFlowTests(PlatformFixture platform)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(60);

    private HttpRequestMessage Request(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private async Task<string> SubmitAtServiceHallAsync(string district)
    {
        var citizen = platform.IssueToken(PlatformRoles.Citizen, $"citizen-{Guid.NewGuid():N}");
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
    }

    [Fact]
    public async Task The_same_message_delivered_twice_changes_the_tally_once()
    {
        platform.RequireDocker();
        var before = await ServiceHallTallyAsync("district-07");
        var messageId = NewId.NextGuid();
        var submitted = new ApplicationSubmitted(Guid.NewGuid(), "MS-002", "dept-market-supervision", "citizen-x",
            ApplicationSubmitted.ServiceHallChannel, "district-07", Testing.TestClock.Now);
        var governanceBus = platform.Governance.Services.GetRequiredService<IBus>();
        var consumed = new ConsumeCounter(messageId);
        using var _ = governanceBus.ConnectConsumeObserver(consumed);

        var publisher = platform.Approvals.Services.GetRequiredService<IBus>();
        await publisher.Publish(submitted, context => context.MessageId = messageId);
        await publisher.Publish(submitted, context => context.MessageId = messageId);

        await consumed.WaitForAsync(2, EventDeadline);
        Assert.Equal(before + 1, await ServiceHallTallyAsync("district-07"));
        var inboxRows = await InDatabaseAsync<GovernanceDbContext, int>(platform.Governance,
            db => db.InboxMessages.CountAsync(m => m.MessageId == messageId));
        Assert.Equal(1, inboxRows);
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
        var deputy = platform.IssueToken(PlatformRoles.Deputy, "deputy-1");
        var citizen = platform.IssueToken(PlatformRoles.Citizen, "citizen-1");

        using var tiers = await platform.Gateway.SendAsync(Request(HttpMethod.Get, "/api/talent/v1/tiers", citizen));
        Assert.Equal(HttpStatusCode.OK, tiers.StatusCode);
        using var proposal = await platform.Gateway.SendAsync(Request(HttpMethod.Post, "/api/livelihood/v1/projects", deputy, new
        {
            year = 2027, title = "Covered bicycle parking at the bus station", category = "PROJECT_CATEGORY_TRANSPORT",
            districtCodes = new[] { "district-01" }, estimatedCostYuan = 1_200_000, rationale = "Commuters asked for it at three deliberation meetings.",
        }));
        Assert.Equal(HttpStatusCode.OK, proposal.StatusCode);
        using var ready = await platform.Gateway.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    /// <summary>Counts how often a consumer finished handling one message id.</summary>
    private sealed class ConsumeCounter(Guid messageId) : IConsumeObserver
    {
        private int _count;

        public async Task WaitForAsync(int expected, TimeSpan deadline)
        {
            var until = DateTime.UtcNow + deadline;
            while (Volatile.Read(ref _count) < expected)
            {
                Assert.True(DateTime.UtcNow < until, $"message {messageId} was consumed {_count} times, expected {expected}");
                await Task.Delay(50);
            }
        }

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
        public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Count(context);
        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Count(context);

        private Task Count(ConsumeContext context)
        {
            if (context.MessageId == messageId) Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }
}
