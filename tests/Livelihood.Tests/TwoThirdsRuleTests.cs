using Longgang.Livelihood.Domain;
using Longgang.Platform.Errors;
using static Longgang.Livelihood.Tests.CycleWorld;

namespace Longgang.Livelihood.Tests;

public sealed class TwoThirdsRuleTests
{
    [Theory]
    // capacity 3.0 bn -> 3.3 bn (+300 m): at least 200 m more for livelihood
    [InlineData(2_200_000_000, 2_000_000_000, 3_300_000_000, 3_000_000_000, 200_000_000, 300_000_000, 200_000_000, true)]
    [InlineData(2_199_999_999, 2_000_000_000, 3_300_000_000, 3_000_000_000, 199_999_999, 300_000_000, 200_000_000, false)]
    // +100 yuan capacity: two thirds is 66.67, so 67 is the least whole amount and 66 is short (3 x 66 = 198 < 200)
    [InlineData(1_067, 1_000, 2_100, 2_000, 67, 100, 67, true)]
    [InlineData(1_066, 1_000, 2_100, 2_000, 66, 100, 67, false)]
    // a shrinking capacity (-30): livelihood may shrink by at most two thirds of that (-20)
    [InlineData(980, 1_000, 1_970, 2_000, -20, -30, -20, true)]
    [InlineData(979, 1_000, 1_970, 2_000, -21, -30, -20, false)]
    public void Three_times_the_livelihood_increase_must_reach_twice_the_capacity_increase(
        long livelihood, long previousLivelihood, long capacity, long previousCapacity,
        long livelihoodIncrease, long capacityIncrease, long required, bool complies)
    {
        var check = TwoThirdsRule.Check(new FiscalFigures(livelihood, previousLivelihood, capacity, previousCapacity));

        Assert.Equal((livelihoodIncrease, capacityIncrease, required, complies),
            (check.LivelihoodIncreaseYuan, check.FiscalCapacityIncreaseYuan, check.RequiredLivelihoodIncreaseYuan, check.Complies));
    }

    [Fact]
    public void A_budget_breaking_the_rule_is_refused_with_the_figures()
    {
        var cycle = CycleIn(CyclePhase.CandidateList);

        var error = Assert.Throws<ValidationFailedException>(() => cycle.SetBudget(CompliantBudget with { LivelihoodSpendingYuan = 2_150_000_000 }, ProjectsBudgetYuan));

        Assert.Equal(["livelihoodSpendingYuan"], error.FieldErrors.Keys);
        Assert.Contains("150000000", error.FieldErrors["livelihoodSpendingYuan"]);
        Assert.Contains("300000000", error.FieldErrors["livelihoodSpendingYuan"]);
        Assert.Contains("200000000", error.FieldErrors["livelihoodSpendingYuan"]);
        Assert.Null(cycle.Budget);
    }

    [Fact]
    public void Final_accounts_are_recorded_even_when_they_break_the_rule_and_say_so()
    {
        var cycle = CycleIn(CyclePhase.Implementation);

        var check = cycle.RecordFinalAccounts(new FiscalFigures(2_100_000_000, 2_000_000_000, 3_300_000_000, 3_000_000_000));

        Assert.False(check.Complies);
        Assert.Equal(2_100_000_000, cycle.FinalAccounts!.LivelihoodSpendingYuan);
        Assert.Contains("below", check.Explanation.ToString());
    }

    [Theory]
    [InlineData(0, 0, 10, 0, "livelihoodSpendingYuan")]
    [InlineData(10, -1, 10, 0, "previousLivelihoodSpendingYuan")]
    [InlineData(10, 0, 1_000_000_000_001, 0, "fiscalCapacityYuan")]
    [InlineData(10, 0, 10, -5, "previousFiscalCapacityYuan")]
    [InlineData(20, 0, 10, 0, "livelihoodSpendingYuan")]
    public void Bad_figures_are_named(long livelihood, long previousLivelihood, long capacity, long previousCapacity, string field)
    {
        var error = Assert.Throws<ValidationFailedException>(() => new FiscalFigures(livelihood, previousLivelihood, capacity, previousCapacity).Validate());

        Assert.Equal([field], error.FieldErrors.Keys);
    }
}
