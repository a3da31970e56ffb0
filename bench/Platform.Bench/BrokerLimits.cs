using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Longgang.Bench;

/// <summary>What one broker loop measured: messages consumed end to end per second, and their latencies.</summary>
public sealed record BrokerResult(int Published, int Consumed, double Rate, double P50, double P99);

/// <summary>The message of the MassTransit loop (bench-only: its own exchange and queue).</summary>
public sealed record BenchPing(long SentTimestamp, string Padding);

/// <summary>
/// The event pipeline's physical limits: publish-and-consume loops on the platform's RabbitMQ with publisher confirms
/// and persistent messages into a quorum queue (as the platform's receive queues are), once with RabbitMQ.Client
/// directly and once with MassTransit, each on a bench-only exchange and queue. <see cref="Publishers"/> publishers
/// each await their confirm before the next publish (the relay's concurrency is of that order); one consumer acks
/// each message. Throughput = messages consumed ÷ time from the first publish to the last consume; latency =
/// consume − publish, on the bench's clock. Messages are the size of an outbox payload.
/// </summary>
public static class BrokerLimits
{
    public const int Publishers = 16;
    private const int Prefetch = 64;
    private const string RawName = "longgang-bench-raw-limit";
    private const string MassTransitQueue = "longgang-bench-masstransit-limit";
    private static readonly string Padding = new('x', 600);

    public static async Task<BrokerResult> RawClientAsync(string amqpUri, TimeSpan duration)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqpUri) };
        await using var connection = await factory.CreateConnectionAsync("bench-raw-limit");
        await using (var setup = await connection.CreateChannelAsync())
        {
            await setup.ExchangeDeclareAsync(RawName, ExchangeType.Fanout, durable: true);
            await setup.QueueDeclareAsync(RawName, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
            await setup.QueueBindAsync(RawName, RawName, "");
            await setup.QueuePurgeAsync(RawName);
        }

        var latencies = new ConcurrentQueue<double>();
        var lastConsumed = 0L;
        await using var consuming = await connection.CreateChannelAsync();
        await consuming.BasicQosAsync(0, Prefetch, false);
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var sent = BitConverter.ToInt64(delivery.Body.Span[..8]);
            latencies.Enqueue(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            Volatile.Write(ref lastConsumed, Stopwatch.GetTimestamp());
            await consuming.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        var tag = await consuming.BasicConsumeAsync(RawName, autoAck: false, consumer);

        var start = Stopwatch.GetTimestamp();
        var published = 0;
        using var stop = new CancellationTokenSource(duration);
        var confirmed = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        await Task.WhenAll(Enumerable.Range(0, Publishers).Select(_ => Task.Run(async () =>
        {
            await using var channel = await connection.CreateChannelAsync(confirmed);
            var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
            var body = new byte[8 + Padding.Length];
            while (!stop.IsCancellationRequested)
            {
                BitConverter.TryWriteBytes(body, Stopwatch.GetTimestamp());
                // with confirmation tracking the call returns once the broker confirmed the (persisted) message
                await channel.BasicPublishAsync(RawName, "", mandatory: false, properties, body);
                Interlocked.Increment(ref published);
            }
        })));
        await WaitForAsync(() => latencies.Count >= published);
        await consuming.BasicCancelAsync(tag);
        return Result(published, latencies, start, Volatile.Read(ref lastConsumed));
    }

    public static async Task<BrokerResult> MassTransitAsync(string amqpUri, TimeSpan duration)
    {
        var latencies = new ConcurrentQueue<double>();
        var lastConsumed = 0L;
        var uri = new Uri(amqpUri);
        var credentials = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
        var bus = Bus.Factory.CreateUsingRabbitMq(transport =>
        {
            transport.Host(uri.Host, (ushort)uri.Port, "/", host =>
            {
                host.Username(credentials[0]);
                host.Password(credentials[1]);
            });
            transport.ReceiveEndpoint(MassTransitQueue, endpoint =>
            {
                endpoint.SetQuorumQueue();
                endpoint.PrefetchCount = Prefetch;
                endpoint.PurgeOnStartup = true;
                endpoint.Handler<BenchPing>(context =>
                {
                    latencies.Enqueue(Stopwatch.GetElapsedTime(context.Message.SentTimestamp).TotalMilliseconds);
                    Volatile.Write(ref lastConsumed, Stopwatch.GetTimestamp());
                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync();
        try
        {
            var start = Stopwatch.GetTimestamp();
            var published = 0;
            using var stop = new CancellationTokenSource(duration);
            await Task.WhenAll(Enumerable.Range(0, Publishers).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    // MassTransit's RabbitMQ transport publishes persistent messages and awaits the publisher confirm
                    await bus.Publish(new BenchPing(Stopwatch.GetTimestamp(), Padding));
                    Interlocked.Increment(ref published);
                }
            })));
            await WaitForAsync(() => latencies.Count >= published);
            return Result(published, latencies, start, Volatile.Read(ref lastConsumed));
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (!done() && clock.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20);
    }

    private static BrokerResult Result(int published, ConcurrentQueue<double> latencies, long start, long lastConsumed)
    {
        var sorted = latencies.ToArray().Order().ToArray();
        var seconds = Stopwatch.GetElapsedTime(start, Math.Max(start + 1, lastConsumed)).TotalSeconds;
        return new BrokerResult(published, sorted.Length, sorted.Length / seconds,
            Stats.Percentile(sorted, 50), Stats.Percentile(sorted, 99));
    }
}
