using Longgang.Platform.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Longgang.Platform.IntegrationTests;

/// <summary>The job lock that lets one replica at a time run a scheduled job, on a real Redis.</summary>
[Collection(PlatformCollection.Name)]
public sealed class JobLockTests(PlatformFixture platform)
{
    [Fact]
    public async Task Two_replicas_exclude_each_other_and_a_dead_holders_lease_runs_out()
    {
        platform.RequireDocker();
        // two connections, as two replicas would have
        await using var redisA = await ConnectionMultiplexer.ConnectAsync(platform.Redis.GetConnectionString());
        await using var redisB = await ConnectionMultiplexer.ConnectAsync(platform.Redis.GetConnectionString());
        var replicaA = new RedisJobLock(() => redisA, NullLogger<RedisJobLock>.Instance);
        var replicaB = new RedisJobLock(() => redisB, NullLogger<RedisJobLock>.Instance);
        var name = $"tests:{Guid.NewGuid():N}";
        var lease = TimeSpan.FromSeconds(2);

        var heldByA = await replicaA.TryAcquireAsync(name, lease, CancellationToken.None);
        Assert.NotNull(heldByA);
        Assert.True(await redisB.GetDatabase().KeyExistsAsync(RedisJobLock.KeyPrefix + name));
        Assert.Null(await replicaB.TryAcquireAsync(name, lease, CancellationToken.None));

        await heldByA.DisposeAsync();
        var heldByB = await replicaB.TryAcquireAsync(name, lease, CancellationToken.None);
        Assert.NotNull(heldByB);
        Assert.Null(await replicaA.TryAcquireAsync(name, lease, CancellationToken.None));

        // B stops answering without releasing: once its lease runs out, A takes over
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        IAsyncDisposable? takenOver;
        while ((takenOver = await replicaA.TryAcquireAsync(name, TimeSpan.FromMinutes(1), CancellationToken.None)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the lease did not run out");
            await Task.Delay(100);
        }

        // B's late release must not free the lock A holds now
        await heldByB.DisposeAsync();
        Assert.Null(await replicaB.TryAcquireAsync(name, lease, CancellationToken.None));
        await takenOver.DisposeAsync();
    }
}
