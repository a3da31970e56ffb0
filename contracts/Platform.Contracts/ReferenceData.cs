namespace Longgang.Platform;

/// <summary>A place in the city's flat hierarchy: district → community/village → grid.</summary>
public sealed record PlaceRef(string DistrictCode, string? CommunityCode = null, string? GridCode = null);

/// <summary>One of the 15 party and government departments or 6 public institutions.</summary>
public sealed record DepartmentRef(string Code, string Name);

/// <summary>The city's reference data that every service shares: one source, stable codes.</summary>
public static class ReferenceData
{
    public const int DistrictCount = 9;

    /// <summary>District codes <c>district-01</c> … <c>district-09</c>.</summary>
    public static IReadOnlyList<string> DistrictCodes { get; } =
        Enumerable.Range(1, DistrictCount).Select(n => $"district-{n:00}").ToArray();

    public static bool IsDistrict(string? code) => code is not null && DistrictCodes.Contains(code);

    public static IReadOnlyList<DepartmentRef> Departments { get; } =
    [
        new("dept-party-office", "Party Committee Office"),
        new("dept-government-office", "Government Office"),
        new("dept-organisation", "Organisation Department"),
        new("dept-publicity", "Publicity Department"),
        new("dept-political-legal", "Political and Legal Affairs Committee"),
        new("dept-discipline", "Discipline Inspection and Supervision"),
        new("dept-development-reform", "Development and Reform Bureau"),
        new("dept-economic-development", "Economic Development Bureau"),
        new("dept-finance", "Finance Bureau"),
        new("dept-human-resources", "Human Resources and Social Security Bureau"),
        new("dept-natural-resources", "Natural Resources and Planning Bureau"),
        new("dept-housing-construction", "Housing and Urban-Rural Construction Bureau"),
        new("dept-social-affairs", "Social Affairs Bureau"),
        new("dept-emergency-management", "Emergency Management Bureau"),
        new("dept-market-supervision", "Market Supervision Bureau"),
        new("inst-administrative-approval", "Administrative Approval Service Centre"),
        new("inst-grassroots-governance", "Grassroots Governance Centre"),
        new("inst-big-data", "Big Data Centre"),
        new("inst-media", "Media Centre"),
        new("inst-comprehensive-enforcement", "Comprehensive Law Enforcement Centre"),
        new("inst-public-resources-trading", "Public Resources Trading Centre"),
    ];

    public static bool IsDepartment(string? code) => code is not null && Departments.Any(d => d.Code == code);
}
