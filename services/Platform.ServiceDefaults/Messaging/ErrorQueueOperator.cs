using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Longgang.Platform.Messaging;

/// <summary>
/// What an operator needs for messages that failed every retry: list the <c>{queue}_error</c> queues of this
/// process's consumers (without taking anything off them), and move their messages back to <c>{queue}</c> once the
/// cause is fixed. Speaks AMQP directly, with its own short-lived connection: these are rare, manual operations, and
/// RabbitMQ's management plugin (the usual tool) may not be installed. Replaying is safe to repeat: a message goes back
/// with its MessageId, so a consumer (all are idempotent) that already applied it drops it.
/// </summary>
public sealed class ErrorQueueOperator(Uri broker, ILogger<ErrorQueueOperator> logger)
{
    public const string ErrorSuffix = "_error";
    public const int MaxPeek = 100;

    // filled by the bus as it configures each consumer's receive endpoint: only these queues may be read or replayed
    private readonly ConcurrentDictionary<string, bool> _queues = new();

    internal void AddReceiveQueue(string queue) => _queues.TryAdd(queue, true);

    /// <summary>The consumer queues of this process.</summary>
    public IReadOnlyCollection<string> Queues => _queues.Keys.Order().ToArray();

    /// <summary>
    /// Every error queue of this process with its message count and up to <paramref name="peek"/> of its messages.
    /// The messages are fetched without acknowledgement and handed back when the channel closes, so they stay queued.
    /// </summary>
    public async Task<IReadOnlyList<ErrorQueue>> ListAsync(int peek, CancellationToken cancellationToken)
    {
        peek = Math.Clamp(peek, 0, MaxPeek);
        await using var connection = await ConnectAsync(cancellationToken);
        var result = new List<ErrorQueue>();
        foreach (var queue in Queues)
        {
            // a channel per queue: asking for a queue that does not exist (no message has failed yet) closes the channel
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            uint count;
            try
            {
                count = (await channel.QueueDeclarePassiveAsync(queue + ErrorSuffix, cancellationToken)).MessageCount;
            }
            catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
            {
                result.Add(new ErrorQueue(queue, queue + ErrorSuffix, 0, []));
                continue;
            }
            var messages = new List<FailedMessage>();
            for (var i = 0; i < Math.Min(peek, count); i++)
            {
                var got = await channel.BasicGetAsync(queue + ErrorSuffix, autoAck: false, cancellationToken);
                if (got is null) break;
                messages.Add(Describe(got));
            }
            // unacknowledged messages return to the queue, in their places, when the channel closes
            await channel.CloseAsync(cancellationToken);
            result.Add(new ErrorQueue(queue, queue + ErrorSuffix, count, messages));
        }
        return result;
    }

    /// <summary>
    /// Moves the messages of <c>{queue}_error</c> (only the one with <paramref name="messageId"/>, if given) back to
    /// <c>{queue}</c>, each published with a broker confirm before it is removed from the error queue. Only the
    /// messages there when it starts are looked at, so one that fails again is not replayed in a loop.
    /// Returns how many were moved, or null when <paramref name="queue"/> is not one of this process's queues.
    /// </summary>
    public async Task<int?> ReplayAsync(string queue, string? messageId, CancellationToken cancellationToken)
    {
        if (!_queues.ContainsKey(queue)) return null;
        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        uint waiting;
        try
        {
            waiting = (await channel.QueueDeclarePassiveAsync(queue + ErrorSuffix, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }

        var moved = 0;
        for (var i = 0; i < waiting; i++)
        {
            var got = await channel.BasicGetAsync(queue + ErrorSuffix, autoAck: false, cancellationToken);
            if (got is null) break;
            // a message not asked for stays unacknowledged, and returns to the error queue when the channel closes
            if (messageId is not null && got.BasicProperties.MessageId != messageId) continue;

            var properties = new BasicProperties(got.BasicProperties);
            if (properties.Headers is not null)
            {
                // the fault headers describe the last failure; the consumer would only carry them into the next one
                properties.Headers = properties.Headers
                    .Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.OrdinalIgnoreCase) && h.Key != "MT-Reason")
                    .ToDictionary(h => h.Key, h => h.Value);
            }
            // the default exchange routes by queue name; awaiting the publish awaits the broker's confirm
            await channel.BasicPublishAsync("", queue, mandatory: true, properties, got.Body, cancellationToken);
            await channel.BasicAckAsync(got.DeliveryTag, multiple: false, cancellationToken);
            moved++;
            logger.LogInformation("Replayed message {MessageId} from {ErrorQueue} to {Queue}", got.BasicProperties.MessageId, queue + ErrorSuffix, queue);
        }
        await channel.CloseAsync(cancellationToken);
        return moved;
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = broker,
            ClientProvidedName = "error-queue-operator",
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            AutomaticRecoveryEnabled = false,
        };
        return await factory.CreateConnectionAsync(cancellationToken);
    }

    private static FailedMessage Describe(BasicGetResult got)
    {
        var headers = got.BasicProperties.Headers;
        string? Header(string name) => headers is not null && headers.TryGetValue(name, out var value)
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => null, _ => value.ToString() }
            : null;
        return new FailedMessage(
            got.BasicProperties.MessageId,
            MessageType(got.Body),
            Header("MT-Fault-ExceptionType"),
            Header("MT-Fault-Message"),
            Header("MT-Fault-Timestamp"),
            Header("MT-Fault-ConsumerType"));
    }

    /// <summary>The first message type of a MassTransit JSON envelope (<c>urn:message:Namespace:Type</c>), if it is one.</summary>
    private static string? MessageType(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                   && json.RootElement.TryGetProperty("messageType", out var types)
                   && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                ? types[0].GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>GET /admin/error-queues?peek=10</c> lists this process's error queues; <c>POST
    /// /admin/error-queues/{queue}/replay?messageId=</c> moves their messages back. City admins only; mapped on every
    /// service that consumes from RabbitMQ (not routed by the gateway: operators reach a pod directly).
    /// </summary>
    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/error-queues").RequireAuthorization(policy => policy.RequireRole(PlatformRoles.CityAdmin));
        admin.MapGet("", async (ErrorQueueOperator queues, PlatformText text, int? peek, CancellationToken ct) =>
            await BrokerCallAsync(text, async () => Results.Ok(await queues.ListAsync(peek ?? 10, ct))));
        admin.MapPost("/{queue}/replay", async (ErrorQueueOperator queues, PlatformText text, string queue, string? messageId, CancellationToken ct) =>
            await BrokerCallAsync(text, async () => await queues.ReplayAsync(queue, messageId, ct) is { } moved
                ? Results.Ok(new ReplayResult(queue, moved))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: text.Translate("Not found"),
                    detail: text[new LocalText("'{0}' is not a consumer queue of this service; GET /admin/error-queues lists them.", queue)])));
    }

    private static async Task<IResult> BrokerCallAsync(PlatformText text, Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        // PublishException: the broker refused (nack) or returned a replayed message; it stays in the error queue
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException or AlreadyClosedException or PublishException)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: text.Translate("Broker unavailable"),
                detail: text.Translate("RabbitMQ could not be reached; retry later."));
        }
    }
}

public sealed record ErrorQueue(string Queue, string ErrorQueueName, uint MessageCount, IReadOnlyList<FailedMessage> Messages);

/// <summary>A failed message as MassTransit left it in the error queue: its id and type, and why its last attempt failed.</summary>
public sealed record FailedMessage(string? MessageId, string? MessageType, string? ExceptionType, string? ExceptionMessage, string? FailedAt, string? ConsumerType);

public sealed record ReplayResult(string Queue, int Moved);
