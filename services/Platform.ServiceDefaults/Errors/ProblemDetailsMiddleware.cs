using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Longgang.Platform.Errors;

/// <summary>
/// The platform promises <c>application/problem+json</c> for every REST error. gRPC JSON transcoding writes
/// errors as <c>google.rpc.Status</c> JSON and maps FailedPrecondition to 400; this is the one place that turns
/// them into problem details with the platform's status mapping. Only transcoded endpoints are buffered;
/// gRPC calls and everything else pass straight through (body-less errors get theirs from UseStatusCodePages).
/// </summary>
public sealed class ProblemDetailsMiddleware(RequestDelegate next, IProblemDetailsService problems, ILogger<ProblemDetailsMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var transcoding = context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>();
        if (transcoding is null)
        {
            await next(context);
            return;
        }
        var hasBody = context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;
        // transcoding reads these bodies as JSON and nothing else (an application/grpc body included); given a charset
        // it cannot decode it throws, which would be a 500 for the client's mistake
        if (hasBody && !string.IsNullOrEmpty(transcoding.HttpRule.Body) && !IsReadableJson(context.Request))
        {
            await WriteAsync(context, problems, new PlatformProblem(StatusCodes.Status415UnsupportedMediaType, TitleFor(415),
                "The request body must be JSON (Content-Type: application/json; UTF-8).", null));
            return;
        }
        // kept so that the body can be checked here and, when transcoding refuses it, inspected for the offending field
        if (hasBody) context.Request.EnableBuffering();
        if (await FindUnexpectedInputAsync(context, transcoding, hasBody) is { } unexpected)
        {
            await WriteAsync(context, problems, unexpected);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Body = original;
            context.Response.Clear();
            await WriteAsync(context, problems, new PlatformProblem(500, "Internal error", "The request could not be completed. It has been logged.", null));
            return;
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && !IsProblem(context.Response))
        {
            var problem = context.Items[GrpcErrorInterceptor.ProblemItemKey] as PlatformProblem
                          ?? await FromUnreadableRequestAsync(context, transcoding, hasBody)
                          ?? FromRpcStatusJson(buffer, context.Response.StatusCode);
            context.Response.Headers.ContentLength = null;
            await WriteAsync(context, problems, problem);
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    public static async Task WriteAsync(HttpContext context, IProblemDetailsService problems, PlatformProblem problem)
    {
        context.Response.StatusCode = problem.Status;
        // in the request's language (zh-CN unless it asked for English)
        var text = context.RequestServices.GetRequiredService<Localization.PlatformText>();
        var details = problem.FieldErrors is { Count: > 0 } fields
            ? new HttpValidationProblemDetails(fields.ToDictionary(f => f.Key, f => new[] { text[f.Value] }))
            : new ProblemDetails();
        details.Status = problem.Status;
        details.Title = text.Translate(problem.Title);
        details.Detail = text[problem.Detail];
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details });
    }

    /// <summary>
    /// The problem body of an error answered without one (an unknown route, a missing token, a proxied service that
    /// could not be reached): the status's title and what the caller can do about it, translated.
    /// </summary>
    public static Task WriteStatusCodePageAsync(Microsoft.AspNetCore.Diagnostics.StatusCodeContext statusCode)
    {
        var context = statusCode.HttpContext;
        var status = context.Response.StatusCode;
        return WriteAsync(context, statusCode.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>(),
            new PlatformProblem(status, TitleFor(status), DetailFor(status), null));
    }

    private static string DetailFor(int status) => status switch
    {
        401 => "A valid bearer token is required (Authorization: Bearer <token>).",
        403 => "The caller may not do this.",
        404 => "There is no such route or resource.",
        405 => "The route does not take this HTTP method.",
        502 => "The service behind the gateway gave no valid answer; retry later.",
        503 => "The service is unavailable; retry later.",
        504 => "The service did not answer in time; retry later.",
        _ => TitleFor(status),
    };

    /// <summary>Transcoding's rule (application/json or any +json type), in a charset .NET can decode.</summary>
    private static bool IsReadableJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        // Encoding is null for a charset .NET does not know
        && (!type.Charset.HasValue || type.Encoding is not null);

    private static bool IsProblem(HttpResponse response) =>
        response.ContentType?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// A query parameter or body property the request message does not have, or a body property the path already
    /// gives (<see cref="RequestShape"/>): refused before the handler runs, naming it.
    /// </summary>
    private static async Task<PlatformProblem?> FindUnexpectedInputAsync(HttpContext context, GrpcJsonTranscodingMetadata transcoding, bool hasBody)
    {
        var input = transcoding.MethodDescriptor.InputType;
        var offending = RequestShape.FindUnknownQueryParameter(context.Request.Query.Keys, input, transcoding.HttpRule);
        if (offending is null && hasBody)
        {
            offending = RequestShape.FindUnknownBodyField(await ReadBodyAsync(context), input, transcoding.HttpRule);
            context.Request.Body.Position = 0;
        }
        if (offending is not { } found) return null;
        return new PlatformProblem(StatusCodes.Status400BadRequest, "Invalid request", new LocalText("{0}: {1}", found.Name, new LocalText(found.Error)),
            new Dictionary<string, LocalText> { [found.Name] = found.Error });
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context)
    {
        context.Request.Body.Position = 0;
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        return body.ToArray();
    }

    /// <summary>A body or query transcoding could not read: name the first field that does not fit the request message.</summary>
    private static async Task<PlatformProblem?> FromUnreadableRequestAsync(HttpContext context, GrpcJsonTranscodingMetadata transcoding, bool hasBody)
    {
        if (context.Response.StatusCode != StatusCodes.Status400BadRequest) return null;
        var input = transcoding.MethodDescriptor.InputType;
        // route values too: "/years/99999999999/projects" must name "year", not repeat an Int32 overflow message
        var routeValues = context.Request.RouteValues.Select(r => KeyValuePair.Create(r.Key, new StringValues(r.Value?.ToString())));
        var field = JsonBodyInspector.FindOffendingQueryParameter(routeValues.Concat(context.Request.Query), input);
        if (field is null && hasBody && context.Request.Body.CanSeek)
        {
            field = JsonBodyInspector.FindOffendingField(await ReadBodyAsync(context), input);
        }
        if (field is null) return null;
        var error = field == "body" ? "is not a JSON object" : "has the wrong type or an unknown value";
        return new PlatformProblem(StatusCodes.Status400BadRequest, "Invalid request", new LocalText("{0}: {1}", field, new LocalText(error)),
            new Dictionary<string, LocalText> { [field] = error });
    }

    /// <summary>Transcoding's own errors (malformed JSON, bad route values) arrive as google.rpc.Status JSON.</summary>
    private static PlatformProblem FromRpcStatusJson(MemoryStream body, int httpStatus)
    {
        string? message = null;
        StatusCode? code = null;
        if (body.Length > 0)
        {
            try
            {
                using var json = JsonDocument.Parse(body.ToArray());
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (json.RootElement.TryGetProperty("code", out var c) && c.TryGetInt32(out var n)) code = (StatusCode)n;
                    if (json.RootElement.TryGetProperty("message", out var m)) message = m.GetString();
                }
            }
            catch (JsonException)
            {
                // not JSON: keep the HTTP status and a generic message
            }
        }

        var status = code is { } grpc ? HttpStatusFor(grpc) : httpStatus;
        return new PlatformProblem(status, TitleFor(status), message ?? TitleFor(status), null);
    }

    /// <summary>Google's mapping, except FailedPrecondition: an illegal state change is a 409 on this platform.</summary>
    public static int HttpStatusFor(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument or StatusCode.OutOfRange => 400,
        StatusCode.Unauthenticated => 401,
        StatusCode.PermissionDenied => 403,
        StatusCode.NotFound => 404,
        StatusCode.FailedPrecondition or StatusCode.AlreadyExists or StatusCode.Aborted => 409,
        StatusCode.ResourceExhausted => 429,
        StatusCode.Unimplemented => 501,
        StatusCode.Unavailable => 503,
        StatusCode.DeadlineExceeded => 504,
        _ => 500,
    };

    public static string TitleFor(int status) => status switch
    {
        400 => "Invalid request",
        401 => "Authentication required",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        413 => "Request too large",
        415 => "Unsupported media type",
        429 => "Too many requests",
        502 => "Bad gateway",
        503 => "Service unavailable",
        504 => "Gateway timeout",
        _ => "Error",
    };
}
