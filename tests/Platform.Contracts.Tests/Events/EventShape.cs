using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MassTransit;

namespace Longgang.Platform.Tests.Events;

/// <summary>
/// One property as an event's JSON carries it: its JSON type, whether it may be null, and whether the record gives it a
/// default (so a message that lacks it reads that default, on purpose).
/// </summary>
public sealed record PropertyShape(string Type, bool Nullable = false, bool Defaulted = false)
{
    /// <summary>An older message without this property is read as null or the default, which the type declares as fine.</summary>
    [JsonIgnore]
    public bool Optional => Nullable || Defaulted;
}

/// <summary>
/// An integration event's JSON shape as MassTransit's System.Text.Json serializer writes and reads it (camelCase names,
/// its converters), taken from the serializer's own contract for the type, and the rule an older consumer needs kept.
/// </summary>
public sealed record EventShape(string Type, string MessageUrn, SortedDictionary<string, PropertyShape> Properties)
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static EventShape Of(Type type)
    {
        var info = EventCatalogue.SerializerOptions.GetTypeInfo(type);
        var properties = new SortedDictionary<string, PropertyShape>(StringComparer.Ordinal);
        foreach (var property in info.Properties.Where(p => p.Get is not null))
        {
            var nullable = property.AttributeProvider is PropertyInfo member && Nullability.Create(member).ReadState == NullabilityState.Nullable;
            var defaulted = property.AssociatedParameter?.HasDefaultValue == true;
            properties[property.Name] = new PropertyShape(JsonType(property.PropertyType), nullable, defaulted);
        }
        return new EventShape(type.FullName!, MassTransit.MessageUrn.ForTypeString(type), properties);
    }

    /// <summary>
    /// What an older consumer would misread if <paramref name="current"/> replaced this released shape: a type gone
    /// (renamed, moved to another namespace, deleted), a property removed, renamed, retyped or changed in nullability,
    /// or a property added that a message published before it would lack. Empty when the change is compatible.
    /// </summary>
    public IReadOnlyList<string> BreaksBy(EventShape? current)
    {
        if (current is null)
            return [$"{Type} is gone (renamed, moved to another namespace or deleted): consumers of the released type would no longer receive it"];
        var breaks = new List<string>();
        if (current.MessageUrn != MessageUrn) breaks.Add($"{Type}: its message type changed from {MessageUrn} to {current.MessageUrn}");
        foreach (var (name, released) in Properties)
        {
            if (!current.Properties.TryGetValue(name, out var now))
                breaks.Add($"{Type}.{name} was removed or renamed: an older consumer would read it as missing");
            else if (now.Type != released.Type)
                breaks.Add($"{Type}.{name} changed from {released.Type} to {now.Type}");
            else if (now.Nullable != released.Nullable)
                breaks.Add($"{Type}.{name} {(now.Nullable ? "may now be null, which an older consumer does not expect" : "may no longer be null, but released messages carry null")}");
            else if (released.Defaulted && !now.Optional)
                breaks.Add($"{Type}.{name} lost its default: messages published before it was added lack it");
        }
        foreach (var (name, added) in current.Properties.Where(p => !Properties.ContainsKey(p.Key)))
        {
            if (!added.Optional)
                breaks.Add($"{Type}.{name} was added without a default: messages published before it lack it and would read {added.Type}'s default; make it nullable or give it a default (as ApplicationDecided.SupervisionRequired)");
        }
        return breaks;
    }

    /// <summary>The JSON type a property is written as; formats told apart where a consumer parses the string.</summary>
    private static string JsonType(Type type)
    {
        type = System.Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "string";
        if (type == typeof(Guid)) return "string/uuid";
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return "string/date-time";
        if (type == typeof(DateOnly)) return "string/date";
        if (type == typeof(bool)) return "boolean";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)) return "integer";
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float)) return "number";
        if (type.IsEnum) return $"enum {type.Name}";
        var info = EventCatalogue.SerializerOptions.GetTypeInfo(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => $"array<{JsonType(info.ElementType!)}>",
            JsonTypeInfoKind.Dictionary => $"map<{JsonType(info.KeyType!)},{JsonType(info.ElementType!)}>",
            JsonTypeInfoKind.Object => $"object {type.Name}",
            _ => throw new NotSupportedException($"No JSON type known for {type}: add it to {nameof(EventShape)}.{nameof(JsonType)}"),
        };
    }

    private static readonly JsonSerializerOptions FileOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // array<string>, not array\u003Cstring\u003E
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    public string ToJson() => JsonSerializer.Serialize(this, FileOptions) + "\n";

    public static EventShape FromJson(string json) =>
        JsonSerializer.Deserialize<EventShape>(json, FileOptions) ?? throw new InvalidDataException("an empty event shape file");
}
