using System.Security.Claims;
using Grpc.Core;
using Longgang.Platform.Errors;

namespace Longgang.Platform.Security;

public static class CallerExtensions
{
    /// <summary>The authenticated caller of a gRPC (or transcoded REST) call.</summary>
    public static Caller GetCaller(this ServerCallContext context) => context.GetHttpContext().User.ToCaller();

    public static Caller ToCaller(this ClaimsPrincipal user)
    {
        var subject = user.FindFirstValue(PlatformClaims.Subject);
        var role = user.FindFirstValue(PlatformClaims.Role);
        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(role))
            throw new ForbiddenException("The token names no subject or role.");
        return new Caller(subject, role, user.FindFirstValue(PlatformClaims.District), user.FindFirstValue(PlatformClaims.Department));
    }
}
