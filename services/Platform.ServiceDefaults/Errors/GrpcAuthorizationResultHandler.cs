using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Longgang.Platform.Errors;

/// <summary>
/// A gRPC call refused by authorization gets what gRPC clients read: HTTP 200 with <c>grpc-status</c> 16
/// (UNAUTHENTICATED: no valid token) or 7 (PERMISSION_DENIED) in the trailers, instead of a plain HTTP 401/403 that
/// clients can only guess from. REST requests keep their 401/403 problem bodies.
/// </summary>
public sealed class GrpcAuthorizationResultHandler(Localization.PlatformText text) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if ((!authorizeResult.Challenged && !authorizeResult.Forbidden) || !IsGrpc(context.Request))
            return _default.HandleAsync(next, context, policy, authorizeResult);

        var (status, message) = authorizeResult.Challenged
            ? ("16", "A valid bearer token is required.")
            : ("7", "The caller may not do this.");
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        // the gRPC spec: grpc-message is percent-encoded UTF-8 (the text is translated, so it may be Chinese)
        var encoded = Uri.EscapeDataString(text.Translate(message));
        if (response.SupportsTrailers())
        {
            response.AppendTrailer("grpc-status", status);
            response.AppendTrailer("grpc-message", encoded);
        }
        else
        {
            // a "trailers-only" answer, as gRPC servers write errors before any message
            response.Headers["grpc-status"] = status;
            response.Headers["grpc-message"] = encoded;
        }
        return Task.CompletedTask;
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
