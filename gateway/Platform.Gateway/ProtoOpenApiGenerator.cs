using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf.Reflection;

namespace Longgang.Gateway;

/// <summary>
/// Builds one OpenAPI 3.0 document from proto descriptors and their <c>google.api.http</c> options, i.e. from the
/// same source the services' JSON transcoding uses, so the document describes exactly the routes that exist.
/// Schemas follow the proto3 JSON mapping (camelCase names, enums as names, 64-bit integers as strings).
/// Microsoft.AspNetCore.OpenApi and Swashbuckle are not used: they conflict with the gRPC packages here.
/// </summary>
public static partial class ProtoOpenApiGenerator
{
    private const string SchemaRefPrefix = "#/components/schemas/";
    private const string ProblemSchemaName = "ProblemDetails";

    /// <summary>Problem responses every operation can return, by status code.</summary>
    private static readonly (int Status, string Name, string Description)[] ProblemResponses =
    [
        (400, "BadRequest", "The request is invalid; `errors` names the fields."),
        (401, "Unauthorized", "No valid bearer token."),
        (403, "Forbidden", "The caller's role, district or department does not allow this."),
        (404, "NotFound", "No such resource."),
        (409, "Conflict", "The resource's state does not allow this change."),
        (429, "TooManyRequests", "Rate limit exceeded; see the Retry-After header."),
    ];

