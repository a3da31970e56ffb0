using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Longgang.Platform.Testing;

/// <summary>
/// Lets tests call a gRPC service class directly as a given caller. Grpc.AspNetCore's GetHttpContext()
/// looks the HttpContext up under UserState["__HttpContext"] when the context is not its own,
/// so that is where the caller's claims go.
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
    protected override Metadata RequestHeadersCore { get; } = [];
    protected override CancellationToken CancellationTokenCore => CancellationToken.None;
    protected override Metadata ResponseTrailersCore { get; } = [];
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore { get; } = new(null, new Dictionary<string, List<AuthProperty>>());
    protected override IDictionary<object, object> UserStateCore => _userState;
    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();
    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
