using Longgang.Platform.Errors;

namespace Longgang.Livelihood.Domain;

/// <summary>
/// A year's fiscal figures in yuan: this year's livelihood spending (the budget, or the actual at final accounts) and
/// fiscal capacity, with last year's, from which the increases are taken.
/// </summary>
public sealed record FiscalFigures(
    long LivelihoodSpendingYuan,
    long PreviousLivelihoodSpendingYuan,
    long FiscalCapacityYuan,
    long PreviousFiscalCapacityYuan)
{
    /// <summary>1 trillion yuan: far above the city's budget, so a larger figure is a typing error.</summary>
    public const long MaxYuan = 1_000_000_000_000;

    public long LivelihoodIncreaseYuan => LivelihoodSpendingYuan - PreviousLivelihoodSpendingYuan;
    public long FiscalCapacityIncreaseYuan => FiscalCapacityYuan - PreviousFiscalCapacityYuan;

    public void Validate() => new Validator()
        .Require(LivelihoodSpendingYuan is > 0 and <= MaxYuan, "livelihoodSpendingYuan", "must be above 0 and at most {0} yuan", MaxYuan)
        .Require(PreviousLivelihoodSpendingYuan is >= 0 and <= MaxYuan, "previousLivelihoodSpendingYuan", "must be between 0 and {0} yuan", MaxYuan)
        .Require(FiscalCapacityYuan is > 0 and <= MaxYuan, "fiscalCapacityYuan", "must be above 0 and at most {0} yuan", MaxYuan)
        .Require(PreviousFiscalCapacityYuan is >= 0 and <= MaxYuan, "previousFiscalCapacityYuan", "must be between 0 and {0} yuan", MaxYuan)
        .Require(LivelihoodSpendingYuan <= FiscalCapacityYuan, "livelihoodSpendingYuan", "must not exceed the fiscal capacity")
        .ThrowIfInvalid();
}

/// <summary>The ⅔ rule's verdict with the figures it was computed from.</summary>
public sealed record TwoThirdsCheck(long LivelihoodIncreaseYuan, long FiscalCapacityIncreaseYuan, long RequiredLivelihoodIncreaseYuan, bool Complies)
{
    public LocalText Explanation => new(
        "the livelihood increase of {0} yuan is {1} two thirds of the fiscal-capacity increase of {2} yuan (at least {3} yuan required)",
        LivelihoodIncreaseYuan, new LocalText(Complies ? "at least" : "below"), FiscalCapacityIncreaseYuan, RequiredLivelihoodIncreaseYuan);
}

/// <summary>
/// At least two thirds of each year's new public fiscal capacity goes to people's livelihood: the increase in
/// livelihood spending L and the increase in fiscal capacity F must satisfy 3L ≥ 2F, compared exactly in integers.
/// </summary>
public static class TwoThirdsRule
{
    public static TwoThirdsCheck Check(FiscalFigures figures)
    {
        long livelihood = figures.LivelihoodIncreaseYuan, capacity = figures.FiscalCapacityIncreaseYuan;
        // figures are at most 10^12 yuan, so 3L and 2F fit a long with room to spare
        return new TwoThirdsCheck(livelihood, capacity, CeilingOfTwoThirds(capacity), 3 * livelihood >= 2 * capacity);
    }

    /// <summary>The smallest whole-yuan L with 3L ≥ 2F. Integer division truncates towards zero, which is the ceiling below zero.</summary>
    private static long CeilingOfTwoThirds(long capacity)
    {
        var twice = 2 * capacity;
        return twice >= 0 ? (twice + 2) / 3 : twice / 3;
    }
}
