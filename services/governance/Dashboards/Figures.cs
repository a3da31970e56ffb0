namespace Longgang.Governance.Dashboards;

/// <summary>A period of the dashboards: its months (yyyyMM) in order.</summary>
public sealed record Period(string Text, IReadOnlyList<int> Months)
{
    public int First => Months[0];
    public int Last => Months[^1];

    /// <summary>January of the first year: the project list and the vote sit there (see <see cref="Metrics.ProjectCost"/>).</summary>
    public int FirstJanuary => ((First / 100) * 100) + 1;

    /// <summary>2026-05 (a month), 2026-Q2 (a quarter) or 2026 (a year); null when it is none of them.</summary>
    public static Period? Parse(string? text)
    {
        text = text?.Trim() ?? "";
        if (text.Length == 4 && Year(text) is { } year)
        {
            return Span(text, (year * 100) + 1, 12);
        }
        if (text.Length != 7 || text[4] != '-' || Year(text[..4]) is not { } y)
        {
            return null;
        }
        if (text[5] == 'Q')
        {
            return text[6] is >= '1' and <= '4' ? Span(text, (y * 100) + ((text[6] - '1') * 3) + 1, 3) : null;
        }
        return int.TryParse(text[5..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m)
            && m is >= 1 and <= 12 ? Span(text, (y * 100) + m, 1) : null;
    }

    private static int? Year(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100 ? y : null;

    private static Period Span(string text, int first, int count)
    {
        var months = new List<int> { first };
        while (months.Count < count)
        {
            months.Add(Dashboards.Months.Next(months[^1]));
        }
        return new Period(text, months);
    }
}

/// <summary>A figure: a sum of one metric, or a ratio of two (optionally as 1 − ratio), per dimension prefix.</summary>
public sealed record FigureRule(string Name, string Numerator, string? Denominator = null, bool OneMinus = false, params string[] DimensionPrefixes)
{
    public static FigureRule Sum(string metric, params string[] dimensions) => new(metric, metric, null, false, dimensions);

    public static FigureRule Ratio(string name, string numerator, string denominator, params string[] dimensions) =>
        new(name, numerator, denominator, false, dimensions);

    public double Value(long numerator, long denominator) =>
        Denominator is null ? numerator
        : denominator == 0 ? 0
        : Math.Round(OneMinus ? 1 - ((double)numerator / denominator) : (double)numerator / denominator, 4);
}

public sealed record FigureValue(string Name, string Dimension, double Value, IReadOnlyList<(int Month, double Value)> Monthly);

/// <summary>The dashboards' figures, computed from the counters of a period only (no fact is read).</summary>
public static class Figures
{
    public static readonly IReadOnlyList<FigureRule> Cases =
    [
        FigureRule.Sum(Metrics.CasesReported, "grid:", "module:"),
        FigureRule.Sum(Metrics.CasesClosed, "grid:", "module:"),
        FigureRule.Sum(Metrics.CasesOverdue, "grid:", "module:"),
        FigureRule.Sum(Metrics.CasesEscalated, "grid:", "module:"),
        FigureRule.Sum(Metrics.CasesReturned, "module:"),
        FigureRule.Ratio("cases.mean_days_to_close", Metrics.CasesCloseDays, Metrics.CasesCloseDaysKnown),
        FigureRule.Ratio("cases.self_resolution_rate", Metrics.CasesSelfResolved, Metrics.CasesClosed),
        FigureRule.Sum(Metrics.MediationsConcluded),
        FigureRule.Ratio("mediations.success_rate", Metrics.MediationsAgreed, Metrics.MediationsConcluded),
    ];

    public static readonly IReadOnlyList<FigureRule> ServiceHall =
    [
        FigureRule.Sum(Metrics.HallSubmitted),
        FigureRule.Sum(Metrics.HallDecided),
        FigureRule.Sum(Metrics.HallNotAccepted),
        FigureRule.Ratio("hall.on_time_rate", Metrics.HallOnTime, Metrics.HallDecided),
        new("hall.compression_ratio", Metrics.HallElapsedDays, Metrics.HallStatutoryDays, OneMinus: true),
        FigureRule.Ratio("hall.visits_per_application", Metrics.HallVisits, Metrics.HallVisitsKnown),
    ];

    public static readonly IReadOnlyList<FigureRule> Talent =
    [
        FigureRule.Sum(Metrics.TalentApplied, "tier:"),
        FigureRule.Sum(Metrics.TalentCertified, "tier:"),
        FigureRule.Sum(Metrics.TalentHired),
        FigureRule.Sum(Metrics.ClaimsApproved),
        FigureRule.Sum(Metrics.ClaimsPaid),
        FigureRule.Sum(Metrics.ClaimsExpired),
    ];

    public static readonly IReadOnlyList<FigureRule> Livelihood =
    [
        FigureRule.Sum(Metrics.ProjectsProposed),
        FigureRule.Sum(Metrics.ProjectsAdopted),
        FigureRule.Sum(Metrics.ProjectsAdoptedYuan),
        FigureRule.Sum(Metrics.MilestonesDone),
        FigureRule.Sum(Metrics.MilestonesLate),
        FigureRule.Sum(Metrics.DelayRisks),
    ];

    /// <summary>The city's figures per 一区五城 tag (only the tag dimensions; all districts summed beforehand).</summary>
    public static readonly IReadOnlyList<FigureRule> Tags =
    [
        new(Metrics.CasesReported, Metrics.CasesReported, null, false, "tag:") ,
        new(Metrics.CasesClosed, Metrics.CasesClosed, null, false, "tag:"),
        new(Metrics.ApprovalsDecided, Metrics.ApprovalsDecided, null, false, "tag:"),
        new("approvals.compression_ratio", Metrics.ApprovalsElapsedDays, Metrics.ApprovalsStatutoryDays, true, "tag:"),
        new(Metrics.ProjectsAdopted, Metrics.ProjectsAdopted, null, false, "tag:"),
        new(Metrics.ProjectsAdoptedYuan, Metrics.ProjectsAdoptedYuan, null, false, "tag:"),
    ];

    /// <summary>
    /// Each rule's figure for the total (unless the rule names only tag dimensions) and for every dimension with one of its
    /// prefixes that has a counter in the period, with the monthly series over the period's months.
    /// </summary>
    public static List<FigureValue> Compute(IEnumerable<CounterValue> counters, Period period, IEnumerable<FigureRule> rules)
    {
        var inPeriod = counters.Where(c => c.Month >= period.First && c.Month <= period.Last)
            .GroupBy(c => (c.Metric, c.Dimension, c.Month)).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
        var dimensionsOf = inPeriod.Keys.GroupBy(k => k.Metric).ToDictionary(g => g.Key, g => g.Select(k => k.Dimension).Distinct().ToList());
        var figures = new List<FigureValue>();
        foreach (var rule in rules)
        {
            var dimensions = dimensionsOf.GetValueOrDefault(rule.Numerator, [])
                .Concat(rule.Denominator is null ? [] : dimensionsOf.GetValueOrDefault(rule.Denominator, []))
                .Where(d => d.Length > 0 && rule.DimensionPrefixes.Any(d.StartsWith))
                .Distinct().Order(StringComparer.Ordinal).ToList();
            var tagsOnly = rule.DimensionPrefixes is ["tag:"];
            foreach (var dimension in (tagsOnly ? [] : new[] { Dimensions.Total }).Concat(dimensions))
            {
                long At(string? metric, int month) => metric is null ? 0 : inPeriod.GetValueOrDefault((metric, dimension, month));
                var monthly = period.Months.Select(m => (m, rule.Value(At(rule.Numerator, m), At(rule.Denominator, m)))).ToList();
                var value = rule.Value(period.Months.Sum(m => At(rule.Numerator, m)), period.Months.Sum(m => At(rule.Denominator, m)));
                figures.Add(new FigureValue(rule.Name, dimension, value, monthly));
            }
        }
        return figures;
    }
}

/// <summary>A counter's value as the query reads it.</summary>
public readonly record struct CounterValue(string DistrictCode, int Month, string Metric, string Dimension, long Value);
