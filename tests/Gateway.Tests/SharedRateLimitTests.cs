using System.Threading.RateLimiting;
using Longgang.Platform.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Testcontainers.Redis;

namespace Longgang.Gateway.Tests;

/// <summary>
/// The Redis limiter against a real Redis, as two gateway replicas use it: each replica leases permits and spends them
/// in memory, and together they never admit more than the limit. Every replica has its own connection, as processes do.
/// </summary>
public sealed class SharedRateLimitTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    // mid-window, on a clock of its own: no run straddles two windows
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-02T08:20:00Z");

    [Fact]
    public async Task Two_replicas_together_admit_at_most_the_limit_of_a_client_spread_over_both()
    {
        redis.RequireDocker();
        const int limit = 200;
        var partition = $"sub:citizen-{Guid.NewGuid():N}";
        await using var first = await redis.ConnectAsync();
        await using var second = await redis.ConnectAsync();
        using var replicaA = Limiter(first, partition, limit);
        using var replicaB = Limiter(second, partition, limit);

        // 16 concurrent requests at a time on each replica, three times the limit in all
        var admitted = 0;
        await Task.WhenAll(new[] { replicaA, replicaB }.SelectMany(replica => Enumerable.Range(0, 16).Select(async _ =>
        {
            for (var i = 0; i < limit * 3 / 32; i++)
            {
                using var lease = await Acquire(replica);
                if (lease.IsAcquired) Interlocked.Increment(ref admitted);
            }
        })));

        // never more than the limit; fewer by at most what each replica holds leased and unspent (the documented bound)
        Assert.InRange(admitted, limit - 2 * (RedisFixedWindowRateLimiter.MaxLease(limit) - 1), limit);
        Assert.Equal(limit, (long)await first.GetDatabase().StringGetAsync(CounterKey(partition)));
        using var refused = await Acquire(replicaB);
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(40), retryAfter);
    }

    [Fact]
    public async Task A_busy_client_costs_a_redis_call_per_lease_not_per_request()
    {
        redis.RequireDocker();
        await using var connection = await redis.ConnectAsync();
        using var replica = Limiter(connection, $"sub:citizen-{Guid.NewGuid():N}", 1_000_000);
        var before = await ScriptCallsAsync(connection);

        for (var i = 0; i < 1000; i++)
        {
            using var lease = await Acquire(replica);
            Assert.True(lease.IsAcquired);
        }

        // leases of 1, 2, 4, ... 512 permits cover 1,023 requests: ten calls, counted by the server itself
        Assert.Equal(10, await ScriptCallsAsync(connection) - before);
    }

    /// <summary>As the rate-limiting middleware asks: the synchronous attempt first, the asynchronous one when that says no.</summary>
    private static async ValueTask<RateLimitLease> Acquire(RateLimiter limiter)
    {
        var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        return await limiter.AcquireAsync();
    }

    private static RedisFixedWindowRateLimiter Limiter(IConnectionMultiplexer connection, string partition, int limit) =>
        new(connection, partition, limit, Window, new FixedTime(Now), NullLogger.Instance);

    private static RedisKey CounterKey(string partition) => $"gateway:ratelimit:{partition}:{Now.ToUnixTimeMilliseconds() / (long)Window.TotalMilliseconds}";

    /// <summary>Script calls the server has run (EVAL and EVALSHA), from its own statistics.</summary>
    private static async Task<long> ScriptCallsAsync(IConnectionMultiplexer connection)
    {
        var stats = await connection.GetServers()[0].InfoAsync("commandstats");
        return stats.SelectMany(group => group)
            .Where(pair => pair.Key is "cmdstat_eval" or "cmdstat_evalsha")
            .Sum(pair => long.Parse(pair.Value.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>A Redis server for the assembly's tests of the shared rate limit.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisContainer? _container;
    private string? _unavailable;

    /// <summary>Skips the test without a Docker engine, unless PLATFORM_REQUIRE_DOCKER=1 (CI), where it fails.</summary>
    public void RequireDocker()
    {
        if (_unavailable is null) return;
        if (Environment.GetEnvironmentVariable("PLATFORM_REQUIRE_DOCKER") == "1")
            throw new InvalidOperationException($"PLATFORM_REQUIRE_DOCKER=1 but Redis could not start: {_unavailable}");
        Assert.Skip($"No Docker engine answered, so Redis could not start: {_unavailable}");
    }

    /// <summary>A connection of its own, as each gateway replica has.</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync() =>
        await ConnectionMultiplexer.ConnectAsync(_container!.GetConnectionString() + ",allowAdmin=true");

    public async ValueTask InitializeAsync()
    {
        try
        {
            _container = ServerContainers.Redis().Build();
            await _container.StartAsync();
        }
        catch (Exception ex)
        {
            _unavailable = ex.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }
}
