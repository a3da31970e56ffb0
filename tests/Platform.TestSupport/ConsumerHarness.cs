using Longgang.Platform.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longgang.Platform.Testing;

/// <summary>
/// Consumers under test on MassTransit's in-memory test harness, in a container holding what they need (a service's
/// DbContext over a test database, a clock). Started on a container of its own (<see cref="StartAsync(Action{IServiceCollection}, Action{IBusRegistrationConfigurator})"/>)
/// or on one a test host built with <see cref="ConsumerHarnessExtensions.AddConsumerHarness"/>; disposing stops the bus
/// (and disposes the container it owns).
/// </summary>
public sealed class ConsumerHarness : IAsyncDisposable
{
    private readonly ITestHarness _harness;
    private readonly ServiceProvider? _owned;

    private ConsumerHarness(ITestHarness harness, ServiceProvider? owned)
    {
        _harness = harness;
        _owned = owned;
    }

    public IBus Bus => _harness.Bus;

    /// <summary>A container of its own, with logging, what <paramref name="services"/> adds, and the consumers.</summary>
    public static Task<ConsumerHarness> StartAsync(Action<IServiceCollection> services, Action<IBusRegistrationConfigurator> consumers)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        services(collection);
        collection.AddConsumerHarness(consumers);
        var provider = collection.BuildServiceProvider(validateScopes: true);
        return StartAsync(provider, provider);
    }

    /// <summary>On a container built with <see cref="ConsumerHarnessExtensions.AddConsumerHarness"/>, which the caller disposes.</summary>
    public static Task<ConsumerHarness> StartAsync(IServiceProvider services) => StartAsync(services, null);

    private static async Task<ConsumerHarness> StartAsync(IServiceProvider services, ServiceProvider? owned)
    {
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        return new ConsumerHarness(harness, owned);
    }

    /// <summary>
    /// Publishes <paramref name="message"/> under <paramref name="messageId"/> (a new one if null) and waits until a
    /// consumer has finished with it; returns the faults of that delivery.
    /// </summary>
    public async Task<IReadOnlyCollection<Exception>> DeliverAsync<TMessage>(TMessage message, Guid? messageId, CancellationToken cancellationToken)
        where TMessage : class
    {
        var deliveries = new DeliveryObserver<TMessage>();
        using var observing = Bus.ConnectConsumeMessageObserver(deliveries);
        await deliveries.DeliverAsync(Bus, message, messageId ?? Guid.NewGuid(), cancellationToken);
        return deliveries.Faults;
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.Stop();
        if (_owned is not null) await _owned.DisposeAsync();
    }
}

public static class ConsumerHarnessExtensions
{
    /// <summary>MassTransit's in-memory test harness with these consumers, and the outbox signal every consumer is given.</summary>
    public static IServiceCollection AddConsumerHarness(this IServiceCollection services, Action<IBusRegistrationConfigurator> consumers)
    {
        services.TryAddSingleton<OutboxSignal>();
        return services.AddMassTransitTestHarness(consumers);
    }
}
