using System.Buffers;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Longgang.Platform.Hosting;

/// <summary>
/// Redis as HybridCache's second level, and only as an optimisation: while Redis is unreachable a read is a miss (the
/// caller then reads the database) and a write or an eviction is skipped. Without this, a change that has already
/// committed would answer 500 because its cache entry could not be evicted, and the client would retry something that
/// happened. The price: an eviction skipped while Redis kept its data (a partition rather than a restart) leaves that
/// entry stale until it expires (minutes); this replica's own first level is evicted regardless.
/// </summary>
internal sealed class FailSoftDistributedCache(IBufferDistributedCache redis, ILogger<FailSoftDistributedCache> logger) : IBufferDistributedCache
{
    // one warning when Redis starts failing and one line when it answers again, not one per request
    private int _failing;

    public byte[]? Get(string key) => Call(() => redis.Get(key), null);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => CallAsync(() => redis.GetAsync(key, token), null);

    public bool TryGet(string key, IBufferWriter<byte> destination) => Call(() => redis.TryGet(key, destination), false);

    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default) =>
        await CallAsync(() => redis.TryGetAsync(key, destination, token).AsTask(), false);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Call(() => { redis.Set(key, value, options); return true; }, false);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        CallAsync(async () => { await redis.SetAsync(key, value, options, token); return true; }, false);

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) =>
        Call(() => { redis.Set(key, value, options); return true; }, false);

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        await CallAsync(async () => { await redis.SetAsync(key, value, options, token); return true; }, false);

    public void Refresh(string key) => Call(() => { redis.Refresh(key); return true; }, false);

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        CallAsync(async () => { await redis.RefreshAsync(key, token); return true; }, false);

    public void Remove(string key) => Call(() => { redis.Remove(key); return true; }, false);

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        CallAsync(async () => { await redis.RemoveAsync(key, token); return true; }, false);

    private T Call<T>(Func<T> call, T whenDown)
    {
        try
        {
            var result = call();
            Recovered();
            return result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Failed(ex);
            return whenDown;
        }
    }

    private async Task<T> CallAsync<T>(Func<Task<T>> call, T whenDown)
    {
        try
        {
            var result = await call();
            Recovered();
            return result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Failed(ex);
            return whenDown;
        }
    }

    private void Failed(Exception ex)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0)
            logger.LogWarning(ex, "Redis is unavailable; the cache is bypassed until it answers again");
    }

    private void Recovered()
    {
        if (Volatile.Read(ref _failing) == 1 && Interlocked.Exchange(ref _failing, 0) == 1)
            logger.LogInformation("Redis answers again; the cache is back in use");
    }
}
