using Longgang.Platform.Errors;
using System.Security.Cryptography;
using System.Text;
using Longgang.Platform;

namespace Longgang.Gateway;

/// <summary>
/// <c>Idempotency-Key</c> for POSTs: a client that did not hear the answer (a dropped connection, a timeout) sends the
/// same request with the same key again and gets the first answer instead of a second application.
/// <list type="bullet">
/// <item>A key counts per caller (token subject), method and path; it is at most 100 characters, else 400.</item>
/// <item>The first request runs; a 2xx answer (status, content type, body) is kept for 24 hours and replayed to
/// repeats with <c>Idempotency-Replayed: true</c>.</item>
/// <item>The same key with a different body is a client bug: 422. A repeat while the first is still running: 409.</item>
/// <item>An error answered by the service itself is not kept: the service refused or failed before committing, so the
/// request may be retried with the same key. When the outcome is unknown (the gateway's own 502 or 504, the client
/// hung up), the service may still commit: the claim stays until it expires (<see cref="InFlightFor"/>), and
/// repeats meanwhile get 409.</item>
/// </list>
/// gRPC calls and callers without a token pass through untouched (authentication has already refused anonymous API
/// calls by the time this runs).
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotency-Replayed";
    public const int MaxKeyLength = 100;

    /// <summary>How long a successful response is replayed.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a claim lasts without an answer. Longer than YARP's 100 s request timeout, so a request still in
    /// flight is never run a second time; short, so a gateway that died mid-request does not block the key for a day.
    /// </summary>
    public static readonly TimeSpan InFlightFor = TimeSpan.FromMinutes(2);

    public async Task InvokeAsync(HttpContext context, IIdempotencyStore store)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method)
            || request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true
            || !request.Headers.TryGetValue(HeaderName, out var values)
            || context.User.FindFirst(PlatformClaims.Subject)?.Value is not { Length: > 0 } subject)
        {
            await next(context);
            return;
        }
        if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0]) || values[0]!.Length > MaxKeyLength)
        {
            await GatewayExtensions.WriteProblemAsync(context, StatusCodes.Status400BadRequest, "Invalid request",
                new LocalText("{0}: give one key of 1 to {1} characters.", HeaderName, MaxKeyLength),
                new Dictionary<string, LocalText> { [HeaderName] = new("must be one key of 1 to {0} characters", MaxKeyLength) });
            return;
        }

        // read once for the fingerprint, then again by the proxy (the body is at most Gateway:MaxRequestBodyBytes)
        request.EnableBuffering();
        var fingerprint = Fingerprint(await SHA256.HashDataAsync(request.Body, context.RequestAborted));
        request.Body.Position = 0;
        var key = ScopeKey(subject, request.Method, request.PathBase + request.Path, values[0]!);

        IdempotencyRecord? existing;
        try
        {
            // not cancelled by the client: a claim set in Redis after the client hung up would block its retry
            existing = await store.TryBeginAsync(key, fingerprint, InFlightFor, CancellationToken.None);
        }
        catch (IdempotencyStoreUnavailableException ex)
        {
            // running the request unguarded could execute it twice, which is what the client asked us to prevent
            logger.LogWarning(ex, "Idempotency records are unavailable; refusing a POST that carries {Header}", HeaderName);
            await GatewayExtensions.WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                new LocalText("Requests with an {0} cannot be accepted just now; retry shortly.", HeaderName));
            return;
        }

        if (existing is not null)
        {
            await AnswerRepeatAsync(context, existing, fingerprint);
            return;
        }

        var completed = false;
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
            if (context.Response.StatusCode is >= 200 and < 300)
            {
                var response = new IdempotentResponse(context.Response.StatusCode, context.Response.ContentType, buffer.ToArray());
                await store.CompleteAsync(key, new IdempotencyRecord(fingerprint, response), KeepFor, CancellationToken.None);
                completed = true;
            }
        }
        catch (IdempotencyStoreUnavailableException ex)
        {
            // the request has run: its answer goes out; a repeat finds the claim until it expires, then runs again
            logger.LogWarning(ex, "Could not store the response for an {Header}", HeaderName);
            completed = true;
        }
        finally
        {
            context.Response.Body = original;
            if (!completed && AnsweredByTheService(context)) await ReleaseQuietlyAsync(store, key);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>
    /// Whether the error came from the service (so it did not commit), as opposed to the proxy failing to reach it or
    /// to hear its answer, or the client going away: then the service may have done the work.
    /// </summary>
    private static bool AnsweredByTheService(HttpContext context) =>
        context.Features.Get<Yarp.ReverseProxy.Forwarder.IForwarderErrorFeature>() is null && !context.RequestAborted.IsCancellationRequested;

    /// <summary>The store key: caller, method, path and the client's key, hashed to a fixed length free of separators.</summary>
    public static string ScopeKey(string subject, string method, string path, string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', subject, method.ToUpperInvariant(), path, idempotencyKey))));

    /// <summary>What identifies "the same request" for a key: its body.</summary>
    public static string Fingerprint(byte[] bodySha256) => Convert.ToBase64String(bodySha256);

    private static async Task AnswerRepeatAsync(HttpContext context, IdempotencyRecord existing, string fingerprint)
    {
        if (existing.Fingerprint != fingerprint)
        {
            await GatewayExtensions.WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                new LocalText("This {0} was used for a request with a different body; use a new key for a new request.", HeaderName));
            return;
        }
        if (existing.Response is not { } response)
        {
            context.Response.Headers.RetryAfter = "1";
            await GatewayExtensions.WriteProblemAsync(context, StatusCodes.Status409Conflict, "Request in progress",
                new LocalText("A request with this {0} is still being processed; retry to get its answer.", HeaderName));
            return;
        }
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Body.Length;
        context.Response.Headers[ReplayedHeaderName] = "true";
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    private async Task ReleaseQuietlyAsync(IIdempotencyStore store, string key)
    {
        try
        {
            await store.ReleaseAsync(key, CancellationToken.None);
        }
        catch (IdempotencyStoreUnavailableException ex)
        {
            // the claim expires by itself after InFlightFor; until then a retry gets a 409
            logger.LogWarning(ex, "Could not release an {Header} claim", HeaderName);
        }
    }
}
