using System.Data.Common;
using System.Net.Sockets;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Errors;

/// <summary>
/// Maps domain errors to gRPC status codes, with field violations in the rich status for gRPC clients,
/// and leaves the same error in HttpContext.Items so the REST layer can answer with problem details.
/// A database that cannot be reached becomes Unavailable (503): the request may succeed if retried later.
/// Anything unexpected becomes Internal without leaking its message.
/// </summary>
public sealed class GrpcErrorInterceptor(ILogger<GrpcErrorInterceptor> logger, Localization.PlatformText text) : Interceptor
{
    public const string ProblemItemKey = "platform.problem";
    public const string DatabaseUnavailableDetail = "The database is unavailable; retry later.";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (PlatformException ex)
        {
            throw ToRpcException(ex, context);
        }
        catch (RpcException)
        {
            throw;
        }
        catch (Calendar.CalendarYearNotCoveredException ex)
        {
            // every year from 1902 to 2100 is official or provisional; only a date far outside them gets here, and only
            // from what the caller sent (a deadline of today's clocks cannot reach 2101)
            var problem = new PlatformProblem(StatusCodes.Status400BadRequest, "Date outside the calendar", ex.Message, null);
            context.GetHttpContext().Items[ProblemItemKey] = problem;
            throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, text[problem.Detail]));
        }
        catch (Exception ex) when (IsDatabaseUnavailable(ex))
        {
            // an outage, not a bug: 503 tells clients (and gRPC retry policies) to come back; the exception's own
            // message would name the database host, so the body says only what the caller can act on
            logger.LogWarning(ex, "Database unavailable in {Method}", context.Method);
            var problem = new PlatformProblem(StatusCodes.Status503ServiceUnavailable, "Database unavailable", DatabaseUnavailableDetail, null);
            context.GetHttpContext().Items[ProblemItemKey] = problem;
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, text[problem.Detail]));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Unhandled error in {Method}", context.Method);
            var problem = new PlatformProblem(StatusCodes.Status500InternalServerError, "Internal error",
                "The request could not be completed. It has been logged.", null);
            context.GetHttpContext().Items[ProblemItemKey] = problem;
            throw new RpcException(new Grpc.Core.Status(StatusCode.Internal, text[problem.Detail]));
        }
    }

    /// <summary>
    /// A failure that says the database could not be reached or is shutting down, rather than a bug or a refused
    /// statement: a transient <see cref="DbException"/> (Npgsql: connection refused, reset or timed out, the server
    /// shutting down, too many connections; SQLite: busy), one caused by a socket or timeout error, or EF's retry limit.
    /// EF wraps such errors (the Npgsql execution strategy in an InvalidOperationException, SaveChanges in a
    /// DbUpdateException), hence the walk down the inner exceptions.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case OperationCanceledException:
                    return false;
                case RetryLimitExceededException:
                    return true;
                case DbException db when db.IsTransient || HasNetworkCause(db):
                    return true;
            }
        }
        return false;

        static bool HasNetworkCause(Exception db)
        {
            for (var inner = db.InnerException; inner is not null; inner = inner.InnerException)
                if (inner is SocketException or TimeoutException or IOException) return true;
            return false;
        }
    }

    private RpcException ToRpcException(PlatformException ex, ServerCallContext context)
    {
        var (code, problem) = ex switch
        {
            ValidationFailedException v => (Code.InvalidArgument,
                new PlatformProblem(StatusCodes.Status400BadRequest, "Invalid request", ex.Text, v.FieldTexts)),
            NotFoundException => (Code.NotFound,
                new PlatformProblem(StatusCodes.Status404NotFound, "Not found", ex.Text, null)),
            ConflictException => (Code.FailedPrecondition,
                new PlatformProblem(StatusCodes.Status409Conflict, "Conflict", ex.Text, null)),
            ForbiddenException => (Code.PermissionDenied,
                new PlatformProblem(StatusCodes.Status403Forbidden, "Forbidden", ex.Text, null)),
            _ => (Code.Internal, new PlatformProblem(StatusCodes.Status500InternalServerError, "Internal error", ex.Text, null)),
        };
        context.GetHttpContext().Items[ProblemItemKey] = problem;

        var status = new Google.Rpc.Status { Code = (int)code, Message = text[ex.Text] };
        if (ex is ValidationFailedException validation)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(validation.FieldTexts.Select(e =>
                new BadRequest.Types.FieldViolation { Field = e.Key, Description = text[e.Value] }));
            status.Details.Add(Any.Pack(badRequest));
        }
        return status.ToRpcException();
    }
}

/// <summary>What the REST layer needs to write an RFC 9457 problem body; the texts are translated when it is written.</summary>
public sealed record PlatformProblem(int Status, string Title, LocalText Detail, IReadOnlyDictionary<string, LocalText>? FieldErrors);
