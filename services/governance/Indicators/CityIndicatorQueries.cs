using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Data;
using Longgang.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Indicators;

/// <summary>
/// The city indicators against the 14th five-year plan's targets: for the report rpc and for any view that shows them
/// (the city dashboard). No access check here: the caller of <see cref="ReportAsync"/> has made it.
/// </summary>
public static class CityIndicatorQueries
{
    /// <summary>
    /// Each indicator's actual for <paramref name="year"/> (left out when nobody entered it: missing, not zero) with its
    /// share of the target, and the series of every year entered, oldest first. Names in the caller's language.
    /// </summary>
    public static async Task<CityIndicatorReport> ReportAsync(GovernanceDbContext db, int year, PlatformText text, CancellationToken ct)
    {
        // five indicators with a handful of years each: one small query
        var actuals = (await db.CityIndicatorActuals.AsNoTracking().ToListAsync(ct)).ToLookup(a => a.IndicatorCode);
        var report = new CityIndicatorReport { Year = year, TargetYear = CityIndicator.TargetYear };
        foreach (var indicator in CityIndicator.All)
        {
            var series = actuals[indicator.Code].OrderBy(a => a.Year).ToList();
            var line = new CityIndicatorLine
            {
                IndicatorCode = indicator.Code,
                Name = text.Translate(indicator.Name),
                PerCapita = indicator.PerCapita,
                TargetYuan = indicator.TargetYuan,
                Series = { series.Select(a => new CityIndicatorYear { Year = a.Year, AmountYuan = a.AmountYuan, Source = a.Source }) },
            };
            if (series.FirstOrDefault(a => a.Year == year) is { } actual)
            {
                line.ActualYuan = actual.AmountYuan;
                line.Source = actual.Source;
                line.ShareOfTarget = (double)actual.AmountYuan / indicator.TargetYuan;
            }
            report.Indicators.Add(line);
        }
        return report;
    }
}
