using System.Security.Claims;
using Microsoft.Extensions.Configuration;

namespace Longgang.Platform.Security;

/// <summary>
/// Which of an identity provider's claims carry the platform's <c>role</c>, <c>district</c> and <c>department</c>
/// (<c>Jwt:ClaimMap:Role</c>, <c>:District</c>, <c>:Department</c>; each defaults to the platform's own name).
/// </summary>
public sealed record ClaimMap(string Role, string District, string Department)
{
    public static ClaimMap From(IConfiguration section) => new(
        Source(section, "Role", PlatformClaims.Role),
        Source(section, "District", PlatformClaims.District),
        Source(section, "Department", PlatformClaims.Department));

    /// <summary>
    /// The identity with exactly the platform's claims the map names: the provider's own claims of those names are
    /// replaced, so a token cannot carry a platform claim beside the mapped one. A provider sends roles as a list
    /// (often with roles of its own, e.g. <c>offline_access</c>): the first platform role in it is the caller's.
    /// </summary>
    public ClaimsIdentity Apply(ClaimsIdentity identity)
    {
        var role = identity.FindAll(Role).Select(c => c.Value).FirstOrDefault(PlatformRoles.All.Contains);
        var district = identity.FindFirst(District)?.Value;
        var department = identity.FindFirst(Department)?.Value;

        var claims = identity.Claims.Where(c => c.Type is not (PlatformClaims.Role or PlatformClaims.District or PlatformClaims.Department)).ToList();
        if (role is not null) claims.Add(new Claim(PlatformClaims.Role, role));
        if (!string.IsNullOrEmpty(district)) claims.Add(new Claim(PlatformClaims.District, district));
        if (!string.IsNullOrEmpty(department)) claims.Add(new Claim(PlatformClaims.Department, department));
        return new ClaimsIdentity(claims, identity.AuthenticationType, PlatformClaims.Subject, PlatformClaims.Role);
    }

    private static string Source(IConfiguration section, string key, string platformName) =>
        section[key] is { Length: > 0 } name ? name : platformName;
}
