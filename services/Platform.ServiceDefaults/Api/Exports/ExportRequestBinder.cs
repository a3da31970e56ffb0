using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Longgang.Platform.Errors;
using Microsoft.AspNetCore.Http;

namespace Longgang.Platform.Api.Exports;

/// <summary>
/// Builds a list's request message from an export's route values and query string as gRPC JSON transcoding does:
/// a parameter names a field by its JSON or proto name (<c>a.b</c> for a nested one), a repeated field takes the
/// parameter several times, values are read by the proto3 JSON mapping (enums by name). Unlike transcoding it refuses
/// a parameter that names no field, with a 400 naming it.
/// </summary>
internal static class ExportRequestBinder
{
    /// <summary>The export's own parameter; the paging fields are the export's to set.</summary>
    public const string FormatParameter = "format";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static IMessage Bind(MessageDescriptor input, IReadOnlyDictionary<string, string> routeFields, HttpRequest request)
    {
        var json = new JsonObject();
        var unknown = new List<string>();
        foreach (var (field, value) in routeFields)
            Set(json, Resolve(input, field)!, [value]);
        foreach (var (name, values) in request.Query)
        {
            if (name == FormatParameter) continue;
            var path = Resolve(input, name);
            if (path is null) unknown.Add(name);
            else if (!IsPaging(path)) Set(json, path, values.Select(v => v ?? "").ToArray());
        }
        if (unknown.Count > 0)
            throw new ValidationFailedException(unknown.ToDictionary(name => name, _ => new LocalText("is not a parameter of this route")));
        try
        {
            return Parser.Parse(json.ToJsonString(), input);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            var offending = JsonBodyInspector.FindOffendingQueryParameter(request.Query, input) ?? request.Query.Keys.FirstOrDefault(k => k != FormatParameter) ?? "query";
            throw new ValidationFailedException(offending, "has the wrong type or an unknown value");
        }
    }

    /// <summary>The fields a dotted parameter name leads to, or null when it names none (or a message, which takes no value).</summary>
    private static FieldDescriptor[]? Resolve(MessageDescriptor message, string name)
    {
        var path = new List<FieldDescriptor>();
        foreach (var segment in name.Split('.'))
        {
            var field = message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == segment || f.Name == segment);
            if (field is null) return null;
            path.Add(field);
            if (field.FieldType != FieldType.Message) continue;
            message = field.MessageType;
        }
        var last = path[^1];
        return last.FieldType == FieldType.Message && last.MessageType.File.Package != "google.protobuf" || last.IsMap ? null : path.ToArray();
    }

    private static bool IsPaging(FieldDescriptor[] path) => path is [{ Name: "page_size" or "page_token" }];

    private static void Set(JsonObject json, FieldDescriptor[] path, string[] values)
    {
        var target = json;
        foreach (var field in path[..^1])
        {
            if (target[field.JsonName] is not JsonObject nested) target[field.JsonName] = nested = new JsonObject();
            target = nested;
        }
        var last = path[^1];
        target[last.JsonName] = last.IsRepeated
            ? new JsonArray(values.Select(v => Value(last, v)).ToArray())
            // transcoding takes the first of a repeated parameter for a single field
            : Value(last, values[0]);
    }

    /// <summary>The proto3 JSON form of a query value: strings stay strings (numbers may be quoted), bools and enum numbers are literals.</summary>
    private static JsonNode? Value(FieldDescriptor field, string value) => field.FieldType switch
    {
        FieldType.Bool when value is "true" or "false" => JsonValue.Create(value == "true"),
        FieldType.Enum when int.TryParse(value, out var number) => JsonValue.Create(number),
        _ => JsonValue.Create(value),
    };
}
