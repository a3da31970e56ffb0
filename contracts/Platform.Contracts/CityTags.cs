namespace Longgang.Platform;

/// <summary>
/// 一区五城: the five "cities" the city's plan groups its work into. A tag on livelihood projects, matters and case
/// categories where one is meaningful, carried by their integration events (<c>CityTag</c>), so that the dashboards
/// give figures per tag. The codes are ASCII; the names people read are in the reference data.
/// </summary>
public static class CityTags
{
    /// <summary>活力创新城</summary>
    public const string VibrantInnovation = "VIBRANT_INNOVATION";
    /// <summary>高端产业城</summary>
    public const string AdvancedIndustry = "ADVANCED_INDUSTRY";
    /// <summary>现代智慧城</summary>
    public const string ModernSmart = "MODERN_SMART";
    /// <summary>幸福宜居城</summary>
    public const string HappyLiveable = "HAPPY_LIVEABLE";
    /// <summary>平安善治城</summary>
    public const string SafeGovernance = "SAFE_GOVERNANCE";

    public static IReadOnlyList<string> All { get; } = [VibrantInnovation, AdvancedIndustry, ModernSmart, HappyLiveable, SafeGovernance];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}
