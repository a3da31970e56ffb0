namespace Longgang.Platform.Audit;

/// <summary>
/// One state-changing request as a service saw it: who (token subject and role), what (RPC and the resource it
/// named or created, and how it ended), when, and from where (the client address the gateway forwarded).
/// Refused requests are recorded too: an attempt on a foreign district's case is exactly what an auditor looks for.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string Subject { get; init; } = "";
    public string Role { get; init; } = "";
    /// <summary>The gRPC method, e.g. <c>/longgang.approvals.v1.ApprovalsService/AcceptApplication</c>.</summary>
    public string Method { get; init; } = "";
    /// <summary>The resource id the request named, or the one it created; null when neither has an id.</summary>
    public string? ResourceId { get; init; }
    /// <summary>The gRPC status the request ended with (OK, InvalidArgument, PermissionDenied, FailedPrecondition, ...).</summary>
    public string Outcome { get; init; } = "";
    public string? ClientAddress { get; init; }
    public string? CorrelationId { get; init; }
}
