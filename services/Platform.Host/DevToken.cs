using Longgang.Platform.Security;

namespace Longgang.Platform.Host;

public sealed record DevTokenRequest(string? Role, string? District, string? Department, string? Subject);

public sealed record DevTokenResponse(string AccessToken, string TokenType, int ExpiresIn);

/// <summary>
/// <c>POST /dev/token</c>: a signed token for any role, so a newcomer can call the API at once. Only the embedded
/// host maps it; a deployed gateway has no such endpoint and its signing key comes from a Secret.
/// </summary>
internal static class DevToken
{
    public static WebApplication MapDevToken(this WebApplication app)
    {
        app.MapPost("/dev/token", (DevTokenRequest? request, IConfiguration configuration, TimeProvider time) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (request?.Role is not { } role || !PlatformRoles.All.Contains(role))
                errors["role"] = [$"Role must be one of: {string.Join(", ", PlatformRoles.All)}."];
            if (request?.District is { Length: > 0 } district && !ReferenceData.IsDistrict(district))
                errors["district"] = [$"Unknown district '{district}'; districts are {ReferenceData.DistrictCodes[0]} … {ReferenceData.DistrictCodes[^1]}."];
            if (request?.Department is { Length: > 0 } department && !ReferenceData.IsDepartment(department))
                errors["department"] = [$"Unknown department '{department}'."];
            if (errors.Count > 0 || request?.Role is null) return Results.ValidationProblem(errors);

            var lifetime = EmbeddedPlatform.DevTokenLifetime;
            var token = JwtSettings.From(configuration).IssueToken(
                string.IsNullOrWhiteSpace(request.Subject) ? $"{request.Role}-1" : request.Subject,
                request.Role, NullIfEmpty(request.District), NullIfEmpty(request.Department), time.GetUtcNow(), lifetime);
            return Results.Ok(new DevTokenResponse(token, "Bearer", (int)lifetime.TotalSeconds));
        }).AllowAnonymous();
        return app;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
