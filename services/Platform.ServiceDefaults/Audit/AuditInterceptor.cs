using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Audit;

/// <summary>
/// Records every state-changing call of one gRPC service in its own database's append-only <c>audit_log</c>.
/// By the API's naming convention reads are <c>Get…</c> and <c>List…</c>; everything else changes state.
/// A change that succeeds is recorded by the handler's own save, in the change's transaction
/// (<see cref="PlatformDbContext.AuditWithNextSave"/>): one commit instead of two (issue 19), and the record cannot be
/// lost once the change is stored, nor written for a change that rolled back. Everything else (a refusal, a failed
/// save, a call that saved nothing) is written after the call in a scope of its own, as a failed change leaves the
/// handler's DbContext unusable and a refusal is as much worth recording as a success.
/// </summary>
public sealed partial class AuditInterceptor<TContext>(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditInterceptor<TContext>> logger)
    : Interceptor where TContext : PlatformDbContext
{
    public static bool ChangesState(string method)
    {
        var name = method[(method.LastIndexOf('/') + 1)..];
        return !name.StartsWith("Get", StringComparison.Ordinal) && !name.StartsWith("List", StringComparison.Ordinal);
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!ChangesState(context.Method)) return await continuation(request, context);
        // the handler's own context: the gRPC service is built from the same request scope
        var db = context.GetHttpContext().RequestServices.GetService<TContext>();
        db?.AuditWithNextSave(created => EntryOf(context, IdOf(request) ?? created, "OK"));
        try
        {
            var response = await continuation(request, context);
            if (db?.AuditWritten != true) await RecordAsync(context, IdOf(request) ?? IdOf(response), "OK");
            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // with the database down the entry cannot be written either: trying would only delay the 503
            if (!GrpcErrorInterceptor.IsDatabaseUnavailable(ex)) await RecordAsync(context, IdOf(request), OutcomeOf(ex));
            throw;
        }
    }

    private async Task RecordAsync(ServerCallContext context, string? resourceId, string outcome)
    {
        var entry = EntryOf(context, resourceId, outcome);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            db.AuditLog.Add(entry);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // the change itself has committed (or was refused); failing the response now would make the client
            // retry something that happened. The log line keeps the record for the operators.
            LogAuditWriteFailed(ex, entry.Method, entry.Subject, entry.ResourceId, entry.Outcome);
        }
    }

    private AuditEntry EntryOf(ServerCallContext context, string? resourceId, string outcome)
    {
        var http = context.GetHttpContext();
        var user = http.User;
        return new AuditEntry
        {
            At = clock.GetUtcNow(),
            Subject = Truncate(user.FindFirst(PlatformClaims.Subject)?.Value, 64) ?? "anonymous",
            Role = Truncate(user.FindFirst(PlatformClaims.Role)?.Value, 32) ?? "",
            Method = Truncate(context.Method, 200)!,
            ResourceId = Truncate(resourceId, 100),
            Outcome = outcome,
            ClientAddress = Truncate(ClientAddressOf(http), 100),
            CorrelationId = Truncate(http.Items[CorrelationIdMiddleware.HeaderName] as string, 100),
        };
    }

    /// <summary>The original client: the first X-Forwarded-For hop the gateway added, else the direct peer.</summary>
    internal static string? ClientAddressOf(HttpContext http)
    {
        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString();
        if (!string.IsNullOrWhiteSpace(forwarded)) return forwarded.Split(',')[0].Trim();
        return http.Connection.RemoteIpAddress?.ToString();
    }

    private static string? IdOf(object? message) =>
        message is IMessage m && m.Descriptor.FindFieldByName("id") is { FieldType: Google.Protobuf.Reflection.FieldType.String } field
            ? field.Accessor.GetValue(m) as string is { Length: > 0 } id ? id : null
            : null;

    internal static string OutcomeOf(Exception ex) => ex switch
    {
        ValidationFailedException => nameof(StatusCode.InvalidArgument),
        NotFoundException => nameof(StatusCode.NotFound),
        ConflictException => nameof(StatusCode.FailedPrecondition),
        ForbiddenException => nameof(StatusCode.PermissionDenied),
        RpcException rpc => rpc.StatusCode.ToString(),
        _ => nameof(StatusCode.Internal),
    };

    internal static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit entry for {Method} by {Subject} on {ResourceId} ({Outcome})")]
    private partial void LogAuditWriteFailed(Exception ex, string method, string subject, string? resourceId, string outcome);
}
