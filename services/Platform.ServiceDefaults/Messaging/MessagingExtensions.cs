using Longgang.Platform.Data;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Longgang.Platform.Messaging;

public static class MessagingExtensions
{
    private const string ConsumersKey = "Longgang.Platform.Messaging.Consumers";

    /// <summary>Retries of a failed message before it goes to the <c>_error</c> queue (exponential backoff).</summary>
    public const int RetryLimit = 5;
    public static readonly TimeSpan RetryMinInterval = TimeSpan.FromMilliseconds(200);
    /// <summary>The longest wait between two retries: all retries of a message are over within <see cref="RetryLimit"/> of these.</summary>
    public static readonly TimeSpan RetryMaxInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan RetryDelta = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Messages one queue's consumer handles at once: 4, MassTransit's own default on these 2-core machines. Eight
    /// measured no clear gain in the bench (bench/README.md), and every message in flight holds a pooled connection and
    /// a transaction, while a service has dozens of queues (governance's dashboard alone has 25) against Npgsql's pool
    /// of 100.
    /// </summary>
    public const int ConcurrentMessageLimit = 4;

    /// <summary>Messages RabbitMQ hands a consumer ahead: twice the concurrency, so the next one is already here when one finishes.</summary>
    public const int PrefetchCount = 2 * ConcurrentMessageLimit;

    /// <summary>Declares a consumer; <see cref="AddMessaging"/> registers all declared consumers on one bus.</summary>
    public static IHostApplicationBuilder AddIntegrationEventConsumer<TConsumer>(this IHostApplicationBuilder builder)
        where TConsumer : class, IConsumer
    {
        DeclaredConsumers(builder).Add(typeof(TConsumer));
        return builder;
    }

    /// <summary>
    /// The bus: RabbitMQ when <c>ConnectionStrings:rabbitmq</c> (an amqp:// URI) is set, MassTransit's in-memory
    /// transport otherwise. Call it after the services' Add* methods, which declare their consumers.
    /// Failed messages are retried with backoff, then moved to the consumer's <c>_error</c> queue; never dropped.
    /// On RabbitMQ, <see cref="ErrorQueueOperator"/> lists those queues and moves their messages back.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder)
    {
        var consumers = DeclaredConsumers(builder);
        var rabbitMq = builder.Configuration.GetConnectionString("rabbitmq");
        if (!string.IsNullOrWhiteSpace(rabbitMq))
        {
            builder.Services.AddSingleton(services => new ErrorQueueOperator(new Uri(rabbitMq),
                services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ErrorQueueOperator>>()));
        }
        builder.Services.AddMassTransit(bus =>
        {
            // a broker outage delays events (they wait in the outbox) but stops no request: reported as Degraded, which
            // readiness still answers with 200, so Kubernetes keeps the replicas in service
            bus.ConfigureHealthCheckOptions(health => health.MinimalFailureStatus = HealthStatus.Degraded);
            // queues are named after the consumer's full name, so two services' consumers never share a queue
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(includeNamespace: true));
            // MassTransit would otherwise report usage to its vendor over the internet; the platform talks only to its broker
            bus.DisableUsageTelemetry();
            foreach (var consumer in consumers) bus.AddConsumer(consumer);
            bus.AddConfigureEndpointsCallback((context, queue, endpoint) =>
            {
                QuorumQueues.Apply(endpoint);
                endpoint.PrefetchCount = PrefetchCount;
                endpoint.ConcurrentMessageLimit = ConcurrentMessageLimit;
                endpoint.UseMessageRetry(retry => retry.Exponential(RetryLimit, RetryMinInterval, RetryMaxInterval, RetryDelta));
                context.GetService<ErrorQueueOperator>()?.AddReceiveQueue(queue);
            });

            if (string.IsNullOrWhiteSpace(rabbitMq))
            {
                bus.UsingInMemory((context, transport) => ConfigureTransport(context, transport));
                return;
            }

            var uri = new Uri(rabbitMq);
            var credentials = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
            bus.UsingRabbitMq((context, transport) =>
            {
                transport.Host(uri.Host, uri.IsDefaultPort ? (ushort)5672 : (ushort)uri.Port,
                    uri.AbsolutePath.Trim('/') is { Length: > 0 } vhost ? vhost : "/", host =>
                    {
                        if (credentials is [var user, var password])
                        {
                            host.Username(user);
                            host.Password(password);
                        }
                    });
                ConfigureTransport(context, transport);
            });
        });
        return builder;
    }

    /// <summary>What both transports share: UTC instants on reading (<see cref="UtcInstants"/>) and the consumers' endpoints.</summary>
    private static void ConfigureTransport<TEndpoint>(IBusRegistrationContext context, IBusFactoryConfigurator<TEndpoint> transport)
        where TEndpoint : IReceiveEndpointConfigurator
    {
        transport.ConfigureJsonSerializerOptions(UtcInstants.In);
        transport.ConfigureEndpoints(context);
    }

    /// <summary>
    /// Publishes <paramref name="service"/>'s <see cref="Longgang.Platform.Events.V1.ServiceHeartbeat"/> every
    /// <c>Messaging:HeartbeatInterval</c> (a TimeSpan, default one minute); not in a migration run, which publishes nothing.
    /// One per service, so the embedded host, which runs all four, sends four.
    /// </summary>
    public static IHostApplicationBuilder AddServiceHeartbeat(this IHostApplicationBuilder builder, string service)
    {
        if (builder.IsMigrationRun()) return builder;
        var interval = builder.Configuration.GetValue(ServiceHeartbeatPublisher.IntervalKey, ServiceHeartbeatPublisher.DefaultInterval);
        if (interval <= TimeSpan.Zero)
            throw new InvalidOperationException($"{ServiceHeartbeatPublisher.IntervalKey} must be positive, not {interval}.");
        builder.Services.TryAddSingleton(TimeProvider.System);
        // AddSingleton, not AddHostedService: the latter registers a type once, and the embedded host has one per service
        builder.Services.AddSingleton<IHostedService>(services => new ServiceHeartbeatPublisher(service, interval,
            services.GetRequiredService<IBus>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ServiceHeartbeatPublisher>>()));
        return builder;
    }

    private static List<Type> DeclaredConsumers(IHostApplicationBuilder builder)
    {
        if (!builder.Properties.TryGetValue(ConsumersKey, out var list))
            builder.Properties[ConsumersKey] = list = new List<Type>();
        return (List<Type>)list;
    }
}
