using Longgang.Platform;

namespace Longgang.Approvals.Tests;

/// <summary>Departments of the seeded matter catalogue that the tests act in.</summary>
internal static class Departments
{
    public const string Market = "dept-market-supervision";
    public const string Housing = "dept-housing-construction";
    public const string Resources = "dept-natural-resources";
    public const string Emergency = "dept-emergency-management";
    public const string Social = "dept-social-affairs";
}

/// <summary>The callers most tests act as; one a single test class needs stays in that class.</summary>
internal static class Callers
{
    /// <summary>The applicant of most applications in the tests.</summary>
    public static readonly Caller Citizen = new("citizen-7", PlatformRoles.Citizen, null, null);
    public static readonly Caller OtherCitizen = new("citizen-8", PlatformRoles.Citizen, null, null);
    public static readonly Caller GridWorker = new("gw-1", PlatformRoles.GridWorker, "district-03", null);
    public static readonly Caller OtherGridWorker = new("gw-2", PlatformRoles.GridWorker, "district-03", null);
    public static readonly Caller CityAdmin = new("admin-1", PlatformRoles.CityAdmin, null, null);

    public static Caller Clerk(string department) => new($"clerk-{department}", PlatformRoles.Clerk, null, department);
}
