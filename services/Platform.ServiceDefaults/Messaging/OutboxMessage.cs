using System.Text.Json;

namespace Longgang.Platform.Messaging;

/// <summary>An integration event waiting to be published (SentAt null) or already published.</summary>
public sealed class OutboxMessage
{
    public long Id { get; private set; }
    /// <summary>Becomes the MassTransit MessageId, so consumers can recognise a re-published message.</summary>
    public Guid MessageId { get; private set; }
    /// <summary>"Namespace.Type, Assembly" without version, so rows survive a contracts upgrade.</summary>
    public string Type { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    public static OutboxMessage From(object integrationEvent, DateTimeOffset now)
    {
        var type = integrationEvent.GetType();
        return new OutboxMessage
        {
            MessageId = Guid.NewGuid(),
            Type = TypeNameOf(type),
            Payload = JsonSerializer.Serialize(integrationEvent, type),
            CreatedAt = now,
        };
    }

    /// <summary>"Namespace.Type, Assembly", without version: how a row (and a replayed event) names its event's type.</summary>
    public static string TypeNameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public Type? ResolveType() => System.Type.GetType(Type, throwOnError: false);

    public object Deserialize(Type type) =>
        JsonSerializer.Deserialize(Payload, type) ?? throw new InvalidOperationException($"Outbox message {Id} has an empty payload.");
}

/// <summary>A message a consumer has already applied (its effect committed in the same transaction).</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }
    public string Consumer { get; set; } = "";
    public DateTimeOffset ProcessedAt { get; set; }
}
