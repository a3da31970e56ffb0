using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Longgang.Gateway;

/// <summary>
/// A fixed-window limiter whose counter lives in Redis, so every gateway replica counts against the same limit.
/// One key per partition and window (<c>gateway:ratelimit:{partition}:{windowIndex}</c>) counts the permits granted in
/// that window, never more than the limit.
/// <para>
/// A replica does not ask Redis on every request: it takes a <em>lease</em> of permits out of what is left in the
/// window and spends it in memory, asking again when it is used up. The first lease of a window is one permit, and
/// each further one twice the last, up to <see cref="MaxLease"/>: a client making a few requests costs a Redis call
/// per request as before, a busy one a call per up to 1,024 requests. Redis grants only what is left, so all replicas
/// together never admit more than the limit per client and window: no overshoot. The price is undershoot: permits
/// leased to one replica and not yet spent are not available to the others, so a client spread over R replicas may be
/// refused while up to R × (<see cref="MaxLease"/> − 1) of its permits are still unspent elsewhere. Once the window is
/// used up the replica refuses without asking Redis until the window ends.
/// </para>
/// While Redis cannot be reached the same limit is counted in this replica's memory, over the same windows: an outage
/// of the counter store must neither take the API down nor lift the limit (a client can then get the limit once per
/// replica). Readiness reports Redis separately.
/// </summary>
public sealed class RedisFixedWindowRateLimiter : RateLimiter
{
    /// <summary>The largest lease: a 32nd of the limit (the undershoot's unit), at least 1, at most 1,024.</summary>
    public static int MaxLease(int permitLimit) => Math.Clamp(permitLimit / 32, 1, 1024);

    // grants what is left of the limit, up to the lease asked for, and sets the expiry with the first grant: one
    // script, so a crash between the two can never leave a counter without expiry. Returns { granted, count }.
    private const string LeaseScript = """
        local limit = tonumber(ARGV[2])
        local count = tonumber(redis.call('GET', KEYS[1]) or '0')
        local grant = math.min(tonumber(ARGV[1]), limit - count)
        if grant <= 0 then return { 0, count } end
        count = redis.call('INCRBY', KEYS[1], grant)
        if count == grant then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
        return { grant, count }
        """;

    private static readonly RateLimitLease Acquired = new Lease(true, null);
    // returned by the synchronous path so the middleware falls through to AcquireAsync, which asks Redis
    private static readonly RateLimitLease NotYetAsked = new Lease(false, null);

    // one warning when the replica starts counting locally and one line when Redis is back, not one per request
    private static int _redisUnavailable;

    private readonly IConnectionMultiplexer _redis;
    private readonly string _partition;
    private readonly int _permitLimit;
    private readonly long _windowMs;
    private readonly int _maxLease;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private readonly Lock _gate = new();
    private long _lastUsedTimestamp;
    // what this replica knows of window _window: permits leased and not yet spent, permits leased in all (from Redis,
    // or from itself during an outage), the next lease's size, and whether nothing is left to lease
    private long _window = -1;
    private long _available;
    private long _leased;
    private long _nextLease = 1;
    private bool _usedUp;
    // the lease request in flight: requests that find the lease spent wait for it rather than ask Redis too
    private Task? _leasing;

    public RedisFixedWindowRateLimiter(IConnectionMultiplexer redis, string partition, int permitLimit, TimeSpan window,
        TimeProvider time, ILogger logger)
    {
        _redis = redis;
        _partition = partition;
        _permitLimit = permitLimit;
        _windowMs = (long)window.TotalMilliseconds;
        _maxLease = MaxLease(permitLimit);
        _time = time;
        _logger = logger;
        _lastUsedTimestamp = time.GetTimestamp();
    }

