using Longgang.Platform;

namespace Longgang.Governance.Domain;

/// <summary>
/// The time limit, in working days from dispatch, of the categories the grid reports most. Categories are free text
/// (a grid worker types what they see), so one not listed here gets <see cref="DefaultLimitWorkingDays"/>.
/// </summary>
public static class CaseCategories
{
    public const string LicenceFollowUp = "licence follow-up";
    public const int DefaultLimitWorkingDays = 5;

    public static IReadOnlyDictionary<string, int> LimitWorkingDays { get; } =
        new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["safety hazard"] = 1,
            ["litter"] = 2,
            ["blocked drain"] = 3,
            ["unlicensed stall"] = 3,
            ["noise"] = 3,
            ["road damage"] = 5,
            ["neighbour dispute"] = 10,
            [LicenceFollowUp] = 10,
        };

    public static int LimitOf(string category) =>
        LimitWorkingDays.TryGetValue(category.Trim(), out var days) ? days : DefaultLimitWorkingDays;

    /// <summary>
    /// The 一区五城 tag of the categories where one is meaningful: the city's environment and streets make it liveable,
    /// its roads are part of the smart modern city, disputes, hazards and unlicensed trade are about safe governance.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CityTagOf { get; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["safety hazard"] = CityTags.SafeGovernance,
            ["litter"] = CityTags.HappyLiveable,
            ["blocked drain"] = CityTags.HappyLiveable,
            ["unlicensed stall"] = CityTags.SafeGovernance,
            ["noise"] = CityTags.HappyLiveable,
            ["road damage"] = CityTags.ModernSmart,
            ["neighbour dispute"] = CityTags.SafeGovernance,
            [LicenceFollowUp] = CityTags.SafeGovernance,
        };

    /// <summary>The category's 一区五城 tag; null for a category typed in that the list does not know (categories are free text).</summary>
    public static string? CityTag(string category) => CityTagOf.GetValueOrDefault(category.Trim());
}
