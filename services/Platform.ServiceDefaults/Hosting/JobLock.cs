using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Longgang.Platform.Hosting;

/// <summary>
/// Lets one replica at a time run a scheduled job. A job that finds the lock taken skips its turn; the holder
/// releases it by disposing the handle, or, if it crashed, the lease runs out.
/// </summary>
public interface IJobLock
{
    /// <summary>The held lock, or null when someone else holds it (or the lock store cannot be asked): skip this turn.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken);
}

/// <summary>
/// The lock shared by every replica, in Redis (<c>SET NX PX</c> through <c>LockTake</c>). The value is a token of this
/// process, so a holder whose lease ran out cannot release the lock another replica has taken since.
/// An unreachable Redis is a skipped turn with a warning, never an exception: the job runs again next tick.
/// </summary>
public sealed class RedisJobLock : IJobLock
{
    public const string KeyPrefix = "platform:lock:";

    // the multiplexer is resolved on first use: connecting at construction would hold up start-up while Redis is down
    private readonly Lazy<IConnectionMultiplexer> _redis;
    private readonly ILogger<RedisJobLock> _logger;
    // one instance per process (a singleton), so this is the process's token
    private readonly RedisValue _token = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public RedisJobLock(Func<IConnectionMultiplexer> redis, ILogger<RedisJobLock> logger)
    {
        // PublicationOnly: a failed connect is tried again next time instead of being remembered for good
        _redis = new Lazy<IConnectionMultiplexer>(redis, LazyThreadSafetyMode.PublicationOnly);
        _logger = logger;
    }

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = new RedisKey(KeyPrefix + name);
        try
        {
            var database = _redis.Value.GetDatabase();
            return await database.LockTakeAsync(key, _token, lease) ? new Held(database, key, _token, _logger) : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            _logger.LogWarning(ex, "Could not ask Redis for the job lock {Lock}; skipping this run", name);
            return null;
        }
    }

    private sealed class Held(IDatabase database, RedisKey key, RedisValue token, ILogger logger) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1) return;
            try
            {
                // releases only if the value is still our token: after an expired lease it is someone else's lock
                await database.LockReleaseAsync(key, token);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                logger.LogWarning(ex, "Could not release the job lock {Key}; it expires with its lease", key.ToString());
            }
        }
    }
}

/// <summary>
/// The lock for a single process (the embedded default): one holder per name. The lease is not needed: a holder
/// that dies takes the whole process, and the lock with it.
/// </summary>
public sealed class LocalJobLock : IJobLock
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var semaphore = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        return Task.FromResult<IAsyncDisposable?>(semaphore.Wait(0) ? new Held(semaphore) : null);
    }

    private sealed class Held(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            // a second dispose must not release a lock that someone else has taken since
            if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
            return ValueTask.CompletedTask;
        }
    }
}

public static class JobLockExtensions
{
    /// <summary>
    /// <see cref="RedisJobLock"/> when an <see cref="IConnectionMultiplexer"/> is registered (<c>ConnectionStrings:redis</c>),
    /// otherwise <see cref="LocalJobLock"/>. Decided when the lock is first resolved, so the order of registration does not matter.
    /// </summary>
    public static IServiceCollection AddJobLock(this IServiceCollection services)
    {
        services.TryAddSingleton<IJobLock>(provider =>
            provider.GetRequiredService<IServiceProviderIsService>().IsService(typeof(IConnectionMultiplexer))
                ? new RedisJobLock(provider.GetRequiredService<IConnectionMultiplexer>, provider.GetRequiredService<ILogger<RedisJobLock>>())
                : new LocalJobLock());
        return services;
    }
}
