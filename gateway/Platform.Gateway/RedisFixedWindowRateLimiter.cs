using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Longgang.Gateway;

/// <summary>
/// A fixed-window limiter whose counter lives in Redis, so every gateway replica counts against the same limit.
/// One key per partition and window (<c>gateway:ratelimit:{partition}:{windowIndex}</c>), incremented atomically
/// and given an expiry on its first hit. While Redis cannot be reached the same limit is counted in this replica's
/// memory, over the same windows: an outage of the counter store must neither take the API down nor lift the limit
/// (a client can then get the limit once per replica). Readiness reports Redis separately.
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

    // the local fallback: this partition's count in the current window, in this replica only
    private readonly Lock _local = new();
    private long _localWindow = -1;
    private long _localCount;

    // one warning when the replica starts counting locally and one line when Redis is back, not one per request
    private static int _redisUnavailable;

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
        // known to be disconnected: do not even ask (the multiplexer reconnects in the background)
        if (!redis.IsConnected) return AcquireLocally(permitCount, windowIndex, retryAfter, null);
        try
        {
            var db = redis.GetDatabase();
            long count;
            if (permitCount == 0)
            {
                // a probe: is anything left in this window, without using it
                count = (long?)await db.StringGetAsync(key).WaitAsync(cancellationToken) ?? 0;
            }
            else
            {
                count = (long)await db.ScriptEvaluateAsync(IncrementScript, [key], [permitCount, windowMs]).WaitAsync(cancellationToken);
            }
            // read first: an interlocked write on every request would have all cores contend for one flag
            if (Volatile.Read(ref _redisUnavailable) == 1 && Interlocked.Exchange(ref _redisUnavailable, 0) == 1)
                logger.LogInformation("Rate-limit counters in Redis are reachable again; counting there");
            if (permitCount == 0) return count < permitLimit ? Acquired : new Lease(false, retryAfter);
            return count <= permitLimit ? Acquired : new Lease(false, retryAfter);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return AcquireLocally(permitCount, windowIndex, retryAfter, ex);
        }
    }

    /// <summary>The same fixed window, counted in memory: what the limiter does while Redis is unreachable.</summary>
    private RateLimitLease AcquireLocally(int permitCount, long windowIndex, TimeSpan retryAfter, Exception? cause)
    {
        if (Interlocked.Exchange(ref _redisUnavailable, 1) == 0)
            logger.LogWarning(cause, "Rate-limit counters in Redis are unavailable; counting in this replica until it is back");
        lock (_local)
        {
            if (_localWindow != windowIndex)
            {
                _localWindow = windowIndex;
                _localCount = 0;
            }
            if (permitCount == 0) return _localCount < permitLimit ? Acquired : new Lease(false, retryAfter);
            if (_localCount + permitCount > permitLimit) return new Lease(false, retryAfter);
            _localCount += permitCount;
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
