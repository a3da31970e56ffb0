using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Longgang.Platform.Files;

namespace Longgang.Gateway;

/// <summary>
/// The file routes: plain HTTP endpoints the services map beside their transcoded API (transcoding cannot stream a
/// request body), so no proto describes them. This list adds them to the OpenAPI document and lets their uploads
/// past the gateway's JSON body limit, up to the file limit (<c>Files:MaxBytes</c>).
/// </summary>
public static partial class FileOperations
{
    /// <param name="Files">The collection path as the document writes it (JSON names in the variables).</param>
    /// <param name="Schema">The proto message an upload answers with (its list rpc's item).</param>
    /// <param name="Material">Whether an upload names the material it is for (<c>?material=</c>).</param>
    public sealed record FileRoute(string Tag, string Noun, string Files, string RecordParameter, string Schema, string Owner, bool Material)
    {
        public string Upload => "Upload" + Noun;
        public string Download => "Download" + Noun;

        private readonly Regex _upload = new("^" + Variable().Replace(Files, "[^/]+") + "$", RegexOptions.CultureInvariant);

        public bool IsUpload(string path) => _upload.IsMatch(path);
    }

    public static IReadOnlyList<FileRoute> Routes { get; } =
    [
        new("ApprovalsService", "ApplicationFile", "/api/approvals/v1/applications/{applicationId}/files", "applicationId", "longgang.approvals.v1.ApplicationFile",
            "the application: the applicant, whoever submitted for them, clerks of the handling departments (downloads: whoever may see the application)", Material: true),
        new("GovernanceService", "CaseFile", "/api/governance/v1/cases/{caseId}/files", "caseId", "longgang.governance.v1.CaseFile",
            "the case: the reporter, the grid team, the district admin, city admins (downloads: whoever may see the case)", Material: false),
    ];

    private static readonly string[] FileTypes = [FileSniffer.Jpeg, FileSniffer.Png, FileSniffer.Pdf];

    public static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && Routes.Any(route => route.IsUpload(request.Path.Value ?? ""));

    /// <summary>Adds the upload (POST on the collection its list rpc documents) and the download of each route.</summary>
    public static void AddTo(JsonObject paths)
    {
        foreach (var route in Routes)
        {
            if (paths[route.Files] is not JsonObject collection) paths[route.Files] = collection = new JsonObject();
            collection["post"] = Upload(route);
            paths[route.Files + "/{id}"] = new JsonObject { ["get"] = Download(route) };
        }
    }

    private static JsonObject Upload(FileRoute route)
    {
        var parameters = new JsonArray(PathParameter(route.RecordParameter));
        if (route.Material)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = "material",
                ["in"] = "query",
                ["required"] = true,
                ["description"] = "The material the file is for: one the matter requires or the application names, in either language.",
                ["schema"] = new JsonObject { ["type"] = "string" },
            });
        }
        AddHeaders(parameters);
        var content = new JsonObject { ["application/octet-stream"] = Binary() };
        foreach (var type in FileTypes) content[type] = Binary();
        return new JsonObject
        {
            ["operationId"] = $"{route.Tag}_{route.Upload}",
            ["tags"] = new JsonArray(route.Tag),
            ["summary"] = "Upload a file",
            ["description"] = $"The body is the file's bytes, streamed (not multipart). JPEG, PNG or PDF, recognised from the content, " +
                              $"not the name or Content-Type; at most Files:MaxBytes (10 MiB by default). Scanned by ClamAV where one is " +
                              $"configured (an infected file is refused and not kept), else stored FILE_SCAN_STATUS_UNSCANNED. Audited. " +
                              $"May upload: {route.Owner}.",
            ["parameters"] = parameters,
            ["requestBody"] = new JsonObject { ["required"] = true, ["content"] = content },
            ["responses"] = Responses(
                ("200", new JsonObject
                {
                    ["description"] = "Stored: the file's metadata.",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref("#/components/schemas/" + route.Schema) } },
                }),
                ("400", ResponseRef("BadRequest")), ("401", ResponseRef("Unauthorized")), ("403", ResponseRef("Forbidden")),
                ("404", ResponseRef("NotFound")), ("409", ResponseRef("Conflict")),
                ("413", Problem("The file is larger than Files:MaxBytes.")),
                ("415", Problem("The content is not a JPEG, PNG or PDF file.")),
                ("422", Problem("The malware scanner found something: the file was not kept.")),
                ("429", ResponseRef("TooManyRequests")), ("503", ResponseRef("ServiceUnavailable"))),
        };
    }

    private static JsonObject Download(FileRoute route)
    {
        var parameters = new JsonArray(PathParameter(route.RecordParameter), PathParameter("id"));
        AddHeaders(parameters);
        var content = new JsonObject();
        foreach (var type in FileTypes) content[type] = Binary();
        return new JsonObject
        {
            ["operationId"] = $"{route.Tag}_{route.Download}",
            ["tags"] = new JsonArray(route.Tag),
            ["summary"] = "Download a file",
            ["description"] = "The file's bytes, streamed, with the content type recognised at upload (Content-Disposition: attachment; " +
                              "X-Content-Type-Options: nosniff). Every download, and every refused one, is in the audit log.",
            ["parameters"] = parameters,
            ["responses"] = Responses(
                ("200", new JsonObject { ["description"] = "The file.", ["content"] = content }),
                ("400", ResponseRef("BadRequest")), ("401", ResponseRef("Unauthorized")), ("403", ResponseRef("Forbidden")),
                ("404", ResponseRef("NotFound")), ("429", ResponseRef("TooManyRequests")), ("503", ResponseRef("ServiceUnavailable"))),
        };
    }

    private static JsonObject PathParameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string" },
    };

    private static void AddHeaders(JsonArray parameters)
    {
        parameters.Add(Ref("#/components/parameters/AcceptLanguage"));
        parameters.Add(Ref("#/components/parameters/CorrelationId"));
    }

    private static JsonObject Binary() => new() { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } };

    private static JsonObject Problem(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = Ref("#/components/schemas/ProblemDetails") } },
    };

    private static JsonObject ResponseRef(string name) => Ref("#/components/responses/" + name);

    private static JsonObject Ref(string target) => new() { ["$ref"] = target };

    private static JsonObject Responses(params (string Status, JsonObject Response)[] responses)
    {
        var result = new JsonObject();
        foreach (var (status, response) in responses) result[status] = response;
        return result;
    }

    [GeneratedRegex(@"\{[A-Za-z0-9_]+\}")]
    private static partial Regex Variable();
}
