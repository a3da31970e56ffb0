using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Hosting;
using Longgang.Platform.Localization;

namespace Longgang.Gateway;

/// <summary>
/// "My data" (PIPL art. 45): <c>GET /api/v1/me/data</c> answers everything the four services hold about the calling
/// citizen, one section per service, and <c>GET /api/v1/me/data:download</c> the same as a zip archive (one JSON file per
/// service and a README.txt in Chinese). Composed here, by asking every service's GetMyData at once with the caller's
/// own token (docs/decisions.md, "My data: composed at the gateway"). A service that does not answer, or not in time,
/// is listed under <c>missing</c> with the reason: the answer is still 200 with the others, never silently short.
/// </summary>
public static class MyDataComposition
{
    public const string Path = "/api/v1/me/data";
    public const string DownloadPath = Path + ":download";
    public const string HttpClientName = "my-data";
    public const string TimeoutKey = "Gateway:MyData:TimeoutSeconds";
    /// <summary>Each service's answer is a few queries of one citizen's rows; 10 s is an outage, not a slow answer.</summary>
    public const int DefaultTimeoutSeconds = 10;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // a person reads these files: keep the Chinese readable
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static WebApplicationBuilder AddMyData(this WebApplicationBuilder builder)
    {
        var seconds = builder.Configuration.GetValue(TimeoutKey, DefaultTimeoutSeconds);
        if (seconds < 1) throw new InvalidOperationException($"{TimeoutKey} must be at least 1, not {seconds}.");
        builder.Services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(seconds));
        return builder;
    }

    public static WebApplication MapMyData(this WebApplication app)
    {
        app.MapGet(Path, async (HttpContext http) =>
        {
            if (await RefusedAsync(http)) return;
            var sections = await ComposeAsync(http);
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(sections.ToJsonString(Indented), http.RequestAborted);
        }).RequireAuthorization(GatewayExtensions.AuthenticatedPolicy).RequireRateLimiting(GatewayExtensions.PerClientRateLimitPolicy).ExcludeFromDescription();

        app.MapGet(DownloadPath, async (HttpContext http) =>
        {
            if (await RefusedAsync(http)) return;
            var sections = await ComposeAsync(http);
            var archive = Archive(sections, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
            http.Response.ContentType = "application/zip";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"my-data.zip\"";
            await http.Response.Body.WriteAsync(archive, http.RequestAborted);
        }).RequireAuthorization(GatewayExtensions.AuthenticatedPolicy).RequireRateLimiting(GatewayExtensions.PerClientRateLimitPolicy).ExcludeFromDescription();
        return app;
    }

    /// <summary>Citizens only (anyone else's "own data" is not this); no query parameters. Writes the problem when refused.</summary>
    private static async Task<bool> RefusedAsync(HttpContext http)
    {
        if (http.Request.Query.Count > 0)
        {
            var unknown = http.Request.Query.Keys.Order(StringComparer.Ordinal).ToDictionary(key => key, _ => new LocalText("is not a parameter of this request"));
            await GatewayExtensions.WriteProblemAsync(http, StatusCodes.Status400BadRequest, "Invalid request",
                new LocalText("{0}: {1}", unknown.Keys.First(), unknown.Values.First()), unknown);
            return true;
        }
        if (http.User.FindFirst(PlatformClaims.Role)?.Value != PlatformRoles.Citizen)
        {
            await GatewayExtensions.WriteProblemAsync(http, StatusCodes.Status403Forbidden, "Forbidden",
                new LocalText("Only citizens may ask for their own data."));
            return true;
        }
        return false;
    }

    private static Task<JsonObject> ComposeAsync(HttpContext http) => ComposeAsync(http,
        http.RequestServices.GetRequiredService<IReadOnlyList<DownstreamService>>(),
        http.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
        http.RequestServices.GetRequiredService<PlatformText>());

    /// <summary>
    /// Every service's GetMyData at once, with the token of <paramref name="http"/>'s request:
    /// <c>{"citizenId", "approvals": {...}, ..., "missing": [{"service", "reason"}]}</c>.
    /// </summary>
    public static async Task<JsonObject> ComposeAsync(HttpContext http, IReadOnlyList<DownstreamService> services, HttpClient client, PlatformText text)
    {
        var answers = await Task.WhenAll(services.Select(service => AskAsync(client, service, http)));

        var result = new JsonObject { ["citizenId"] = http.User.FindFirst(PlatformClaims.Subject)?.Value };
        var missing = new JsonArray();
        foreach (var (service, section, reason) in answers)
        {
            if (section is not null) result[service] = section;
            else missing.Add(new JsonObject { ["service"] = service, ["reason"] = text[reason!.Value] });
        }
        result["missing"] = missing;
        return result;
    }

    private static async Task<(string Service, JsonNode? Section, LocalText? Reason)> AskAsync(HttpClient client, DownstreamService service, HttpContext http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(service.HttpAddress, $"{service.RestPrefix}/v1/my-data"));
        // the caller's own token: each service decides for itself whose data this is
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(http.Request.Headers.Authorization.ToString());
        if (http.Request.Headers.AcceptLanguage.ToString() is { Length: > 0 } language) request.Headers.TryAddWithoutValidation("Accept-Language", language);
        if (http.Items[CorrelationIdMiddleware.HeaderName] is string correlationId) request.Headers.TryAddWithoutValidation(CorrelationIdMiddleware.HeaderName, correlationId);
        try
        {
            using var response = await client.SendAsync(request, http.RequestAborted);
            if (!response.IsSuccessStatusCode)
                return (service.Name, null, new LocalText("The service answered {0}.", (int)response.StatusCode));
            return (service.Name, JsonNode.Parse(await response.Content.ReadAsStringAsync(http.RequestAborted)), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !http.RequestAborted.IsCancellationRequested)
        {
            return (service.Name, null, ex is TaskCanceledException
                ? new LocalText("The service did not answer in time.")
                : new LocalText("The service could not be reached."));
        }
    }

    /// <summary>One JSON file per service that answered, and a README.txt saying what they are and what is missing.</summary>
    private static byte[] Archive(JsonObject sections, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var missing = sections["missing"]!.AsArray();
            foreach (var (service, _) in DownstreamServices.Catalogue)
            {
                if (sections[service] is not { } section) continue;
                Write(zip, $"{service}.json", section.ToJsonString(Indented), now);
            }
            Write(zip, "README.txt", Readme(sections["citizenId"]?.GetValue<string>() ?? "", missing, now), now);
        }
        return buffer.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string content, DateTimeOffset now)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = now;
        using var stream = entry.Open();
        // with a BOM: Windows' Notepad then opens the Chinese text intact
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        writer.Write(content);
    }

    private static string Readme(string citizenId, JsonArray missing, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.AppendLine("龙港市城市服务平台：您的个人数据副本");
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant($"本副本由平台于 {now.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}（北京时间）为用户 {citizenId} 生成，"));
        text.AppendLine("依据《中华人民共和国个人信息保护法》第四十五条（查阅、复制个人信息的权利）。");
        text.AppendLine();
        text.AppendLine("文件说明（UTF-8 编码的 JSON）：");
        text.AppendLine("- approvals.json：行政审批。您的办件申请（含证件号码、材料、审查与决定）及每件申请的时限台账，审批服务发给您的通知，以及他人查阅您数据的记录。");
        text.AppendLine("- governance.json：基层治理。您上报的事件（含描述、位置与办理过程），治理服务发给您的通知，以及他人查阅您数据的记录。");
        text.AppendLine("- talent.json：人才服务。您的人才认定申请、政策待遇申领和岗位应聘记录，人才服务发给您的通知，以及他人查阅您数据的记录。");
        text.AppendLine("- livelihood.json：民生实事。您提出的民生实事项目建议（含筛选、票决、实施与评议结果），民生服务发给您的通知，以及他人查阅您数据的记录。");
        text.AppendLine();
        text.AppendLine("“reads”（查阅记录）列出工作人员查阅您个人数据的情况：查阅人、角色、时间、查阅的记录及所经接口。查阅记录任何人均不能修改或删除。");
        if (missing.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("注意：以下服务此次未能提供数据，副本不完整，请稍后重新下载：");
            foreach (var item in missing) text.AppendLine($"- {item!["service"]}：{item["reason"]}");
        }
        return text.ToString();
    }

    // ---- the OpenAPI document ----------------------------------------------------------------------------------

    public const string Tag = "MyData";

    /// <summary>Adds the two routes to a document's <c>paths</c> (they are the gateway's own: no proto describes them).</summary>
    public static void AddTo(JsonObject paths)
    {
        var sections = new JsonObject { ["citizenId"] = new JsonObject { ["type"] = "string" } };
        foreach (var (service, proto) in DownstreamServices.Catalogue)
            sections[service] = Ref($"#/components/schemas/{proto.Package}.MyData");
        sections["missing"] = new JsonObject
        {
            ["type"] = "array",
            ["description"] = "The services that did not answer (down, or not within Gateway:MyData:TimeoutSeconds): their section is absent.",
            ["items"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("service", "reason"),
                ["properties"] = new JsonObject
                {
                    ["service"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(DownstreamServices.Catalogue.Select(s => (JsonNode)s.Name).ToArray()) },
                    ["reason"] = new JsonObject { ["type"] = "string" },
                },
            },
        };
        var json = new JsonObject
        {
            ["schema"] = new JsonObject { ["type"] = "object", ["required"] = new JsonArray("citizenId", "missing"), ["properties"] = sections },
        };
        paths[Path] = new JsonObject
        {
            ["get"] = Operation("GetMyData", "Everything the platform holds about me",
                "Citizens only, their own (anyone else 403): each service's GetMyData, asked at once with the caller's token, one section per " +
                "service: approvals (applications with their clock ledgers), governance (cases reported), talent (certifications, claims, " +
                "position applications), livelihood (proposals); in each, the service's notifications to the citizen and who else read their data. " +
                "A service that does not answer is listed under missing (the answer is still 200).",
                new JsonObject { ["description"] = "The citizen's data, one section per service that answered.", ["content"] = new JsonObject { ["application/json"] = json } }),
        };
        paths[DownloadPath] = new JsonObject
        {
            ["get"] = Operation("DownloadMyData", "My data as a zip archive",
                "Citizens only, their own (anyone else 403): the same as GET /api/v1/me/data as a zip archive: one JSON file per service " +
                "that answered (approvals.json, governance.json, talent.json, livelihood.json) and README.txt (Chinese) describing them and " +
                "naming any service that did not answer.",
                new JsonObject
                {
                    ["description"] = "The archive (Content-Disposition: attachment).",
                    ["content"] = new JsonObject { ["application/zip"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } } },
                }),
        };
    }

    private static JsonObject Operation(string name, string summary, string description, JsonObject ok) => new()
    {
        ["operationId"] = $"{Tag}_{name}",
        ["tags"] = new JsonArray(Tag),
        ["summary"] = summary,
        ["description"] = description,
        ["parameters"] = new JsonArray(Ref("#/components/parameters/AcceptLanguage"), Ref("#/components/parameters/CorrelationId")),
        ["responses"] = new JsonObject
        {
            ["200"] = ok,
            ["400"] = Ref("#/components/responses/BadRequest"),
            ["401"] = Ref("#/components/responses/Unauthorized"),
            ["403"] = Ref("#/components/responses/Forbidden"),
            ["429"] = Ref("#/components/responses/TooManyRequests"),
        },
    };

    private static JsonObject Ref(string target) => new() { ["$ref"] = target };
}
