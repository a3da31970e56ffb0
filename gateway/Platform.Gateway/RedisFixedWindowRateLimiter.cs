using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Longgang.Gateway;

/// <summary>
/// A fixed-window limiter whose counter lives in Redis, so every gateway replica counts against the same limit.
/// One key per partition and window (<c>gateway:ratelimit:{partition}:{windowIndex}</c>), incremented atomically
/// and given an expiry on its first hit. If Redis cannot be reached the request is let through: an outage of the
/// counter store must not take the whole API down (readiness reports Redis separately).
/// </summary>
public sealed class RedisFixedWindowRateLimiter(
    IConnectionMultiplexer redis,
    string partition,
    int permitLimit,
    TimeSpan window,
    TimeProvider time,
    ILogger logger) : RateLimiter
{
    // INCRBY and PEXPIRE in one script: a crash between the two can never leave a counter without expiry
    private const string IncrementScript = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        if count == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return count
        """;

    private static readonly RateLimitLease Acquired = new Lease(true, null);
    // returned by the synchronous path so the middleware falls through to AcquireAsync, which asks Redis
    private static readonly RateLimitLease NotYetAsked = new Lease(false, null);

    private long _lastUsedTimestamp = time.GetTimestamp();

    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsedTimestamp));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => NotYetAsked;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, permitLimit);
        Interlocked.Exchange(ref _lastUsedTimestamp, time.GetTimestamp());

        var windowMs = (long)window.TotalMilliseconds;
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var windowIndex = nowMs / windowMs;
        var retryAfter = TimeSpan.FromMilliseconds(windowMs - nowMs % windowMs);
        var key = new RedisKey($"gateway:ratelimit:{partition}:{windowIndex}");
        try
        {
            var db = redis.GetDatabase();
            long count;
            if (permitCount == 0)
            {
                // a probe: is anything left in this window, without using it
                count = (long?)await db.StringGetAsync(key).WaitAsync(cancellationToken) ?? 0;
                return count < permitLimit ? Acquired : new Lease(false, retryAfter);
            }
            count = (long)await db.ScriptEvaluateAsync(IncrementScript, [key], [permitCount, windowMs]).WaitAsync(cancellationToken);
            return count <= permitLimit ? Acquired : new Lease(false, retryAfter);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Rate-limit counters in Redis are unavailable; letting the request through");
            return Acquired;
        }
    }

    private sealed class Lease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => isAcquired;

        public override IEnumerable<string> MetadataNames =>
            retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } value && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = value;
                return true;
            }
            metadata = null;
            return false;
        }
    }
}
