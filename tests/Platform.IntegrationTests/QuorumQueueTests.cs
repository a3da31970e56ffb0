using Longgang.Platform.Messaging;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Testcontainers.RabbitMq;

namespace Longgang.Platform.IntegrationTests;

/// <summary>A message the probe consumer takes.</summary>
public sealed record QuorumProbe(Guid Id);

/// <summary>A message its consumer always fails on.</summary>
public sealed record QuorumPoison(Guid Id);

public sealed class QuorumProbeConsumer(TaskCompletionSource<Guid> received) : IConsumer<QuorumProbe>
{
    public Task Consume(ConsumeContext<QuorumProbe> context)
    {
        received.TrySetResult(context.Message.Id);
        return Task.CompletedTask;
    }
}

public sealed class QuorumPoisonConsumer : IConsumer<QuorumPoison>
{
    public Task Consume(ConsumeContext<QuorumPoison> context) => throw new InvalidOperationException("poison");
}

/// <summary>
/// On real RabbitMQ the platform's receive queues (and their error queues) are quorum queues, which survive the loss
/// of a broker node; messages are still delivered, and a message that keeps failing still ends in <c>_error</c>.
/// </summary>
public sealed class QuorumQueueTests : IAsyncLifetime
{
    private RabbitMqContainer _rabbitMq = null!;
    private string? _unavailable;

    public async ValueTask InitializeAsync()
    {
        try
        {
            _rabbitMq = ServerContainers.RabbitMq()
                .WithUsername("platform").WithPassword("platform").Build();
            await _rabbitMq.StartAsync();
        }
        catch (Exception ex)
        {
            _unavailable = ex.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_unavailable is null) await _rabbitMq.DisposeAsync();
    }

    [Fact]
    public async Task Receive_queues_are_quorum_queues_that_deliver_and_keep_failed_messages_in_the_error_queue()
    {
        if (_unavailable is not null)
        {
            if (Environment.GetEnvironmentVariable("PLATFORM_REQUIRE_DOCKER") == "1")
                throw new InvalidOperationException($"PLATFORM_REQUIRE_DOCKER=1 but RabbitMQ could not start: {_unavailable}");
            Assert.Skip($"No Docker engine answered: {_unavailable}");
        }
        var received = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = RealServers.HostEnvironment, Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:rabbitmq"] = _rabbitMq.GetConnectionString() });
        builder.Services.AddSingleton(received);
        builder.AddIntegrationEventConsumer<QuorumProbeConsumer>();
        builder.AddIntegrationEventConsumer<QuorumPoisonConsumer>();
        builder.AddMessaging();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var bus = host.Services.GetRequiredService<IBusControl>();
            Assert.Equal(BusHealthStatus.Healthy, await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromMinutes(2)));
            var errors = host.Services.GetRequiredService<ErrorQueueOperator>();
            var probeQueue = Assert.Single(errors.Queues, q => q.EndsWith("quorum-probe", StringComparison.Ordinal));
            var poisonQueue = Assert.Single(errors.Queues, q => q.EndsWith("quorum-poison", StringComparison.Ordinal));

            var probe = Guid.NewGuid();
            await bus.Publish(new QuorumProbe(probe));
            await bus.Publish(new QuorumPoison(Guid.NewGuid()));

            Assert.Equal(probe, await received.Task.WaitAsync(TimeSpan.FromMinutes(1)));
            // five retries with backoff (about 15 s), then the error queue
            await WaitForErrorMessageAsync(errors, poisonQueue, TimeSpan.FromMinutes(2));

            var types = await QueueTypesAsync();
            Assert.Equal("quorum", types[probeQueue]);
            Assert.Equal("quorum", types[poisonQueue]);
            Assert.Equal("quorum", types[poisonQueue + ErrorQueueOperator.ErrorSuffix]);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task WaitForErrorMessageAsync(ErrorQueueOperator errors, string queue, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var listed = (await errors.ListAsync(1, CancellationToken.None)).SingleOrDefault(e => e.Queue == queue);
            if (listed is { MessageCount: 1 }) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{queue}'s error queue holds {listed?.MessageCount} messages, not 1");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Queue name → type, as the broker reports them (asked once: rabbitmqctl boots a VM per call).</summary>
    private async Task<Dictionary<string, string>> QueueTypesAsync()
    {
        var result = await _rabbitMq.ExecAsync(["rabbitmqctl", "list_queues", "--quiet", "--no-table-headers", "name", "type"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
    }
}
