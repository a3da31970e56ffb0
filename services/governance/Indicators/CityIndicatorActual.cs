using Longgang.Platform;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Indicators;

/// <summary>
/// An indicator's actual for a year, with where it comes from (统计公报, 财政决算, a yearbook): entered by a holder of
/// the statistics role or a city admin. Recording a year again replaces its figure (a bulletin's figure is revised by
/// the next yearbook), keeping who recorded it last.
/// </summary>
public sealed class CityIndicatorActual
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int MaxSourceLength = 200;
    /// <summary>10 trillion yuan: far above the city's GDP, so a larger figure is a typing error.</summary>
    public const long MaxYuan = 10_000_000_000_000;

    public string IndicatorCode { get; private set; } = "";
    public int Year { get; private set; }
    public long AmountYuan { get; private set; }
    public string Source { get; private set; } = "";
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    private CityIndicatorActual() { }

    /// <summary>Checks the figures; the caller's right to enter them is checked before (<see cref="StatisticsAccess"/>).</summary>
    public static CityIndicatorActual Record(CityIndicator indicator, int year, long amountYuan, string? source, Caller caller, DateTimeOffset now)
    {
        var actual = new CityIndicatorActual { IndicatorCode = indicator.Code, Year = year };
        actual.Revise(amountYuan, source, caller, now);
        return actual;
    }

    public void Revise(long amountYuan, string? source, Caller caller, DateTimeOffset now)
    {
        Validate(Year, amountYuan, source);
        AmountYuan = amountYuan;
        Source = TextRules.Normalize(source!.Trim());
        RecordedBy = caller.Subject;
        RecordedAt = now;
    }

    public static void Validate(int year, long amountYuan, string? source) => new Validator()
        .Require(year is >= MinYear and <= MaxYear, "year", "must be between {0} and {1}", MinYear, MaxYear)
        .Require(amountYuan is > 0 and <= MaxYuan, "amountYuan", "must be above 0 and at most {0} yuan", MaxYuan)
        .RequireText(source, "source", MaxSourceLength)
        .ThrowIfInvalid();
}
