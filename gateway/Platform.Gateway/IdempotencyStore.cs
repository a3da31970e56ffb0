using System.Text.Json;
using StackExchange.Redis;

namespace Longgang.Gateway;

/// <summary>The response a POST got the first time, replayed to its repeats.</summary>
public sealed record IdempotentResponse(int StatusCode, string? ContentType, byte[] Body);

/// <summary>
/// What is known about an <c>Idempotency-Key</c>: the fingerprint of the request that first used it, and its
/// response once it has one (null while that request is still in flight).
/// </summary>
public sealed record IdempotencyRecord(string Fingerprint, IdempotentResponse? Response);

/// <summary>The store could not be asked; the request must not run unguarded (it might run twice).</summary>
public sealed class IdempotencyStoreUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Where the gateway keeps <c>Idempotency-Key</c> records: Redis, shared by every gateway replica, or memory in the
/// single-process embedded default. Keys arrive already scoped to caller, method and path.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <paramref name="key"/> for a request with <paramref name="fingerprint"/>, marking it in flight for at most
    /// <paramref name="inFlightFor"/>. Returns null when claimed; otherwise the record already there (untouched).
    /// </summary>
    Task<IdempotencyRecord?> TryBeginAsync(string key, string fingerprint, TimeSpan inFlightFor, CancellationToken cancellationToken);

    /// <summary>Stores the claimed request's response, kept for <paramref name="keepFor"/>.</summary>
    Task CompleteAsync(string key, IdempotencyRecord record, TimeSpan keepFor, CancellationToken cancellationToken);

    /// <summary>Forgets a claim whose request did not succeed, so the client may try again with the same key.</summary>
    Task ReleaseAsync(string key, CancellationToken cancellationToken);
}

/// <summary>
/// Records in Redis under <c>gateway:idempotency:{key}</c>: the claim is <c>SET NX</c> with the in-flight expiry, the
/// response then overwrites it with the long expiry, so a crashed gateway's claim frees itself.
/// </summary>
public sealed class RedisIdempotencyStore(IConnectionMultiplexer redis) : IIdempotencyStore
{
    public const string KeyPrefix = "gateway:idempotency:";

    public async Task<IdempotencyRecord?> TryBeginAsync(string key, string fingerprint, TimeSpan inFlightFor, CancellationToken cancellationToken)
    {
        var redisKey = new RedisKey(KeyPrefix + key);
        var claim = JsonSerializer.SerializeToUtf8Bytes(new IdempotencyRecord(fingerprint, null));
        var (claimed, existing) = await Ask(async db =>
            await db.StringSetAsync(redisKey, claim, inFlightFor, When.NotExists)
                ? (true, RedisValue.Null)
                : (false, await db.StringGetAsync(redisKey)),
            cancellationToken);
        if (claimed) return null;
        // the record vanished between SET NX and GET (its owner released it just then): calling it in flight sends
        // this client a 409 to retry, never a second execution
        return existing.IsNull
            ? new IdempotencyRecord(fingerprint, null)
            : JsonSerializer.Deserialize<IdempotencyRecord>((byte[])existing!);
    }

    public Task CompleteAsync(string key, IdempotencyRecord record, TimeSpan keepFor, CancellationToken cancellationToken) =>
        Ask(db => db.StringSetAsync(KeyPrefix + key, JsonSerializer.SerializeToUtf8Bytes(record), keepFor), cancellationToken);

    public Task ReleaseAsync(string key, CancellationToken cancellationToken) =>
        Ask(db => db.KeyDeleteAsync(KeyPrefix + key), cancellationToken);

    private async Task<T> Ask<T>(Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        try
        {
            return await command(redis.GetDatabase()).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new IdempotencyStoreUnavailableException("Idempotency records in Redis are unavailable.", ex);
        }
    }
}

/// <summary>The embedded default: one process, so one dictionary; expired records are swept now and then.</summary>
public sealed class InMemoryIdempotencyStore(TimeProvider time) : IIdempotencyStore
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, (IdempotencyRecord Record, DateTimeOffset ExpiresAt)> _records = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public Task<IdempotencyRecord?> TryBeginAsync(string key, string fingerprint, TimeSpan inFlightFor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_records)
        {
            Sweep(now);
            if (_records.TryGetValue(key, out var existing) && existing.ExpiresAt > now)
                return Task.FromResult<IdempotencyRecord?>(existing.Record);
            _records[key] = (new IdempotencyRecord(fingerprint, null), now + inFlightFor);
            return Task.FromResult<IdempotencyRecord?>(null);
        }
    }

    public Task CompleteAsync(string key, IdempotencyRecord record, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        lock (_records) _records[key] = (record, time.GetUtcNow() + keepFor);
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        lock (_records) _records.Remove(key);
        return Task.CompletedTask;
    }

    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep) return;
        _nextSweep = now + SweepEvery;
        foreach (var (key, entry) in _records.ToArray())
            if (entry.ExpiresAt <= now) _records.Remove(key);
    }
}
