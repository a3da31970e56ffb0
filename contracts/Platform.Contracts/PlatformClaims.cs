namespace Longgang.Platform;

/// <summary>Claim types the gateway and every service read from the JWT.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string District = "district";
    public const string Department = "department";
}

/// <summary>The roles a token can carry. Each scopes what its holder may see and change.</summary>
public static class PlatformRoles
{
    public const string Citizen = "citizen";
    public const string Clerk = "clerk";
    /// <summary>A department's supervisor: sees and reports on everything of their department, acts on none of it.</summary>
    public const string Supervisor = "supervisor";
    public const string GridWorker = "grid-worker";
    public const string DistrictAdmin = "district-admin";
    public const string Deputy = "deputy";
    public const string CityAdmin = "city-admin";
    /// <summary>An employer's account (the token subject is the employer): reviews its staff's talent certifications, posts positions.</summary>
    public const string Employer = "employer";

    public static IReadOnlyList<string> All { get; } = [Citizen, Clerk, Supervisor, GridWorker, DistrictAdmin, Deputy, CityAdmin, Employer];
}
