using System.Reflection;
using MassTransit;

namespace Longgang.Platform.Testing;

/// <summary>
/// How many consumers of a message the given service assemblies hold, counted rather than written down: a test that
/// waits for fewer deliveries than there are consumers lets the late ones land after its count, and a new consumer
/// (a dashboard, a notifier) would otherwise break every flow test that counted by hand.
/// </summary>
public static class Consumers
{
    public static int Of<TMessage>(params Assembly[] services) where TMessage : class => Of(typeof(TMessage), services);

    public static int Of(Type message, params Assembly[] services) =>
        services.SelectMany(a => a.GetTypes())
            .Count(t => t is { IsClass: true, IsAbstract: false } && typeof(IConsumer<>).MakeGenericType(message).IsAssignableFrom(t));
}
