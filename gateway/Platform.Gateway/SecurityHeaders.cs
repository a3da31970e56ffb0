namespace Longgang.Gateway;

/// <summary>
/// Security headers on every response of the gateway: proxied answers, the gateway's own errors, the OpenAPI
/// document and the <c>/docs</c> page. Set when the response starts, so whatever wrote the response (YARP, the
/// status-code pages, the rate limiter, the exception handler) cannot forget them.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>The API only ever answers JSON: nothing in a response may load, run, frame or be framed.</summary>
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// The Scalar reference page at <c>/docs</c> serves its scripts itself (no CDN), but starts them with an inline
    /// module script that Scalar.AspNetCore generates, and the page styles itself with inline styles: hence
    /// <c>'unsafe-inline'</c> for scripts and styles on <c>/docs</c> only. It reads the OpenAPI document and sends
    /// "try it" requests to this origin (<c>connect-src 'self'</c>); no user input is rendered into that page.
    /// </summary>
    public const string DocsContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            Apply(context);
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>Sets the headers on the response (called as it starts).</summary>
    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(GatewayExtensions.DocsPath)
            ? DocsContentSecurityPolicy
            : ApiContentSecurityPolicy;
        // only over HTTPS (RFC 6797 §7.2: ignored on plain HTTP anyway). Behind a TLS-terminating ingress the
        // request arrives as HTTP, and the ingress is the place that sets it.
        if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
        // the gateway's own Kestrel sends no Server header (AddServerHeader = false), but proxied responses carry the
        // services' ones: what software answers is no business of the caller's
        headers.Remove("Server");
        headers.Remove("X-Powered-By");
    }
}

/// <summary>
/// Puts the security headers and a last-resort exception handler in front of everything else in the pipeline
/// (correlation ids, CORS, authentication), so even a response that never reaches the gateway's own middleware has
/// them, and an unexpected exception is a 500 problem body rather than an empty response.
/// </summary>
internal sealed class SecurityHeadersFirstStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // with AddProblemDetails registered (ServiceDefaults) this writes application/problem+json, never the exception.
        // Kestrel's own refusals surface as BadHttpRequestException where middleware reads the body (a chunked body
        // over the limit while the Idempotency-Key is computed is a 413): they keep their status, not a 500
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        next(app);
    };
}
