using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Longgang.Gateway.Tests;

/// <summary>
/// The Redis limiter without a Redis: its contract with the rate-limiting middleware and its outage behaviour
/// (the same limit, counted in the replica).
/// Sharing counters between replicas is shown against a real Redis in the integration tests.
/// </summary>
public sealed class RedisFixedWindowRateLimiterTests
{
    [Fact]
    public void Synchronous_attempt_defers_to_the_asynchronous_path()
    {
        using var redis = Unreachable();
        using var limiter = Limiter(redis, permitLimit: 1, TimeProvider.System);

        using var lease = limiter.AttemptAcquire();

        // the middleware calls AcquireAsync when AttemptAcquire fails; a failed lease without Retry-After is that signal
        Assert.False(lease.IsAcquired);
        Assert.False(lease.TryGetMetadata(MetadataName.RetryAfter, out _));
    }

    [Fact]
    public async Task Unreachable_redis_falls_back_to_the_same_limit_counted_locally()
    {
        using var redis = Unreachable();
        var time = new ManualTime(DateTimeOffset.Parse("2026-03-02T08:00:03Z"));
        using var limiter = Limiter(redis, permitLimit: 2, time);

        using var first = await limiter.AcquireAsync();
        using var second = await limiter.AcquireAsync();
        using var third = await limiter.AcquireAsync();

        Assert.True(first.IsAcquired);
        Assert.True(second.IsAcquired);
        Assert.False(third.IsAcquired);
        // the same 10 s windows as in Redis: 3 s into one, 7 s remain
        Assert.True(third.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(7), retryAfter);

        time.Now += TimeSpan.FromSeconds(7);
        using var nextWindow = await limiter.AcquireAsync();
        Assert.True(nextWindow.IsAcquired);
    }

    [Fact]
    public async Task A_local_probe_does_not_use_a_permit()
    {
        using var redis = Unreachable();
        using var limiter = Limiter(redis, permitLimit: 1, new ManualTime(DateTimeOffset.Parse("2026-03-02T08:00:00Z")));

        using var probe = await limiter.AcquireAsync(permitCount: 0);
        using var first = await limiter.AcquireAsync();
        using var secondProbe = await limiter.AcquireAsync(permitCount: 0);

        Assert.True(probe.IsAcquired);
        Assert.True(first.IsAcquired);
        Assert.False(secondProbe.IsAcquired);
    }

    private static RedisFixedWindowRateLimiter Limiter(IConnectionMultiplexer redis, int permitLimit, TimeProvider time) =>
        new(redis, "test", permitLimit, TimeSpan.FromSeconds(10), time, NullLogger.Instance);

    private static ConnectionMultiplexer Unreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return ConnectionMultiplexer.Connect(new ConfigurationOptions
        {
            EndPoints = { { IPAddress.Loopback, port } },
            AbortOnConnectFail = false,
            ConnectTimeout = 200,
            AsyncTimeout = 500,
            SyncTimeout = 500,
        });
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
