using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Hosting;

/// <summary>
/// A pass of work every <see cref="Interval"/>, run by the replica that holds the job's lock; the others skip their
/// turn. A failed pass is logged and the next tick tries again, so a pass must only catch up with what is due: a
/// missed tick then delays the work, never loses it. Each pass gets a fresh scope (its own DbContext).
/// </summary>
public abstract class ScheduledJob(IServiceScopeFactory scopes, IJobLock jobLock, TimeProvider clock, ILogger logger, string lockName, TimeSpan interval)
    : BackgroundService
{
    /// <summary>
    /// Far longer than a pass takes; it only matters when a holder dies without releasing the lock. Should a pass ever
    /// outlive it, a second replica's pass could overlap: passes must tolerate that (unique keys, revision checks).
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public TimeSpan Interval { get; } = interval;

    /// <summary>The interval from <paramref name="key"/> (seconds), refusing a non-positive one at start.</summary>
    protected static TimeSpan IntervalFrom(IConfiguration configuration, string key, int defaultSeconds)
    {
        var seconds = configuration.GetValue(key, defaultSeconds);
        if (seconds <= 0)
            throw new InvalidOperationException($"{key} must be a positive number of seconds, not {seconds}.");
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>One pass in its own scope; returns what to log (null: nothing happened worth a line).</summary>
    protected abstract Task<string?> RunPassAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // the timer runs on the injected clock, so a FakeTimeProvider drives it in tests
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await TryRunPassAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One tick: a pass if this replica gets the lock. Returns whether a pass ran to the end.</summary>
    public async Task<bool> TryRunPassAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var held = await jobLock.TryAcquireAsync(lockName, Lease, cancellationToken);
            if (held is null)
            {
                logger.LogDebug("Another replica holds {Lock}; skipping this pass", lockName);
                return false;
            }
            await using var scope = scopes.CreateAsyncScope();
            if (await RunPassAsync(scope.ServiceProvider, cancellationToken) is { } summary)
                logger.LogInformation("{Lock}: {Summary}", lockName, summary);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Lock}: the pass failed; trying again in {Interval}", lockName, Interval);
            return false;
        }
    }
}
