using System.Security.Claims;
using Grpc.Core;
using Longgang.Platform;
using Microsoft.AspNetCore.Http;

namespace Longgang.Talent.Tests;

/// <summary>
/// A call context for invoking the gRPC service class directly. Grpc.AspNetCore finds the HttpContext (and so the
/// caller's claims) under the "__HttpContext" user-state key when the context is not its own.
/// </summary>
internal sealed class TestCallContext : ServerCallContext
{
    private TestCallContext(HttpContext httpContext) => UserState["__HttpContext"] = httpContext;

    public static TestCallContext For(Caller caller)
    {
        List<Claim> claims = [new(PlatformClaims.Subject, caller.Subject), new(PlatformClaims.Role, caller.Role)];
        if (caller.DistrictCode is not null) claims.Add(new(PlatformClaims.District, caller.DistrictCode));
        if (caller.DepartmentCode is not null) claims.Add(new(PlatformClaims.Department, caller.DepartmentCode));
        return new TestCallContext(new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")) });
    }

    protected override string MethodCore => "test";
    protected override string HostCore => "localhost";
    protected override string PeerCore => "test";
    protected override DateTime DeadlineCore => DateTime.MaxValue;
    protected override Metadata RequestHeadersCore { get; } = new();
    protected override CancellationToken CancellationTokenCore => TestContext.Current.CancellationToken;
    protected override Metadata ResponseTrailersCore { get; } = new();
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore { get; } = new(null, new Dictionary<string, List<AuthProperty>>());

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
