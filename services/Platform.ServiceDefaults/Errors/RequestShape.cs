using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf.Reflection;

namespace Longgang.Platform.Errors;

/// <summary>
/// What a transcoded request may carry, by the API contract: a query parameter names a field of the request message
/// (JSON or proto name, nested as <c>a.b</c>) that neither the path nor the body binds; a body holds only fields of its
/// message, and never a field the path binds. Transcoding itself ignores the rest silently (so <c>?matterCode=HC-001</c>
/// on a route without that filter returned everything); these checks run before the handler, so a refused request
/// does nothing.
/// </summary>
public static partial class RequestShape
{
    public const string NotAParameter = "is not a parameter of this request";
    public const string NotAField = "is not a field of this request";
    public const string GivenByThePath = "is given by the path; leave it out";

    /// <summary>The proto field paths the rule's path template binds (<c>{id}</c> → "id", <c>{a.b=x/*}</c> → "a.b").</summary>
    public static IReadOnlyList<string> PathFields(HttpRule rule) =>
        PathVariable().Matches(Template(rule)).Select(m => m.Groups[1].Value).ToArray();

    public static string Template(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => rule.Get,
        HttpRule.PatternOneofCase.Post => rule.Post,
        HttpRule.PatternOneofCase.Put => rule.Put,
        HttpRule.PatternOneofCase.Delete => rule.Delete,
        HttpRule.PatternOneofCase.Patch => rule.Patch,
        HttpRule.PatternOneofCase.Custom => rule.Custom.Path,
        _ => "",
    };

    /// <summary>
    /// The first query parameter the request may not carry, with why; null when all fit. <paramref name="alsoAllowed"/>
    /// names parameters that are not fields (an export's <c>format</c>).
    /// </summary>
    public static (string Name, string Error)? FindUnknownQueryParameter(IEnumerable<string> names, MessageDescriptor input, HttpRule rule,
        params string[] alsoAllowed)
    {
        var pathFields = PathFields(rule);
        foreach (var name in names)
        {
            if (alsoAllowed.Contains(name, StringComparer.Ordinal)) continue;
            // with body "*" every field comes from the body or the path: transcoding reads no query parameter at all
            if (rule.Body == "*" || QueryField(name, input) is not { } protoPath) return (name, NotAParameter);
            if (pathFields.Any(p => Covers(p, protoPath))) return (name, GivenByThePath);
            if (rule.Body.Length > 0 && Covers(rule.Body, protoPath)) return (name, NotAParameter);
        }
        return null;
    }

    /// <summary>
    /// The JSON path of the first body property that names no field of its message, or names a field the path binds,
    /// with why; null when all fit, or when the body is not a JSON object (transcoding refuses that itself, and the
    /// type check names the field).
    /// </summary>
    public static (string Field, string Error)? FindUnknownBodyField(ReadOnlyMemory<byte> body, MessageDescriptor input, HttpRule rule)
    {
        if (rule.Body.Length == 0) return null;
        var message = input;
        var prefix = "";
        if (rule.Body != "*")
        {
            var field = FindField(input, rule.Body);
            if (field is null || field.IsRepeated || field.FieldType != FieldType.Message) return null;
            message = field.MessageType;
            prefix = rule.Body + ".";
        }
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            return CheckObject(document.RootElement, message, prefix, "", PathFields(rule));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (string, string)? CheckObject(JsonElement json, MessageDescriptor message, string protoPrefix, string jsonPrefix,
        IReadOnlyList<string> pathFields)
    {
        if (IsWellKnown(message)) return null;
        foreach (var property in json.EnumerateObject())
        {
            var jsonPath = jsonPrefix.Length == 0 ? property.Name : $"{jsonPrefix}.{property.Name}";
            var field = FindByJsonOrProtoName(message, property.Name);
            if (field is null) return (jsonPath, NotAField);
            var protoPath = protoPrefix + field.Name;
            if (pathFields.Contains(protoPath, StringComparer.Ordinal)) return (jsonPath, GivenByThePath);
            if (field.FieldType != FieldType.Message) continue;

            var value = property.Value;
            if (field.IsMap)
            {
                var valueField = field.MessageType.FindFieldByNumber(2);
                if (valueField.FieldType != FieldType.Message || value.ValueKind != JsonValueKind.Object) continue;
                foreach (var entry in value.EnumerateObject())
                {
                    if (entry.Value.ValueKind == JsonValueKind.Object
                        && CheckObject(entry.Value, valueField.MessageType, "", $"{jsonPath}.{entry.Name}", []) is { } offending)
                    {
                        return offending;
                    }
                }
            }
            else if (field.IsRepeated)
            {
                if (value.ValueKind != JsonValueKind.Array) continue;
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    // the path binds single fields only: nothing inside a list can repeat it
                    if (item.ValueKind == JsonValueKind.Object
                        && CheckObject(item, field.MessageType, "", $"{jsonPath}[{index}]", []) is { } offending)
                    {
                        return offending;
                    }
                    index++;
                }
            }
            else if (value.ValueKind == JsonValueKind.Object
                     && CheckObject(value, field.MessageType, protoPath + ".", jsonPath, pathFields) is { } offending)
            {
                return offending;
            }
        }
        return null;
    }

    /// <summary>The proto path of the field a query parameter names, when transcoding can bind it (a scalar, an enum, a repeated one, a wrapper).</summary>
    private static string? QueryField(string name, MessageDescriptor input)
    {
        var message = input;
        var protoPath = new List<string>();
        var parts = name.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var field = message is null ? null : FindByJsonOrProtoName(message, parts[i]);
            if (field is null || field.IsMap) return null;
            protoPath.Add(field.Name);
            var last = i == parts.Length - 1;
            if (field.FieldType != FieldType.Message) return last ? string.Join('.', protoPath) : null;
            if (last) return IsWellKnown(field.MessageType) ? string.Join('.', protoPath) : null;
            if (field.IsRepeated) return null;
            message = field.MessageType;
        }
        return null;
    }

    private static bool Covers(string bound, string protoPath) =>
        protoPath == bound || protoPath.StartsWith(bound + ".", StringComparison.Ordinal) || bound.StartsWith(protoPath + ".", StringComparison.Ordinal);

    private static FieldDescriptor? FindByJsonOrProtoName(MessageDescriptor message, string name) =>
        message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name || f.Name == name);

    private static FieldDescriptor? FindField(MessageDescriptor message, string protoPath)
    {
        FieldDescriptor? field = null;
        var current = message;
        foreach (var part in protoPath.Split('.'))
        {
            field = current?.FindFieldByName(part);
            if (field is null) return null;
            current = field.FieldType == FieldType.Message ? field.MessageType : null;
        }
        return field;
    }

    // Timestamp, Duration, wrappers, Struct, Any...: written as JSON values of their own, not as their fields
    private static bool IsWellKnown(MessageDescriptor message) => message.File.Package == "google.protobuf";

    [GeneratedRegex(@"\{([^}=]+)(=[^}]*)?\}")]
    private static partial Regex PathVariable();
}
