using System.Text.Json.Nodes;
using Longgang.Platform.Api.Exports;

namespace Longgang.Gateway;

/// <summary>
/// The export routes in the OpenAPI document: each List*/Get*Report GET operation gets its
/// <c>{path}:export</c> twin, with the same parameters (filters, path variables) and access, plus <c>format</c>,
/// answering a CSV or XLSX file (the services map them generically, see ExportEndpoints).
/// </summary>
public static class ExportOperations
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Adds the twins to a document's <c>paths</c>; call it once every rpc's operation is there.</summary>
    public static void AddTo(JsonObject paths)
    {
        var exported = paths
            .Where(path => path.Value?["get"] is JsonObject get && IsExported(get))
            .Select(path => (Path: path.Key, Get: (JsonObject)path.Value!["get"]!))
            .ToList();
        foreach (var (path, get) in exported)
            paths[path + ExportEndpoints.Suffix] = new JsonObject { ["get"] = Export(get) };
    }

    private static bool IsExported(JsonObject get) =>
        get["operationId"]?.GetValue<string>() is { } id && ExportEndpoints.IsExported(id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]);

    private static JsonObject Export(JsonObject get)
    {
        var parameters = new JsonArray();
        foreach (var parameter in get["parameters"]?.AsArray() ?? [])
        {
            // the export reads every page itself
            if (parameter?["name"]?.GetValue<string>() is "pageSize" or "pageToken" or "page_size" or "page_token") continue;
            parameters.Add(parameter!.DeepClone());
        }
        parameters.Add(new JsonObject
        {
            ["name"] = "format",
            ["in"] = "query",
            ["required"] = true,
            ["description"] = "csv: UTF-8 with a byte order mark, RFC 4180; xlsx: one sheet. The header row names the columns (nested fields as a.b).",
            ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("csv", "xlsx") },
        });

        var responses = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "Every row the list or report answers the caller with these filters, streamed as a file " +
                                  "(Content-Disposition: attachment). Instants are RFC 3339 at +08:00, enums their wire names.",
                ["content"] = new JsonObject
                {
                    ["text/csv"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } },
                    [Xlsx] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } },
                },
            },
        };
        foreach (var (status, response) in get["responses"]?.AsObject() ?? [])
            if (status != "200") responses[status] = response?.DeepClone();

        var export = new JsonObject
        {
            ["operationId"] = get["operationId"]!.GetValue<string>() + "_Export",
            ["tags"] = get["tags"]?.DeepClone(),
            ["summary"] = "Export: " + get["summary"]?.GetValue<string>(),
            ["description"] = (get["description"]?.GetValue<string>() ?? "") +
                              "\n\nThe same rows as the list, with its filters and access rules, as CSV or XLSX. More rows than " +
                              "the platform's bound (Exports:MaxRows, 50,000 by default) is a 400 asking for narrower filters.",
            ["parameters"] = parameters,
            ["responses"] = responses,
        };
        if (get["security"] is { } security) export["security"] = security.DeepClone();
        return export;
    }
}
