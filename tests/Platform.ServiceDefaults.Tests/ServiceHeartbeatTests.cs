using Longgang.Platform.Events.V1;
using Longgang.Platform.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Platform.Tests;

public sealed class ServiceHeartbeatTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        _services = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider();
        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
    }

    private async Task<IReadOnlyList<ServiceHeartbeat>> PublishedAsync(int expected)
    {
        // the publisher runs on its own task: give it a moment to publish what the clock made due
        for (var i = 0; i < 100 && _harness.Published.Select<ServiceHeartbeat>().Count() < expected; i++) await Task.Delay(20);
        await Task.Delay(50);
        return _harness.Published.Select<ServiceHeartbeat>().Select(m => m.Context.Message).OrderBy(h => h.At).ToList();
    }

    [Fact]
    public async Task A_heartbeat_at_start_and_then_one_per_interval_of_the_platform_clock()
    {
        var publisher = new ServiceHeartbeatPublisher("talent", TimeSpan.FromMinutes(1), _services.GetRequiredService<IBus>(), _clock,
            NullLogger<ServiceHeartbeatPublisher>.Instance);
        await publisher.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            Assert.Equal([new ServiceHeartbeat("talent", Start)], await PublishedAsync(1));

            _clock.Advance(TimeSpan.FromSeconds(59));
            Assert.Single(await PublishedAsync(2));

            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal([Start, Start.AddMinutes(1)], (await PublishedAsync(2)).Select(h => h.At));

            _clock.Advance(TimeSpan.FromMinutes(1));
            var beats = await PublishedAsync(3);
            Assert.Equal(3, beats.Count);
            Assert.All(beats, h => Assert.Equal("talent", h.Service));
        }
        finally
        {
            await publisher.StopAsync(TestContext.Current.CancellationToken);
        }
    }
}
