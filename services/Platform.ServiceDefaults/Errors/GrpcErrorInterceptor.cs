using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Errors;

/// <summary>
/// Maps domain errors to gRPC status codes, with field violations in the rich status for gRPC clients,
/// and leaves the same error in HttpContext.Items so the REST layer can answer with problem details.
/// Anything unexpected becomes Internal without leaking its message.
/// </summary>
public sealed class GrpcErrorInterceptor(ILogger<GrpcErrorInterceptor> logger) : Interceptor
{
    public const string ProblemItemKey = "platform.problem";

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
            // a deployment without next year's holidays: say so plainly (503) rather than compute a wrong deadline
            logger.LogError(ex, "Working-day calendar is missing a year in {Method}", context.Method);
            var problem = new PlatformProblem(StatusCodes.Status503ServiceUnavailable, "Calendar not available", ex.Message, null);
            context.GetHttpContext().Items[ProblemItemKey] = problem;
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, ex.Message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Unhandled error in {Method}", context.Method);
            var problem = new PlatformProblem(StatusCodes.Status500InternalServerError, "Internal error",
                "The request could not be completed. It has been logged.", null);
            context.GetHttpContext().Items[ProblemItemKey] = problem;
            throw new RpcException(new Grpc.Core.Status(StatusCode.Internal, problem.Detail));
        }
    }

    private static RpcException ToRpcException(PlatformException ex, ServerCallContext context)
    {
        var (code, problem) = ex switch
        {
            ValidationFailedException v => (Code.InvalidArgument,
                new PlatformProblem(StatusCodes.Status400BadRequest, "Invalid request", ex.Message, v.FieldErrors)),
            NotFoundException => (Code.NotFound,
                new PlatformProblem(StatusCodes.Status404NotFound, "Not found", ex.Message, null)),
            ConflictException => (Code.FailedPrecondition,
                new PlatformProblem(StatusCodes.Status409Conflict, "Conflict", ex.Message, null)),
            ForbiddenException => (Code.PermissionDenied,
                new PlatformProblem(StatusCodes.Status403Forbidden, "Forbidden", ex.Message, null)),
            _ => (Code.Internal, new PlatformProblem(StatusCodes.Status500InternalServerError, "Internal error", ex.Message, null)),
        };
        context.GetHttpContext().Items[ProblemItemKey] = problem;

        var status = new Google.Rpc.Status { Code = (int)code, Message = ex.Message };
        if (ex is ValidationFailedException validation)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(validation.FieldErrors.Select(e =>
                new BadRequest.Types.FieldViolation { Field = e.Key, Description = e.Value }));
            status.Details.Add(Any.Pack(badRequest));
        }
        return status.ToRpcException();
    }
}

/// <summary>What the REST layer needs to write an RFC 9457 problem body.</summary>
public sealed record PlatformProblem(int Status, string Title, string Detail, IReadOnlyDictionary<string, string>? FieldErrors);
