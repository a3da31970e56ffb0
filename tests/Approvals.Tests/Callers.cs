using Longgang.Platform;

namespace Longgang.Approvals.Tests;

/// <summary>Departments of the seeded matter catalogue that the tests act in.</summary>
internal static class Departments
{
    public const string Market = "dept-market-supervision";
    public const string Housing = "dept-housing-construction";
    public const string NaturalResources = "dept-natural-resources";
    public const string Emergency = "dept-emergency-management";
    public const string Social = "dept-social-affairs";
}

/// <summary>
/// The callers most approvals tests act as, built by the shared <see cref="Platform.Testing.Callers"/>; one a single
/// test class needs stays in that class.
/// </summary>
internal static class Callers
{
    /// <summary>The applicant of most applications in the tests.</summary>
    public static readonly Caller Citizen = Platform.Testing.Callers.Citizen("citizen-7");
    public static readonly Caller OtherCitizen = Platform.Testing.Callers.Citizen("citizen-8");
    public static readonly Caller GridWorker = Platform.Testing.Callers.GridWorker("district-03", "gw-1");
    public static readonly Caller OtherGridWorker = Platform.Testing.Callers.GridWorker("district-03", "gw-2");
    public static readonly Caller CityAdmin = Platform.Testing.Callers.CityAdmin("admin-1");

    public static Caller Clerk(string department) => Platform.Testing.Callers.Clerk($"clerk-{department}", department);
}
