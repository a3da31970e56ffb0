namespace Longgang.Governance.Indicators;

/// <summary>
/// A figure the city is judged on, with its target for the end of the 14th five-year plan (2025), from the seed.
/// <see cref="Name"/> is English, translated at the boundary; amounts are whole yuan (per person where
/// <see cref="PerCapita"/>).
/// </summary>
public sealed record CityIndicator(string Code, string Name, bool PerCapita, long TargetYuan)
{
    /// <summary>The year the 14th five-year plan's targets are for.</summary>
    public const int TargetYear = 2025;

    public static readonly CityIndicator Gdp = new("gdp", "Gross domestic product", false, 50_000_000_000);
    public static readonly CityIndicator FiscalRevenue = new("fiscal-revenue", "Total fiscal revenue", false, 5_000_000_000);
    public static readonly CityIndicator GeneralBudgetRevenue = new("general-budget-revenue", "General public budget revenue", false, 3_000_000_000);
    public static readonly CityIndicator UrbanIncome = new("urban-disposable-income", "Urban per-capita disposable income", true, 100_000);
    public static readonly CityIndicator RuralIncome = new("rural-disposable-income", "Rural per-capita disposable income", true, 60_000);

    /// <summary>Every indicator, in the order a report shows them.</summary>
    public static IReadOnlyList<CityIndicator> All { get; } = [Gdp, FiscalRevenue, GeneralBudgetRevenue, UrbanIncome, RuralIncome];

    public static CityIndicator? Find(string? code) => All.FirstOrDefault(i => i.Code == code);
}
