using System.Text.Json;
using System.Text.Json.Serialization;

namespace Longgang.Platform.Messaging;

/// <summary>
/// Every instant a consumer reads from the bus is in UTC: an event may carry one with an offset (China time, +08:00,
/// from a producer that did not convert), and Npgsql refuses to write or compare such a value as
/// <c>timestamp with time zone</c>, so the consumer would fail every retry on it. The instant is the same; only its
/// offset changes. Added to MassTransit's one (process-wide) serializer by <see cref="MessagingExtensions.AddMessaging"/>.
/// </summary>
public sealed class UtcInstants : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>The options with this converter: a copy, since options already used for a message cannot change.</summary>
    internal static JsonSerializerOptions In(JsonSerializerOptions options)
    {
        if (options.Converters.Any(c => c is UtcInstants)) return options;
        var copy = new JsonSerializerOptions(options);
        copy.Converters.Add(new UtcInstants());
        return copy;
    }
}
