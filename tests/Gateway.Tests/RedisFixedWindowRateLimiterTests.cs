using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Longgang.Gateway.Tests;

/// <summary>
/// The Redis limiter without a Redis: its contract with the rate-limiting middleware and its outage behaviour.
/// Sharing counters between replicas is shown against a real Redis in the integration tests.
/// </summary>
public sealed class RedisFixedWindowRateLimiterTests
{
    [Fact]
    public void Synchronous_attempt_defers_to_the_asynchronous_path()
    {
        using var redis = Unreachable();
        using var limiter = Limiter(redis);

        using var lease = limiter.AttemptAcquire();

        // the middleware calls AcquireAsync when AttemptAcquire fails; a failed lease without Retry-After is that signal
        Assert.False(lease.IsAcquired);
        Assert.False(lease.TryGetMetadata(MetadataName.RetryAfter, out _));
    }

    [Fact]
    public async Task Unreachable_redis_lets_requests_through()
    {
        using var redis = Unreachable();
        using var limiter = Limiter(redis);

        using var lease = await limiter.AcquireAsync();

        Assert.True(lease.IsAcquired);
    }

    private static RedisFixedWindowRateLimiter Limiter(IConnectionMultiplexer redis) =>
        new(redis, "test", permitLimit: 1, TimeSpan.FromSeconds(10), TimeProvider.System, NullLogger.Instance);

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
}