    public override TimeSpan? IdleDuration => _time.GetElapsedTime(Interlocked.Read(ref _lastUsedTimestamp));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>From the lease in memory when it has the permits; otherwise the middleware goes on to <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _permitLimit);
        var (window, retryAfter) = Now();
        lock (_gate)
        {
            return TryLocally(window, permitCount, retryAfter) ?? NotYetAsked;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _permitLimit);
        while (true)
        {
            var (window, retryAfter) = Now();
            TaskCompletionSource? mine = null;
            Task leasing;
            long want;
            lock (_gate)
            {
                if (TryLocally(window, permitCount, retryAfter) is { } answer) return answer;
                want = Math.Max(permitCount - _available, _nextLease);
                if (_leasing is null)
                {
                    mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _leasing = mine.Task;
                }
                leasing = _leasing;
            }
            if (mine is null)
            {
                await leasing.WaitAsync(cancellationToken);
                continue;
            }
            try
            {
                // not cancelled with this request: the others waiting for the lease need its answer
                await LeaseAsync(window, want);
            }
            finally
            {
                lock (_gate) _leasing = null;
                mine.SetResult();
            }
        }
    }

    /// <summary>The answer from what this replica knows (under the lock), or null when a lease must be asked for.</summary>
    private RateLimitLease? TryLocally(long window, int permitCount, TimeSpan retryAfter)
    {
        _lastUsedTimestamp = _time.GetTimestamp();
        if (_window != window)
        {
            _window = window;
            _available = 0;
            _leased = 0;
            _nextLease = 1;
            _usedUp = false;
        }
        if (permitCount == 0)
        {
            // a probe: is anything left in this window, without using it (as far as this replica knows)
            return _available > 0 || !_usedUp ? Acquired : new Lease(false, retryAfter);
        }
        if (_available >= permitCount)
        {
            _available -= permitCount;
            return Acquired;
        }
        return _usedUp ? new Lease(false, retryAfter) : null;
    }

    /// <summary>Asks Redis for <paramref name="want"/> permits of the window (or counts them here while it is unreachable).</summary>
    private async Task LeaseAsync(long window, long want)
    {
        long granted;
        bool usedUp;
        // asked even while the multiplexer reports itself disconnected: a disconnected one fails at once (caught below),
        // and its own flag can lag behind a reconnect, which would keep the replica counting locally after Redis is back
        try
        {
            var key = new RedisKey($"gateway:ratelimit:{_partition}:{window}");
            var result = (RedisResult[])(await _redis.GetDatabase().ScriptEvaluateAsync(LeaseScript, [key], [want, _permitLimit, _windowMs]))!;
            granted = (long)result[0];
            usedUp = (long)result[1] >= _permitLimit;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LeaseLocally(window, want, ex);
            return;
        }
        // read first: an interlocked write on every lease would have all cores contend for one flag
        if (Volatile.Read(ref _redisUnavailable) == 1 && Interlocked.Exchange(ref _redisUnavailable, 0) == 1)
            _logger.LogInformation("Rate-limit counters in Redis are reachable again; counting there");
        lock (_gate) Add(window, granted, usedUp);
    }

    /// <summary>The same fixed window, counted in memory: what the limiter does while Redis is unreachable.</summary>
    private void LeaseLocally(long window, long want, Exception? cause)
    {
        if (Interlocked.Exchange(ref _redisUnavailable, 1) == 0)
            _logger.LogWarning(cause, "Rate-limit counters in Redis are unavailable; counting in this replica until it is back");
        lock (_gate)
        {
            var granted = Math.Clamp(_permitLimit - _leased, 0, want);
            Add(window, granted, _leased + granted >= _permitLimit);
        }
    }

    private void Add(long window, long granted, bool usedUp)
    {
        // the window ended while Redis was asked: its permits are of no use in the next one
        if (_window != window) return;
        _available += granted;
        _leased += granted;
        _usedUp |= usedUp;
        _nextLease = Math.Min(_nextLease * 2, _maxLease);
    }

    private (long Window, TimeSpan RetryAfter) Now()
    {
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return (nowMs / _windowMs, TimeSpan.FromMilliseconds(_windowMs - nowMs % _windowMs));
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
