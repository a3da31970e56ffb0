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
}
