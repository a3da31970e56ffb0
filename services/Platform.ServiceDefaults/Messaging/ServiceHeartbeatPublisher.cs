using Longgang.Platform.Events.V1;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Messaging;

/// <summary>
/// Publishes <see cref="ServiceHeartbeat"/> for one service every <see cref="Interval"/>, straight through the bus and
/// not the outbox: a lost heartbeat only makes the service's part of a dashboard look stale for a while, and a
/// heartbeat queued in the outbox during a broker outage would arrive late and claim a liveness that was not seen.
/// </summary>
public sealed class ServiceHeartbeatPublisher(
    string service, TimeSpan interval, IPublishEndpoint bus, TimeProvider clock, ILogger<ServiceHeartbeatPublisher> logger) : BackgroundService
{
    public const string IntervalKey = "Messaging:HeartbeatInterval";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);

    public string Service { get; } = service;
    public TimeSpan Interval { get; } = interval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // the ticks count from the start (the timer runs on the injected clock, so a FakeTimeProvider drives it in tests);
        // one heartbeat at once, so a restarted service is seen as alive without waiting a whole interval
        using var timer = new PeriodicTimer(Interval, clock);
        await BeatAsync(stoppingToken);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await BeatAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One heartbeat; a failure is logged and the next tick tries again.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            await bus.Publish(new ServiceHeartbeat(Service, clock.GetUtcNow()), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Heartbeat of {Service} could not be published; the next one follows in {Interval}", Service, Interval);
        }
    }
}
