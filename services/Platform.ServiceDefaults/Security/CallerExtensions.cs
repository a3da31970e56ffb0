using System.Security.Claims;
using Grpc.Core;
using Longgang.Platform.Errors;

namespace Longgang.Platform.Security;

public static class CallerExtensions
{
    /// <summary>The longest token subject the services record (applicant, submitter, reporter and actor columns are this wide).</summary>
    public const int MaxSubjectLength = 64;

    /// <summary>
    /// The authenticated caller of a gRPC (or transcoded REST) call. A subject too long for the services' columns is
    /// refused here (403) rather than failing the caller's first write (a 500 on PostgreSQL).
    /// </summary>
    public static Caller GetCaller(this ServerCallContext context)
    {
        var caller = context.GetHttpContext().User.ToCaller();
        if (caller.Subject.Length > MaxSubjectLength)
            throw new ForbiddenException("The token's subject is longer than {0} characters, more than the platform records.", MaxSubjectLength);
        return caller;
    }

    public static Caller ToCaller(this ClaimsPrincipal user)
    {
        var subject = user.FindFirstValue(PlatformClaims.Subject);
        var role = user.FindFirstValue(PlatformClaims.Role);
        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(role))
            throw new ForbiddenException("The token names no subject or role.");
        return new Caller(subject, role, user.FindFirstValue(PlatformClaims.District), user.FindFirstValue(PlatformClaims.Department));
    }
}
