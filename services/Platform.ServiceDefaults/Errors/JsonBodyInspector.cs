using System.Text.Json;
using Google.Protobuf.Reflection;

namespace Longgang.Platform.Errors;

/// <summary>
/// gRPC JSON transcoding refuses a body that does not fit the request message with one fixed sentence that
/// names no field. This walks the body against the message descriptor (proto3 JSON mapping) to find the
/// first value that does not fit, so the 400 can name it.
/// </summary>
public static class JsonBodyInspector
{
    // as deep as transcoding's System.Text.Json reads: anything deeper has been refused already
    private const int MaxDepth = 64;

    /// <summary>The JSON path of the first offending value ("channel", "materials[2]"), "body" if it is not JSON, or null.</summary>
    public static string? FindOffendingField(ReadOnlyMemory<byte> body, MessageDescriptor message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException)
        {
            return FieldNestedTooDeeply(body.Span) ?? "body";
        }
        using (document)
        {
            return document.RootElement.ValueKind == JsonValueKind.Object ? CheckMessage(document.RootElement, message, "") : "body";
        }
    }

    /// <summary>The first query parameter whose value does not fit its field (transcoding reads them as field paths).</summary>
    public static string? FindOffendingQueryParameter(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query, MessageDescriptor message)
    {
        foreach (var (name, values) in query)
        {
            var field = message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name || f.Name == name);
            if (field is null || field.FieldType == FieldType.Message) continue; // nested paths: left to the service
            if (values.Count > 1 && !field.IsRepeated) return name;
            foreach (var value in values)
            {
                using var json = JsonDocument.Parse(JsonSerializer.Serialize(value));
                if (CheckValue(json.RootElement, field, name) is { } offending) return offending;
            }
        }
        return null;
    }

    private static string? CheckMessage(JsonElement json, MessageDescriptor message, string path)
    {
        foreach (var property in json.EnumerateObject())
        {
            var field = message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == property.Name || f.Name == property.Name);
            var fieldPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (field is null) return fieldPath;
            if (property.Value.ValueKind == JsonValueKind.Null) continue;
            if (field.IsMap)
            {
                if (property.Value.ValueKind != JsonValueKind.Object) return fieldPath;
                var valueField = field.MessageType.FindFieldByNumber(2);
                foreach (var entry in property.Value.EnumerateObject())
                    if (CheckValue(entry.Value, valueField, $"{fieldPath}.{entry.Name}") is { } offending) return offending;
            }
            else if (field.IsRepeated)
            {
                if (property.Value.ValueKind != JsonValueKind.Array) return fieldPath;
                var index = 0;
                foreach (var item in property.Value.EnumerateArray())
                    if (CheckValue(item, field, $"{fieldPath}[{index++}]") is { } offending) return offending;
            }
            else if (CheckValue(property.Value, field, fieldPath) is { } offending)
            {
                return offending;
            }
        }
        return null;
    }

    private static string? CheckValue(JsonElement value, FieldDescriptor field, string path)
    {
        var fits = field.FieldType switch
        {
            FieldType.String => value.ValueKind == JsonValueKind.String,
            FieldType.Bytes => value.ValueKind == JsonValueKind.String && IsBase64(value.GetString()!),
            FieldType.Bool => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            FieldType.Double or FieldType.Float => value.ValueKind == JsonValueKind.Number
                || (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _)),
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => FitsInteger(value, int.MinValue, int.MaxValue),
            FieldType.UInt32 or FieldType.Fixed32 => FitsInteger(value, 0, uint.MaxValue),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => FitsInteger(value, long.MinValue, long.MaxValue),
            FieldType.UInt64 or FieldType.Fixed64 => FitsInteger(value, 0, ulong.MaxValue),
            FieldType.Enum => value.ValueKind == JsonValueKind.String
                ? field.EnumType.FindValueByName(value.GetString()!) is not null
                : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && field.EnumType.FindValueByNumber(number) is not null,
            FieldType.Message => true,
            _ => true,
        };
        if (!fits) return path;
        if (field.FieldType != FieldType.Message) return null;

        return field.MessageType.FullName switch
        {
            "google.protobuf.Timestamp" or "google.protobuf.Duration" or "google.protobuf.FieldMask" =>
                value.ValueKind == JsonValueKind.String ? null : path,
            "google.protobuf.Struct" or "google.protobuf.Value" or "google.protobuf.ListValue" or "google.protobuf.Any" => null,
            var name when name.StartsWith("google.protobuf.", StringComparison.Ordinal) && name.EndsWith("Value", StringComparison.Ordinal) =>
                CheckValue(value, field.MessageType.FindFieldByNumber(1), path),
            _ => value.ValueKind == JsonValueKind.Object ? CheckMessage(value, field.MessageType, path) : path,
        };
    }

    /// <summary>
    /// The top-level property under which well-formed JSON nests deeper than <see cref="MaxDepth"/> (e.g. a thousand
    /// nested arrays in "materials"), so the 400 names it instead of calling the whole body unreadable.
    /// </summary>
    private static string? FieldNestedTooDeeply(ReadOnlySpan<byte> body)
    {
        // no JSON nests deeper than it is long: the reader's own depth limit must not stop it before ours
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = body.Length + 1 });
        string? field = null;
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName) field = reader.GetString();
                else if (reader.CurrentDepth > MaxDepth) return field;
            }
        }
        catch (JsonException)
        {
            // malformed, not merely deep
        }
        return null;
    }

    private static bool FitsInteger(JsonElement value, decimal min, decimal max)
    {
        decimal number;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (!value.TryGetDecimal(out number)) return false;
        }
        else if (value.ValueKind != JsonValueKind.String || !decimal.TryParse(value.GetString(), System.Globalization.NumberStyles.Integer,
                     System.Globalization.CultureInfo.InvariantCulture, out number))
        {
            return false;
        }
        return number == decimal.Truncate(number) && number >= min && number <= max;
    }

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);
}
