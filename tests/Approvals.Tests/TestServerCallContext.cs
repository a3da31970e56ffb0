using System.Security.Claims;
using Grpc.Core;
using Longgang.Platform;
using Microsoft.AspNetCore.Http;

namespace Longgang.Approvals.Tests;

/// <summary>
/// Lets tests call a gRPC service class directly as a given caller. Grpc.AspNetCore's GetHttpContext()
/// reads the HttpContext from UserState["__HttpContext"], so that is where the caller's claims go.
/// </summary>
public sealed class TestServerCallContext : ServerCallContext
{
    private readonly Dictionary<object, object> _userState = new();

    public TestServerCallContext(Caller caller)
    {
        var claims = new List<Claim> { new(PlatformClaims.Subject, caller.Subject), new(PlatformClaims.Role, caller.Role) };
        if (caller.DistrictCode is not null) claims.Add(new(PlatformClaims.District, caller.DistrictCode));
        if (caller.DepartmentCode is not null) claims.Add(new(PlatformClaims.Department, caller.DepartmentCode));
        _userState["__HttpContext"] = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")) };
    }

    protected override string MethodCore => "test";
    protected override string HostCore => "localhost";
    protected override string PeerCore => "test";
    protected override DateTime DeadlineCore => DateTime.MaxValue;
    protected override Metadata RequestHeadersCore => [];
    protected override CancellationToken CancellationTokenCore => CancellationToken.None;
    protected override Metadata ResponseTrailersCore => [];
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore => new(null, new Dictionary<string, List<AuthProperty>>());
    protected override IDictionary<object, object> UserStateCore => _userState;
    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();
    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