    public static JsonObject Generate(IEnumerable<FileDescriptor> files, string title, string version)
    {
        var schemas = new JsonObject();
        var paths = new JsonObject();
        var tags = new JsonArray();

        foreach (var service in files.SelectMany(f => f.Services))
        {
            tags.Add(new JsonObject { ["name"] = service.Name, ["description"] = service.FullName });
            foreach (var method in service.Methods)
            {
                if (method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { } rule) continue;
                var bindings = new[] { rule }.Concat(rule.AdditionalBindings).ToArray();
                for (var i = 0; i < bindings.Length; i++)
                {
                    var operationId = i == 0 ? $"{service.Name}_{method.Name}" : $"{service.Name}_{method.Name}_{i}";
                    AddOperation(paths, schemas, service, method, bindings[i], operationId);
                }
            }
        }
        ExportOperations.AddTo(paths);

        schemas[ProblemSchemaName] = ProblemDetailsSchema();
        var responses = new JsonObject();
        foreach (var (status, name, description) in ProblemResponses)
        {
            responses[name] = new JsonObject
            {
                ["description"] = description,
                ["content"] = new JsonObject
                {
                    ["application/problem+json"] = new JsonObject { ["schema"] = Ref(ProblemSchemaName) },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = title,
                ["version"] = version,
                ["description"] = "Every operation is also available over gRPC at the same gateway (HTTP/2).",
            },
            ["tags"] = tags,
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["responses"] = responses,
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
        };
    }

    private static void AddOperation(JsonObject paths, JsonObject schemas, Google.Protobuf.Reflection.ServiceDescriptor service, MethodDescriptor method,
        HttpRule rule, string operationId)
    {
        var (verb, template) = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => ("get", rule.Get),
            HttpRule.PatternOneofCase.Post => ("post", rule.Post),
            HttpRule.PatternOneofCase.Put => ("put", rule.Put),
            HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
            HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
            HttpRule.PatternOneofCase.Custom => (rule.Custom.Kind.ToLowerInvariant(), rule.Custom.Path),
            _ => (null, null),
        };
        if (verb is null || string.IsNullOrEmpty(template)) return;

        // "{name=shelves/*}" binds like "{name}" as far as the document is concerned
        var variables = PathVariable().Matches(template).Select(m => m.Groups[1].Value).ToArray();
        var path = PathVariable().Replace(template, m => "{" + m.Groups[1].Value + "}");

        var input = method.InputType;
        var parameters = new JsonArray();
        foreach (var variable in variables)
        {
            var field = FindField(input, variable);
            parameters.Add(new JsonObject
            {
                ["name"] = variable,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = field is null ? new JsonObject { ["type"] = "string" } : FieldSchema(field, schemas),
            });
        }

        // fields not bound to the path or the body are query parameters (only scalars can be written there)
        if (rule.Body != "*")
        {
            var bound = variables.Select(v => v.Split('.')[0]).Append(rule.Body).ToHashSet();
            foreach (var field in input.Fields.InDeclarationOrder())
            {
                if (bound.Contains(field.Name) || field.IsMap || field.FieldType is FieldType.Message or FieldType.Group) continue;
                parameters.Add(new JsonObject
                {
                    ["name"] = field.JsonName,
                    ["in"] = "query",
                    ["required"] = false,
                    ["schema"] = FieldSchema(field, schemas),
                });
            }
        }

        var operation = new JsonObject
        {
            ["operationId"] = operationId,
            ["tags"] = new JsonArray(service.Name),
            ["summary"] = Humanize(method.Name),
            ["description"] = $"gRPC: `/{service.FullName}/{method.Name}`",
        };
        if (parameters.Count > 0) operation["parameters"] = parameters;
        // open to anonymous callers: no token required (the document's default asks for one)
        if (PublicRoutes.IsPublic(template)) operation["security"] = new JsonArray();

        if (!string.IsNullOrEmpty(rule.Body))
        {
            var bodySchema = rule.Body == "*" ? MessageSchema(input, schemas)
                : FindField(input, rule.Body) is { } bodyField ? FieldSchema(bodyField, schemas) : null;
            if (bodySchema is not null)
            {
                operation["requestBody"] = new JsonObject
                {
                    ["required"] = true,
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = bodySchema } },
                };
            }
        }

        var output = method.OutputType;
        var responseSchema = !string.IsNullOrEmpty(rule.ResponseBody) && FindField(output, rule.ResponseBody) is { } responseField
            ? FieldSchema(responseField, schemas)
            : MessageSchema(output, schemas);
        var responses = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "OK",
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = responseSchema } },
            },
        };
        foreach (var (status, name, _) in ProblemResponses)
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                new JsonObject { ["$ref"] = "#/components/responses/" + name };
        }

        operation["responses"] = responses;

        if (paths[path] is not JsonObject pathItem) paths[path] = pathItem = new JsonObject();
        pathItem[verb] = operation;
    }

    private static FieldDescriptor? FindField(MessageDescriptor message, string dottedPath)
    {
        FieldDescriptor? field = null;
        var current = message;
        foreach (var part in dottedPath.Split('.'))
        {
            field = current?.FindFieldByName(part);
            if (field is null) return null;
            current = field.FieldType == FieldType.Message ? field.MessageType : null;
        }
        return field;
    }

    private static JsonNode FieldSchema(FieldDescriptor field, JsonObject schemas)
    {
        if (field.IsMap)
        {
            return new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = SingleValueSchema(field.MessageType.FindFieldByNumber(2), schemas),
            };
        }
        var single = SingleValueSchema(field, schemas);
        return field.IsRepeated ? new JsonObject { ["type"] = "array", ["items"] = single } : single;
    }

    /// <summary>The schema of one value of the field, ignoring <c>repeated</c>.</summary>
    private static JsonNode SingleValueSchema(FieldDescriptor field, JsonObject schemas) => field.FieldType switch
    {
        FieldType.Double => Scalar("number", "double"),
        FieldType.Float => Scalar("number", "float"),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Scalar("integer", "int32"),
        FieldType.UInt32 or FieldType.Fixed32 => Scalar("integer", "int64"),
        // proto3 JSON writes 64-bit integers as strings: JavaScript numbers cannot hold them exactly
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Scalar("string", "int64"),
        FieldType.UInt64 or FieldType.Fixed64 => Scalar("string", "uint64"),
        FieldType.Bool => Scalar("boolean", null),
        FieldType.String => Scalar("string", null),
        FieldType.Bytes => Scalar("string", "byte"),
        FieldType.Enum => EnumSchema(field.EnumType, schemas),
        _ => MessageSchema(field.MessageType, schemas),
    };

    private static JsonObject Scalar(string type, string? format)
    {
        var schema = new JsonObject { ["type"] = type };
        if (format is not null) schema["format"] = format;
        return schema;
    }

    private static JsonNode EnumSchema(EnumDescriptor enumType, JsonObject schemas)
    {
        if (!schemas.ContainsKey(enumType.FullName))
        {
            schemas[enumType.FullName] = new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray(enumType.Values.Select(v => (JsonNode)JsonValue.Create(v.Name)).ToArray()),
            };
        }
        return Ref(enumType.FullName);
    }

    /// <summary>Well-known types map to their JSON forms; other messages become components referenced by full name.</summary>
    private static JsonNode MessageSchema(MessageDescriptor message, JsonObject schemas)
    {
        switch (message.FullName)
        {
            case "google.protobuf.Timestamp": return Scalar("string", "date-time");
            case "google.protobuf.Duration": return Scalar("string", "duration");
            case "google.protobuf.FieldMask": return Scalar("string", null);
            case "google.protobuf.Empty": return new JsonObject { ["type"] = "object" };
            case "google.protobuf.Struct": return new JsonObject { ["type"] = "object", ["additionalProperties"] = true };
            case "google.protobuf.Value": return new JsonObject();
            case "google.protobuf.ListValue": return new JsonObject { ["type"] = "array", ["items"] = new JsonObject() };
            case "google.protobuf.Any":
                return new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject { ["@type"] = Scalar("string", null) },
                    ["additionalProperties"] = true,
                };
        }
        if (message.File.Package == "google.protobuf" && message.FullName.EndsWith("Value", StringComparison.Ordinal))
        {
            // wrappers (StringValue, Int64Value, ...) are their single value, or null
            var wrapped = (JsonObject)SingleValueSchema(message.FindFieldByNumber(1), schemas);
            wrapped["nullable"] = true;
            return wrapped;
        }

        if (!schemas.ContainsKey(message.FullName))
        {
            var properties = new JsonObject();
            var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
            // registered before its fields so recursive messages end in a $ref instead of looping
            schemas[message.FullName] = schema;
            foreach (var field in message.Fields.InDeclarationOrder())
                properties[field.JsonName] = FieldSchema(field, schemas);
        }
        return Ref(message.FullName);
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = SchemaRefPrefix + name };

    private static JsonObject ProblemDetailsSchema() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["type"] = Scalar("string", null),
            ["title"] = Scalar("string", null),
            ["status"] = Scalar("integer", "int32"),
            ["detail"] = Scalar("string", null),
            ["instance"] = Scalar("string", null),
            ["correlationId"] = Scalar("string", null),
            ["errors"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Field name → messages, for invalid requests.",
                ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = Scalar("string", null) },
            },
        },
    };

    private static string Humanize(string pascalCase) =>
        string.Concat(pascalCase.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    [GeneratedRegex(@"\{([^}=]+)(=[^}]*)?\}")]
    private static partial Regex PathVariable();
}
