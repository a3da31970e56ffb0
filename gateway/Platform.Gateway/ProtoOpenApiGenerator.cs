using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf.Reflection;
using Longgang.Platform.Hosting;

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

    /// <summary>Problem responses, by status code, and which operations can answer them.</summary>
    private static readonly (int Status, string Name, string Description, Func<string, bool, bool> Applies)[] ProblemResponses =
    [
        (400, "BadRequest", "The request is invalid: a field's value, an unknown query parameter or body field, or a path id repeated in the body; `errors` names the fields.", (_, _) => true),
        (401, "Unauthorized", "No valid bearer token.", (_, _) => true),
        (403, "Forbidden", "The caller's role, district or department does not allow this.", (_, _) => true),
        (404, "NotFound", "No such resource.", (_, _) => true),
        (409, "Conflict", "The resource's state does not allow this change, or a request with the same `Idempotency-Key` is still running.", (_, _) => true),
        (413, "PayloadTooLarge", "The request body is larger than the gateway accepts.", (_, body) => body),
        (415, "UnsupportedMediaType", "The request body is not JSON (`Content-Type: application/json`, UTF-8).", (_, body) => body),
        (422, "UnprocessableContent", "The `Idempotency-Key` was used before for a request with a different body.", (verb, _) => verb == "post"),
        (429, "TooManyRequests", "Rate limit exceeded; see the Retry-After header.", (_, _) => true),
        (503, "ServiceUnavailable", "The service or its database is unavailable, or (with an `Idempotency-Key`) the key store is; retry later.", (_, _) => true),
    ];

    private const string IdempotencyKeyParameter = "IdempotencyKey";
    private const string CorrelationIdParameter = "CorrelationId";
    private const string AcceptLanguageParameter = "AcceptLanguage";

    private const string DocumentDescription = """
        Every operation is also available over gRPC at the same gateway (HTTP/2), with server reflection.

        **Time.** Instants (`google.protobuf.Timestamp`, fields ending in `At`) are RFC 3339 in UTC (`2027-03-01T01:00:00Z`).
        Days are China dates (Asia/Shanghai) written `YYYY-MM-DD`; where a screen shows the day of an instant, the resource
        also carries that day as `<x>On` (e.g. `submittedAt` and `submittedOn`): show `submittedOn`, never the UTC date of `submittedAt`.

        **Presence.** A field that can have no value is left out when it has none; fields marked required in a response are always there.

        **Language.** Everything a person reads is in Chinese (zh-CN) unless the request says `Accept-Language: en`.
        Codes, enum values and field names stay ASCII. Enum values have one spelling everywhere: their full name, e.g. `CASE_STATUS_OPEN`.

        **Errors** are RFC 9457 problem details (`application/problem+json`) with `correlationId`; a 400 names the fields in `errors`.
        Unknown query parameters and body fields are refused, and so is a body that repeats a path id.

        See docs/api.md for the conventions.
        """;

    public static JsonObject Generate(IEnumerable<FileDescriptor> files, string title, string version)
    {
        var schemas = new JsonObject();
        var paths = new JsonObject();
        var tags = new JsonArray();

        var fileList = files.ToList();
        var comments = fileList.SelectMany(ProtoComments.Of).ToDictionary(c => c.Key, c => c.Value);
        foreach (var service in fileList.SelectMany(f => f.Services))
        {
            tags.Add(new JsonObject { ["name"] = service.Name, ["description"] = service.FullName });
            foreach (var method in service.Methods)
            {
                if (method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { } rule) continue;
                var bindings = new[] { rule }.Concat(rule.AdditionalBindings).ToArray();
                for (var i = 0; i < bindings.Length; i++)
                {
                    var operationId = i == 0 ? $"{service.Name}_{method.Name}" : $"{service.Name}_{method.Name}_{i}";
                    AddOperation(paths, schemas, service, method, bindings[i], operationId, comments);
                }
            }
        }
        ExportOperations.AddTo(paths);
        // the services' file uploads and downloads, plain HTTP beside the transcoded routes (FileOperations.cs)
        FileOperations.AddTo(paths);
        // the gateway's own composition of the citizen's data (MyDataComposition.cs)
        MyDataComposition.AddTo(paths);
        tags.Add(new JsonObject { ["name"] = MyDataComposition.Tag, ["description"] = "The citizen's own data across the services (PIPL art. 45)" });

        // the export twins of lists and reports (gateway/Platform.Gateway/ExportOperations.cs) are added here:
        // ExportOperations.AddTo(paths, ...) documents GET <list path>:export for every List*/Get*Report GET rpc

        schemas[ProblemSchemaName] = ProblemDetailsSchema();
        var responses = new JsonObject();
        foreach (var (status, name, description, _) in ProblemResponses)
        {
            responses[name] = new JsonObject
            {
                ["description"] = description,
                ["content"] = new JsonObject
                {
                    ["application/problem+json"] = new JsonObject { ["schema"] = Ref(SchemaRefPrefix + ProblemSchemaName) },
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
                ["description"] = DocumentDescription,
            },
            ["tags"] = tags,
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["responses"] = responses,
                ["parameters"] = HeaderParameters(),
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
        };
    }

    private static void AddOperation(JsonObject paths, JsonObject schemas, Google.Protobuf.Reflection.ServiceDescriptor service, MethodDescriptor method,
        HttpRule rule, string operationId, IReadOnlyDictionary<string, string> comments)
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

        var input = method.InputType;
        // "{shelf_code=shelves/*}" binds like "{shelfCode}" as far as the document is concerned: clients see JSON names
        var variables = PathVariable().Matches(template).Select(m => m.Groups[1].Value).ToArray();
        var path = PathVariable().Replace(template, m => "{" + JsonPath(input, m.Groups[1].Value) + "}");

        var parameters = new JsonArray();
        foreach (var variable in variables)
        {
            var field = FindField(input, variable);
            parameters.Add(new JsonObject
            {
                ["name"] = JsonPath(input, variable),
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = field is null ? new JsonObject { ["type"] = "string" } : FieldSchema(field, schemas, Mode.Input),
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
                    ["required"] = IsRequired(field),
                    ["schema"] = FieldSchema(field, schemas, Mode.Input),
                });
            }
        }
        parameters.Add(Ref("#/components/parameters/" + AcceptLanguageParameter));
        parameters.Add(Ref("#/components/parameters/" + CorrelationIdParameter));
        if (verb == "post") parameters.Add(Ref("#/components/parameters/" + IdempotencyKeyParameter));

        var comment = comments.GetValueOrDefault($"{service.Name}.{method.Name}");
        var operation = new JsonObject
        {
            ["operationId"] = operationId,
            ["tags"] = new JsonArray(service.Name),
            ["summary"] = Humanize(method.Name),
            // the rpc's comment in the proto says who may call it and from which states
            ["description"] = (comment is null ? "" : comment + "\n\n") + $"gRPC: `/{service.FullName}/{method.Name}`",
            ["parameters"] = parameters,
        };
        // open to anonymous callers: no token required (the document's default asks for one)
        if (PublicRoutes.IsPublic(template)) operation["security"] = new JsonArray();

        var hasBody = false;
        if (!string.IsNullOrEmpty(rule.Body))
        {
            var bodySchema = rule.Body == "*" ? RequestBodySchema(input, variables, schemas)
                : FindField(input, rule.Body) is { } bodyField ? FieldSchema(bodyField, schemas, Mode.Input) : null;
            if (bodySchema is not null)
            {
                hasBody = true;
                operation["requestBody"] = new JsonObject
                {
                    ["required"] = true,
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = bodySchema } },
                };
            }
        }

        var output = method.OutputType;
        var responses = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "OK",
                ["content"] = output.FullName == HttpBody.Descriptor.FullName
                    // an rpc answering google.api.HttpBody writes the bytes as they are: the platform's only such answers
                    // are printed documents
                    ? new JsonObject { ["application/pdf"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } } }
                    : new JsonObject { ["application/json"] = new JsonObject { ["schema"] = ResponseSchema(output, rule, schemas) } },
            },
        };
        foreach (var (status, name, _, applies) in ProblemResponses)
        {
            if (!applies(verb, hasBody)) continue;
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                new JsonObject { ["$ref"] = "#/components/responses/" + name };
        }

        operation["responses"] = responses;

        if (paths[path] is not JsonObject pathItem) paths[path] = pathItem = new JsonObject();
        pathItem[verb] = operation;
    }

    private static JsonNode ResponseSchema(MessageDescriptor output, HttpRule rule, JsonObject schemas) =>
        !string.IsNullOrEmpty(rule.ResponseBody) && FindField(output, rule.ResponseBody) is { } responseField
            ? FieldSchema(responseField, schemas, Mode.Output)
            : MessageSchema(output, schemas, Mode.Output);

    /// <summary>
    /// The body of a <c>body: "*"</c> route: the request message without the fields its path binds (a body must not
    /// repeat them). Its own component when nothing is left out, else a component named "...Body".
    /// </summary>
    private static JsonNode RequestBodySchema(MessageDescriptor input, IReadOnlyCollection<string> pathFields, JsonObject schemas)
    {
        var topLevel = pathFields.Where(v => !v.Contains('.')).ToHashSet();
        if (topLevel.Count == 0) return MessageSchema(input, schemas, Mode.Input);
        var name = input.FullName + "Body";
        if (!schemas.ContainsKey(name)) schemas[name] = ObjectSchema(input, schemas, Mode.Input, topLevel);
        return Ref(SchemaRefPrefix + name);
    }

    /// <summary>"shelf_code" → "shelfCode", "a.b_c" → "a.bC": a proto field path as the JSON names clients see.</summary>
    private static string JsonPath(MessageDescriptor message, string protoPath)
    {
        var names = new List<string>();
        var current = message;
        foreach (var part in protoPath.Split('.'))
        {
            var field = current?.FindFieldByName(part);
            names.Add(field?.JsonName ?? part);
            current = field?.FieldType == FieldType.Message ? field.MessageType : null;
        }
        return string.Join('.', names);
    }

    /// <summary>Marked <c>(google.api.field_behavior) = REQUIRED</c> in the proto.</summary>
    private static bool IsRequired(FieldDescriptor field) =>
        field.GetOptions()?.GetExtension(FieldBehaviorExtensions.FieldBehavior) is { } behaviors && behaviors.Contains(FieldBehavior.Required);

    /// <summary>
    /// Always written in a response: a field without presence (a plain scalar, enum or string, a repeated field, a map).
    /// proto3 <c>optional</c> fields, message fields and oneof members are left out when unset.
    /// </summary>
    private static bool AlwaysPresent(FieldDescriptor field) =>
        field.IsRepeated || field.IsMap || (!field.HasPresence && field.FieldType is not (FieldType.Message or FieldType.Group));

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

    /// <summary>
    /// Whether a schema describes what a client sends (required: the fields marked REQUIRED) or what it gets (required:
    /// the fields always written). A message used both ways has a component for each: "X" and "XInput".
    /// </summary>
    private enum Mode { Input, Output }

    private static JsonNode FieldSchema(FieldDescriptor field, JsonObject schemas, Mode mode)
    {
        if (field.IsMap)
        {
            return new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = SingleValueSchema(field.MessageType.FindFieldByNumber(2), schemas, mode),
            };
        }
        var single = SingleValueSchema(field, schemas, mode);
        return field.IsRepeated ? new JsonObject { ["type"] = "array", ["items"] = single } : single;
    }

    /// <summary>The schema of one value of the field, ignoring <c>repeated</c>.</summary>
    private static JsonNode SingleValueSchema(FieldDescriptor field, JsonObject schemas, Mode mode) => field.FieldType switch
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
        _ => MessageSchema(field.MessageType, schemas, mode),
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
                ["description"] = "One spelling everywhere (wire, filters, messages): the full value name.",
                ["enum"] = new JsonArray(enumType.Values.Select(v => (JsonNode)JsonValue.Create(v.Name)).ToArray()),
            };
        }
        return Ref(SchemaRefPrefix + enumType.FullName);
    }

    /// <summary>Well-known types map to their JSON forms; other messages become components referenced by full name.</summary>
    private static JsonNode MessageSchema(MessageDescriptor message, JsonObject schemas, Mode mode)
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
            var wrapped = (JsonObject)SingleValueSchema(message.FindFieldByNumber(1), schemas, mode);
            wrapped["nullable"] = true;
            return wrapped;
        }

        // a request message is only ever sent; any other message sent inside one gets an input twin
        var name = mode == Mode.Output || message.Name.EndsWith("Request", StringComparison.Ordinal) ? message.FullName : message.FullName + "Input";
        if (!schemas.ContainsKey(name))
        {
            // registered before its fields so recursive messages end in a $ref instead of looping
            schemas[name] = new JsonObject();
            schemas[name] = ObjectSchema(message, schemas, mode, new HashSet<string>());
        }
        return Ref(SchemaRefPrefix + name);
    }

    private static JsonObject ObjectSchema(MessageDescriptor message, JsonObject schemas, Mode mode, IReadOnlySet<string> leftOut)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            if (leftOut.Contains(field.Name)) continue;
            properties[field.JsonName] = FieldSchema(field, schemas, mode);
            if (mode == Mode.Input ? IsRequired(field) : AlwaysPresent(field)) required.Add(field.JsonName);
        }
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0) schema["required"] = required;
        return schema;
    }

    /// <summary>Headers every operation takes (and <c>Idempotency-Key</c>, which POSTs take).</summary>
    private static JsonObject HeaderParameters() => new()
    {
        [AcceptLanguageParameter] = new JsonObject
        {
            ["name"] = "Accept-Language",
            ["in"] = "header",
            ["required"] = false,
            ["description"] = "The language of texts a person reads (names, problem titles and details): zh-CN by default, `en` for English.",
            ["schema"] = new JsonObject { ["type"] = "string", ["example"] = "en" },
        },
        [CorrelationIdParameter] = new JsonObject
        {
            ["name"] = CorrelationIdMiddleware.HeaderName,
            ["in"] = "header",
            ["required"] = false,
            ["description"] = "Ties the request to its log lines and traces; echoed in the response header and in problem bodies (`correlationId`). Made up by the gateway when absent. At most 64 letters, digits, `-`, `_` or `.`.",
            ["schema"] = new JsonObject { ["type"] = "string", ["maxLength"] = 64, ["pattern"] = "^[A-Za-z0-9._-]{1,64}$" },
        },
        [IdempotencyKeyParameter] = new JsonObject
        {
            ["name"] = IdempotencyMiddleware.HeaderName,
            ["in"] = "header",
            ["required"] = false,
            ["description"] = "Makes a POST safe to retry: a repeat with the same key and body gets the first answer (with `Idempotency-Replayed: true`) for 24 hours; the same key with another body is a 422, a repeat while the first still runs a 409.",
            ["schema"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = IdempotencyMiddleware.MaxKeyLength },
        },
    };

    private static JsonObject Ref(string reference) => new() { ["$ref"] = reference };

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
